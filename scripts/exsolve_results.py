"""Read what an exsolve output directory holds, for scripts/plot_results.py:
CSV tables with a check that every number is finite (a NaN in a plot is
easy to miss, so it is an error here), parameters.prm, BENCHMARK records,
the last VTU file, and the line through the extended defects along which
profiles are drawn. numpy only.
"""
import csv, glob, json, math, os, re

import numpy as np

import exsolve_vtu

PARTICLE_COLUMNS = ("time_s", "temperature_K", "number_density_m2", "mean_radius_nm",
                    "metal_area_fraction", "perimeter_density_m_per_m2",
                    "adatom_coverage", "atoms_supplied_m2", "atoms_adatoms_m2",
                    "atoms_particles_m2")
# Files that are tables for reading, not series to plot, and where to look.
UNPLOTTED = {
    ("phases.csv", "microstructure.pvtu"):
        "not plotted (grains.png shows the grain sizes; "
        "scripts/render_microstructure.py draws a 3D structure)",
    ("brouwer.csv",): "exsolve brouwer writes brouwer.png itself (scripts/plot_brouwer.py)",
}


class InputError(Exception):
    """An input that exists but cannot be plotted: malformed or non-finite."""


class Skip(Exception):
    """A plot whose input is absent: reported, not an error."""


def read_table(path, required=(), text=(), blank_ok=()):
    """{column: numpy array (or list of str for text columns)} of a CSV file,
    in header order. Raises Skip if the file is missing, InputError if a
    required column is missing, a row is short or a number is not finite
    (blank cells only in blank_ok columns, read as NaN)."""
    name = os.path.basename(path)
    if not os.path.isfile(path):
        raise Skip(f"no {name}")
    with open(path, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.reader(f) if r and not r[0].startswith("#")]
    if not rows:
        raise InputError(f"{name} is empty")
    header = [h.strip() for h in rows[0]]
    for column in required:
        if column not in header:
            raise InputError(f"{name}: no column {column} (columns: {', '.join(header)})")
    if len(rows) < 2:
        raise InputError(f"{name} has a header but no data rows")
    columns = {h: [] for h in header}
    for number, row in enumerate(rows[1:], 2):
        if len(row) != len(header):
            raise InputError(f"{name} line {number}: {len(row)} fields, header has {len(header)}")
        for h, cell in zip(header, row):
            columns[h].append(cell.strip() if h in text else _number(name, number, h, cell, blank_ok))
    return {h: (v if h in text else np.array(v)) for h, v in columns.items()}


def optional_table(path, **options):
    """read_table, or {} if the file is not there."""
    try:
        return read_table(path, **options)
    except Skip:
        return {}


def _number(name, line, column, cell, blank_ok):
    """One finite float of a table cell (NaN for a permitted blank)."""
    if not cell.strip() and column in blank_ok:
        return math.nan
    try:
        value = float(cell)
    except ValueError:
        raise InputError(f"{name} line {line}: {column} = '{cell}' is not a number")
    if not math.isfinite(value):
        raise InputError(f"{name} line {line}: {column} = {cell} is not finite")
    return value


def read_prm(path):
    """{'Section/Subsection/Entry': value} of a deal.II parameter file such as
    the parameters.prm of a run ({} if there is none)."""
    if not os.path.isfile(path):
        return {}
    text = open(path, encoding="utf-8").read().replace("\\\n", " ")
    sections, entries = [], {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("subsection "):
            sections.append(line[len("subsection "):].strip())
        elif line == "end" and sections:
            sections.pop()
        elif line.startswith("set ") and "=" in line:
            key, value = line[4:].split("=", 1)
            entries["/".join(sections + [key.strip()])] = value.strip()
    return entries


def read_benchmarks(path):
    """The JSON records of a file of 'BENCHMARK {...}' lines (other lines,
    as in a log of runs, are ignored) or of JSON lines."""
    records = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if line.startswith("BENCHMARK "):
                line = line[len("BENCHMARK "):]
            elif not line.startswith("{"):
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"{path} line {number}: not a JSON record ({e})")
            if not isinstance(record, dict):
                raise InputError(f"{path} line {number}: not a JSON object")
            for key, value in record.items():
                if isinstance(value, float) and not math.isfinite(value):
                    raise InputError(f"{path} line {number}: {key} = {value} is not finite")
            records.append(record)
    return records


