#!/usr/bin/python3
"""doc/parameters.md is generated, never hand-written: it must equal the
output of 'exsolve --print-parameters md'. Also checks that every parameter
documentation starts with a unit in brackets, that the prm and json outputs
work, and that --help and --version succeed. Regenerate the reference with
'cmake --build build --target parameter_reference'."""
import argparse, json, os, re, subprocess, sys

import testlib

def main():
    a = testlib.arguments()
    fails = []
    md = subprocess.run([a.exsolve, "--print-parameters", "md"],
                        capture_output=True, text=True, check=True).stdout
    path = os.path.join(a.source, "doc", "parameters.md")
    if not os.path.isfile(path) or open(path).read() != md:
        fails.append("doc/parameters.md is out of date: run "
                     "'cmake --build build --target parameter_reference'")
    rows = [l for l in md.split("\n") if l.startswith("| `")]
    if len(rows) < 20:
        fails.append(f"only {len(rows)} parameters documented")
    for row in rows:
        description = row.split(" | ")[-1]
        if not re.match(r"\[[^\]]+\]", description):
            fails.append(f"no unit in brackets: {row}")
    js = subprocess.run([a.exsolve, "--print-parameters", "json"],
                        capture_output=True, text=True, check=True).stdout
    json.loads(js)
    prm = subprocess.run([a.exsolve, "--print-parameters"],
                         capture_output=True, text=True, check=True).stdout
    if "subsection Geometry" not in prm:
        fails.append("prm output lacks the Geometry section")
    for flag in ("--help", "--version"):
        r = subprocess.run([a.exsolve, flag], capture_output=True, text=True)
        if r.returncode != 0 or "exsolve" not in r.stdout:
            fails.append(f"{flag} failed")
    return testlib.finish(fails)

if __name__ == "__main__":
    sys.exit(main())
