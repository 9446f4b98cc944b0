#!/usr/bin/python3
"""Turn an exsolve output directory into PNG plots (matplotlib, Agg backend).

  /usr/bin/python3 scripts/plot_results.py OUTPUT_DIR [--out PLOT_DIR]
      [--line x0,y0[,z0]:x1,y1[,z1]] [--benchmarks FILE]

Writes into PLOT_DIR (default OUTPUT_DIR/plots) each plot whose input exists:

  timeseries.png         timeseries.csv (transport): dt, error estimate,
                         Newton/linear iterations, species amounts vs time
  profiles.png           the last VTU (solution.pvd): concentrations (log)
                         and potential along a line through the first
                         extended defect of parameters.prm (1D: the whole
                         line; otherwise the sample's centre line in x, or
                         --line)
  defects.png            defects.csv: Phi_0, width and excess per defect vs time
  particles.png          particles.csv: number density, mean radius, metal
                         area fraction and the atom budget vs time
  size_distribution.png  size_distribution.csv: number density per radius at
                         several times
  grains.png             grains.csv (microstructure): grain-size histogram
                         per phase; porosity and tortuosity in the title
  convergence.png        error vs DoFs with fitted rates, from summary.csv
                         (l2_error per cycle) and BENCHMARK records with
                         *error fields
  benchmark.png          wall time vs DoFs of the BENCHMARK records, with an
                         O(N) reference line

BENCHMARK records are read from --benchmarks FILE (lines 'BENCHMARK {...}',
e.g. a log of runs, or JSON lines) or OUTPUT_DIR/benchmarks.jsonl. Every
plot is reported as written or skipped (with the reason). Exit 0 if all
present inputs were plotted; 1 if an input is malformed or holds non-finite
values (that plot is not written, the others are); 2 if OUTPUT_DIR does not
exist or holds nothing plottable.
"""
import argparse, os, sys

import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import exsolve_vtu  # noqa: E402
import exsolve_results as results  # noqa: E402
from exsolve_results import InputError, Skip  # noqa: E402

SPECIES_COLOURS = plt.get_cmap("tab10")


def save(fig, path):
    """Write the figure under a temporary name and rename it, as exsolve
    writes its own files, so a reader never sees half a PNG."""
    tmp = path + ".part"
    try:
        fig.savefig(tmp, format="png", dpi=110)
        os.replace(tmp, path)
    finally:
        plt.close(fig)
        if os.path.exists(tmp):
            os.unlink(tmp)


def time_axis(ax, t, label="time [s]"):
    """Log time axis when the times span decades (symlog if t = 0 occurs),
    linear otherwise: adaptive runs step from 1e-9 s to hours."""
    positive = t[t > 0]
    if len(positive) and positive.max() > 100 * positive.min():
        if len(positive) == len(t):
            ax.set_xscale("log")
        else:
            ax.set_xscale("symlog", linthresh=positive.min())
            ax.set_xlim(left=0)
    ax.set_xlabel(label)


def log_if_positive(ax, *arrays):
    """Log y axis when every value is positive and they span a decade."""
    values = np.concatenate([np.ravel(a) for a in arrays] or [[]])
    values = values[np.isfinite(values)]
    if len(values) and values.min() > 0 and values.max() > 10 * values.min():
        ax.set_yscale("log")


def steady_limits(ax, values):
    """Nearly constant data (a defect in equilibrium) as a flat line with
    readable ticks, not magnified round-off under a 1e-6 offset label."""
    scale = np.abs(values).max()
    if scale > 0 and np.ptp(values) < 1e-6 * scale:
        ax.set_ylim(values.min() - 0.05 * scale, values.max() + 0.05 * scale)
    ax.ticklabel_format(axis="y", useOffset=False)


def finish(fig, axes, title):
    """Common look: grid, legends where labelled, title, tight layout."""
    for ax in np.ravel(axes):
        ax.grid(True, which="both", color="0.9", lw=0.6)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=7, frameon=False)
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()