class Context:
    """One output directory: its files, parameters and units, and where the
    PNGs go."""

    def __init__(self, directory, out=None, line=None, benchmarks=None):
        if not os.path.isdir(directory):
            raise InputError(f"output directory {directory} does not exist")
        if benchmarks and not os.path.isfile(benchmarks):
            raise InputError(f"benchmark file {benchmarks} does not exist")
        self.directory = directory
        self.name = os.path.basename(os.path.abspath(directory))
        self.out = out or os.path.join(directory, "plots")
        self.line = parse_line(line) if line else None
        self.params = read_prm(os.path.join(directory, "parameters.prm"))
        default = os.path.join(directory, "benchmarks.jsonl")
        self.benchmark_file = benchmarks or (default if os.path.isfile(default) else None)
        self._records = None

    def path(self, name):
        return os.path.join(self.directory, name)

    def png(self, name):
        os.makedirs(self.out, exist_ok=True)
        return os.path.join(self.out, name)

    def benchmarks(self):
        if self._records is None:
            self._records = read_benchmarks(self.benchmark_file) if self.benchmark_file else []
        return self._records

    def dimension(self):
        return int(self.params.get("Geometry/Dimension", "1"))

    def units(self, kind):
        """Axis-label units: physical in SI runs, 'scaled' in dimensionless ones."""
        if self.params.get("Physics/Unit system", "SI") != "SI":
            return "(scaled)"
        return {"c": "[m^-3]", "phi": "[V]", "length": "[nm]", "time": "[s]",
                "amount": f"[m^-3 nm^{self.dimension()}]",
                "excess": "[m^-2; m^-1 for lines]"}[kind]

    def species_names(self):
        """{VTU field name: species name}: the VTU names are sanitised
        (V_O.. -> c_V_Opp), the labels should show the species."""
        names = [n.strip() for n in self.params.get("Physics/Species/Names", "").split(",")]
        return {"c_" + sanitise(n): n for n in names if n}


def sanitise(name):
    """A species name as exsolve writes it into VTU field names."""
    return re.sub(r"[^A-Za-z0-9_]", "_", name.replace(".", "p").replace("'", "m"))


def parse_line(text):
    """Start and end point (3-vectors) of '--line x0,y0[,z0]:x1,y1[,z1]'."""
    try:
        ends = [[float(v) for v in part.split(",")] for part in text.split(":")]
    except ValueError:
        ends = []
    if len(ends) != 2 or not all(1 <= len(e) <= 3 for e in ends):
        raise InputError(f"--line {text}: expected x0,y0[,z0]:x1,y1[,z1]")
    start, end = (np.array(e + [0.0] * (3 - len(e))) for e in ends)
    if np.allclose(start, end):
        raise InputError(f"--line {text}: start and end coincide")
    return start, end


def last_vtu(directory):
    """(path, time) of the last output: the last dataset of solution.pvd, or
    else the last solution-*.pvtu/.vtu by name (time NaN)."""
    pvd = os.path.join(directory, "solution.pvd")
    if os.path.isfile(pvd):
        steps = exsolve_vtu.timesteps(pvd)
        if steps:
            return steps[-1][1], steps[-1][0]
    files = sorted(glob.glob(os.path.join(directory, "solution-*.pvtu"))) or \
        sorted(glob.glob(os.path.join(directory, "*.vtu")))
    if not files:
        raise Skip("no solution.pvd or VTU files")
    return files[-1], math.nan


