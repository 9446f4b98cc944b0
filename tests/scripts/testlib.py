"""Shared helpers of the Python test drivers: arguments, the BENCHMARK
record of a run, and the verdict."""
import argparse, json


def arguments():
    """--exsolve PATH --source DIR, as every driver takes them."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--exsolve", required=True)
    ap.add_argument("--source", required=True)
    return ap.parse_args()


def benchmark(stdout):
    """The JSON object of the BENCHMARK line that ends a run's stdout."""
    return json.loads(stdout.strip().split("\n")[-1][len("BENCHMARK "):])


def finish(fails):
    """Print every failure and the verdict; return the exit code."""
    for f in fails:
        print("FAIL", f)
    print("ALL CHECKS PASSED" if not fails else f"{len(fails)} FAILED")
    return 1 if fails else 0
