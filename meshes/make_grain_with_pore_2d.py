#!/usr/bin/env python3
"""Write meshes/grain_with_pore_2d.msh: a square grain with a circular pore.

Geometry (nm): the square [0, 200] x [0, 200] with a circular pore of radius
40 nm at its centre (100, 100). The annulus between the square and the circle
is split into four blocks, one per square edge; each block maps the edge
linearly onto a quarter of the circle (the block sides are the diagonals from
the square's corners to the circle), and is divided into N_TANGENTIAL x
N_RADIAL quadrilaterals. Radial cell sizes are graded geometrically towards
the pore, where the space-charge layer forms.

Output: Gmsh ASCII format 2.2, quadrilaterals only (as deal.II needs), with
the physical groups
    1 (dim 1) "outer"         the four square edges
    2 (dim 1) "pore_surface"  the circle
    3 (dim 2) "grain"         all quadrilaterals
deal.II's GridIn::read_msh turns the physical tag of a boundary line into the
boundary id; exsolve then names that id after $PhysicalNames.

Note: the circle is a polygon with 4 * N_TANGENTIAL straight edges; exsolve
attaches no manifold to Gmsh meshes, so refinement keeps that polygon
(maximum deviation from the circle R (1 - cos(pi / (4 N_TANGENTIAL))),
0.19 nm for the defaults).

Usage: python3 meshes/make_grain_with_pore_2d.py [output.msh]
Standard library only; the output is deterministic.
"""

import math
import os
import sys

SIDE = 200.0  # nm, square edge
RADIUS = 40.0  # nm, pore radius
N_TANGENTIAL = 8  # cells along each square edge / quarter circle
N_RADIAL = 8  # cells from the square edge to the circle
GRADING = 1.25  # ratio of neighbouring radial cell sizes, outer / inner

TAG_OUTER = 1
TAG_PORE = 2
TAG_GRAIN = 3


def radial_parameters(n, ratio):
    """n + 1 values from 0 (square edge) to 1 (circle); the cells shrink by
    1/ratio per step towards the circle."""
    sizes = [ratio ** (n - 1 - k) for k in range(n)]
    total = sum(sizes)
    t, values = 0.0, [0.0]
    for s in sizes:
        t += s / total
        values.append(t)
    values[-1] = 1.0
    return values


def build():
    c = SIDE / 2
    # Square corners counterclockwise from (0, 0); block b spans the edge from
    # corner b to corner b + 1 and the arc from angle 225 + 90 b degrees.
    corners = [(0.0, 0.0), (SIDE, 0.0), (SIDE, SIDE), (0.0, SIDE)]
    t_values = radial_parameters(N_RADIAL, GRADING)

    nodes = {}  # key -> (index, x, y); keys shared between blocks
    node_list = []

    def node(key, x, y):
        if key not in nodes:
            nodes[key] = len(node_list) + 1
            node_list.append((x, y))
        return nodes[key]

    n_around = 4 * N_TANGENTIAL

    def point(b, i, j):
        # global tangential index g = b * N_TANGENTIAL + i (periodic),
        # radial index j: 0 on the square, N_RADIAL on the circle
        g = (b * N_TANGENTIAL + i) % n_around
        bb, ii = divmod(g, N_TANGENTIAL)
        s = ii / N_TANGENTIAL
        (x0, y0), (x1, y1) = corners[bb], corners[(bb + 1) % 4]
        xo, yo = x0 + s * (x1 - x0), y0 + s * (y1 - y0)
        angle = math.radians(225.0 + 90.0 * bb + 90.0 * s)
        xi, yi = c + RADIUS * math.cos(angle), c + RADIUS * math.sin(angle)
        t = t_values[j]
        x, y = (1 - t) * xo + t * xi, (1 - t) * yo + t * yi
        # snap round-off so that edge nodes lie exactly on the square
        x = min(max(round(x, 12), 0.0), SIDE)
        y = min(max(round(y, 12), 0.0), SIDE)
        return node((g, j), x, y)

    quads, outer_lines, pore_lines = [], [], []
    for b in range(4):
        for i in range(N_TANGENTIAL):
            for j in range(N_RADIAL):
                # counterclockwise: along the edge (which runs counterclockwise
                # around the square), then inwards towards the circle
                a = point(b, i, j)
                d = point(b, i + 1, j)
                e = point(b, i + 1, j + 1)
                f = point(b, i, j + 1)
                quads.append((a, d, e, f))
            outer_lines.append((point(b, i, 0), point(b, i + 1, 0)))
            pore_lines.append((point(b, i + 1, N_RADIAL), point(b, i, N_RADIAL)))
    return node_list, quads, outer_lines, pore_lines


def signed_area(nodes, quad):
    pts = [nodes[k - 1] for k in quad]
    return 0.5 * sum(
        pts[k][0] * pts[(k + 1) % 4][1] - pts[(k + 1) % 4][0] * pts[k][1]
        for k in range(4)
    )


def write(path):
    nodes, quads, outer_lines, pore_lines = build()
    for q in quads:
        assert signed_area(nodes, q) > 0, "clockwise or degenerate cell"
    lines = []
    lines += ["$MeshFormat", "2.2 0 8", "$EndMeshFormat"]
    lines += [
        "$PhysicalNames",
        "3",
        f'1 {TAG_OUTER} "outer"',
        f'1 {TAG_PORE} "pore_surface"',
        f'2 {TAG_GRAIN} "grain"',
        "$EndPhysicalNames",
    ]
    lines += ["$Nodes", str(len(nodes))]
    lines += [f"{k + 1} {x:.12g} {y:.12g} 0" for k, (x, y) in enumerate(nodes)]
    lines += ["$EndNodes"]
    elements = []
    # element: number, type (1 = 2-node line, 3 = 4-node quadrangle),
    # number of tags (2), physical tag, elementary tag, nodes
    for a, b in outer_lines:
        elements.append(f"1 2 {TAG_OUTER} 1 {a} {b}")
    for a, b in pore_lines:
        elements.append(f"1 2 {TAG_PORE} 2 {a} {b}")
    for q in quads:
        elements.append(f"3 2 {TAG_GRAIN} 1 " + " ".join(map(str, q)))
    lines += ["$Elements", str(len(elements))]
    lines += [f"{k + 1} {text}" for k, text in enumerate(elements)]
    lines += ["$EndElements"]
    with open(path, "w", encoding="ascii", newline="\n") as out:
        out.write("\n".join(lines) + "\n")
    print(
        f"{path}: {len(nodes)} nodes, {len(quads)} quadrilaterals, "
        f"{len(outer_lines)} + {len(pore_lines)} boundary lines"
    )


if __name__ == "__main__":
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "grain_with_pore_2d.msh")
    write(sys.argv[1] if len(sys.argv) > 1 else default)