def plot_timeseries(ctx):
    """dt, error estimate, iterations and amounts per step of a transport run."""
    table = results.read_table(ctx.path("timeseries.csv"),
                               required=("time", "dt", "newton_iterations",
                                         "linear_iterations"))
    t = table["time"]
    fig, axes = plt.subplots(2, 2, figsize=(10, 7))
    axes[0, 0].plot(t, table["dt"], "o-", ms=3)
    axes[0, 0].set_yscale("log")
    axes[0, 0].set_ylabel(f"time step dt {ctx.units('time')}")
    estimate = table.get("error_estimate")
    if estimate is not None and np.any(estimate != 0):
        axes[0, 1].plot(t, estimate, "o-", ms=3)
        log_if_positive(axes[0, 1], estimate)
        axes[0, 1].axhline(1.0, color="0.5", ls="--", lw=0.8, label="steps above 1 are rejected")
    else:
        axes[0, 1].text(0.5, 0.5, "fixed time steps (no estimate)",
                        ha="center", va="center", transform=axes[0, 1].transAxes)
    axes[0, 1].set_ylabel("error estimate (weighted by the tolerances)")
    axes[1, 0].plot(t, table["newton_iterations"], "o-", ms=3, label="Newton")
    axes[1, 0].plot(t, table["linear_iterations"], "s-", ms=3, label="linear (FGMRES)")
    axes[1, 0].set_ylabel("iterations per step")
    amounts = [c for c in table if c.startswith("amount_")]
    for k, column in enumerate(amounts):
        axes[1, 1].plot(t, table[column], "-", color=SPECIES_COLOURS(k % 10),
                        label=column[len("amount_"):])
    log_if_positive(axes[1, 1], *[table[c] for c in amounts])
    axes[1, 1].set_ylabel(f"amount {ctx.units('amount')}")
    for ax in axes.ravel():
        time_axis(ax, t, f"time {ctx.units('time')}")
    finish(fig, axes, f"{ctx.name}: {len(t)} time steps")
    save(fig, ctx.png("timeseries.png"))
    return f"{len(t)} steps, {len(amounts)} species"


def plot_profiles(ctx):
    """Concentrations and potential along a line through the defects."""
    vtu, time = results.last_vtu(ctx.directory)
    piece = exsolve_vtu.merged(exsolve_vtu.read(vtu))
    fields = sorted(n for n in piece.point_data if n.startswith("c_"))
    if not fields and "phi" not in piece.point_data:
        raise Skip(f"{os.path.basename(vtu)} has no c_* or phi field")
    for name in fields + ["phi"]:
        if name in piece.point_data and not np.all(np.isfinite(piece.point_data[name])):
            raise InputError(f"{vtu}: field {name} has non-finite values")
    line = results.profile_line(ctx, piece.points)
    s, values = exsolve_vtu.sample_line(piece, line.start, line.end)
    if not np.any(np.isfinite(values["phi" if "phi" in values else fields[0]])):
        raise InputError(f"the line {line.text} misses the mesh of {vtu}")
    x, xlabel = line.abscissa(s)
    fig, axes = plt.subplots(2, 1, figsize=(8, 7), sharex=True)
    names = ctx.species_names()
    for k, name in enumerate(fields):
        label = name + (f" ({names[name]})" if name in names else "")
        axes[0].plot(x, values[name], color=SPECIES_COLOURS(k % 10), label=label)
    log_if_positive(axes[0], *[values[n] for n in fields])
    axes[0].set_ylabel(f"concentration {ctx.units('c')}")
    if "phi" in values:
        axes[1].plot(x, values["phi"], color="k", label="phi")
    axes[1].set_ylabel(f"phi {ctx.units('phi')}")
    axes[1].set_xlabel(xlabel)
    for mark, position in line.marks:
        at = line.abscissa(np.array([position]))[0][0]
        for ax in axes:
            ax.axvline(at, color="0.5", ls=":", lw=1)
        axes[0].annotate(mark, (at, 1),
                         xycoords=("data", "axes fraction"), xytext=(3, -10),
                         textcoords="offset points", fontsize=7, color="0.4")
    # Steady runs number their outputs by refinement cycle, not time.
    when = "cycle" if os.path.isfile(ctx.path("summary.csv")) else "t ="
    when = f" ({when} {time:g})" if np.isfinite(time) else ""
    finish(fig, axes, f"{ctx.name}: {os.path.basename(vtu)}{when} along {line.text}")
    save(fig, ctx.png("profiles.png"))
    return f"{os.path.basename(vtu)}, {len(fields)} concentrations, along {line.text}"


