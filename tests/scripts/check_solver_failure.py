#!/usr/bin/python3
"""A Newton failure is diagnosed, not hidden: with one Newton iteration
allowed, PB-S cannot converge; exsolve must exit with code 3, explain on
stderr (residual history and what to try), still print its BENCHMARK line
with status "solver failure", and write no field output and no NaN."""
import argparse, os, subprocess, sys, tempfile

import testlib

def main():
    a = testlib.arguments()
    fails = []
    work = tempfile.mkdtemp(prefix="failure_")
    out = os.path.join(work, "run")
    prm = os.path.join(a.source, "parameter_files", "benchmarks", "pb-s_1d.prm")
    r = subprocess.run([a.exsolve, prm, "--set", "Solver/Maximum Newton iterations=1",
                        "--set", f"Output/Directory={out}"],
                       capture_output=True, text=True, cwd=work)
    if r.returncode != 3:
        fails.append(f"exit code {r.returncode}, expected 3")
    for words in ("solver failure", "did not converge", "residual history", "Try"):
        if words not in r.stderr:
            fails.append(f"stderr lacks '{words}': {r.stderr}")
    last = r.stdout.strip().split("\n")[-1]
    if not last.startswith("BENCHMARK") or '"status": "solver failure"' not in last:
        fails.append(f"last line: {last}")
    files = sorted(os.listdir(out)) if os.path.isdir(out) else []
    if any(f.endswith((".vtu", ".pvtu")) for f in files):
        fails.append(f"field output written for a failed solve: {files}")
    for f in files:
        if "nan" in open(os.path.join(out, f)).read().lower():
            fails.append(f"{f} contains NaN")
    return testlib.finish(fails)

if __name__ == "__main__":
    sys.exit(main())
