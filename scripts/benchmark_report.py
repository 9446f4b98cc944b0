#!/usr/bin/python3
"""Benchmark report of exsolve, generated from BENCHMARK lines.

  scripts/benchmark_report.py verification-run [--fresh] [CASE ...]
        run the verification campaign below with build/exsolve (1 and 2 MPI
        ranks, a sequence of refinements; about 3 minutes on 2 cores) and
        append the raw BENCHMARK JSON lines to doc/benchmarks/verification.jsonl
        (--fresh: start that file anew; CASE: run only these case ids)
  scripts/benchmark_report.py [report]
        read doc/benchmarks/{verification,pb-s,pnp-t}.jsonl (whichever exist)
        and write doc/benchmark_report.md and its PNG plots
        doc/benchmarks/report_*.png
  scripts/benchmark_report.py --check
        regenerate into a temporary directory; exit 1 if doc/benchmark_report.md
        differs from what this script writes (the PNG bytes are not compared)
        or if an observed convergence rate lies outside its band (BANDS below)

The report depends on the jsonl files only (no dates, no host names), so the
test benchmark/report can check that the committed report is up to date. The
PB-S and PNP-T campaigns are run by scripts/pb_s_benchmarks.py and
scripts/pnp_t_benchmarks.py. Timings are single measurements on a shared
machine: they are reported, never checked.
"""
import json, math, os, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXSOLVE = os.path.join(ROOT, "build", "exsolve")
BENCH = os.path.join(ROOT, "doc", "benchmarks")
VERIFICATION = os.path.join(BENCH, "verification.jsonl")
PBS = os.path.join(BENCH, "pb-s.jsonl")
PNPT = os.path.join(BENCH, "pnp-t.jsonl")
REPORT = os.path.join(ROOT, "doc", "benchmark_report.md")
PLOTS = {"convergence": "report_convergence.png",
         "pbs": "report_pb-s_error_vs_dofs.png",
         "scaling": "report_scaling_dofs.png",
         "speedup": "report_speedup.png",
         "iterations": "report_iterations.png"}

# Expected asymptotic orders in h (uniform refinement, Q1 elements) and the
# band the observed log-log slope between successive meshes must lie in, for
# every pair whose coarser mesh is in the asymptotic range (CASES,
# "asymptotic_from": h at most the layer width). `None`: no asymptotic rate is
# expected, the rate is reported only.
BANDS = {
    # Q1, L2 norm of the error: order 2.
    "l2_error": (2.0, 0.3),
    # integral of phi, a linear functional of a Q1 solution: order 2 (duality).
    "int_phi": (2.0, 0.3),
    # phi at the probe point: O(h^2) in envelope, but the probe is not a node
    # and its position in its cell changes with n, so successive ratios scatter.
    "phi_mid": None,
}
QUANTITIES = ["l2_error", "phi_mid", "int_phi"]
# Relative metal-balance error of the particle runs (K9; the bound of
# tests/particles/metal_conservation.cc).
CONSERVATION_BOUND = 1e-10

# Physical constants as in include/exsolve/core/physical_constants.h.
KB_EV, E_CHARGE, EPS0 = 8.617333262e-5, 1.602176634e-19, 8.8541878128e-12


# --------------------------------------------------------------------------
# Exact (semi-analytic) planar layers for the diagnostics phi_mid and int_phi.
# l2_error is computed by exsolve itself against its planar-layer reference.