def plot_defects(ctx):
    """Core potential, layer width and excess of each defect per output time."""
    table = results.read_table(ctx.path("defects.csv"), text=("defect",),
                               required=("time", "defect", "potential", "width"))
    excess = [c for c in table if c.startswith("excess[")]
    panels = ["potential", "width"] + excess
    columns = min(3, len(panels))
    rows = -(-len(panels) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(4.2 * columns, 3.4 * rows),
                             squeeze=False)
    defects = list(dict.fromkeys(table["defect"]))
    labels = {"potential": f"Phi_0 {ctx.units('phi')}",
              "width": f"layer width {ctx.units('length')}"}
    for ax, column in zip(axes.ravel(), panels):
        for k, defect in enumerate(defects):
            mine = np.array([d == defect for d in table["defect"]])
            ax.plot(table["time"][mine], table[column][mine], "o-", ms=3,
                    color=SPECIES_COLOURS(k % 10) if k < 10 else "0.7",
                    label=defect if k < 10 else None)
        steady_limits(ax, table[column])
        ax.set_ylabel(labels.get(column, f"{column} {ctx.units('excess')}"))
        time_axis(ax, table["time"], f"time {ctx.units('time')}")
    for ax in axes.ravel()[len(panels):]:
        ax.set_visible(False)
    finish(fig, axes, f"{ctx.name}: {len(defects)} extended defect(s)")
    save(fig, ctx.png("defects.png"))
    return f"{len(defects)} defects, {len(set(table['time']))} output times"


def plot_particles(ctx):
    """Population-balance summary: density, mean radius, coverage, atom budget."""
    table = results.read_table(ctx.path("particles.csv"), required=results.PARTICLE_COLUMNS)
    t = table["time_s"]
    fig, axes = plt.subplots(2, 2, figsize=(10, 7))
    grown = t > 0
    axes[0, 0].loglog(t[grown], table["number_density_m2"][grown], "o-", ms=3)
    axes[0, 0].set_ylabel("particle number density [m^-2]")
    axes[0, 1].loglog(t[grown], table["mean_radius_nm"][grown], "o-", ms=3)
    axes[0, 1].set_ylabel("mean radius [nm]")
    axes[1, 0].plot(t, table["metal_area_fraction"], "o-", ms=3, label="metal area fraction")
    axes[1, 0].plot(t, table["adatom_coverage"], "s-", ms=3, label="adatom coverage")
    axes[1, 0].set_ylabel("fraction of the surface [-]")
    budget = ("atoms_supplied_m2", "atoms_adatoms_m2", "atoms_particles_m2")
    for column in budget:
        axes[1, 1].plot(t[grown], table[column][grown], label=column[len("atoms_"):-len("_m2")])
    axes[1, 1].plot(t[grown], (table["atoms_adatoms_m2"] + table["atoms_particles_m2"])[grown],
                    "k:", label="adatoms + particles")
    log_if_positive(axes[1, 1], *[table[c][grown] for c in budget])
    axes[1, 1].set_ylabel("metal atoms [m^-2]")
    for ax in axes.ravel():
        time_axis(ax, t if ax is axes[1, 0] else t[grown])
    low, high = table["temperature_K"].min(), table["temperature_K"].max()
    finish(fig, axes, f"{ctx.name}: exsolved particles, T = {low:g} K"
                      + (f" to {high:g} K" if high > low else ""))
    save(fig, ctx.png("particles.png"))
    return f"{len(t)} times"


