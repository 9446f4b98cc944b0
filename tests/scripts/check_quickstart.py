#!/usr/bin/python3
"""The quick start is a short, complete exsolution run with plots.

Runs parameter_files/quickstart.prm on 2 MPI ranks (a porous Ni:SrTiO3 electrode reduced
for an hour at 1100 K, particles on its pore surface) into a private
directory and checks:
  * exit code 0 and status completed; the run directory holds
    parameters.prm, timeseries.csv, particles.csv, size_distribution.csv,
    solution.pvd with its .pvtu/.vtu files and nothing else (no staging or
    temporary files); every VTU is complete XML without NaN/inf and holds
    the surface fields particle_density and adatom_coverage;
  * particles appear and coarsen: the density of particles.csv peaks above
    1e15 m^-2 and ends below half its peak, the mean radius grows over the
    second half of the run and ends between 3 and 20 nm;
  * metal is conserved: metal_total of every row equals the first to 1e-9
    relative (the coupled run conserves to round-off and Newton tolerance);
  * size_distribution.csv holds one histogram per row of particles.csv;
  * scripts/plot_results.py turns the directory into particles.png,
    size_distribution.png and timeseries.png (non-empty PNG files);
  * parameters.prm reads back (a 1 s run from it completes);
  * rerunning into the existing directory with 'If directory exists =
    error' fails with exit code 2 and leaves the files untouched.
"""
import csv, os, subprocess, sys, tempfile, xml.etree.ElementTree as ET

import numpy as np

import testlib

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))
import exsolve_vtu  # noqa: E402


def main():
    a = testlib.arguments()
    fails = []
    work = tempfile.mkdtemp(prefix="quickstart_")
    out = os.path.join(work, "run")
    prm = os.path.join(a.source, "parameter_files", "quickstart.prm")
    # On 2 ranks, as ./quickstart.sh runs it: the surface populations are
    # split between the ranks, and metal must still be conserved.
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    r = subprocess.run(["mpirun", "--oversubscribe", "-np", "2", a.exsolve, prm,
                        "--set", f"Output/Directory={out}", "-q"],
                       capture_output=True, text=True, cwd=work, env=env)
    if r.returncode != 0:
        print(r.stdout, r.stderr)
        print("FAIL quickstart exited", r.returncode)
        return 1
    bench = testlib.benchmark(r.stdout)
    if bench.get("status") != "completed":
        fails.append(f"status {bench.get('status')}")
    files = sorted(os.listdir(out))
    vtus = [f for f in files if f.endswith((".vtu", ".pvtu"))]
    expected = {"parameters.prm", "timeseries.csv", "particles.csv",
                "size_distribution.csv", "solution.pvd"} | set(vtus)
    if set(files) != expected or len(vtus) < 4:
        fails.append(f"files {files}")
    for f in files:
        if f.endswith((".vtu", ".pvtu", ".pvd")):
            try:
                ET.parse(os.path.join(out, f))
            except ET.ParseError as e:
                fails.append(f"{f} is not complete XML: {e}")
        if f.endswith(".pvtu"):
            # Decoded (the data are compressed binary): finite everywhere,
            # with the surface fields.
            try:
                pieces = exsolve_vtu.read(os.path.join(out, f))
            except exsolve_vtu.VtuError as e:
                fails.append(str(e))
                continue
            for name in ("particle_density", "adatom_coverage"):
                if not all(name in p.point_data for p in pieces):
                    fails.append(f"{f} has no field {name}")
            for p in pieces:
                for name, values in p.point_data.items():
                    if not np.all(np.isfinite(values)):
                        fails.append(f"{f}: {name} is not finite")

    rows = list(csv.DictReader(open(os.path.join(out, "particles.csv"))))
    density = [float(x["number_density_m2"]) for x in rows]
    radius = [float(x["mean_radius_nm"]) for x in rows]
    metal = [float(x["metal_total"]) for x in rows]
    time = [float(x["time_s"]) for x in rows]
    peak = max(density)
    print(f"particles: peak density {peak:.3e} m^-2, final {density[-1]:.3e} "
          f"m^-2, final mean radius {radius[-1]:.3f} nm after {time[-1]} s")
    if not peak > 1e15:
        fails.append(f"peak particle density {peak} <= 1e15 m^-2")
    if not density[-1] < 0.5 * peak:
        fails.append(f"no coarsening: final density {density[-1]}, peak {peak}")
    half = [r for t, r in zip(time, radius) if t >= 0.5 * time[-1]]
    if any(b < a_ for a_, b in zip(half, half[1:])) or not 3 < radius[-1] < 20:
        fails.append(f"mean radius over the second half: {half}")
    worst = max(abs(m - metal[0]) / metal[0] for m in metal)
    print(f"metal balance: largest relative deviation {worst:.3e}")
    if not worst < 1e-9:
        fails.append(f"metal not conserved: {worst}")
    histogram = list(csv.DictReader(open(os.path.join(out, "size_distribution.csv"))))
    if len({x["time_s"] for x in histogram}) != len(rows):
        fails.append("size_distribution.csv: not one histogram per particles.csv row")

    plots = os.path.join(work, "plots")
    p = subprocess.run([sys.executable, os.path.join(a.source, "scripts", "plot_results.py"),
                        out, "--out", plots], capture_output=True, text=True)
    if p.returncode != 0:
        fails.append(f"plot_results.py exited {p.returncode}: {p.stdout} {p.stderr}")
    for png in ("particles.png", "size_distribution.png", "timeseries.png"):
        path = os.path.join(plots, png)
        if not os.path.isfile(path) or os.path.getsize(path) < 1000:
            fails.append(f"plot {png} missing or empty")
        elif open(path, "rb").read(8) != b"\x89PNG\r\n\x1a\n":
            fails.append(f"{png} is not a PNG file")

    # parameters.prm is the full effective set and reads back.
    r2 = subprocess.run([a.exsolve, os.path.join(out, "parameters.prm"), "-q",
                         "--set", f"Output/Directory={work}/rerun",
                         "--set", "Time stepping/End time=1"],
                        capture_output=True, text=True, cwd=work)
    if r2.returncode != 0:
        fails.append(f"rerun from parameters.prm failed: {r2.stderr}")
    # An existing directory is not overwritten without being asked to.
    before = {f: os.path.getmtime(os.path.join(out, f)) for f in files}
    r3 = subprocess.run([a.exsolve, prm, "--set", f"Output/Directory={out}",
                         "--set", "Output/If directory exists=error"],
                        capture_output=True, text=True, cwd=work)
    if r3.returncode != 2 or "exists already" not in r3.stderr:
        fails.append(f"existing directory: exit {r3.returncode}, {r3.stderr}")
    after = {f: os.path.getmtime(os.path.join(out, f)) for f in os.listdir(out)}
    if before != after:
        fails.append("existing directory was modified")
    return testlib.finish(fails)


if __name__ == "__main__":
    sys.exit(main())