def _entries(params, key):
    """(name, parts) of an 'name: x y z / nx ny nz / ..., ...' entry: parts
    split at '/', the first two as 3-vectors (missing coordinates 0)."""
    for entry in filter(None, (e.strip() for e in params.get(key, "").split(","))):
        name, _, spec = entry.partition(":")
        parts = spec.split("/")
        vectors = [np.array([float(v) for v in p.split()] + [0.0] * 3)[:3] for p in parts[:2]]
        yield name.strip(), vectors + parts[2:]


def _unit(vector):
    length = np.linalg.norm(vector)
    if length == 0:
        raise ValueError("a zero normal or direction")
    return vector / length


def defects(params, dim):
    """[(name, kind, point, vector)] of the extended defects of parameters.prm:
    planes (vector: normal) and lines (vector: direction; None in 2D, where a
    line is a point of the section)."""
    result = []
    try:
        for name, (point, normal, *_) in _entries(params, "Extended defects/Planes"):
            result.append((name, "plane", point, _unit(normal)))
        for name, (point, normal, spacing, count) in _entries(params, "Extended defects/Plane arrays"):
            n = _unit(normal)
            result += [(f"{name}_{k + 1}", "plane", point + k * float(spacing) * n, n)
                       for k in range(int(count))]
        for name, parts in _entries(params, "Extended defects/Lines"):
            vector = _unit(parts[1]) if len(parts) > 1 and dim == 3 else None
            result.append((name, "line", parts[0], vector))
    except (ValueError, IndexError) as e:
        raise InputError(f"parameters.prm: cannot read the extended defects ({e})")
    return result


class Line:
    """The profile line: its ends, a description, the defects it crosses
    (name, distance from the start) and its abscissa for the plot."""

    def __init__(self, start, end, why, crossings, unit):
        self.start, self.end, self.marks, self.unit = start, end, crossings, unit
        fmt = lambda p: "(" + ", ".join(f"{v:.4g}" for v in p[:self.dim_shown()]) + ")"
        self.text = f"{fmt(start)} to {fmt(end)} ({why})"

    def dim_shown(self):
        return 3 if self.start[2] or self.end[2] else 2

    def abscissa(self, s):
        """x-values and label: the coordinate itself on axis-parallel lines."""
        d = (self.end - self.start) / np.linalg.norm(self.end - self.start)
        axis = int(np.argmax(np.abs(d)))
        if abs(abs(d[axis]) - 1) < 1e-12:
            return self.start[axis] + np.sign(d[axis]) * s, f"{'xyz'[axis]} {self.unit}"
        return s, f"distance along the line {self.unit}"


def profile_line(ctx, points):
    """The Line along which profiles are drawn: --line; else along the normal
    of the first plane defect (or across the first line defect) through the
    point of the defect nearest the sample's centre; else the centre line in x."""
    low, high = points.min(axis=0), points.max(axis=0)
    centre = (low + high) / 2
    dim = max(1, int(np.sum(high - low > 0)))
    found = [] if dim == 1 else defects(ctx.params, dim)
    if ctx.line is not None:
        start, end = ctx.line
        why = "--line"
    elif found:
        name, kind, point, vector = found[0]
        if kind == "plane":
            through = centre - np.dot(centre - point, vector) * vector
            direction = vector
        else:
            through, direction = point.copy(), np.array([1.0, 0, 0])
            if vector is not None:  # 3D: the point nearest the centre, across the line
                through = point + np.dot(centre - point, vector) * vector
                axis = np.eye(3)[int(np.argmin(np.abs(vector)))]
                direction = axis - np.dot(axis, vector) * vector
                direction /= np.linalg.norm(direction)
        start, end = clip(through, direction, low, high)
        why = f"across {kind} {name}"
    else:
        start, end = np.array([low[0], centre[1], centre[2]]), np.array([high[0], centre[1], centre[2]])
        why = "whole line" if dim == 1 else "centre line in x"
    return Line(start, end, why, crossings(found, start, end, np.linalg.norm(high - low)),
                ctx.units("length"))