def plot_size_distribution(ctx, curves=6):
    """Number density per radius at up to `curves` output times, spread in
    log time so that both nucleation and ripening show."""
    table = results.read_table(ctx.path("size_distribution.csv"),
                               required=("time_s", "radius_nm", "bin_width_nm",
                                         "number_density_m2"))
    if np.any(table["bin_width_nm"] <= 0):
        raise InputError("size_distribution.csv: bin_width_nm must be positive")
    times = np.unique(table["time_s"])
    populated = [t for t in times
                 if np.any(table["number_density_m2"][table["time_s"] == t] > 0)]
    if not populated:
        raise Skip("size_distribution.csv holds no particles at any time")
    floor = min([t for t in populated if t > 0] or [1.0])
    logs = np.log(np.maximum(populated, floor))  # spread in log time
    chosen = [populated[i] for i in np.unique(
        [np.argmin(np.abs(logs - x)) for x in np.linspace(logs[0], logs[-1], curves)])]
    fig, ax = plt.subplots(figsize=(7, 4.6))
    peak = 0.0
    colours = plt.get_cmap("viridis")(np.linspace(0, 0.9, len(chosen)))
    for colour, t in zip(colours, chosen):
        rows = table["time_s"] == t
        order = np.argsort(table["radius_nm"][rows])
        density = table["number_density_m2"][rows] / table["bin_width_nm"][rows]
        ax.step(table["radius_nm"][rows][order], density[order], where="mid",
                color=colour, label=f"t = {t:.3g} s")
        peak = max(peak, density.max())
    ax.set_yscale("log")
    ax.set_ylim(peak * 1e-6, peak * 3)  # six decades: the tails' round-off is no news
    ax.set_xlabel("particle radius [nm]")
    ax.set_ylabel("number density per radius [m^-2 nm^-1]")
    finish(fig, ax, f"{ctx.name}: size distribution at {len(chosen)} of {len(times)} times")
    save(fig, ctx.png("size_distribution.png"))
    return f"{len(chosen)} of {len(times)} times"


def plot_convergence(ctx):
    """Error versus DoFs per series with the observed rate in h ~ DoFs^(-1/dim)."""
    series = results.error_series(ctx)
    if not series:
        raise Skip("no summary.csv with l2_error and no BENCHMARK records with *error fields")
    fig, ax = plt.subplots(figsize=(7, 5))
    lines = []
    for k, (label, dim, dofs, error) in enumerate(series):
        rate = results.observed_rate(dofs, error, dim)
        text = label + ("" if rate is None else f", rate {rate:.2f}")
        ax.loglog(dofs, error, "os^vD<>p"[k % 8] + "-", ms=4, label=text)
        lines.append(text)
    ax.set_xlabel("degrees of freedom (h ~ DoFs^(-1/dim))")
    ax.set_ylabel("error")
    finish(fig, ax, f"{ctx.name}: convergence")
    save(fig, ctx.png("convergence.png"))
    return "; ".join(lines)


def plot_benchmark(ctx):
    """Wall time versus DoFs of the BENCHMARK records, against O(N)."""
    records = [r for r in ctx.benchmarks() if "dofs" in r and "wall_total_s" in r]
    if not records:
        raise Skip("no BENCHMARK records with dofs and wall_total_s")
    groups = {}
    for r in records:
        key = " ".join([f"{r.get('name', '?')} {r.get('dim', '?')}D"]
                       + [str(r[k]) for k in ("refinement", "linear_algebra") if k in r]
                       + [f"{r.get('mpi_ranks', 1)} rank(s)"])
        groups.setdefault(key, []).append((r["dofs"], r["wall_total_s"]))
    fig, ax = plt.subplots(figsize=(7, 5))
    for k, (key, points) in enumerate(sorted(groups.items())):
        dofs, wall = map(np.array, zip(*sorted(points)))
        slope = results.fitted_slope(dofs, wall)
        ax.loglog(dofs, wall, "os^vD<>p"[k % 8] + "-", ms=4,
                  label=key + ("" if slope is None else f", slope {slope:.2f}"))
    dofs = np.array([r["dofs"] for r in records], float)
    wall = np.array([r["wall_total_s"] for r in records], float)
    ref = np.array([dofs.min(), dofs.max()]) if dofs.max() > dofs.min() else dofs.min() * np.array([0.5, 2])
    scale = np.exp(np.mean(np.log(wall) - np.log(dofs)))
    ax.loglog(ref, scale * ref, "k--", lw=0.8, label="O(N)")
    ax.set_xlabel("degrees of freedom")
    ax.set_ylabel("wall time [s]")
    finish(fig, ax, f"{ctx.name}: {len(records)} BENCHMARK records")
    save(fig, ctx.png("benchmark.png"))
    return f"{len(records)} records in {len(groups)} groups"


