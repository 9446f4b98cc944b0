#!/usr/bin/python3
"""Run one of the seed-paper scenarios (parameter_files/scenarios/,
doc/scenarios/) and compare what exsolve computes with what the paper saw.

  scripts/run_scenario.py NAME            full resolution (doc/scenarios/NAME.md)
  scripts/run_scenario.py NAME --quick    reduced resolution (the ctest)
  scripts/run_scenario.py --list

Writes OUT (default results/scenarios/NAME, or NAME_quick) with one
directory per exsolve run, summary.json, summary.md (measured numbers, their
bands and the paper's observations) and NAME.png. --check makes the exit
code 1 if a number lies outside its band; --figures DIR also copies the
PNG there (doc/images/scenarios for the pages).
"""
import argparse, json, os, shutil, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenarios import SCENARIOS  # noqa: E402
from scenarios.common import ROOT, execute  # noqa: E402


def summary_markdown(scenario, checks, runs, quick):
    lines = [f"# {scenario.TITLE}", "",
             f"{'Reduced resolution (--quick)' if quick else 'Full resolution'}; "
             f"{sum(r['wall_total_s'] for r in runs.values()):.0f} s of exsolve runs.", "",
             "| quantity | paper | exsolve | band | |", "|---|---|---|---|---|"]
    for c in checks:
        value = "n/a" if c["value"] is None else f"{c['value']:.4g}"
        lines.append(f"| {c['meaning']} | {c['paper']} | {value} | {c['band']} | "
                     f"{'ok' if c['pass'] else 'FAIL'} |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("name", nargs="?")
    ap.add_argument("--quick", action="store_true", help="reduced resolution (the regression test)")
    ap.add_argument("--check", action="store_true", help="exit 1 if a number is outside its band")
    ap.add_argument("--out", help="output directory")
    ap.add_argument("--exsolve", default=os.path.join(ROOT, "build", "exsolve"))
    ap.add_argument("--figures", help="also copy NAME.png into this directory")
    ap.add_argument("--list", action="store_true")
    a = ap.parse_args()
    if a.list or not a.name:
        for name, s in SCENARIOS.items():
            print(f"{name:26s} {s.TITLE}")
        return 0 if a.list else 2
    if a.name not in SCENARIOS:
        print(f"run_scenario: unknown scenario '{a.name}'; known: {', '.join(SCENARIOS)}",
              file=sys.stderr)
        return 2
    if not os.access(a.exsolve, os.X_OK):
        print(f"run_scenario: no executable {a.exsolve} (build first: scripts/setup.sh)",
              file=sys.stderr)
        return 2
    scenario = SCENARIOS[a.name]
    out = os.path.abspath(a.out or os.path.join(
        ROOT, "results", "scenarios", a.name + ("_quick" if a.quick else "")))
    os.makedirs(out, exist_ok=True)
    log = lambda text: print(text, flush=True)
    log(f"scenario {a.name}: {scenario.TITLE}")
    start = time.time()
    directories, runs = {}, {}
    for run in scenario.runs():
        directories[run.label] = os.path.join(out, run.label)
        try:
            runs[run.label] = execute(a.exsolve, run, directories[run.label], a.quick, log)
        except RuntimeError as e:
            print(f"run_scenario: {e}", file=sys.stderr)
            return 1
        log(f"    {runs[run.label]['wall_total_s']:.1f} s")
    metrics = scenario.analyse(directories)
    checks = []
    for c in scenario.CHECKS:
        value = metrics.get(c.key)
        checks.append({"key": c.key, "value": value, "band": c.band(), "pass": c.passes(value),
                       "meaning": c.meaning, "paper": c.paper})
    png = os.path.join(out, a.name + ".png")
    scenario.plot(directories, metrics, png)
    if a.figures:
        os.makedirs(a.figures, exist_ok=True)
        shutil.copy(png, os.path.join(a.figures, os.path.basename(png)))
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump({"scenario": a.name, "quick": a.quick, "metrics": metrics, "checks": checks,
                   "runs": runs, "wall_s": time.time() - start}, f, indent=1)
    text = summary_markdown(scenario, checks, runs, a.quick)
    with open(os.path.join(out, "summary.md"), "w") as f:
        f.write(text)
    print(text)
    failed = [c for c in checks if not c["pass"]]
    for c in failed:
        print(f"FAIL {c['meaning']}: {c['value']} outside {c['band']}")
    print(f"scenario {a.name}: {len(checks) - len(failed)}/{len(checks)} checks within their bands, "
          f"{time.time() - start:.0f} s; {out}")
    return 1 if (a.check and failed) else 0


if __name__ == "__main__":
    sys.exit(main())
