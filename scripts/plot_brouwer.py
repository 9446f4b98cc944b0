#!/usr/bin/python3
"""Plot a Brouwer-diagram CSV written by exsolve as a PNG.

  /usr/bin/python3 scripts/plot_brouwer.py brouwer.csv brouwer.png [--title TEXT]

CSV: header T_K,log10_pO2_Pa,log10[X],...,slope[X],... ; one block of rows per
temperature. One panel per temperature, one line per species, slope regimes
labelled with their fraction (see regimes). Exit 0 on success, 2 on a missing,
empty or malformed CSV (no PNG written then), 1 if the PNG cannot be written.
"""
import argparse, bisect, math, os, sys, tempfile
from fractions import Fraction

DENOMINATORS = (1, 2, 3, 4, 6, 8)


class CsvError(Exception):
    """A missing, empty or malformed CSV."""


def nearest_fraction(slope, tol=0.02):
    """The simple fraction (denominator in DENOMINATORS) within tol of slope, or None."""
    if not math.isfinite(slope):
        return None
    best = min((Fraction(round(slope * q), q) for q in DENOMINATORS),
               key=lambda f: abs(slope - f))
    return best if abs(slope - best) <= tol + 1e-12 else None


def fraction_string(f):
    """Formats a Fraction as 0, +1, -1/6, +3/2, ..."""
    text = "0" if f == 0 else "%+d" % f.numerator
    return text + ("/%d" % f.denominator if f.denominator != 1 else "")


def is_plateau(log_p, slopes, i, j, f, tol=0.02):
    """Whether the run i..j near fraction f is a regime, not a transition crossing
    f: at an end of the data the slope must come closest to f there (it may go
    on beyond); elsewhere |d slope/d log pO2| must be smallest inside the run."""
    first, last = i == 0, j == len(slopes) - 1
    dev = [abs(s - f) for s in slopes[i:j + 1]]
    if first or last:
        return (first and last) or dev[0 if first else -1] <= min(dev) + tol / 4
    d = [abs((slopes[k + 1] - slopes[k]) / ((log_p[k + 1] - log_p[k]) or 1e-300))
         for k in range(i, j)]
    return len(d) < 3 or min(d[1:-1]) <= min(d[0], d[-1])


def regimes(log_p, slopes, min_decades=2.0, tol=0.02, plateaus_only=False):
    """Maximal runs of consecutive points whose slope stays within tol of one
    simple fraction and which span at least min_decades of log10 pO2, as
    [(start_log_p, end_log_p, fraction_string), ...] in input order.
    plateaus_only (used for the plot) keeps only runs that pass is_plateau."""
    if len(log_p) != len(slopes):
        raise ValueError("log_p and slopes differ in length")
    labels = [nearest_fraction(s, tol) for s in slopes]
    result, i = [], 0
    while i < len(labels):
        j, f = i, labels[i]
        while f is not None and j + 1 < len(labels) and labels[j + 1] == f:
            j += 1
        if (f is not None and abs(log_p[j] - log_p[i]) >= min_decades
                and (not plateaus_only or is_plateau(log_p, slopes, i, j, f, tol))):
            result.append((log_p[i], log_p[j], fraction_string(f)))
        i = j + 1
    return result


def read_csv(path):
    """Returns (species, blocks): blocks = [(T, log_p, {X: log10}, {X: slope})]."""
    try:
        with open(path, encoding="utf-8-sig") as f:
            lines = [(n, l.strip()) for n, l in enumerate(f, 1)]
    except (OSError, UnicodeDecodeError) as e:
        raise CsvError("cannot read %s: %s" % (path, getattr(e, "strerror", None) or e))
    lines = [(n, l) for n, l in lines if l and not l.startswith("#")]
    if not lines:
        raise CsvError("%s is empty" % path)
    header = [h.strip() for h in lines[0][1].split(",")]
    if len(set(header)) != len(header):
        raise CsvError("%s: duplicate column names in header" % path)
    for name in [n for n in ("T_K", "log10_pO2_Pa") if n not in header]:
        raise CsvError("%s: header lacks the column %s" % (path, name))
    species = [h[len("log10["):-1] for h in header if h.startswith("log10[") and h.endswith("]")]
    if not species:
        raise CsvError("%s: header has no log10[...] columns" % path)
    for s in species:
        if "slope[%s]" % s not in header:
            raise CsvError("%s: column log10[%s] has no slope[%s] column" % (path, s, s))
    index = {name: header.index(name) for name in ["T_K", "log10_pO2_Pa"]
             + ["log10[%s]" % s for s in species] + ["slope[%s]" % s for s in species]}
    rows = []
    for n, line in lines[1:]:
        fields = line.split(",")
        if len(fields) != len(header):
            raise CsvError("%s line %d: %d fields, header has %d"
                           % (path, n, len(fields), len(header)))
        try:
            row = {name: float(fields[k]) for name, k in index.items()}
        except ValueError as e:
            raise CsvError("%s line %d: %s" % (path, n, e))
        if not (math.isfinite(row["T_K"]) and math.isfinite(row["log10_pO2_Pa"])):
            raise CsvError("%s line %d: T_K or log10_pO2_Pa is not finite" % (path, n))
        rows.append(row)
    if not rows:
        raise CsvError("%s has a header but no data rows" % path)
    blocks = []
    for T in dict.fromkeys(r["T_K"] for r in rows):  # order of appearance
        block = sorted((r for r in rows if r["T_K"] == T), key=lambda r: r["log10_pO2_Pa"])
        blocks.append((T, [r["log10_pO2_Pa"] for r in block],
                       {s: [r["log10[%s]" % s] for r in block] for s in species},
                       {s: [r["slope[%s]" % s] for r in block] for s in species}))
    return species, blocks


