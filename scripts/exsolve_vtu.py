"""Read the VTU/PVTU/PVD files exsolve writes (through deal.II) with numpy
only, so that the plotting scripts need neither VTK nor ParaView.

deal.II writes XML UnstructuredGrid files whose DataArrays are ASCII, base64
binary, or base64 binary compressed with zlib (the default), with UInt32 or
UInt64 block headers; a .pvtu names one .vtu piece per rank, and
solution.pvd lists the output files with their times. Each cell is written
with its own copies of its vertices (patches), so the pieces can simply be
concatenated.

    import exsolve_vtu
    piece = exsolve_vtu.merged(exsolve_vtu.read("solution-0001.pvtu"))
    piece.points, piece.cells["connectivity"], piece.point_data["phi"]
"""
import base64, collections, os, struct, zlib
import xml.etree.ElementTree as ET

import numpy as np

TYPES = {"Float32": "<f4", "Float64": "<f8", "Int32": "<i4", "Int64": "<i8",
         "UInt8": "<u1", "UInt32": "<u4", "UInt64": "<u8"}

# Simplices of the VTK cell types deal.II writes, as vertex indices into the
# cell: a field linear on each simplex is what the files' patches represent.
# The hexahedron (type 12, VTK order: bottom face 0-3, top face 4-7) is cut
# into six tetrahedra around its diagonal 0-6 (Kuhn), which tile any
# parallelepiped without gaps.
SIMPLICES = {
    3: ((0, 1),),                                   # line
    5: ((0, 1, 2),),                                # triangle
    9: ((0, 1, 2), (0, 2, 3)),                      # quadrilateral
    10: ((0, 1, 2, 3),),                            # tetrahedron
    12: ((0, 1, 2, 6), (0, 2, 3, 6), (0, 3, 7, 6),  # hexahedron
         (0, 7, 4, 6), (0, 4, 5, 6), (0, 5, 1, 6)),
}
VERTICES = {3: 2, 5: 3, 9: 4, 10: 4, 12: 8}

Piece = collections.namedtuple("Piece", "points cells point_data cell_data")


class VtuError(Exception):
    """A missing or malformed VTU, PVTU or PVD file."""


