#!/usr/bin/python3
"""Render a 3D porous polycrystal written by exsolve as a PNG, one colour per grain.

  /usr/bin/python3 scripts/render_microstructure.py RUN_DIR picture.png [--title TEXT]
  /usr/bin/python3 scripts/render_microstructure.py --exsolve build/exsolve \
      --prm parameter_files/examples/porous_electrode_3d.prm picture.png

RUN_DIR is the Output/Directory of a Physics/Model = microstructure run
(microstructure.pvtu and its .vtu pieces, cell field grain_id). With
--exsolve the script first runs exsolve on --prm (extra --set options after
--) into a temporary directory. Only the boundary faces of the solid are
drawn (pore walls and the cuts by the sample faces), coloured by grain and
shaded by their normal, with matplotlib's Agg backend (no display needed).
The VTU reader (exsolve_vtu.py) handles what deal.II writes: ASCII or
base64 binary, optionally zlib-compressed, UInt32 or UInt64 headers. Exit 0
on success, 2 if the run directory or its fields are missing or malformed.
"""
import argparse, os, subprocess, sys, tempfile, zlib
import xml.etree.ElementTree as ET

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from mpl_toolkits.mplot3d.art3d import Poly3DCollection  # noqa: E402

sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import exsolve_vtu  # noqa: E402
from exsolve_vtu import VtuError  # noqa: E402

# The six faces of a VTK hexahedron (type 12), outward for positive cells.
HEX_FACES = ((0, 3, 2, 1), (4, 5, 6, 7), (0, 1, 5, 4),
             (1, 2, 6, 5), (2, 3, 7, 6), (3, 0, 4, 7))


def read_piece(path):
    """Points (n, 3), connectivity (cells, 8) and grain ids of one .vtu."""
    piece = exsolve_vtu.read_piece(path)
    grain = piece.point_data.get("grain_id", piece.cell_data.get("grain_id"))
    if grain is None or "types" not in piece.cells:
        raise VtuError(f"{path}: no types or grain_id array")
    if not np.all(piece.cells["types"] == 12):
        raise VtuError(f"{path}: not a hexahedral (3D) mesh")
    points = piece.points
    cells = piece.cells["connectivity"].reshape(-1, 8)
    # DataOut writes cell data as point data, constant on each cell's patch.
    if len(grain) == len(points):
        grain = grain[cells[:, 0]]
    elif len(grain) != len(cells):
        raise VtuError(f"{path}: grain_id has {len(grain)} values")
    return points, cells, grain


def read_run(directory):
    """All pieces of microstructure.pvtu in a run directory."""
    record = os.path.join(directory, "microstructure.pvtu")
    if not os.path.isfile(record):
        raise VtuError(f"{record} does not exist")
    pieces = [p.attrib["Source"] for p in ET.parse(record).getroot().iter("Piece")]
    points, cells, grains = [], [], []
    offset = 0
    for piece in pieces:
        p, c, g = read_piece(os.path.join(directory, piece))
        points.append(p)
        cells.append(c + offset)
        grains.append(g)
        offset += len(p)
    return np.vstack(points), np.vstack(cells), np.concatenate(grains)


def boundary_faces(points, cells, grains):
    """Faces of the solid that belong to one cell only, with their grain."""
    scale = np.ptp(points, axis=0).max()
    keys = np.round(points / (1e-6 * scale)).astype(np.int64)
    seen = {}
    for c, cell in enumerate(cells):
        for face in HEX_FACES:
            ids = cell[list(face)]
            key = tuple(sorted(map(tuple, keys[ids])))
            if key in seen:
                seen[key] = None
            else:
                seen[key] = (ids, grains[c])
    return [v for v in seen.values() if v is not None]


def render(directory, png, title):
    points, cells, grains = read_run(directory)
    faces = boundary_faces(points, cells, grains)
    if not faces:
        raise VtuError(f"{directory}: no cells")
    polygons = np.array([points[ids] for ids, _ in faces])
    grain = np.array([g for _, g in faces]).astype(int)
    # Distinct, reproducible colours per grain; shading by the face normal.
    palette = plt.get_cmap("tab20")(np.arange(20))[:, :3]
    base = palette[(grain * 7) % 20]
    normals = np.cross(polygons[:, 2] - polygons[:, 0],
                       polygons[:, 3] - polygons[:, 1])
    normals /= np.maximum(np.linalg.norm(normals, axis=1, keepdims=True), 1e-30)
    light = np.array([0.4, -0.5, 0.75])
    light /= np.linalg.norm(light)
    shade = 0.45 + 0.55 * np.abs(normals @ light)
    colours = np.clip(base * shade[:, None], 0, 1)

    figure = plt.figure(figsize=(5.2, 5.2), dpi=110)
    axes = figure.add_subplot(projection="3d")
    # Edges in the face colour close the antialiasing seams between faces.
    collection = Poly3DCollection(polygons, facecolors=colours,
                                  edgecolors=colours, linewidths=0.3)
    axes.add_collection3d(collection)
    lo, hi = points.min(axis=0), points.max(axis=0)
    axes.set_xlim(lo[0], hi[0])
    axes.set_ylim(lo[1], hi[1])
    axes.set_zlim(lo[2], hi[2])
    try:
        axes.set_box_aspect(hi - lo)
    except AttributeError:  # matplotlib < 3.3
        pass
    axes.view_init(elev=24, azim=-58)
    axes.set_xlabel("x [nm]")
    axes.set_ylabel("y [nm]")
    axes.set_zlabel("z [nm]")
    axes.set_title(title or f"{len(set(grain))} grains, {len(cells)} cells", fontsize=10)
    figure.tight_layout()
    figure.savefig(png)
    plt.close(figure)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+", help="[RUN_DIR] PNG")
    ap.add_argument("--exsolve", help="run this exsolve on --prm first")
    ap.add_argument("--prm", help="parameter file for --exsolve")
    ap.add_argument("--set", action="append", default=[],
                    help="'Section/Entry=value' passed to exsolve")
    ap.add_argument("--title", default="")
    a = ap.parse_args()
    if a.exsolve:
        if len(a.paths) != 1 or not a.prm:
            ap.error("with --exsolve give --prm and only the PNG")
        png = a.paths[0]
        work = tempfile.mkdtemp(prefix="render_microstructure_")
        directory = os.path.join(work, "run")
        command = [a.exsolve, a.prm, "--set", f"Output/Directory={directory}"]
        for s in a.set:
            command += ["--set", s]
        r = subprocess.run(command, capture_output=True, text=True)
        if r.returncode != 0:
            print(r.stdout, r.stderr, file=sys.stderr)
            return 2
    else:
        if len(a.paths) != 2:
            ap.error("give RUN_DIR and PNG")
        directory, png = a.paths
    try:
        render(directory, png, a.title)
    except (VtuError, ET.ParseError, KeyError, ValueError, zlib.error) as e:
        print(f"render_microstructure: {e}", file=sys.stderr)
        return 2
    print(f"wrote {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
