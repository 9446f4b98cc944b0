#!/usr/bin/python3
"""Scale of the porous-microstructure mesh (1 and 2 ranks).

Runs tests/microstructure/scale_3d.prm (a generated, smoothed 3D porous
polycrystal meshed with p4est and refined once; no tortuosity solve) on 1
and 2 ranks and checks: exit code 0; at least 1e5 coarse (voxel) cells and
exactly 8 times as many after the global refinement; the same cell counts
and metrics.csv on 1 and 2 ranks (every rank generates the same coarse mesh
and refinement does not move vertices, so the sums agree to rounding,
1e-10 relative); the smoothed pore-wall area below the staircase's; the
BENCHMARK line carries the memory per cell (triangulation bytes and peak
resident bytes per cell, positive), which is printed for the record. No time
is asserted.
"""
import csv, os, shutil, subprocess, sys, tempfile

import testlib


def run(a, ranks, work):
    out = os.path.join(work, f"scale{ranks}")
    command = [a.exsolve, os.path.join(a.source, "tests/microstructure/scale_3d.prm"),
               "--set", f"Output/Directory={out}"]
    if ranks > 1:
        command = ["mpirun", "--oversubscribe", "-np", str(ranks)] + command
    r = subprocess.run(command, capture_output=True, text=True, cwd=work)
    print(r.stdout)
    if r.returncode != 0:
        print(r.stderr)
        raise SystemExit(f"FAIL scale run on {ranks} rank(s) exited {r.returncode}")
    with open(os.path.join(out, "metrics.csv")) as f:
        return testlib.benchmark(r.stdout), next(csv.DictReader(f))


def main():
    a = testlib.arguments()
    fails = []
    work = tempfile.mkdtemp(prefix="microstructure_scale_")
    results = {ranks: run(a, ranks, work) for ranks in (1, 2)}
    for ranks, (bench, metrics) in results.items():
        coarse, cells = bench["coarse_cells"], bench["cells"]
        if coarse < 100000:
            fails.append(f"{ranks} rank(s): {coarse} coarse cells < 1e5")
        if cells != 8 * coarse:
            fails.append(f"{ranks} rank(s): {cells} cells != 8 x {coarse}")
        for key in ("triangulation_bytes_per_cell", "peak_bytes_per_cell"):
            if not bench.get(key, 0) > 0:
                fails.append(f"{ranks} rank(s): BENCHMARK {key} missing")
        if not bench["pore_wall_area"] < bench["voxel_pore_wall_area"]:
            fails.append(f"{ranks} rank(s): smoothing did not reduce the area")
        print(f"{ranks} rank(s): {coarse} coarse cells, {cells} cells, "
              f"{bench['triangulation_bytes_per_cell']:.0f} B/cell (triangulation), "
              f"{bench['peak_bytes_per_cell']:.0f} B/cell (peak resident), "
              f"pore wall {bench['pore_wall_area']:.6g} nm^2 smoothed vs "
              f"{bench['voxel_pore_wall_area']:.6g} staircase")
    (b1, m1), (b2, m2) = results[1], results[2]
    if b1["cells"] != b2["cells"] or b1["coarse_cells"] != b2["coarse_cells"]:
        fails.append("cell counts differ between 1 and 2 ranks")
    for key in m1:
        x, y = float(m1[key]), float(m2[key])
        if abs(x - y) > 1e-10 * max(abs(x), abs(y)):
            fails.append(f"metrics.csv {key}: {x} on 1 rank, {y} on 2")
    if not fails:
        shutil.rmtree(work, ignore_errors=True)
    return testlib.finish(fails)


if __name__ == "__main__":
    sys.exit(main())
