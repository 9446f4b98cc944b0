#!/usr/bin/env python3
"""Write the 2D bicrystal meshes meshes/bicrystal_2d.msh and
meshes/bicrystal_tilted_2d.msh.

A strip 200 nm x 20 nm of two grains that meet along a straight boundary
through (100, 10) nm: in bicrystal_2d.msh the boundary is the line x = 100;
in bicrystal_tilted_2d.msh the whole mesh is sheared, x -> x + S (y - 10)
with S = 0.25, so that the boundary (and the ends) run along
x = 100 + S (y - 10), 14 degrees off the y axis. NX x NY quadrilaterals per
grain.

Gmsh ASCII format 2.2, quadrilaterals and boundary lines, with the physical
groups (deal.II's GridIn::read_msh turns the tag of a line into the
boundary id and the tag of a quadrilateral into the material_id, which
exsolve takes as the grain id):
    1 (dim 1) "x_min"     the left end
    2 (dim 1) "x_max"     the right end
    3 (dim 1) "sides"     y = 0 and y = 20
    10 (dim 2) "grain_a"  left grain
    11 (dim 2) "grain_b"  right grain

Usage: python3 meshes/make_bicrystal_2d.py [directory]
Standard library only; the output is deterministic.
"""

import os
import sys

LENGTH, HEIGHT = 200.0, 20.0
NX, NY = 50, 10  # per grain
SHEAR = 0.25


def write(path, shear):
    nx = 2 * NX
    nodes = {}
    lines = []
    for j in range(NY + 1):
        for i in range(nx + 1):
            y = HEIGHT * j / NY
            x = LENGTH * i / nx + shear * (y - HEIGHT / 2)
            nodes[(i, j)] = (len(nodes) + 1, x, y)
    elements = []
    for j in range(NY):
        elements.append((1, 1, nodes[(0, j + 1)][0], nodes[(0, j)][0]))
        elements.append((1, 2, nodes[(nx, j)][0], nodes[(nx, j + 1)][0]))
    for i in range(nx):
        elements.append((1, 3, nodes[(i, 0)][0], nodes[(i + 1, 0)][0]))
        elements.append((1, 3, nodes[(i + 1, NY)][0], nodes[(i, NY)][0]))
    for j in range(NY):
        for i in range(nx):
            grain = 10 if i < NX else 11
            corners = [nodes[(i, j)][0], nodes[(i + 1, j)][0],
                       nodes[(i + 1, j + 1)][0], nodes[(i, j + 1)][0]]
            elements.append((3, grain, *corners))
    with open(path, "w") as out:
        out.write("$MeshFormat\n2.2 0 8\n$EndMeshFormat\n")
        out.write('$PhysicalNames\n5\n1 1 "x_min"\n1 2 "x_max"\n1 3 "sides"\n'
                  '2 10 "grain_a"\n2 11 "grain_b"\n$EndPhysicalNames\n')
        out.write(f"$Nodes\n{len(nodes)}\n")
        for number, x, y in sorted(nodes.values()):
            out.write(f"{number} {x:.12g} {y:.12g} 0\n")
        out.write(f"$EndNodes\n$Elements\n{len(elements)}\n")
        for k, (kind, tag, *vertices) in enumerate(elements, start=1):
            out.write(f"{k} {kind} 2 {tag} {tag} "
                      + " ".join(map(str, vertices)) + "\n")
        out.write("$EndElements\n")


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(
        os.path.abspath(__file__))
    write(os.path.join(directory, "bicrystal_2d.msh"), 0.0)
    write(os.path.join(directory, "bicrystal_tilted_2d.msh"), SHEAR)


if __name__ == "__main__":
    main()
