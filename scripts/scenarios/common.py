"""What every scenario shares: a run of exsolve (parameter file, overrides,
ranks), reading its CSV files, and a check of one measured number against
a stated band next to the paper's observation."""
import json, math, os, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import exsolve_results  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Run:
    """One exsolve run of a scenario: label (its output subdirectory), the
    parameter file (relative to the repository), --set overrides, the
    overrides of the reduced-resolution test (quick), and MPI ranks."""

    def __init__(self, label, prm, overrides=None, quick=None, ranks=1):
        self.label, self.prm, self.ranks = label, prm, ranks
        self.overrides = dict(overrides or {})
        self.quick = dict(quick or {})


class Check:
    """A measured number, the band it must lie in (lo, hi; None: open), what
    it means, and the paper's observation it stands for."""

    def __init__(self, key, lo, hi, meaning, paper):
        self.key, self.lo, self.hi, self.meaning, self.paper = key, lo, hi, meaning, paper

    def band(self):
        if self.lo is not None and self.hi is not None:
            return f"[{self.lo:g}, {self.hi:g}]"
        return f">= {self.lo:g}" if self.lo is not None else f"<= {self.hi:g}"

    def passes(self, value):
        return (value is not None and math.isfinite(value)
                and (self.lo is None or value >= self.lo)
                and (self.hi is None or value <= self.hi))


def execute(exsolve, run, directory, quick, log):
    """Runs exsolve for one Run into directory; returns its BENCHMARK record.
    Raises RuntimeError with the tail of the output if it fails."""
    settings = dict(run.overrides)
    if quick:
        settings.update(run.quick)
    settings["Output/Directory"] = directory
    settings["Output/If directory exists"] = "replace"
    command = [exsolve, os.path.join(ROOT, run.prm), "-q"]
    for key, value in settings.items():
        command += ["--set", f"{key}={value}"]
    if run.ranks > 1:
        command = ["mpirun", "-np", str(run.ranks), "--oversubscribe"] + command
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    log(f"  run {run.label}: {' '.join(command)}")
    r = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    if r.returncode != 0:
        tail = "\n".join((r.stdout + r.stderr).strip().split("\n")[-25:])
        raise RuntimeError(f"run {run.label} exited with {r.returncode}:\n{tail}")
    line = [l for l in r.stdout.strip().split("\n") if l.startswith("BENCHMARK ")][-1]
    return json.loads(line[len("BENCHMARK "):])


def table(directory, name, **options):
    """{column: numpy array} of a CSV file of a run directory."""
    return exsolve_results.read_table(os.path.join(directory, name), **options)


def at(series, times, t):
    """Value of a series at the last row with time <= t."""
    index = max(i for i, s in enumerate(times) if s <= t * (1 + 1e-12))
    return float(series[index])


def coupled_final(directory):
    """End state of a coupled transport run (particles.csv): exsolved share
    of the metal, particle density [m^-2], mean radius [nm], the exsolved
    share over time, and the worst relative metal balance."""
    p = table(directory, "particles.csv")
    exsolved = (p["metal_adatoms"] + p["metal_particles"]) / p["metal_total"]
    return {"exsolved": float(exsolved[-1]), "density": float(p["number_density_m2"][-1]),
            "radius": float(p["mean_radius_nm"][-1]), "time": p["time_s"], "series": exsolved,
            "balance": float(max(abs(p["metal_total"] / p["metal_total"][0] - 1)))}


def finish_figure(fig, axes, title, png):
    """Grid on every axis, the title, and the PNG (110 dpi)."""
    import matplotlib.pyplot as plt
    for ax in getattr(axes, "ravel", lambda: axes)():
        ax.grid(alpha=0.3)
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(png, dpi=110)
    plt.close(fig)
