#!/usr/bin/python3
"""The quick start writes a complete, readable run directory.

Runs parameter_files/quickstart.prm into a private directory and checks:
exit code 0; parameters.prm, summary.csv, solution.pvd and one .pvtu/.vtu per
cycle exist and nothing else (no temporary files); every VTU is complete XML
without NaN/inf; summary.csv has one row per cycle and a finite l2_error that
decreases over the last cycles; parameters.prm reads back (a second run from
it reproduces the same BENCHMARK diagnostics); rerunning into the existing
directory with 'If directory exists = error' fails with exit code 2 and
leaves the files untouched.
"""
import argparse, csv, json, os, subprocess, sys, tempfile, xml.etree.ElementTree as ET

import testlib

def main():
    a = testlib.arguments()
    fails = []
    work = tempfile.mkdtemp(prefix="quickstart_")
    out = os.path.join(work, "run")
    prm = os.path.join(a.source, "parameter_files", "quickstart.prm")
    r = subprocess.run([a.exsolve, prm, "--set", f"Output/Directory={out}"],
                       capture_output=True, text=True, cwd=work)
    if r.returncode != 0:
        print(r.stdout, r.stderr)
        print("FAIL quickstart exited", r.returncode)
        return 1
    first = testlib.benchmark(r.stdout)
    files = sorted(os.listdir(out))
    cycles = first["cycles"]
    expected = {"parameters.prm", "summary.csv", "solution.pvd"}
    for c in range(cycles):
        expected |= {f"solution-{c:04d}.pvtu", f"solution-{c:04d}.0000.vtu"}
    if set(files) != expected:
        fails.append(f"files {files} != expected {sorted(expected)}")
    for f in files:
        if f.endswith((".vtu", ".pvtu", ".pvd")):
            text = open(os.path.join(out, f)).read()
            try:
                ET.fromstring(text)
            except ET.ParseError as e:
                fails.append(f"{f} is not complete XML: {e}")
            if "nan" in text.lower() or "inf " in text.lower():
                fails.append(f"{f} contains NaN/inf")
    rows = list(csv.DictReader(open(os.path.join(out, "summary.csv"))))
    if len(rows) != cycles:
        fails.append(f"summary.csv has {len(rows)} rows, expected {cycles}")
    errors = [float(r["l2_error"]) for r in rows]
    if not errors[-1] < errors[-3]:
        fails.append(f"l2_error does not decrease: {errors}")
    # parameters.prm is the full effective set and reads back.
    r2 = subprocess.run([a.exsolve, os.path.join(out, "parameters.prm"),
                         "--set", f"Output/Directory={work}/rerun"],
                        capture_output=True, text=True, cwd=work)
    if r2.returncode != 0:
        fails.append(f"rerun from parameters.prm failed: {r2.stderr}")
    else:
        second = testlib.benchmark(r2.stdout)
        for k in ("dofs", "phi_mid", "int_phi", "l2_error"):
            if second[k] != first[k]:
                fails.append(f"rerun {k}: {second[k]} != {first[k]}")
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
