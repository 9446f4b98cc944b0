#!/usr/bin/python3
"""scripts/plot_results.py turns output directories into the expected PNGs,
and refuses broken ones. One rank; about 20 s of CPU time.

Real runs (short versions of shipped inputs, into a temporary directory):
* examples/dislocation_2d.prm (one 1e-9 s step; a line defect at (30, 30)):
  timeseries.png, profiles.png (the line must go across the dislocation),
  defects.png;
* examples/vacancy_redistribution_1d.prm, End time 1e-8 s, 50 cells (1D
  adaptive transport): timeseries.png, profiles.png (the whole line);
* examples/porous_electrode_2d.prm (generated microstructure): grains.png
  with the porosity and tortuosity in its title;
* examples/gouy_chapman_1d.prm (steady, adaptive cycles in summary.csv) with
  --benchmarks: the BENCHMARK lines of all runs here, among them
  benchmarks/pb-s_1d.prm at n = 64, 128, 256: profiles.png, convergence.png,
  benchmark.png. The printed observed rate of pb-s 1D uniform l2_error must
  be 2 +- 0.1 (Q1 elements; the errors 2.8e-3, 7.0e-4, 1.8e-4 give 2.01).
SYNTHETIC directory (made here, since the particle population-balance model
is not merged yet; its two files have the columns that model will write):
particles.csv and size_distribution.csv of a made-up nucleation-and-
ripening history: particles.png, size_distribution.png.

Every PNG must be a complete PNG (signature, IHDR first, every chunk's CRC
right, IEND last), 400-3000 pixels wide and high, and larger than the
same figure without data would be (MIN_KB). Failure cases: a missing directory and an empty one exit
2 naming the directory; a NaN in timeseries.csv or a short row in
defects.csv exits 1 naming file and line, and that PNG is not written while
the others are.
"""
import math, os, re, shutil, struct, subprocess, sys, tempfile, zlib

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(__file__))
import testlib

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Smallest plausible size per plot [kB]: about twice the same layout without
# data (empty axes at 110 dpi: 1 panel 9.6 kB, 2 x 1 17 kB, 2 x 2 19 kB,
# 2 x 3 21 kB) and well below the plots (27-114 kB here).
MIN_KB = {"timeseries.png": 40, "defects.png": 40, "particles.png": 40,
          "profiles.png": 30, "grains.png": 15}


def png_problems(path, min_pixels=400, max_pixels=3000):
    """What is wrong with a PNG file ([] if nothing): its chunks are walked
    and CRC-checked, so a truncated or corrupt file fails."""
    min_bytes = 1000 * MIN_KB.get(os.path.basename(path), 20)
    if not os.path.isfile(path):
        return [f"{path} was not written"]
    data = open(path, "rb").read()
    if not data.startswith(PNG_SIGNATURE):
        return [f"{path}: no PNG signature"]
    problems, position, chunks = [], len(PNG_SIGNATURE), []
    while position + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        crc = data[position + 8 + length:position + 12 + length]
        if len(crc) != 4 or struct.unpack(">I", crc)[0] != zlib.crc32(kind + body):
            return [f"{path}: chunk {kind!r} is truncated or has a wrong CRC"]
        chunks.append((kind, body))
        position += 12 + length
    if not chunks or chunks[0][0] != b"IHDR" or chunks[-1][0] != b"IEND":
        return [f"{path}: chunks {[k for k, _ in chunks]} (IHDR first, IEND last expected)"]
    width, height = struct.unpack(">II", chunks[0][1][:8])
    if not (min_pixels <= width <= max_pixels and min_pixels <= height <= max_pixels):
        problems.append(f"{path}: {width} x {height} pixels")
    if len(data) < min_bytes:
        problems.append(f"{path}: only {len(data)} bytes")
    print(f"  {os.path.basename(path)}: {width} x {height}, {len(data)} bytes")
    return problems


