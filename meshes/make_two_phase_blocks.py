#!/usr/bin/env python3
"""Write meshes/two_phase_block_2d.msh and two_phase_block_3d.msh.

A bar of two materials, the Gmsh example for regions named by physical
groups (material ids by name): [0, 60] x [0, 20] (x [0, 20]) nm, split at
x = 20 into "oxide" (0 < x < 20) and "metal" (20 < x < 60), meshed with
N cells per 10 nm (quadrilaterals / hexahedra). Physical groups:

    dim - 1:  1 "surface"   the face x = 0 (on the oxide)
              2 "contact"   the face x = 60 (on the metal)
              3 "sides"     all other outer faces
    dim:     10 "oxide"     cells with x < 20
             20 "metal"     cells with x > 20

The tags are deliberately not 0, 1, 2, so that a test finds them by name.
Gmsh ASCII format 2.2 (what deal.II's GridIn::read_msh reads); standard
library only, deterministic.
Usage: python3 meshes/make_two_phase_blocks.py [output directory]
"""

import os
import sys

LENGTHS = (60.0, 20.0, 20.0)  # nm
INTERFACE = 20.0  # nm, x of the oxide | metal interface
CELLS_PER_10NM = 1
TAGS = {"surface": 1, "contact": 2, "sides": 3, "oxide": 10, "metal": 20}


def build(dim):
    n = [int(LENGTHS[d] / 10 * CELLS_PER_10NM) for d in range(dim)]
    h = [LENGTHS[d] / n[d] for d in range(dim)]

    def node(idx):
        # 1-based, x fastest
        number, stride = 1, 1
        for d in range(dim):
            number += idx[d] * stride
            stride *= n[d] + 1
        return number

    nodes = []
    ranges = [range(n[d] + 1) for d in range(dim)]
    if dim == 2:
        grid = [(i, j) for j in ranges[1] for i in ranges[0]]
    else:
        grid = [(i, j, k) for k in ranges[2] for j in ranges[1] for i in ranges[0]]
    for idx in grid:
        nodes.append(tuple(idx[d] * h[d] for d in range(dim)))

    # Gmsh vertex order: quadrilateral counterclockwise; hexahedron bottom
    # face counterclockwise, then the top face above it.
    square = [(0, 0), (1, 0), (1, 1), (0, 1)]
    cube = [(0, 0, 0), (1, 0, 0), (1, 1, 0), (0, 1, 0),
            (0, 0, 1), (1, 0, 1), (1, 1, 1), (0, 1, 1)]
    cells, faces = [], []
    cell_range = [range(n[d]) for d in range(dim)]
    if dim == 2:
        cell_idx = [(i, j) for j in cell_range[1] for i in cell_range[0]]
    else:
        cell_idx = [(i, j, k) for k in cell_range[2] for j in cell_range[1]
                    for i in cell_range[0]]
    corners = square if dim == 2 else cube
    for c in cell_idx:
        centre_x = (c[0] + 0.5) * h[0]
        tag = TAGS["oxide"] if centre_x < INTERFACE else TAGS["metal"]
        cells.append((tag, [node([c[d] + o[d] for d in range(dim)]) for o in corners]))
        # outer faces of this cell
        for d in range(dim):
            for side in (0, 1):
                if c[d] != (0 if side == 0 else n[d] - 1):
                    continue
                if d == 0:
                    tag_f = TAGS["surface"] if side == 0 else TAGS["contact"]
                else:
                    tag_f = TAGS["sides"]
                face = [o for o in corners if o[d] == side]
                if dim == 3 and d < 2:  # order around the face (z faces are)
                    face = [face[0], face[1], face[3], face[2]]
                faces.append((tag_f, [node([c[e] + o[e] for e in range(dim)])
                                      for o in face]))
    return nodes, cells, faces


def write(path, dim):
    nodes, cells, faces = build(dim)
    face_type, cell_type = (1, 3) if dim == 2 else (3, 5)
    names = [(dim - 1, TAGS[k], k) for k in ("surface", "contact", "sides")]
    names += [(dim, TAGS[k], k) for k in ("oxide", "metal")]
    lines = ["$MeshFormat", "2.2 0 8", "$EndMeshFormat", "$PhysicalNames",
             str(len(names))]
    lines += [f'{d} {t} "{name}"' for d, t, name in names]
    lines += ["$EndPhysicalNames", "$Nodes", str(len(nodes))]
    for k, x in enumerate(nodes):
        xyz = list(x) + [0.0] * (3 - dim)
        lines.append(f"{k + 1} " + " ".join(f"{v:.12g}" for v in xyz))
    lines += ["$EndNodes", "$Elements", str(len(faces) + len(cells))]
    number = 0
    for kind, entries in ((face_type, faces), (cell_type, cells)):
        for tag, vertices in entries:
            number += 1
            lines.append(f"{number} {kind} 2 {tag} {tag} "
                         + " ".join(map(str, vertices)))
    lines += ["$EndElements"]
    with open(path, "w", encoding="ascii", newline="\n") as out:
        out.write("\n".join(lines) + "\n")
    print(f"{path}: {len(nodes)} nodes, {len(cells)} cells, {len(faces)} faces")


if __name__ == "__main__":
    directory = (sys.argv[1] if len(sys.argv) > 1
                 else os.path.dirname(os.path.abspath(__file__)))
    for dim in (2, 3):
        write(os.path.join(directory, f"two_phase_block_{dim}d.msh"), dim)