def clip(point, direction, low, high):
    """The segment of the line point + t direction inside the box [low, high]."""
    t0, t1 = -np.inf, np.inf
    for k in range(3):
        if abs(direction[k]) > 1e-12:
            a, b = sorted(((low[k] - point[k]) / direction[k], (high[k] - point[k]) / direction[k]))
            t0, t1 = max(t0, a), min(t1, b)
    return point + t0 * direction, point + t1 * direction


def crossings(found, start, end, size):
    """(name, distance from start) of each defect the segment crosses: planes
    it cuts, lines that pass within 1e-3 of the sample's size."""
    d = end - start
    length = np.linalg.norm(d)
    marks = []
    for name, kind, point, vector in found:
        if kind == "plane":
            if abs(np.dot(d, vector)) < 1e-12 * length:
                continue
            t = np.dot(point - start, vector) / np.dot(d, vector)
        else:
            offset = point - start
            if vector is not None:
                offset = offset - np.dot(offset, vector) * vector
            t = np.dot(offset, d) / length ** 2
            closest = start + t * d - point
            if vector is not None:
                closest = closest - np.dot(closest, vector) * vector
            if np.linalg.norm(closest) > 1e-3 * size:
                continue
        if 0 <= t <= 1:
            marks.append((name, t * length))
    return marks


def fitted_slope(x, y):
    """Least-squares slope of log y over log x, None without two distinct
    positive x and positive y."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    ok = (x > 0) & (y > 0) & np.isfinite(y)
    if len(np.unique(x[ok])) < 2:
        return None
    return float(np.polyfit(np.log(x[ok]), np.log(y[ok]), 1)[0])


def observed_rate(dofs, error, dim):
    """Convergence order p of error ~ h^p with h ~ DoFs^(-1/dim)."""
    slope = fitted_slope(dofs, error)
    return None if slope is None else -dim * slope


def error_series(ctx):
    """[(label, dim, dofs, error)] to plot: l2_error per cycle of summary.csv,
    the records' own refinement histories, and records of one case (name,
    dim, refinement) at several sizes, for every *error field."""
    series = []
    summary = optional_table(ctx.path("summary.csv"), required=("dofs",), blank_ok=("l2_error",))
    have = np.isfinite(summary.get("l2_error", np.array([np.nan])))
    if "l2_error" in summary and have.any():
        series.append(("summary.csv cycles: l2_error", ctx.dimension(),
                       summary["dofs"][have], summary["l2_error"][have]))
    cases = {}
    for r in ctx.benchmarks():
        fields = [k for k, v in r.items() if k.endswith("error") and _is_number(v)]
        case = f"{r.get('name', '?')} {r.get('dim', '?')}D" + \
            (f" {r['refinement']}" if "refinement" in r else "")
        history = [h for h in r.get("history", []) if isinstance(h, dict) and "dofs" in h]
        for field in fields:
            if len(history) > 1 and all(_is_number(h.get(field)) for h in history):
                series.append((f"{case} n={r.get('n', '?')} cycles: {field}", r.get("dim", 1),
                               np.array([h["dofs"] for h in history], float),
                               np.array([h[field] for h in history], float)))
            if _is_number(r.get("dofs")):
                cases.setdefault((case, field, r.get("dim", 1)), {}).setdefault(r["dofs"], r[field])
    for (case, field, dim), points in sorted(cases.items()):
        if len(points) > 1:
            dofs = np.array(sorted(points), float)
            series.append((f"{case}: {field}", dim, dofs, np.array([points[d] for d in sorted(points)])))
    unique = {}  # a case repeated on other ranks or backends: once
    for s in series:
        unique.setdefault(s[0], s)
    return list(unique.values())


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def unplotted(directory):
    """Notes on files present that no plot reads, so nothing seems lost."""
    present = set(os.listdir(directory))
    return [f"{', '.join(sorted(present & set(names)))}: {why}"
            for names, why in UNPLOTTED.items() if present & set(names)]