def decode(array, compressed, header="<u4"):
    """The values of one DataArray element (ASCII or base64 binary, zlib-
    compressed or not; header is the dtype of the block header)."""
    dtype = np.dtype(TYPES[array.get("type")])
    if array.get("format") == "ascii":
        return np.array((array.text or "").split(), dtype=dtype)
    text = "".join((array.text or "").split())
    size = np.dtype(header).itemsize
    if not compressed:
        return np.frombuffer(base64.b64decode(text)[size:], dtype=dtype)
    # deal.II writes the block header (blocks, block size, last block size,
    # compressed sizes) and the zlib blocks as two separately padded base64
    # strings, so the header's length must be computed from its first word.
    first = base64.b64decode(text[:8])
    blocks = struct.unpack("<Q" if size == 8 else "<I", first[:size])[0]
    header_chars = 4 * -(-((3 + blocks) * size) // 3)
    sizes = np.frombuffer(base64.b64decode(text[:header_chars]), dtype=header)
    data = base64.b64decode(text[header_chars:])
    out, start = [], 0
    for length in sizes[3:3 + blocks]:
        out.append(zlib.decompress(data[start:start + int(length)]))
        start += int(length)
    return np.frombuffer(b"".join(out), dtype=dtype)


def _arrays(piece, section, compressed, header):
    """{name: values} of the DataArrays under one section of a Piece."""
    node = piece.find(section)
    if node is None:
        return {}
    return {a.get("Name", section): decode(a, compressed, header)
            for a in node.iter("DataArray")}


def read_piece(path):
    """One .vtu file as a Piece: points (n, 3) float, cells {connectivity,
    offsets, types}, point_data and cell_data {name: values}."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        raise VtuError(f"cannot read {path}: {e}")
    piece = root.find("UnstructuredGrid/Piece")
    if piece is None:
        raise VtuError(f"{path}: no UnstructuredGrid piece")
    compressed = root.get("compressor") is not None
    header = TYPES[root.get("header_type", "UInt32")]
    try:
        points = _arrays(piece, "Points", compressed, header)
        cells = _arrays(piece, "Cells", compressed, header)
        point_data = _arrays(piece, "PointData", compressed, header)
        cell_data = _arrays(piece, "CellData", compressed, header)
    except (KeyError, ValueError, struct.error, zlib.error) as e:
        raise VtuError(f"{path}: malformed DataArray ({e})")
    if len(points) != 1 or not {"connectivity", "offsets"} <= set(cells):
        raise VtuError(f"{path}: no points or no cell connectivity")
    return Piece(next(iter(points.values())).reshape(-1, 3).astype(float),
                 cells, point_data, cell_data)


def read(path):
    """All pieces of a .pvtu (in rank order), or the one piece of a .vtu."""
    if not path.endswith(".pvtu"):
        return [read_piece(path)]
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        raise VtuError(f"cannot read {path}: {e}")
    directory = os.path.dirname(path)
    sources = [p.get("Source") for p in root.iter("Piece")]
    if not sources:
        raise VtuError(f"{path} names no pieces")
    return [read_piece(os.path.join(directory, s)) for s in sources]


def merged(pieces):
    """One Piece holding all pieces, connectivity shifted to the joint point
    numbering; only fields that every piece has are kept."""
    offset, connectivity, offsets, end = 0, [], [], 0
    for p in pieces:
        connectivity.append(p.cells["connectivity"].astype(np.int64) + offset)
        offsets.append(p.cells["offsets"].astype(np.int64) + end)
        offset += len(p.points)
        end += len(p.cells["connectivity"])
    cells = {"connectivity": np.concatenate(connectivity),
             "offsets": np.concatenate(offsets)}
    if all("types" in p.cells for p in pieces):
        cells["types"] = np.concatenate([p.cells["types"] for p in pieces])

    def joined(attribute):
        names = set.intersection(*(set(getattr(p, attribute)) for p in pieces))
        return {n: np.concatenate([getattr(p, attribute)[n] for p in pieces])
                for n in sorted(names)}
    return Piece(np.vstack([p.points for p in pieces]), cells,
                 joined("point_data"), joined("cell_data"))


def timesteps(pvd):
    """[(time, path)] of the datasets a .pvd lists, in time order."""
    try:
        root = ET.parse(pvd).getroot()
    except (OSError, ET.ParseError) as e:
        raise VtuError(f"cannot read {pvd}: {e}")
    directory = os.path.dirname(pvd)
    steps = [(float(d.get("timestep", "0")), os.path.join(directory, d.get("file")))
             for d in root.iter("DataSet") if d.get("file")]
    return sorted(steps, key=lambda s: s[0])


def simplices(cells):
    """(m, k) vertex indices of the simplices the cells split into (k = 2, 3
    or 4 by dimension); cells of other types are ignored."""
    connectivity, offsets = cells["connectivity"], cells["offsets"]
    starts = np.concatenate([[0], offsets[:-1]])
    counts = offsets - starts
    types = cells.get("types")
    if types is None:  # infer the type from the vertex count
        types = np.select([counts == 2, counts == 3, counts == 4, counts == 8],
                          [3, 5, 9, 12], 0)
    result = []
    for vtk_type, split in SIMPLICES.items():
        chosen = starts[(types == vtk_type) & (counts == VERTICES[vtk_type])]
        for local in split:
            result.append(connectivity[chosen[:, None] + np.array(local)[None, :]])
    result = [r for r in result if len(r)]
    if not result:
        return np.zeros((0, 2), dtype=np.int64)
    width = max(r.shape[1] for r in result)  # the highest dimension present
    return np.vstack([r for r in result if r.shape[1] == width])


def sample_line(piece, start, end, samples=801):
    """Linear interpolation of every point field of piece at samples evenly
    spaced points from start to end (points of the mesh's dimension).

    Returns (s, {name: values}): s the distance from start, values NaN where
    the line leaves the mesh (pores, outside the sample). The fields are
    interpolated on the simplices of the written patches, so the profile is
    exactly what a visualisation program shows, also across refined cores.
    """
    cells = simplices(piece.cells)
    dim = cells.shape[1] - 1
    start, end = np.asarray(start, float)[:dim], np.asarray(end, float)[:dim]
    points = piece.points[:, :dim]
    corners = points[cells]                                # (m, dim + 1, dim)
    # Only simplices whose bounding ball meets the line can hold a sample.
    centre = corners.mean(axis=1)
    radius = np.linalg.norm(corners - centre[:, None, :], axis=2).max(axis=1)
    direction = end - start
    length = np.linalg.norm(direction)
    t = np.clip((centre - start) @ direction / length ** 2, 0.0, 1.0)
    near = np.linalg.norm(start + t[:, None] * direction - centre, axis=1) \
        <= radius * (1 + 1e-9) + 1e-12 * length
    cells, corners = cells[near], corners[near]
    edges = np.transpose(corners[:, 1:, :] - corners[:, :1, :], (0, 2, 1))
    keep = np.abs(np.linalg.det(edges)) > 1e-300
    cells, corners, inverse = cells[keep], corners[keep], np.linalg.inv(edges[keep])
    s = np.linspace(0.0, length, samples)
    x = start + np.outer(s / length, direction)
    cell_of = np.full(samples, -1)
    weights = np.zeros((samples, dim + 1))
    for first in range(0, samples if len(cells) else 0, 64):  # chunks bound the memory
        chunk = slice(first, first + 64)
        local = np.einsum("mij,smj->smi", inverse,
                          x[chunk, None, :] - corners[None, :, 0, :])
        bary = np.concatenate([1 - local.sum(axis=2, keepdims=True), local], axis=2)
        inside = (bary >= -1e-9).all(axis=2)
        found = inside.any(axis=1)
        which = inside.argmax(axis=1)
        rows = np.nonzero(found)[0]
        cell_of[chunk][rows] = which[rows]
        weights[chunk][rows] = bary[rows, which[rows]]
    found = cell_of >= 0
    values = {}
    for name, field in piece.point_data.items():
        if len(field) != len(piece.points):
            continue  # vector or cell-sized data
        v = np.full(samples, np.nan)
        v[found] = (field[cells[cell_of[found]]] * weights[found]).sum(axis=1)
        values[name] = v
    return s, values
