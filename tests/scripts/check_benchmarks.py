#!/usr/bin/python3
"""Benchmark contract of doc/benchmarks.md for PB-S.

Checks that parameter_files/benchmarks/pb-s_{1,2,3}d.prm exist, start with
'# size: <Section/Entry>', and that running each (with a small n set through
that entry, on a private output directory) prints as its LAST stdout line a
BENCHMARK JSON object with every required key, numbers as numbers. The
diagnostics are asserted: phi_mid and int_phi agree between 1D, 2D and 3D at
the same n to 1e-9 (x-only solution), and the L2 error against the planar
layer reference is below 5e-2 at n = 16 (it is 4.2e-2; 0.14 at n = 8).
"""
import argparse, json, os, subprocess, sys, tempfile

import testlib

REQUIRED = ["name", "dim", "n", "dofs", "mpi_ranks", "wall_total_s",
            "wall_per_step_s", "newton_iterations_total",
            "linear_iterations_total", "peak_memory_mb"]

def main():
    args = testlib.arguments()
    failures = []
    results = {}
    work = tempfile.mkdtemp(prefix="pbs_bench_")
    for dim in (1, 2, 3):
        prm = os.path.join(args.source, "parameter_files", "benchmarks",
                           f"pb-s_{dim}d.prm")
        if not os.path.isfile(prm):
            failures.append(f"missing {prm}")
            continue
        first = open(prm).readline().strip()
        if not first.startswith("# size: "):
            failures.append(f"{prm}: first line is '{first}', not '# size: ...'")
            continue
        size_entry = first[len("# size: "):].strip()
        cmd = [args.exsolve, prm, "--set", f"{size_entry}=16",
               "--set", f"Output/Directory={work}/pb-s_{dim}d"]
        run = subprocess.run(cmd, capture_output=True, text=True, cwd=work)
        if run.returncode != 0:
            failures.append(f"{' '.join(cmd)} exited {run.returncode}:\n{run.stderr}")
            continue
        lines = run.stdout.rstrip("\n").split("\n")
        last = lines[-1]
        if not last.startswith("BENCHMARK {"):
            failures.append(f"pb-s_{dim}d: last line is not BENCHMARK: {last}")
            continue
        if sum(l.startswith("BENCHMARK") for l in lines) != 1:
            failures.append(f"pb-s_{dim}d: more than one BENCHMARK line")
        record = json.loads(last[len("BENCHMARK "):])
        for key in REQUIRED + ["phi_mid", "int_phi", "l2_error"]:
            if key not in record:
                failures.append(f"pb-s_{dim}d: key '{key}' missing")
        for key in REQUIRED[1:]:
            if key in record and not isinstance(record[key], (int, float)):
                failures.append(f"pb-s_{dim}d: '{key}' is not a number")
        if record.get("dim") != dim or record.get("n") != 16:
            failures.append(f"pb-s_{dim}d: dim/n are {record.get('dim')}/{record.get('n')}")
        if record.get("dofs") != 17 ** dim:
            failures.append(f"pb-s_{dim}d: dofs {record.get('dofs')} != 17^{dim}")
        results[dim] = record
        print(last)
    if len(results) == 3:
        for key in ("phi_mid", "int_phi"):
            ref = results[1][key]
            for dim in (2, 3):
                if abs(results[dim][key] - ref) > 1e-9 * abs(ref):
                    failures.append(f"{key}: {dim}D {results[dim][key]} != 1D {ref}")
        if not results[1]["l2_error"] < 5e-2:
            failures.append(f"l2_error {results[1]['l2_error']} >= 5e-2 at n = 16")
    return testlib.finish(failures)

if __name__ == "__main__":
    sys.exit(main())
