#!/usr/bin/python3
"""Plot a scalar field of an exsolve output (VTU/PVTU written by deal.II) as
a PNG with matplotlib: a colour map of a 2D field, or a profile of a 1D one,
optionally with a profile along a horizontal line of a 2D field.

    scripts/plot_fields.py results/grain_boundary_2d/solution-0001.pvtu \
        --field phi --output doc/images/bicrystal_2d.png \
        [--title "..."] [--profile-y 10] [--zoom x0 x1 y0 y1]

Reads deal.II's zlib-compressed binary or ASCII DataArrays (numpy only, no
VTK); every piece of a .pvtu is read. Cells are split into triangles for
matplotlib's tripcolor, so higher-order output (subdivided patches) shows
as it was written.
"""
import argparse, base64, os, struct, sys, zlib
import xml.etree.ElementTree as ET

import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import matplotlib.tri as mtri

TYPES = {"Float32": "<f4", "Float64": "<f8", "Int32": "<i4", "Int64": "<i8",
         "UInt8": "<u1", "UInt32": "<u4", "UInt64": "<u8"}


def decode(array, compressed):
    dtype = np.dtype(TYPES[array.get("type")])
    text = "".join(array.text.split())
    if array.get("format") == "ascii":
        return np.array(text and array.text.split(), dtype=dtype)
    if not compressed:
        raw = base64.b64decode(text)
        return np.frombuffer(raw[4:], dtype=dtype)
    # Header of uint32: blocks, block size, last block size, compressed
    # sizes; base64 encoded on its own, then the zlib blocks.
    blocks = struct.unpack("<I", base64.b64decode(text[:8])[:4])[0]
    header_chars = 4 * ((4 * (3 + blocks) + 2) // 3)
    header = struct.unpack(f"<{3 + blocks}I", base64.b64decode(text[:header_chars]))
    data = base64.b64decode(text[header_chars:])
    out, start = [], 0
    for size in header[3:]:
        out.append(zlib.decompress(data[start:start + size]))
        start += size
    return np.frombuffer(b"".join(out), dtype=dtype)


def read_vtu(path):
    root = ET.parse(path).getroot()
    compressed = root.get("compressor") is not None
    piece = root.find("UnstructuredGrid/Piece")
    points = decode(piece.find("Points/DataArray"), compressed).reshape(-1, 3)
    cells = {a.get("Name"): decode(a, compressed) for a in piece.find("Cells")}
    fields = {a.get("Name"): decode(a, compressed)
              for a in piece.find("PointData")}
    return points, cells, fields


def read(path):
    if not path.endswith(".pvtu"):
        return [read_vtu(path)]
    root = ET.parse(path).getroot()
    directory = os.path.dirname(path)
    return [read_vtu(os.path.join(directory, p.get("Source")))
            for p in root.iter("Piece")]


def triangles(cells):
    connectivity, offsets = cells["connectivity"], cells["offsets"]
    result, start = [], 0
    for end in offsets:
        c = connectivity[start:end]
        if len(c) == 4:  # VTK quad 0 1 2 3 (counter-clockwise)
            result += [[c[0], c[1], c[2]], [c[0], c[2], c[3]]]
        elif len(c) == 3:
            result.append(list(c))
        start = end
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("file")
    p.add_argument("--field", default="phi")
    p.add_argument("--output", required=True)
    p.add_argument("--title", default="")
    p.add_argument("--label", default="")
    p.add_argument("--profile-y", type=float)
    p.add_argument("--zoom", type=float, nargs=4)
    a = p.parse_args()
    pieces = read(a.file)
    xs, ys, vs, tris, offset = [], [], [], [], 0
    for points, cells, fields in pieces:
        if a.field not in fields:
            sys.exit(f"plot_fields: no field '{a.field}' (fields: {', '.join(fields)})")
        xs.append(points[:, 0]); ys.append(points[:, 1]); vs.append(fields[a.field])
        tris += [[i + offset for i in t] for t in triangles(cells)]
        offset += len(points)
    x, y, v = np.concatenate(xs), np.concatenate(ys), np.concatenate(vs)
    label = a.label or a.field
    one_d = np.ptp(y) == 0
    panels = 1 if one_d or a.profile_y is None else 2
    fig, axes = plt.subplots(panels, 1, figsize=(7, 3.2 * panels), squeeze=False)
    if one_d:
        order = np.argsort(x)
        axes[0, 0].plot(x[order], v[order])
        axes[0, 0].set_xlabel("x [nm]"); axes[0, 0].set_ylabel(label)
    else:
        ax = axes[0, 0]
        t = mtri.Triangulation(x, y, tris)
        image = ax.tripcolor(t, v, shading="gouraud", cmap="viridis")
        fig.colorbar(image, ax=ax, label=label)
        ax.set_aspect("equal"); ax.set_xlabel("x [nm]"); ax.set_ylabel("y [nm]")
        if a.zoom:
            ax.set_xlim(a.zoom[0], a.zoom[1]); ax.set_ylim(a.zoom[2], a.zoom[3])
        if a.profile_y is not None:
            near = np.abs(y - a.profile_y) <= 1e-6 * max(1.0, np.ptp(y))
            order = np.argsort(x[near])
            axes[1, 0].plot(x[near][order], v[near][order])
            axes[1, 0].set_xlabel("x [nm]")
            axes[1, 0].set_ylabel(f"{label} at y = {a.profile_y:g} nm")
            if a.zoom:
                axes[1, 0].set_xlim(a.zoom[0], a.zoom[1])
    if a.title:
        fig.suptitle(a.title)
    fig.tight_layout()
    fig.savefig(a.output, dpi=110)
    print(f"plot_fields: wrote {a.output}")


if __name__ == "__main__":
    main()
