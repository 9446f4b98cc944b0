#!/usr/bin/python3
"""`exsolve brouwer` on the acceptor-doped SrTiO3 preset, end to end:
exit code 0, a BENCHMARK line, brouwer.csv with one row per (T, pO2) point
and the columns of every species, a valid PNG, and the physics of the table:
in the middle of the vacancy plateau (1000 K, pO2 = 1e-10 Pa) the exact local
slopes are 0 for V_O.. and -1/4 for e' (within 0.01), and the plot script's
regime finder reports the same -1/4 regime from the CSV."""
import csv, os, subprocess, sys, tempfile

sys.dont_write_bytecode = True  # keep the source tree clean

sys.path.insert(0, os.path.dirname(__file__))
import testlib

args = testlib.arguments()
sys.path.insert(0, os.path.join(args.source, "scripts"))
import plot_brouwer

fails = []
preset = os.path.join(args.source, "parameter_files/materials/acceptor_doped_srtio3.prm")
with tempfile.TemporaryDirectory() as work:
    out = os.path.join(work, "brouwer_out")
    run = subprocess.run([args.exsolve, "brouwer", preset, "--set", f"Output/Directory={out}"],
                         capture_output=True, text=True, cwd=work)
    print(run.stdout, run.stderr)
    if run.returncode != 0:
        fails.append(f"exit code {run.returncode}")
    else:
        record = testlib.benchmark(run.stdout)
        if record.get("name") != "brouwer" or record.get("points") != 602:
            fails.append(f"BENCHMARK record {record}")
        with open(os.path.join(out, "brouwer.csv")) as f:
            rows = list(csv.DictReader(f))
        species = ["V_O..", "e'", "h.", "Fe_Ti'", "Fe_Ti^x"]
        for s in species:
            if f"log10[{s}]" not in rows[0] or f"slope[{s}]" not in rows[0]:
                fails.append(f"no columns for {s}")
        if len(rows) != 602:
            fails.append(f"{len(rows)} rows, expected 2 x 301")
        with open(os.path.join(out, "brouwer.png"), "rb") as f:
            if f.read(8) != b"\x89PNG\r\n\x1a\n":
                fails.append("brouwer.png is not a PNG")
        middle = [r for r in rows if float(r["T_K"]) == 1000 and abs(float(r["log10_pO2_Pa"]) + 10) < 1e-9]
        if len(middle) != 1:
            fails.append("no row at 1000 K, 1e-10 Pa")
        else:
            for s, expected in (("V_O..", 0.0), ("e'", -0.25)):
                slope = float(middle[0][f"slope[{s}]"])
                print(f"slope[{s}] at 1000 K, 1e-10 Pa: {slope:.5f} (expected {expected} +- 0.01)")
                if abs(slope - expected) > 0.01:
                    fails.append(f"slope of {s} is {slope}, expected {expected}")
        block = [r for r in rows if float(r["T_K"]) == 1000]
        found = plot_brouwer.regimes([float(r["log10_pO2_Pa"]) for r in block],
                                     [float(r["slope[e']"]) for r in block])
        print("e' regimes at 1000 K:", found)
        if not any(f == "-1/4" and a <= -10 <= b for a, b, f in found):
            fails.append(f"the plot script finds no -1/4 regime of e' around 1e-10 Pa: {found}")
sys.exit(testlib.finish(fails))