def write_synthetic_particles(directory):
    """SYNTHETIC particle output: a log-normal population nucleating (number
    density up to 1e15 m^-2 by 10 s) and ripening (radius ~ t^(1/3), fewer
    particles), so every panel has something to show; the atoms in
    particles follow from the distribution, the supply from the budget."""
    os.makedirs(directory)
    open(os.path.join(directory, "README"), "w").write(
        "SYNTHETIC data made by tests/scripts/check_plot_results.py, not a model run.\n")
    times = [0.0] + [10 ** (k / 2) for k in range(-2, 9)]
    radii = [0.25 + 0.5 * k for k in range(60)]
    atoms_per_nm3 = 85.0  # nickel
    with open(os.path.join(directory, "particles.csv"), "w") as p, \
            open(os.path.join(directory, "size_distribution.csv"), "w") as s:
        p.write("time_s,temperature_K,number_density_m2,mean_radius_nm,metal_area_fraction,"
                "perimeter_density_m_per_m2,adatom_coverage,atoms_supplied_m2,"
                "atoms_adatoms_m2,atoms_particles_m2\n")
        s.write("time_s,radius_nm,bin_width_nm,number_density_m2\n")
        for t in times:
            number = 1e15 * t / (t + 10) / (1 + t / 1e3) ** 0.5
            mean = 1.0 * (1 + t / 10) ** (1 / 3)
            weights = [math.exp(-math.log(r / mean) ** 2 / 0.18) for r in radii]
            bins = [number * w / sum(weights) for w in weights]
            for r, n in zip(radii, bins):
                s.write(f"{t:g},{r:g},0.5,{n:.6g}\n")
            area = sum(n * math.pi * (r * 1e-9) ** 2 for r, n in zip(radii, bins))
            perimeter = sum(n * 2 * math.pi * r * 1e-9 for r, n in zip(radii, bins))
            in_particles = sum(n * 2 / 3 * math.pi * r ** 3 * atoms_per_nm3
                               for r, n in zip(radii, bins))
            adatoms = 1e17 * (1 - math.exp(-t)) / (1 + t / 100)
            p.write(f"{t:g},1073,{number:.6g},{mean if number else 0:.6g},{area:.6g},"
                    f"{perimeter:.6g},{adatoms / 1.2e19:.6g},{adatoms + in_particles:.6g},"
                    f"{adatoms:.6g},{in_particles:.6g}\n")


class Checks:
    def __init__(self, args, work):
        self.args, self.work, self.fails, self.log = args, work, [], []
        self.script = os.path.join(args.source, "scripts", "plot_results.py")

    def run_exsolve(self, prm, *settings):
        """Run exsolve on a shipped input into work/<name>; its directory."""
        name = os.path.basename(prm)[:-4] + "".join(
            "_" + re.sub(r"\W", "", s.split("=")[-1]) for s in settings)  # pb-s_1d_64
        out = os.path.join(self.work, name)
        command = [self.args.exsolve, os.path.join(self.args.source, "parameter_files", prm),
                   "--set", f"Output/Directory={out}"]
        for s in settings:
            command += ["--set", s]
        r = subprocess.run(command, capture_output=True, text=True, cwd=self.work)
        if r.returncode != 0:
            self.fails.append(f"{' '.join(command)} exited {r.returncode}:\n{r.stderr}")
        self.log += [l for l in r.stdout.splitlines() if l.startswith("BENCHMARK ")]
        return out

    def plot(self, directory, *options, expect_code=0):
        """Run the plot script; its stdout + stderr."""
        r = subprocess.run(["/usr/bin/python3", self.script, directory, *options],
                           capture_output=True, text=True)
        print(f"$ plot_results.py {os.path.basename(directory)} {' '.join(options)} -> {r.returncode}")
        print(r.stdout + r.stderr)
        if r.returncode != expect_code:
            self.fails.append(f"plot_results.py {directory}: exit {r.returncode}, expected {expect_code}")
        return r.stdout + r.stderr

    def pngs(self, directory, names, absent=()):
        for name in names:
            self.fails += png_problems(os.path.join(directory, "plots", name))
        for name in absent:
            if os.path.exists(os.path.join(directory, "plots", name)):
                self.fails.append(f"{directory}/plots/{name} written, but its input is broken")

    def expect(self, text, pattern, what):
        if not re.search(pattern, text):
            self.fails.append(f"{what}: no match for '{pattern}'")


