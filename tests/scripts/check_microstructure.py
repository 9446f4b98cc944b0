#!/usr/bin/python3
"""Physics/Model = microstructure writes a complete run directory.

Runs parameter_files/examples/porous_electrode_3d.prm on 1 and 2 ranks into
private directories and checks: exit code 0; exactly parameters.prm,
metrics.csv, tortuosity.csv, solution.pvd, microstructure.pvtu and one .vtu
per rank; the VTU pieces hold the cell field grain_id; metrics.csv has the
porosity within 0.02 (absolute) of the target 0.4, positive surface and
grain-boundary densities and a mean grain size in (0, 200] nm;
tortuosity.csv has tau > 1; the BENCHMARK line repeats porosity and
tortuosity; and 1 and 2 ranks give the same metrics (the structure is
generated identically on every rank) and a tortuosity agreeing to 1e-8
relative (the CG tolerance is 1e-12).
"""
import csv, os, shutil, subprocess, sys, tempfile

import testlib


def run(a, ranks, work):
    out = os.path.join(work, f"run{ranks}")
    prm = os.path.join(a.source, "parameter_files", "examples",
                       "porous_electrode_3d.prm")
    command = [a.exsolve, prm, "--set", f"Output/Directory={out}"]
    if ranks > 1:
        command = ["mpirun", "--oversubscribe", "-np", str(ranks)] + command
    r = subprocess.run(command, capture_output=True, text=True, cwd=work)
    if r.returncode != 0:
        print(r.stdout, r.stderr)
        raise SystemExit(f"FAIL exsolve on {ranks} rank(s) exited {r.returncode}")
    return out, testlib.benchmark(r.stdout)


def row(path):
    with open(path) as f:
        return next(csv.DictReader(f))


def main():
    a = testlib.arguments()
    fails = []
    work = tempfile.mkdtemp(prefix="microstructure_")
    results = {}
    for ranks in (1, 2):
        out, bench = run(a, ranks, work)
        expected = {"parameters.prm", "metrics.csv", "tortuosity.csv",
                    "solution.pvd", "microstructure.pvtu"}
        expected |= {f"microstructure.{r:04d}.vtu" for r in range(ranks)}
        files = set(os.listdir(out))
        if files != expected:
            fails.append(f"{ranks} rank(s): files {sorted(files)} != {sorted(expected)}")
        for r in range(ranks):
            piece = os.path.join(out, f"microstructure.{r:04d}.vtu")
            if os.path.exists(piece) and 'Name="grain_id"' not in open(piece).read():
                fails.append(f"{piece} has no grain_id field")
        m = row(os.path.join(out, "metrics.csv"))
        t = row(os.path.join(out, "tortuosity.csv"))
        porosity = float(m["porosity"])
        tau = float(t["tortuosity"])
        print(f"{ranks} rank(s): porosity {porosity}, tortuosity {tau}, "
              f"SSA {m['specific_surface_area_per_nm']} 1/nm, grains {m['n_grains']}")
        if abs(porosity - 0.4) > 0.02:
            fails.append(f"porosity {porosity} not within 0.02 of 0.4")
        if not float(m["specific_surface_area_per_nm"]) > 0:
            fails.append("specific surface area not positive")
        if not float(m["grain_boundary_area_per_volume_per_nm"]) > 0:
            fails.append("grain-boundary density not positive")
        if not 0 < float(m["mean_grain_size_nm"]) <= 200:
            fails.append(f"mean grain size {m['mean_grain_size_nm']} not in (0, 200]")
        if not tau > 1:
            fails.append(f"tortuosity {tau} not > 1")
        if abs(bench["porosity"] - porosity) > 1e-9 or abs(bench["tortuosity"] - tau) > 1e-8 * tau:
            fails.append(f"BENCHMARK {bench} disagrees with the CSV files")
        results[ranks] = (m, tau)
    if results[1][0] != results[2][0]:
        fails.append(f"metrics differ between 1 and 2 ranks: {results[1][0]} vs {results[2][0]}")
    if abs(results[1][1] - results[2][1]) > 1e-8 * results[1][1]:
        fails.append(f"tortuosity differs: {results[1][1]} vs {results[2][1]}")
    if not fails:
        shutil.rmtree(work, ignore_errors=True)
    return testlib.finish(fails)


if __name__ == "__main__":
    sys.exit(main())
