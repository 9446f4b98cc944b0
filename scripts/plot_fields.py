#!/usr/bin/python3
"""Plot a scalar field of an exsolve output (VTU/PVTU written by deal.II) as
a PNG with matplotlib: a colour map of a 2D field, or a profile of a 1D one,
optionally with a profile along a horizontal line of a 2D field.

    scripts/plot_fields.py results/grain_boundary_2d/solution-0001.pvtu \
        --field phi --output doc/images/bicrystal_2d.png \
        [--title "..."] [--profile-y 10] [--zoom x0 x1 y0 y1]

Reads deal.II's zlib-compressed binary or ASCII DataArrays with
exsolve_vtu.py (numpy only, no VTK); every piece of a .pvtu is read. Cells
are split into triangles for matplotlib's tripcolor, so higher-order output
(subdivided patches) shows as it was written.
"""
import argparse, os, sys

import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import matplotlib.tri as mtri

sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import exsolve_vtu  # noqa: E402


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
    try:
        piece = exsolve_vtu.merged(exsolve_vtu.read(a.file))
    except exsolve_vtu.VtuError as e:
        sys.exit(f"plot_fields: {e}")
    if a.field not in piece.point_data:
        sys.exit(f"plot_fields: no field '{a.field}' (fields: {', '.join(piece.point_data)})")
    x, y, v = piece.points[:, 0], piece.points[:, 1], piece.point_data[a.field]
    tris = exsolve_vtu.simplices(piece.cells)
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