def _gauss_quad(f, a, b, pieces=64):
    import numpy as np
    x, w = np.polynomial.legendre.leggauss(40)
    edges = np.linspace(a, b, pieces + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        total += 0.5 * (hi - lo) * float(np.dot(w, f(0.5 * (hi - lo) * x + 0.5 * (hi + lo))))
    return total


def _planar_layer(slope_squared, psi0, x_probe, length_scale):
    """Semi-infinite monotone layer psi(0) = psi0 > 0, psi(inf) = 0, with
    psi'^2 = slope_squared(psi) (first integral, x in units of length_scale).
    Returns psi(x_probe) and the integral of psi over x in [0, inf)."""
    import numpy as np
    inverse = lambda p: 1.0 / np.sqrt(slope_squared(p))
    position = lambda psi: length_scale * _gauss_quad(inverse, psi, psi0)
    lo, hi = 1e-12, psi0
    for _ in range(100):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if position(mid) > x_probe else (lo, mid)
    # dx = length_scale dpsi / |psi'|; p / |psi'| stays finite as p -> 0.
    integral = length_scale * _gauss_quad(lambda p: p * inverse(p), 0.0, psi0)
    return 0.5 * (lo + hi), integral


def reference_pbs():
    """PB-S (shared benchmarks.md): -lambda^2 phi'' = rho(phi),
    rho = 1.2 e^{-2 phi} - 0.2 e^{phi} - 1, lambda = 0.05, phi(0) = 2; the
    unit interval is 20 lambda (32 bulk screening lengths) long, so the
    semi-infinite layer is exact to ~1e-14. Unit cross-section in 2D/3D."""
    import numpy as np
    lam = 0.05
    # lambda^2 phi'^2 / 2 = -R(phi), R(p) = int_0^p rho
    minus_r = lambda p: 0.6 * np.expm1(-2 * p) + 0.2 * np.expm1(p) + p
    phi_mid, int_phi = _planar_layer(lambda p: 2 * minus_r(p), 2.0, 0.05, lam)
    return {"phi_mid": phi_mid, "int_phi": int_phi}


def reference_gouy_chapman():
    """P1 Gouy-Chapman of verification_cases.md with the SI data of
    parameter_files/examples/gouy_chapman_1d.prm (z = 1, c_b = 1e25 m^-3,
    eps_r = 100, T = 1000 K, phi0 = 0.2 V, probe x = 4.87967 nm, L = 100 nm =
    20.5 lambda): phi = 4 V_T artanh(t e^{-x/lambda}), t = tanh(phi0/(4 V_T)),
    int_0^inf phi dx = 4 V_T lambda chi_2(t) (Legendre chi). Units V, V nm."""
    vt = KB_EV * 1000.0
    lam = math.sqrt(EPS0 * 100 * vt / (2 * E_CHARGE * 1e25)) * 1e9
    t = math.tanh(0.2 / (4 * vt))
    chi2 = sum(t ** (2 * k + 1) / (2 * k + 1) ** 2 for k in range(400))
    return {"phi_mid": 4 * vt * math.atanh(t * math.exp(-4.87967 / lam)),
            "int_phi": 4 * vt * lam * chi2}


def reference_mott_schottky():
    """P2 Mott-Schottky of verification_cases.md with the data of
    parameter_files/examples/mott_schottky_3d.prm (c_A = 1.68e25 m^-3,
    eps_r = 83, T = 1000 K, phi0 = 0.5 V, probe x = 5 nm, box 60 x 10 x 10 nm
    = 12.4 lambda_A long): psi'^2 = 2 psi - 1 + e^{-2 psi} in units of
    lambda_A = sqrt(eps kT/(e^2 c_A)). int_phi over the box (100 nm^2 cross
    section). Units V, V nm^3."""
    import numpy as np
    vt = KB_EV * 1000.0
    lam = math.sqrt(EPS0 * 83 * vt / (E_CHARGE * 1.68e25)) * 1e9
    psi, integral = _planar_layer(lambda p: np.expm1(-2 * p) + 2 * p, 0.5 / vt, 5.0, lam)
    return {"phi_mid": vt * psi, "int_phi": 100.0 * vt * integral}


REFERENCES = {"pbs": reference_pbs, "gouy_chapman": reference_gouy_chapman,
              "mott_schottky": reference_mott_schottky}

# --------------------------------------------------------------------------
# The verification campaign. Each case is one parameter file with an exact
# planar-layer reference (Postprocess/Planar layer reference = true, so the
# BENCHMARK line carries l2_error), run at the sizes n of "sizes" (uniform,
# one cycle) or at the cycle counts of "cycles" (adaptive from n = "n").
# A record is matched to its case by (name, dim, refinement) of its
# BENCHMARK line, so the jsonl holds the raw lines only.

CASES = [
    dict(id="pb-s_1d", title="PB-S 1D, uniform", name="pb-s", dim=1,
         prm="parameter_files/benchmarks/pb-s_1d.prm", refinement="uniform",
         sizes=[32, 64, 128, 256, 512, 1024, 2048, 4096], ranks=[1, 2],
         reference="pbs", asymptotic_from=32),   # h <= lambda = 0.05
    dict(id="pb-s_2d", title="PB-S 2D, uniform", name="pb-s", dim=2,
         prm="parameter_files/benchmarks/pb-s_2d.prm", refinement="uniform",
         sizes=[16, 32, 64, 128, 256, 512], ranks=[1, 2],
         reference="pbs", asymptotic_from=32),
    dict(id="pb-s_3d", title="PB-S 3D, uniform", name="pb-s", dim=3,
         prm="parameter_files/benchmarks/pb-s_3d.prm", refinement="uniform",
         sizes=[8, 16, 24, 32, 48, 64], ranks=[1, 2],
         reference="pbs", asymptotic_from=24),
    dict(id="gouy_chapman_1d", title="Gouy-Chapman (P1) 1D, uniform",
         name="gouy_chapman_1d", dim=1,
         prm="parameter_files/examples/gouy_chapman_1d.prm", refinement="uniform",
         sizes=[16, 32, 64, 128, 256, 512, 1024, 2048, 4096], ranks=[1, 2],
         reference="gouy_chapman", asymptotic_from=32),  # h <= lambda = 4.88 nm
    dict(id="mott_schottky_3d", title="Mott-Schottky (P2) 3D, uniform",
         name="mott_schottky_3d", dim=3,
         prm="parameter_files/examples/mott_schottky_3d.prm", refinement="uniform",
         sizes=[12, 24, 48, 96, 192], ranks=[1, 2],
         reference="mott_schottky", asymptotic_from=24),  # h <= lambda_A = 4.85 nm
    dict(id="pb-s_2d_adaptive", title="PB-S 2D, adaptive (n = 8)", name="pb-s", dim=2,
         prm="parameter_files/benchmarks/pb-s_2d.prm", refinement="adaptive",
         n=8, cycles=[2, 4, 6, 8, 10, 12], ranks=[1, 2], reference="pbs"),
    dict(id="pb-s_3d_adaptive", title="PB-S 3D, adaptive (n = 4)", name="pb-s", dim=3,
         prm="parameter_files/benchmarks/pb-s_3d.prm", refinement="adaptive",
         n=4, cycles=[2, 4, 6, 8], ranks=[1, 2], reference="pbs"),
    dict(id="gouy_chapman_1d_adaptive", title="Gouy-Chapman (P1) 1D, adaptive (n = 16)",
         name="gouy_chapman_1d", dim=1,
         prm="parameter_files/examples/gouy_chapman_1d.prm", refinement="adaptive",
         n=16, cycles=[2, 4, 6, 8, 10, 12, 14, 16], ranks=[1, 2],
         reference="gouy_chapman"),
    dict(id="mott_schottky_3d_adaptive", title="Mott-Schottky (P2) 3D, adaptive (n = 12)",
         name="mott_schottky_3d", dim=3,
         prm="parameter_files/examples/mott_schottky_3d.prm", refinement="adaptive",
         n=12, cycles=[2, 4, 6, 8], ranks=[1, 2], reference="mott_schottky"),
    dict(id="particles_ripening_0d", title="Ostwald ripening, one surface element (K9)",
         name="particles", dim=0,
         prm="parameter_files/examples/particles_ripening_0d.prm", refinement="none",
         runs=[None], ranks=[1]),
]


def _size_entry(prm):
    first = open(prm).readline()
    return first.split(":", 1)[1].strip() if first.startswith("# size:") else "Geometry/Subdivisions"


def _runs(case):
    """(label, --set arguments) of every run of a case."""
    prm = os.path.join(ROOT, case["prm"])
    if case["refinement"] == "uniform":
        entry = _size_entry(prm)
        return [(f"n={n}", [f"{entry}={n}", "Mesh refinement/Strategy=uniform",
                            "Mesh refinement/Refinement cycles=1"]) for n in case["sizes"]]
    if case["refinement"] == "adaptive":
        entry = _size_entry(prm)
        return [(f"cycles={c}", [f"{entry}={case['n']}", "Mesh refinement/Strategy=adaptive",
                                 f"Mesh refinement/Refinement cycles={c}"])
                for c in case["cycles"]]
    return [("default", [])]


def _run_one(cmd, env, attempts=3):
    for attempt in range(attempts):
        if os.path.isfile(EXSOLVE):
            r = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
            last = r.stdout.strip().split("\n")[-1] if r.stdout.strip() else ""
            if r.returncode == 0 and last.startswith("BENCHMARK {"):
                return last
            message = f"exit {r.returncode}:\n{r.stderr[-2000:]}"
        else:
            message = f"{EXSOLVE} does not exist"
        if attempt + 1 < attempts:   # the binary may be being rebuilt
            print(f"  failed ({message.splitlines()[0]}), retrying in 30 s", flush=True)
            time.sleep(30)
    sys.exit(f"{' '.join(cmd)} failed: {message}")


def verification_run(argv):
    fresh = "--fresh" in argv
    only = [a for a in argv if not a.startswith("--")]
    unknown = set(only) - {c["id"] for c in CASES}
    if unknown:
        sys.exit(f"unknown case(s) {sorted(unknown)}; cases: {[c['id'] for c in CASES]}")
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    work = tempfile.mkdtemp(prefix="exsolve_verification_")
    start = time.time()
    os.makedirs(BENCH, exist_ok=True)
    with open(VERIFICATION, "w" if fresh else "a") as out:
        for case in CASES:
            if only and case["id"] not in only:
                continue
            prm = os.path.join(ROOT, case["prm"])
            for label, sets in _runs(case):
                for ranks in case["ranks"]:
                    outdir = os.path.join(work, f"{case['id']}_{label}_{ranks}")
                    cmd = [] if ranks == 1 else ["mpirun", "--oversubscribe", "-np", str(ranks)]
                    cmd += [EXSOLVE, prm]
                    for s in sets + [f"Output/Directory={outdir}", "Output/Write VTU=false",
                                     "Output/If directory exists=replace"]:
                        cmd += ["--set", s]
                    line = _run_one(cmd, env)
                    json.loads(line[len("BENCHMARK "):])   # must parse
                    out.write(line[len("BENCHMARK "):] + "\n")
                    out.flush()
                    print(f"[{time.time() - start:6.1f} s] {case['id']} {label} "
                          f"ranks={ranks}: {line}", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    print(f"verification campaign: {time.time() - start:.0f} s, appended to {VERIFICATION}")


# --------------------------------------------------------------------------
# Reading the data.

def _read(path):
    if not os.path.isfile(path):
        return []
    return [json.loads(l) for l in open(path) if l.strip()]


def _dedupe(records):
    """The last record of every run (verification-run appends)."""
    keys = ("name", "dim", "refinement", "n", "cycles", "mpi_ranks", "linear_algebra",
            "size_classes")
    last = {}
    for r in records:
        last[tuple(json.dumps(r.get(k)) for k in keys)] = r
    return list(last.values())


def _case_records(case, records):
    return [r for r in records if r.get("name") == case["name"] and r.get("dim") == case["dim"]
            and r.get("refinement", "none") == case["refinement"]]


def _rate(e1, e2, n1, n2):
    """Observed order in h between meshes n1 < n2 (h = L/n)."""
    if e1 is None or e2 is None or e1 <= 0 or e2 <= 0:
        return None
    return math.log(e1 / e2) / math.log(n2 / n1)


def _slope(xs, ys):
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / sum((a - mx) ** 2 for a in lx)


def _errors(record, reference):
    out = {"l2_error": record.get("l2_error")}
    for key in ("phi_mid", "int_phi"):
        out[key] = abs(record[key] - reference[key]) if key in record else None
    return out


def _fmt(x, spec=".3e"):
    return "—" if x is None else format(x, spec)


def _rate_fmt(x):
    return "—" if x is None else f"{x:.2f}"


def _status(rate, quantity):
    band = BANDS.get(quantity)
    if band is None or rate is None:
        return ""
    return "" if abs(rate - band[0]) <= band[1] else " **(out of band)**"


# --------------------------------------------------------------------------
# Sections of the report. Each returns markdown lines; `failures` collects
# the out-of-band rates for --check.

def verification_section(records, refs, failures, plot_data):
    md = ["## 1. Verification: errors and observed convergence rates", ""]
    if not records:
        return md + ["No `doc/benchmarks/verification.jsonl` yet: run "
                     "`scripts/benchmark_report.py verification-run`.", ""]
    md += ["Source: `doc/benchmarks/verification.jsonl` (written by "
           "`scripts/benchmark_report.py verification-run`). Every case is an existing "
           "parameter file with an exact planar-layer solution (the solution depends on "
           "x only), run unchanged except for the overrides named below. Errors:",
           "",
           "* `l2_error`: L2 norm of phi - phi_exact, computed by exsolve against its "
           "semi-analytic planar-layer reference (`Postprocess/Planar layer reference`, "
           "an ODE solution to 1e-13);",
           "* `phi_mid`, `int_phi`: |value - exact| for the probe value and the integral "
           "of phi, with the exact values computed by this script from the first "
           "integral of the planar layer (Gauss quadrature, ~1e-14 relative):", ""]
    md += ["| reference | phi_mid exact | int_phi exact |", "|---|---|---|"]
    titles = {"pbs": "PB-S (dimensionless; unit cross-section)",
              "gouy_chapman": "Gouy-Chapman P1 [V, V nm]",
              "mott_schottky": "Mott-Schottky P2 [V, V nm^3]"}
    for key in ("pbs", "gouy_chapman", "mott_schottky"):
        md.append(f"| {titles[key]} | {refs[key]['phi_mid']:.12g} | {refs[key]['int_phi']:.12g} |")
    md += ["", "Observed order between successive uniform meshes: "
           "rate = log(e_coarse / e_fine) / log(n_fine / n_coarse) (h = L/n). Bands "
           "(checked by `--check` for every pair whose coarser mesh has h at most the "
           "layer width, marked `*`): " + "; ".join(
               f"`{q}` {b[0]:g} ± {b[1]:g}" if b else f"`{q}` not checked (the probe is in "
               "general not a mesh node and its place in its cell changes with n, so the "
               "ratios scatter about the O(h^2) envelope; in the Mott-Schottky case it is "
               "a node of every mesh)"
               for q, b in BANDS.items()) + ". The 2-rank runs repeat every mesh; the last "
           "column is the largest relative difference of l2_error, phi_mid and int_phi "
           "between 1 and 2 ranks.", ""]

    summary = []
    for case in CASES:
        if case["refinement"] != "uniform":
            continue
        recs = _case_records(case, records)
        one = {r["n"]: r for r in recs if r["mpi_ranks"] == 1}
        two = {r["n"]: r for r in recs if r["mpi_ranks"] == 2}
        if not one:
            continue
        ref = refs[case["reference"]]
        md += [f"### {case['title']}", "",
               f"`{case['prm']}` with `--set \"{_size_entry(os.path.join(ROOT, case['prm']))}=n\"` "
               "`--set \"Mesh refinement/Strategy=uniform\"` "
               "`--set \"Mesh refinement/Refinement cycles=1\"`.", "",
               "| n | DoFs | l2_error | rate | phi_mid error | rate | int_phi error | rate | 1 vs 2 ranks |",
               "|---|---|---|---|---|---|---|---|---|"]
        ns = sorted(one)
        rates = {q: [] for q in QUANTITIES}
        previous = None
        for n in ns:
            err = _errors(one[n], ref)
            cells = [str(n), str(one[n]["dofs"])]
            for q in QUANTITIES:
                rate = _rate(previous[1][q], err[q], previous[0], n) if previous else None
                asym = previous is not None and previous[0] >= case["asymptotic_from"]
                if rate is not None:
                    rates[q].append((previous[0], n, rate, asym))
                    if asym and _status(rate, q):
                        failures.append(f"{case['id']}: {q} rate {rate:.2f} between n = "
                                        f"{previous[0]} and {n} outside "
                                        f"{BANDS[q][0]:g} ± {BANDS[q][1]:g}")
                cells += [_fmt(err[q]), ("—" if rate is None else
                                         f"{rate:.2f}{'*' if asym else ''}{_status(rate, q) if asym else ''}")]
            if n in two:
                diff = max(abs(two[n][q] - one[n][q]) / abs(one[n][q]) for q in QUANTITIES)
                cells.append(f"{diff:.1e}")
            else:
                cells.append("—")
            md.append("| " + " | ".join(cells) + " |")
            previous = (n, err)
        md.append("")
        plot_data.setdefault("uniform", []).append(
            (case, [(n, _errors(one[n], ref)) for n in ns]))
        for q in QUANTITIES:
            asym = [r for (_, _, r, a) in rates[q] if a]
            summary.append((case, q, asym))

    md += ["### Adaptive refinement", "",
           "The same files with `--set \"Mesh refinement/Strategy=adaptive\"` and "
           "`--set \"Mesh refinement/Refinement cycles=c\"` (one run per c; the "
           "BENCHMARK line reports the last cycle). Adaptive meshes are not "
           "quasi-uniform, so the slope of log(l2_error) versus log(DoFs) is reported "
           "(optimal for Q1: -2/dim, i.e. order 2 in DoFs^(-1/dim)), not checked.", "",
           "| case | cycles | DoFs | l2_error | slope vs DoFs | order in DoFs^(-1/dim) | 1 vs 2 ranks |",
           "|---|---|---|---|---|---|---|"]
    for case in CASES:
        if case["refinement"] != "adaptive":
            continue
        recs = _case_records(case, records)
        one = {r["cycles"]: r for r in recs if r["mpi_ranks"] == 1 and r["n"] == case["n"]}
        two = {r["cycles"]: r for r in recs if r["mpi_ranks"] == 2 and r["n"] == case["n"]}
        previous = None
        points = []
        for c in sorted(one):
            r = one[c]
            slope = (_slope([previous["dofs"], r["dofs"]], [previous["l2_error"], r["l2_error"]])
                     if previous and r["dofs"] != previous["dofs"] else None)
            diff = (f"{abs(two[c]['l2_error'] - r['l2_error']) / r['l2_error']:.1e}"
                    if c in two else "—")
            md.append(f"| {case['title']} | {c} | {r['dofs']} | {r['l2_error']:.3e} | "
                      f"{_rate_fmt(slope)} | {_rate_fmt(None if slope is None else -case['dim'] * slope)} | {diff} |")
            points.append((r["dofs"], r["l2_error"]))
            previous = r
        if points:
            plot_data.setdefault("adaptive", []).append((case, points))
    md.append("")

    particle = [c for c in CASES if c["refinement"] == "none"]
    rows = []
    for case in particle:
        for r in _case_records(case, records):
            err = r.get("metal_balance_relative_error")
            ok = err is not None and err <= CONSERVATION_BOUND
            if not ok:
                failures.append(f"{case['id']}: metal balance error {err} > {CONSERVATION_BOUND:g}")
            rows.append(f"| {case['title']} (`{case['prm']}`) | {r['size_classes']} | "
                        f"{r['steps']} | {_fmt(err, '.2e')} | {'yes' if ok else '**no**'} |")
    if rows:
        md += ["### Conservation (population balance)", "",
               "No mesh convergence is expected here: the metal balance (adatoms + "
               "particles - supply) is exact by construction, so its relative error must "
               f"stay at round-off (bound {CONSERVATION_BOUND:g}, as in "
               "tests/particles/metal_conservation.cc; also checked by `--check`).", "",
               "| case | size classes | steps | metal balance rel. error | within bound |",
               "|---|---|---|---|---|"] + rows + [""]

    md += ["### Summary of the observed rates", "",
           "Rates between successive meshes in the asymptotic range (`*` above).", "",
           "| case | quantity | expected | band | observed (min – max) | within band |",
           "|---|---|---|---|---|---|"]
    for case, q, asym in summary:
        band = BANDS[q]
        observed = f"{min(asym):.2f} – {max(asym):.2f}" if asym else "—"
        if band is None:
            md.append(f"| {case['title']} | {q} | O(h^2) envelope | not checked | {observed} | — |")
        else:
            ok = all(abs(r - band[0]) <= band[1] for r in asym) and asym
            md.append(f"| {case['title']} | {q} | {band[0]:g} | ± {band[1]:g} | {observed} | "
                      f"{'yes' if ok else '**no**'} |")
            if not asym:
                failures.append(f"{case['id']}: no {q} rate in the asymptotic range")
    md += ["", f"![errors versus mesh size](benchmarks/{PLOTS['convergence']})", ""]
    return md


def pbs_section(records, refs, plot_data):
    md = ["## 2. PB-S benchmark: uniform versus adaptive refinement", ""]
    if not records:
        return md + ["No `doc/benchmarks/pb-s.jsonl` yet (`scripts/pb_s_benchmarks.py run`).", ""]
    ref = refs["pbs"]
    md += ["Source: `doc/benchmarks/pb-s.jsonl` (`scripts/pb_s_benchmarks.py run`; its own "
           "table is `doc/benchmarks/pb-s.md`). Steady Poisson-Boltzmann layer of the shared "
           "benchmarks.md, Q1. Errors as in section 1 (phi_mid and int_phi against the "
           f"semi-analytic values {ref['phi_mid']:.12g} and {ref['int_phi']:.12g}).", "",
           "| dim | n | refinement | ranks | backend | DoFs | wall [s] | Newton | Krylov | memory [MB] | l2_error | phi_mid error | int_phi error |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in records:
        e = _errors(r, ref)
        refinement = (f"adaptive ({r['cycles']} cycles)" if r["refinement"] == "adaptive"
                      else r["refinement"])
        md.append(f"| {r['dim']} | {r['n']} | {refinement} | "
                  f"{r['mpi_ranks']} | {r['linear_algebra']} | {r['dofs']} | "
                  f"{r['wall_total_s']:.3g} | {r['newton_iterations_total']} | "
                  f"{r['linear_iterations_total']} | {r['peak_memory_mb']:.0f} | "
                  f"{_fmt(e['l2_error'])} | {_fmt(e['phi_mid'])} | {_fmt(e['int_phi'])} |")
    md += ["", "Error versus DoFs, uniform (1 rank, Trilinos) and the adaptive cycles "
           "(history of the adaptive runs, 1 rank). The last column gives the DoFs "
           "uniform refinement needs for the same l2_error (log-log interpolation "
           "between the two bracketing uniform runs, extrapolation from the last two "
           "if outside: marked `extrap.`) and the ratio to the adaptive DoFs.", "",
           "| dim | adaptive cycle | DoFs | l2_error | uniform DoFs for this error | ratio |",
           "|---|---|---|---|---|---|"]
    series = []
    for dim in (1, 2, 3):
        uni = sorted((r["dofs"], r["l2_error"]) for r in records
                     if r["dim"] == dim and r["refinement"] == "uniform"
                     and r["mpi_ranks"] == 1 and r["linear_algebra"] == "Trilinos")
        if uni:
            series.append((f"{dim}D uniform", uni, "-", dim))
        ada = [r for r in records if r["dim"] == dim and r["refinement"] == "adaptive"
               and r["mpi_ranks"] == 1]
        if not ada:
            continue
        hist = [(c["dofs"], c["l2_error"]) for c in ada[0].get("history", [])] or \
               [(ada[0]["dofs"], ada[0]["l2_error"])]
        series.append((f"{dim}D adaptive", hist, "--", dim))
        for k, (dofs, err) in enumerate(hist):
            need = "—"
            if len(uni) >= 2:
                pair, tag = None, " extrap."
                for a, b in zip(uni[:-1], uni[1:]):
                    if b[1] <= err <= a[1]:
                        pair, tag = (a, b), ""
                pair = pair or ((uni[0], uni[1]) if err > uni[0][1] else (uni[-2], uni[-1]))
                (n1, e1), (n2, e2) = pair
                s = math.log(e2 / e1) / math.log(n2 / n1)
                n_uniform = n1 * (err / e1) ** (1 / s)
                need = f"{n_uniform:.3g}{tag} | {n_uniform / dofs:.2g}"
            else:
                need = "— | —"
            md.append(f"| {dim} | {k} | {dofs} | {err:.3e} | {need} |")
    plot_data["pbs"] = series
    md += ["", f"![PB-S error versus DoFs](benchmarks/{PLOTS['pbs']})", ""]
    return md


def _richardson(hs, fs):
    """Observed order p and extrapolated value of f(h) = f0 + C h^p from three
    meshes h1 > h2 > h3; None if the differences change sign."""
    d12, d23 = fs[0] - fs[1], fs[1] - fs[2]
    if d12 == 0 or d23 == 0 or (d12 > 0) != (d23 > 0):
        return None, None
    target = d12 / d23
    g = lambda p: (hs[0] ** p - hs[1] ** p) / (hs[1] ** p - hs[2] ** p) - target
    lo, hi = 0.05, 12.0
    if g(lo) * g(hi) > 0:
        return None, None
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if g(lo) * g(mid) > 0 else (lo, mid)
    p = 0.5 * (lo + hi)
    f0 = fs[2] - d23 * hs[2] ** p / (hs[1] ** p - hs[2] ** p)
    return p, f0


PNPT_DIAGNOSTICS = ["int_c1", "int_c2", "phi_mid", "c1_surf_mean", "Q"]


def pnpt_section(records):
    md = ["## 3. PNP-T benchmark", ""]
    if not records:
        return md + ["No `doc/benchmarks/pnp-t.jsonl` yet (`scripts/pnp_t_benchmarks.py run`).", ""]
    md += ["Source: `doc/benchmarks/pnp-t.jsonl` (`scripts/pnp_t_benchmarks.py run`; "
           "timing breakdown in `doc/benchmarks/pnp-t.md`). Transient Poisson-Nernst-Planck "
           "benchmark of the shared benchmarks.md: Q1, backward Euler, dt = 1e-3, 20 steps, "
           "Newton to 1e-8 relative.", "",
           "| dim | n | ranks | backend | DoFs | wall [s] | s/step | Newton/step | Krylov/Newton | memory [MB] |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for r in records:
        newton = r["newton_iterations_total"]
        md.append(f"| {r['dim']} | {r['n']} | {r['mpi_ranks']} | {r['linear_algebra']} | "
                  f"{r['dofs']} | {r['wall_total_s']:.3g} | {r['wall_per_step_s']:.3g} | "
                  f"{newton / r['steps']:.2f} | {r['linear_iterations_total'] / newton:.1f} | "
                  f"{r['peak_memory_mb']:.0f} |")
    md += ["", "Diagnostics at t = 0.02. There is no exact solution: the observed order p "
           "and the extrapolated value f0 come from the three finest 1-rank Trilinos "
           "meshes of each dimension (f = f0 + C h^p, h = 1/n; no band, not checked), "
           "and every run's difference from f0 is given in parentheses. The solution "
           "depends on x only, so 2D and 3D share the limit.", "",
           "| dim | n | ranks | " + " | ".join(PNPT_DIAGNOSTICS) + " |",
           "|---|---|---|" + "---|" * len(PNPT_DIAGNOSTICS)]
    extrapolated = {}
    orders = []
    for dim in (2, 3):
        base = sorted((r for r in records if r["dim"] == dim and r["mpi_ranks"] == 1
                       and r["linear_algebra"] == "Trilinos"), key=lambda r: r["n"])[-3:]
        if len(base) < 3:
            continue
        row = [f"{dim}D, n = " + ", ".join(str(r["n"]) for r in base)]
        for key in PNPT_DIAGNOSTICS:
            p, f0 = _richardson([1.0 / r["n"] for r in base], [r[key] for r in base])
            extrapolated[(dim, key)] = f0
            row.append("—" if p is None else f"p = {p:.2f}, f0 = {f0:.8f}")
        orders.append("| " + " | ".join(row) + " |")
    for r in records:
        if r["linear_algebra"] != "Trilinos":
            continue
        cells = []
        for key in PNPT_DIAGNOSTICS:
            f0 = extrapolated.get((r["dim"], key))
            cells.append(f"{r[key]:.8f}" + ("" if f0 is None else f" ({r[key] - f0:+.1e})"))
        md.append(f"| {r['dim']} | {r['n']} | {r['mpi_ranks']} | " + " | ".join(cells) + " |")
    if orders:
        md += ["", "| meshes | " + " | ".join(PNPT_DIAGNOSTICS) + " |",
               "|---|" + "---|" * len(PNPT_DIAGNOSTICS)] + orders
    md.append("")
    return md


LABELS = {"pb-s": "PB-S", "pnp-t": "PNP-T", "gouy_chapman_1d": "Gouy-Chapman",
          "mott_schottky_3d": "Mott-Schottky"}


def _series(sources):
    """Performance series: (label, dim, ranks) -> sorted list of records of
    fixed-size runs (uniform meshes, Trilinos)."""
    out = {}
    for source, records in sources:
        for r in records:
            if r.get("refinement", "uniform") != "uniform" or r.get("linear_algebra") != "Trilinos":
                continue
            if r.get("dim", 0) < 1 or "wall_per_step_s" not in r:
                continue
            label = LABELS.get(r["name"], r["name"])
            key = (f"{label} ({source})", r["dim"], r["mpi_ranks"])
            out.setdefault(key, []).append(r)
    for key in out:
        out[key].sort(key=lambda r: r["dofs"])
    return dict(sorted(out.items()))


def scaling_section(sources, plot_data):
    md = ["## 4. Scaling with DoFs and ranks", "",
          "All uniform-mesh Trilinos runs of the three files (the PETSc runs are compared in "
          "pb-s.md and pnp-t.md). A step is a time step for PNP-T and the one nonlinear "
          "solve for the steady cases. **Timings are single measurements on a shared "
          "2-core machine** (other jobs may have run at the same time, and the campaigns "
          "ran at different times): indicative only, never checked.", "",
          "### Wall time per step versus DoFs", "",
          "Fitted exponent of wall time per step versus DoFs (least squares in log-log; "
          "1 = O(N), the optimal complexity of an AMG-preconditioned solve); the last "
          "column fits only the runs with at least 1e4 DoFs, where set-up overheads matter "
          "less.", "",
          "| series | dim | ranks | runs | DoFs | s/step (smallest – largest) | exponent (all) | exponent (DoFs ≥ 1e4) |",
          "|---|---|---|---|---|---|---|---|"]
    series = _series(sources)
    plot_data["series"] = series
    for (label, dim, ranks), recs in series.items():
        if len(recs) < 2:
            continue
        xs = [r["dofs"] for r in recs]
        ys = [r["wall_per_step_s"] for r in recs]
        big = [(x, y) for x, y in zip(xs, ys) if x >= 1e4]
        s_all = _slope(xs, ys)
        s_big = _slope(*zip(*big)) if len(big) >= 2 else None
        md.append(f"| {label} | {dim} | {ranks} | {len(recs)} | {xs[0]} – {xs[-1]} | "
                  f"{ys[0]:.3g} – {ys[-1]:.3g} | {s_all:.2f} | {_rate_fmt(s_big)} |")
    md += ["", f"![wall time per step versus DoFs](benchmarks/{PLOTS['scaling']})", ""]

    md += ["### Speed-up from 1 to 2 ranks at equal size", "",
           "Speed-up = wall time on 1 rank / wall time on 2 ranks (whole run, including "
           "set-up and output), for every run made on both; the table lists the runs "
           "with at least 1e4 DoFs, the plot the uniform-mesh runs with at least 1e3. Ideal: 2 (the "
           "machine has 2 cores, so 2 ranks leave nothing for other jobs: a speed-up below 1, "
           "or above 2, means that other jobs shared the cores during one of the two runs).", "",
           "| source | case | dim | n | refinement | DoFs | wall 1 rank [s] | wall 2 ranks [s] | speed-up |",
           "|---|---|---|---|---|---|---|---|---|"]
    pairs = []
    for source, records in sources:
        groups = {}
        for r in records:
            if r.get("dim", 0) < 1 or r.get("linear_algebra") != "Trilinos":
                continue
            key = (r["name"], r["dim"], r.get("refinement", "uniform"), r["n"], r.get("cycles", 1))
            groups.setdefault(key, {})[r["mpi_ranks"]] = r
        for key in sorted(groups):
            g = groups[key]
            if 1 in g and 2 in g and g[1]["dofs"] == g[2]["dofs"]:
                pairs.append((source, key, g[1], g[2]))
    for source, (name, dim, refinement, n, cycles), one, two in pairs:
        if one["dofs"] < 1e4:
            continue
        ref_label = refinement if refinement != "adaptive" else f"adaptive ({cycles} cycles)"
        md.append(f"| {source} | {LABELS.get(name, name)} | {dim} | {n} | {ref_label} | {one['dofs']} | "
                  f"{one['wall_total_s']:.3g} | {two['wall_total_s']:.3g} | "
                  f"{one['wall_total_s'] / two['wall_total_s']:.2f} |")
    plot_data["pairs"] = pairs
    md += ["", f"![speed-up 1 to 2 ranks](benchmarks/{PLOTS['speedup']})", ""]

    md += ["### Newton and Krylov iterations versus DoFs (mesh independence)", "",
           "Newton iterations per step and Krylov iterations per Newton iteration of the "
           "1-rank series above (2-rank runs give the same or nearly the same counts). "
           "Mesh independence shows as counts that stay bounded as the mesh is refined; "
           "the last column is the largest over the smallest count of Krylov/Newton.", "",
           "| series | dim | DoFs | Newton/step | Krylov/Newton | max/min Krylov/Newton |",
           "|---|---|---|---|---|---|"]
    for (label, dim, ranks), recs in series.items():
        if ranks != 1 or len(recs) < 2:
            continue
        newton = [_newton_per_step(r) for r in recs]
        krylov = [r["linear_iterations_total"] / r["newton_iterations_total"] for r in recs]
        md.append(f"| {label} | {dim} | " + ", ".join(str(r["dofs"]) for r in recs) + " | "
                  + ", ".join(f"{x:.3g}" for x in newton) + " | "
                  + ", ".join(f"{x:.3g}" for x in krylov) + f" | {max(krylov) / min(krylov):.2f} |")
    md += ["", f"![iterations versus DoFs](benchmarks/{PLOTS['iterations']})", ""]
    return md


def _newton_per_step(r):
    steps = r.get("steps") or r.get("cycles") or 1
    return r["newton_iterations_total"] / steps


# --------------------------------------------------------------------------
# Plots.

def write_plots(plot_data, outdir):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    markers = "osD^v<>pXh*"

    def legend(ax, **kw):
        if ax.get_legend_handles_labels()[0]:
            ax.legend(**kw)
    save = lambda fig, key: (fig.tight_layout(),
                             fig.savefig(os.path.join(outdir, PLOTS[key]), dpi=110,
                                         metadata={"Software": None}),
                             plt.close(fig))

    # Convergence: errors relative to the coarsest mesh versus refinement
    # factor (the cases have different units and sizes).
    fig, axes = plt.subplots(1, 3, figsize=(14, 4.5))
    uniform = plot_data.get("uniform", [])
    for ax, q in zip(axes[:2], ("l2_error", "int_phi")):
        top = 1.0
        for k, (case, pts) in enumerate(uniform):
            pts = [(n, e[q]) for n, e in pts if e[q]]
            if len(pts) < 2:
                continue
            x = [n / pts[0][0] for n, _ in pts]
            ax.loglog(x, [e / pts[0][1] for _, e in pts], markers[k % len(markers)] + "-",
                      label=case["title"])
            top = max(top, x[-1])
        ax.loglog([1, top], [1, top ** -2], "k--", lw=2, label="order 2 (Q1)")
        ax.set_xlabel("n / n_coarsest (uniform refinement)")
        ax.set_ylabel("l2_error / its value on the coarsest mesh" if q == "l2_error"
                      else f"{q} error / its value on the coarsest mesh")
        ax.set_title(f"{q}, uniform refinement")
        ax.grid(True, which="both", alpha=0.3)
        legend(ax, fontsize=6)
    ax = axes[2]
    dims = set()
    for k, (case, pts) in enumerate(plot_data.get("adaptive", [])):
        x = [d / pts[0][0] for d, _ in pts]
        ax.loglog(x, [e / pts[0][1] for _, e in pts], markers[k % len(markers)] + "-",
                  label=case["title"])
        dims.add((case["dim"], x[-1]))
    for dim, top in sorted(dims):
        ax.loglog([1, top], [1, top ** (-2.0 / dim)], "--", color="grey", lw=1)
    ax.set_xlabel("DoFs / DoFs of the first cycle")
    ax.set_ylabel("l2_error / first l2_error")
    ax.set_title("adaptive refinement (grey: DoFs^(-2/dim))")
    ax.grid(True, which="both", alpha=0.3)
    legend(ax, fontsize=6)
    save(fig, "convergence")

    # PB-S: uniform versus adaptive.
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for label, pts, style, dim in plot_data.get("pbs", []):
        ax.loglog(*zip(*pts), markers[dim] + style, color=colours[dim], label=label)
    ax.set_xlabel("degrees of freedom")
    ax.set_ylabel("L2 error of phi")
    ax.set_title("PB-S: error versus DoFs")
    ax.grid(True, which="both", alpha=0.3)
    legend(ax, fontsize=8)
    save(fig, "pbs")

    # Wall time per step versus DoFs, with the O(N) reference.
    series = plot_data.get("series", {})
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    styles = {key: dict(marker=markers[k % len(markers)], color=colours[k % len(colours)])
              for k, key in enumerate(sorted({(label, dim) for label, dim, _ in series}))}
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.5), sharey=True)
    for ax, ranks in zip(axes, (1, 2)):
        top = None
        for (label, dim, r), recs in series.items():
            if r != ranks or len(recs) < 2:
                continue
            xs = [q["dofs"] for q in recs]
            ys = [q["wall_per_step_s"] for q in recs]
            ax.loglog(xs, ys, "-", label=f"{label} {dim}D", **styles[(label, dim)])
            if top is None or xs[-1] > top[0]:
                top = (xs[-1], ys[-1])
        if top:
            xr = [top[0] / 1e3, top[0]]
            ax.loglog(xr, [top[1] * x / top[0] for x in xr], "k--", lw=2, label="O(N)")
        ax.set_xlabel("degrees of freedom")
        ax.set_title(f"{ranks} rank{'s' if ranks > 1 else ''}")
        ax.grid(True, which="both", alpha=0.3)
        legend(ax, fontsize=6)
    axes[0].set_ylabel("wall time per step [s]")
    save(fig, "scaling")

    # Speed-up.
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    groups = {}
    for source, (name, dim, refinement, n, cycles), one, two in plot_data.get("pairs", []):
        if refinement != "uniform" or one["dofs"] < 1e3:
            continue
        groups.setdefault((source, name, dim, refinement), []).append(
            (one["dofs"], one["wall_total_s"] / two["wall_total_s"]))
    for k, (key, pts) in enumerate(sorted(groups.items())):
        pts.sort()
        ax.semilogx(*zip(*pts), markers[k % len(markers)] + "-",
                    label=f"{LABELS.get(key[1], key[1])} {key[2]}D {key[3]} ({key[0]})")
    ax.axhline(2.0, color="k", ls="--", lw=1, label="ideal (2)")
    ax.axhline(1.0, color="grey", ls=":", lw=1)
    ax.set_xlabel("degrees of freedom")
    ax.set_ylabel("speed-up 1 -> 2 ranks")
    ax.grid(True, which="both", alpha=0.3)
    legend(ax, fontsize=6)
    ax.set_title("speed-up at equal size, uniform meshes (2-core machine)")
    save(fig, "speedup")

    # Iterations.
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(11, 4.5))
    for (label, dim, ranks), recs in series.items():
        if ranks != 1 or len(recs) < 2:
            continue
        xs = [r["dofs"] for r in recs]
        a1.semilogx(xs, [_newton_per_step(r) for r in recs], "-", label=f"{label} {dim}D",
                    **styles[(label, dim)])
        a2.semilogx(xs, [r["linear_iterations_total"] / r["newton_iterations_total"]
                         for r in recs], "-", label=f"{label} {dim}D", **styles[(label, dim)])
    a1.set_ylabel("Newton iterations per step")
    a2.set_ylabel("Krylov iterations per Newton iteration")
    for ax in (a1, a2):
        ax.set_xlabel("degrees of freedom")
        ax.set_ylim(bottom=0)
        ax.grid(True, which="both", alpha=0.3)
        legend(ax, fontsize=6)
    save(fig, "iterations")


# --------------------------------------------------------------------------

def build_report(outdir_doc, outdir_plots):
    """Write the report and plots; return (markdown path, failures)."""
    raw = _read(VERIFICATION)
    verification = _dedupe(raw)
    pbs, pnpt = _read(PBS), _read(PNPT)
    refs = {k: f() for k, f in REFERENCES.items()}
    failures, plot_data = [], {}
    md = ["# exsolve benchmark report", "",
          "Generated by `scripts/benchmark_report.py report` from the BENCHMARK lines in "
          "`doc/benchmarks/verification.jsonl`, `doc/benchmarks/pb-s.jsonl` and "
          "`doc/benchmarks/pnp-t.jsonl` "
          f"({len(verification)}, {len(pbs)} and {len(pnpt)} runs; verification-run "
          f"appends, and of a run repeated there the last line counts: {len(raw)} lines). "
          "Do not edit: rerun "
          "the script (`scripts/benchmark_report.py --check`, test `benchmark/report`, "
          "fails when this file is out of date or a convergence rate leaves its band).",
          "",
          "**Timings are single measurements on a shared 2-core machine** and are "
          "indicative only; errors, rates and iteration counts are reproducible.", "",
          "Contents: 1. verification errors and convergence rates; 2. PB-S table "
          "(uniform versus adaptive); 3. PNP-T table; 4. scaling with DoFs and ranks, "
          "iterations versus DoFs.", ""]
    md += verification_section(verification, refs, failures, plot_data)
    md += pbs_section(pbs, refs, plot_data)
    md += pnpt_section(pnpt)
    md += scaling_section([("verification", verification), ("PB-S campaign", pbs),
                           ("PNP-T campaign", pnpt)], plot_data)
    os.makedirs(outdir_doc, exist_ok=True)
    os.makedirs(outdir_plots, exist_ok=True)
    path = os.path.join(outdir_doc, "benchmark_report.md")
    with open(path, "w") as f:
        f.write("\n".join(md))
    write_plots(plot_data, outdir_plots)
    return path, failures


def report():
    path, failures = build_report(os.path.join(ROOT, "doc"), BENCH)
    print(f"wrote {path} and {', '.join(PLOTS.values())} in {BENCH}")
    for f in failures:
        print("WARNING:", f)


def check():
    work = tempfile.mkdtemp(prefix="benchmark_report_check_")
    try:
        path, failures = build_report(work, os.path.join(work, "benchmarks"))
        fresh = open(path).read()
        committed = open(REPORT).read() if os.path.isfile(REPORT) else None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    problems = []
    if committed is None:
        problems.append(f"{REPORT} does not exist: run scripts/benchmark_report.py report")
    elif committed != fresh:
        import difflib
        diff = list(difflib.unified_diff(committed.splitlines(), fresh.splitlines(),
                                         "doc/benchmark_report.md (committed)",
                                         "doc/benchmark_report.md (regenerated)", lineterm=""))
        problems.append("doc/benchmark_report.md is out of date with the jsonl files: run "
                        "scripts/benchmark_report.py report\n" + "\n".join(diff[:60]))
    problems += [f"rate out of band: {f}" for f in failures]
    for p in problems:
        print("FAIL", p)
    print("benchmark report up to date, all rates within their bands" if not problems
          else f"{len(problems)} FAILED")
    return 1 if problems else 0


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "report"
    if mode == "verification-run":
        verification_run(sys.argv[2:])
    elif mode == "report":
        report()
    elif mode == "--check":
        sys.exit(check())
    else:
        sys.exit(__doc__)
