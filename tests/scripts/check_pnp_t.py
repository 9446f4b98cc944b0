#!/usr/bin/python3
"""PNP-T benchmark of doc/benchmarks.md (transient Poisson-Nernst-Planck).

Mode 'convergence' (serial): parameter_files/benchmarks/pnp-t_{2,3}d.prm
start with '# size: <Section/Entry>'; each run prints one BENCHMARK line as
its last stdout line with the required keys and the diagnostics int_c1,
int_c2, phi_mid, c1_surf_mean and Q, after exactly 20 steps. Under
refinement (2D n = 16, 32, 64) the change of every diagnostic between
successive meshes shrinks by at least a factor 1.5; since the solution
depends on x only, 3D runs (n = 8, 16) agree with 2D at the same n to 1e-7,
so the 3D diagnostics converge alike (3D n = 32 takes minutes).

Mode 'parallel' (2 ranks): 2D n = 32 on 1 and 2 MPI ranks, with Trilinos
and with PETSc, and an adaptive run (refinement every 5 steps) on 1 and 2
ranks: all diagnostics agree to 1e-7 relative.
"""
import argparse, os, subprocess, sys, tempfile

import testlib

REQUIRED = ["name", "dim", "n", "dofs", "mpi_ranks", "wall_total_s",
            "wall_per_step_s", "newton_iterations_total",
            "linear_iterations_total", "peak_memory_mb"]
DIAGNOSTICS = ["int_c1", "int_c2", "phi_mid", "c1_surf_mean", "Q"]


def run(args, work, dim, n, ranks=1, extra=()):
    prm = os.path.join(args.source, "parameter_files", "benchmarks",
                       f"pnp-t_{dim}d.prm")
    first = open(prm).readline().strip()
    assert first.startswith("# size: "), f"{prm}: first line is '{first}'"
    size_entry = first[len("# size: "):].strip()
    out = os.path.join(work, f"run_{dim}d_{n}_{ranks}_{abs(hash(extra))}")
    cmd = [args.exsolve, prm, "--set", f"{size_entry}={n}",
           "--set", "Solver/Newton relative tolerance=1e-11",
           "--set", f"Output/Directory={out}"]
    for e in extra:
        cmd += ["--set", e]
    if ranks > 1:
        cmd = ["mpirun", "--oversubscribe", "-np", str(ranks)] + cmd
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=work)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}:\n"
                           f"{p.stdout[-3000:]}\n{p.stderr}")
    lines = p.stdout.rstrip("\n").split("\n")
    if sum(l.startswith("BENCHMARK") for l in lines) != 1 \
            or not lines[-1].startswith("BENCHMARK {"):
        raise RuntimeError(f"{' '.join(cmd)}: no single final BENCHMARK line")
    record = testlib.benchmark(p.stdout)
    print(f"{dim}D n={n} ranks={ranks} {' '.join(extra)}: " +
          ", ".join(f"{k}={record.get(k)}" for k in DIAGNOSTICS +
                    ["newton_iterations_total", "linear_iterations_total"]))
    return record


def agree(fails, a, b, what, tol=1e-7):
    for k in DIAGNOSTICS:
        scale = max(abs(a[k]), abs(b[k]), 1e-3)
        if abs(a[k] - b[k]) > tol * scale:
            fails.append(f"{what}: {k} {a[k]} vs {b[k]}")


def convergence(args, work, fails):
    records = {}
    for dim, sizes in ((2, (16, 32, 64)), (3, (8, 16))):
        series = [run(args, work, dim, n) for n in sizes]
        for n, r in zip(sizes, series):
            records[(dim, n)] = r
            for key in REQUIRED + DIAGNOSTICS:
                if key not in r:
                    fails.append(f"{dim}D n={n}: key '{key}' missing")
            if r.get("steps") != 20 or r.get("failed_steps") != 0:
                fails.append(f"{dim}D n={n}: {r.get('steps')} steps, "
                             f"{r.get('failed_steps')} failed (want 20, 0)")
            if r.get("dim") != dim or r.get("n") != n:
                fails.append(f"{dim}D n={n}: dim/n are {r.get('dim')}/{r.get('n')}")
        if len(series) < 3:
            continue
        for k in DIAGNOSTICS:
            d1 = abs(series[1][k] - series[0][k])
            d2 = abs(series[2][k] - series[1][k])
            print(f"  {dim}D {k}: differences {d1:.3e} -> {d2:.3e}")
            if not d2 * 1.5 <= d1:
                fails.append(f"{dim}D {k}: differences do not shrink "
                             f"({d1:.3e} -> {d2:.3e})")
    # x-only solution: 3D equals 2D at the same n, so it converges with it.
    for n in (8, 16):
        agree(fails, records.get((2, n)) or run(args, work, 2, n),
              records[(3, n)], f"2D vs 3D at n={n}")


def parallel(args, work, fails):
    serial = run(args, work, 2, 32)
    agree(fails, serial, run(args, work, 2, 32, ranks=2), "1 vs 2 ranks")
    agree(fails, serial, run(args, work, 2, 32,
                             extra=("Solver/Linear algebra=PETSc",)),
          "Trilinos vs PETSc")
    # Refinement only: p4est coarsens a family of cells only when all its
    # children are on one rank, so with coarsening the meshes (and results)
    # of different partitionings differ slightly (coarsening is covered by
    # the serial conservation test).
    adaptive = ("Mesh refinement/Strategy=adaptive",
                "Mesh refinement/Refinement cycles=3",
                "Mesh refinement/Refinement interval=5",
                "Mesh refinement/Coarsen fraction=0",
                "Mesh refinement/Maximum level=6")
    one = run(args, work, 2, 16, extra=adaptive)
    two = run(args, work, 2, 16, ranks=2, extra=adaptive)
    agree(fails, one, two, "adaptive, 1 vs 2 ranks")
    if one["dofs"] != two["dofs"]:
        fails.append(f"adaptive meshes differ: {one['dofs']} vs {two['dofs']} DoFs")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--exsolve", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--mode", choices=("convergence", "parallel"), required=True)
    args = ap.parse_args()
    fails = []
    work = tempfile.mkdtemp(prefix="pnp_t_")
    try:
        (convergence if args.mode == "convergence" else parallel)(args, work, fails)
    except RuntimeError as e:
        fails.append(str(e))
    return testlib.finish(fails)


if __name__ == "__main__":
    sys.exit(main())