def real_runs(c):
    """The shipped examples, shortened, and their plots."""
    dislocation = c.run_exsolve("examples/dislocation_2d.prm")
    one_d = c.run_exsolve("examples/vacancy_redistribution_1d.prm",
                          "Time stepping/End time=1e-8", "Geometry/Subdivisions=50")
    for n in (64, 128, 256):
        c.run_exsolve("benchmarks/pb-s_1d.prm", f"Geometry/Subdivisions={n}")
    steady = c.run_exsolve("examples/gouy_chapman_1d.prm")
    porous = c.run_exsolve("examples/porous_electrode_2d.prm")
    if c.fails:
        return None
    out = c.plot(porous)
    c.pngs(porous, ["grains.png"])
    c.expect(out, r"grains.png: \d+ grains, porosity 0\.\d+, tau_x", "microstructure metrics")
    out = c.plot(dislocation)
    c.pngs(dislocation, ["timeseries.png", "profiles.png", "defects.png"])
    c.expect(out, r"profiles.png: .*across line dislocation", "dislocation profile line")
    c.expect(out, r"skipped particles.png: no particles.csv", "skip report")
    out = c.plot(one_d)
    c.pngs(one_d, ["timeseries.png", "profiles.png"])
    c.expect(out, r"profiles.png: .*whole line", "1D profile")
    log = os.path.join(c.work, "runs.log")
    open(log, "w").write("some other output\n" + "\n".join(c.log) + "\n")
    out = c.plot(steady, "--benchmarks", log)
    c.pngs(steady, ["profiles.png", "convergence.png", "benchmark.png"])
    rate = re.search(r"pb-s 1D uniform: l2_error, rate ([\d.]+)", out)
    if not rate or abs(float(rate.group(1)) - 2) > 0.1:
        c.fails.append(f"pb-s 1D observed rate {rate and rate.group(1)}, expected 2 +- 0.1")
    return dislocation


def broken_inputs(c, dislocation):
    """A missing, an empty and a corrupted directory must fail."""
    out = c.plot(os.path.join(c.work, "no_such_run"), expect_code=2)
    c.expect(out, r"no_such_run does not exist", "missing directory")
    empty = os.path.join(c.work, "empty")
    os.makedirs(empty)
    c.expect(c.plot(empty, expect_code=2), r"nothing plottable", "empty directory")
    broken = os.path.join(c.work, "broken")
    shutil.copytree(dislocation, broken, ignore=shutil.ignore_patterns("plots"))
    with open(os.path.join(broken, "timeseries.csv")) as f:
        lines = f.read().splitlines()
    # dt of step 1 (found by its header, the columns may grow)
    dt = lines[0].split(",").index("dt")
    fields = lines[1].split(",")
    fields[dt] = "nan"
    lines[1] = ",".join(fields)
    open(os.path.join(broken, "timeseries.csv"), "w").write("\n".join(lines) + "\n")
    with open(os.path.join(broken, "defects.csv"), "a") as f:
        f.write("2e-09,dislocation,0.1\n")
    out = c.plot(broken, expect_code=1)
    c.expect(out, r"timeseries.csv line 2: dt = nan is not finite", "NaN report")
    c.expect(out, r"defects.csv line 4: 3 fields", "short row report")
    c.pngs(broken, ["profiles.png"], absent=["timeseries.png", "defects.png"])


def main():
    args = testlib.arguments()
    work = tempfile.mkdtemp(prefix="plot_results_")
    c = Checks(args, work)
    dislocation = real_runs(c)
    synthetic = os.path.join(work, "synthetic_particles")
    write_synthetic_particles(synthetic)
    c.plot(synthetic)
    c.pngs(synthetic, ["particles.png", "size_distribution.png"])
    if dislocation:
        broken_inputs(c, dislocation)
    code = testlib.finish(c.fails)
    if code == 0:
        shutil.rmtree(work)
    else:
        print(f"kept {work}")
    return code


if __name__ == "__main__":
    sys.exit(main())