def interp(x, xs, ys):
    """Linear interpolation in increasing xs (at least two points)."""
    k = max(0, min(bisect.bisect_right(xs, x) - 1, len(xs) - 2))
    t = (x - xs[k]) / (xs[k + 1] - xs[k]) if xs[k + 1] > xs[k] else 0.
    return ys[k] + t * (ys[k + 1] - ys[k])


def plot(species, blocks, out_path, title):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    n = len(blocks)
    ncols = n if n <= 3 else math.ceil(math.sqrt(n))
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(nrows, ncols, sharey=True, squeeze=False,
                             figsize=(5. * ncols, 4. * nrows + 0.5))
    cmap = plt.get_cmap("tab10" if len(species) <= 10 else "tab20")
    colour = {s: cmap(i % cmap.N) for i, s in enumerate(species)}
    ys = [y for b in blocks for s in species for y in b[2][s] if math.isfinite(y)]
    yspan = (max(ys) - min(ys)) if len(ys) > 1 and max(ys) > min(ys) else 1.
    for k, (T, log_p, logs, slopes) in enumerate(blocks):
        ax = axes[k // ncols][k % ncols]
        xspan = (log_p[-1] - log_p[0]) or 1.
        sx, sy = 290. / xspan, 220. / yspan  # points per decade, roughly
        placed = []  # this panel's annotations, in points
        for s in species:
            ax.plot(log_p, logs[s], color=colour[s], lw=1.6,  # legend hides "_x" labels
                    label=" " + s if s.startswith("_") else s)
            for a, b, text in regimes(log_p, slopes[s], plateaus_only=True):
                # offset along the curve's normal, more if steep (text is wider than high)
                m = float(Fraction(text)) * sy
                nx, ny = -m / math.hypot(m, sx), sx / math.hypot(m, sx)
                d = 6. + 6. * abs(nx)
                spots = [(x, y, side * d * nx, side * d * ny)
                         for x in ((a + b) / 2, (3 * a + b) / 4, (a + 3 * b) / 4)
                         for y in [interp(x, log_p, logs[s])] if math.isfinite(y)
                         for side in (1., -1., 2., -2.)]
                if not spots:
                    continue
                # the first spot clear of other labels and, if possible, other curves
                spot = min(spots, key=lambda p: (
                    any(abs(p[0] * sx + p[2] - q[0]) < 22 and abs(p[1] * sy + p[3] - q[1]) < 10
                        for q in placed),
                    any(abs(interp(p[0], log_p, logs[o]) * sy - p[1] * sy - p[3]) < 6
                        for o in species if o != s)))
                placed.append((spot[0] * sx + spot[2], spot[1] * sy + spot[3]))
                ax.annotate(text, spot[:2], xytext=spot[2:], textcoords="offset points",
                            color=colour[s], fontsize=7, ha="center", va="center",
                            annotation_clip=True)
        ax.set_title("T = %g K" % T, fontsize=10)
        ax.set(xlabel="log10 pO2 / Pa",
               ylabel="log10 [defect] per formula unit" if k % ncols == 0 else "")
        ax.grid(True, color="0.9", lw=0.6)
    for k in range(n, nrows * ncols):
        axes[k // ncols][k % ncols].set_visible(False)
    axes[0][ncols - 1].legend(loc="upper left", bbox_to_anchor=(1.02, 1.), fontsize=8,
                              frameon=False, title="species", title_fontsize=8)
    fig.suptitle(title)
    fig.tight_layout()
    directory = os.path.dirname(os.path.abspath(out_path))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".plot_brouwer.", suffix=".png")
    try:
        with os.fdopen(fd, "wb") as f:
            fig.savefig(f, format="png", dpi=150, bbox_inches="tight")
        umask = os.umask(0o22); os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600
        os.replace(tmp, out_path)
    except BaseException:
        os.unlink(tmp)
        raise
    finally:
        plt.close(fig)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", help="Brouwer CSV written by exsolve")
    parser.add_argument("png", help="output PNG")
    parser.add_argument("--title", default="Brouwer diagram")
    args = parser.parse_args(argv)
    try:
        species, blocks = read_csv(args.csv)
    except CsvError as e:
        print("plot_brouwer: error: %s" % e, file=sys.stderr)
        return 2
    try:
        plot(species, blocks, args.png, args.title)
    except OSError as e:
        print("plot_brouwer: error: cannot write %s: %s" % (args.png, e.strerror or e),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