def plot_grains(ctx):
    """Grain sizes of a microstructure run (equivalent circle or sphere
    diameter from each grain's volume), with its metrics in the title."""
    table = results.read_table(ctx.path("grains.csv"), text=("phase",),
                               required=("grain_id", "phase", "volume_nm^dim"))
    volume = table["volume_nm^dim"]
    if ctx.dimension() == 3:
        diameter = 2 * np.cbrt(3 * volume / (4 * np.pi))
    else:
        diameter = 2 * np.sqrt(volume / np.pi)
    phases = list(dict.fromkeys(table["phase"]))
    fig, ax = plt.subplots(figsize=(7, 4.6))
    ax.hist([diameter[[p == phase for p in table["phase"]]] for phase in phases],
            bins=min(30, max(5, len(diameter) // 3)), stacked=True, label=phases)
    title = [f"{len(diameter)} grains"]
    metrics = results.optional_table(ctx.path("metrics.csv"))
    if "mean_grain_size_nm" in metrics:
        ax.axvline(metrics["mean_grain_size_nm"][0], color="k", ls="--", lw=0.8,
                   label="mean grain size (metrics.csv)")
    if "porosity" in metrics:
        title.append(f"porosity {metrics['porosity'][0]:.3f}")
    tortuosity = results.optional_table(ctx.path("tortuosity.csv"), text=("direction",))
    title += [f"tau_{d} {t:.3f}" for d, t in zip(tortuosity.get("direction", []),
                                                  tortuosity.get("tortuosity", []))]
    ax.set_xlabel(f"equivalent {'sphere' if ctx.dimension() == 3 else 'circle'} diameter [nm]")
    ax.set_ylabel("grains")
    finish(fig, ax, f"{ctx.name}: " + ", ".join(title))
    save(fig, ctx.png("grains.png"))
    return ", ".join(title)


PLOTS = [("timeseries.png", plot_timeseries), ("profiles.png", plot_profiles),
         ("defects.png", plot_defects), ("particles.png", plot_particles),
         ("size_distribution.png", plot_size_distribution),
         ("grains.png", plot_grains), ("convergence.png", plot_convergence),
         ("benchmark.png", plot_benchmark)]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("directory", help="exsolve output directory (Output/Directory)")
    ap.add_argument("--out", help="directory for the PNGs (default DIRECTORY/plots)")
    ap.add_argument("--line", help="profile line x0,y0[,z0]:x1,y1[,z1] in mesh units")
    ap.add_argument("--benchmarks", help="file of BENCHMARK lines or JSON records")
    a = ap.parse_args(argv)
    try:
        ctx = results.Context(a.directory, a.out, a.line, a.benchmarks)
    except InputError as e:
        print(f"plot_results: error: {e}", file=sys.stderr)
        return 2
    written, failed = [], []
    for png, plot in PLOTS:
        try:
            detail = plot(ctx)
            written.append(png)
            print(f"wrote   {ctx.png(png)}: {detail}")
        except Skip as e:
            print(f"skipped {png}: {e}")
        except (InputError, exsolve_vtu.VtuError) as e:
            failed.append(png)
            print(f"ERROR   {png} not written: {e}", file=sys.stderr)
    for note in results.unplotted(ctx.directory):
        print(f"note: {note}")
    if not written and not failed:
        print(f"plot_results: error: {a.directory} holds nothing plottable",
              file=sys.stderr)
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
