#!/usr/bin/python3
"""Physics/Model = microstructure writes a complete run directory.

Runs parameter_files/examples/porous_electrode_3d.prm on 1 and 2 ranks into
private directories and checks: exit code 0; exactly parameters.prm,
metrics.csv, tortuosity.csv, grains.csv, phases.csv, solution.pvd,
microstructure.pvtu and one .vtu per rank; the VTU pieces hold the cell field grain_id;
metrics.csv has the porosity within 0.02 (absolute) of the target 0.4,
positive surface and grain-boundary densities and a mean grain size in
(0, 200] nm; tortuosity.csv has tau > 1; the smoothed pore-wall area is
50-90 % of the voxel staircase's (which overestimates a sphere by 50 %);
grains.csv has unit quaternions and grain volumes summing to the solid
volume (1e-9); the BENCHMARK line repeats porosity and tortuosity; and 1
and 2 ranks give the same metrics (the structure is generated identically
on every rank) and a tortuosity agreeing to 1e-8 relative (the CG
tolerance is 1e-12).

The image-based example (parameter_files/examples/
porous_oxide_metal_image_3d.prm, 3 phases) on 1 and 2 ranks: cells per
phase equal the image's voxel counts up to the voxels changed by contact
filling and isolated-solid removal (both printed), porosity and phase
fractions add up to 1 (1e-9), the triple-phase boundary is positive and
repeated by the BENCHMARK line, the pore wall smoothed onto the implicit
surface is 50-95 % of the staircase's (and the smoothing is reported),
grains.csv has one unit-quaternion row per
grain (the image's grains get orientations too) whose volumes add up per
phase to phases.csv's (1e-9), and metrics.csv, phases.csv and grains.csv
are identical on 1 and 2 ranks.

Then the Poisson-Boltzmann solver runs on a generated 3D microstructure
(Geometry/Type = microstructure, tests/microstructure/
space_charge_on_microstructure.prm) with one uniform refinement on 1 and 2
ranks: both converge, on the same number of cells, with int_phi and the
pore-surface charge agreeing to 1e-8 relative (the meshes are identical, so
only the parallel linear solves differ, to about 1e-10), and a positive
pore-surface charge (the pore walls are held 0.1 V above the grounded x
faces).
"""
import csv, os, re, shutil, subprocess, sys, tempfile

import testlib


def run(a, ranks, work, prm, stem, extra=(), stdout=None):
    """exsolve on prm (relative to the source tree) into work/stem<ranks>."""
    out = os.path.join(work, f"{stem}{ranks}")
    command = [a.exsolve, os.path.join(a.source, prm),
               "--set", f"Output/Directory={out}", *extra]
    if ranks > 1:
        command = ["mpirun", "--oversubscribe", "-np", str(ranks)] + command
    r = subprocess.run(command, capture_output=True, text=True, cwd=work)
    if r.returncode != 0:
        print(r.stdout, r.stderr)
        raise SystemExit(f"FAIL {prm} on {ranks} rank(s) exited {r.returncode}")
    if stdout is not None:
        stdout.append(r.stdout)
    return out, testlib.benchmark(r.stdout)


def space_charge(a, ranks, work):
    out, bench = run(a, ranks, work,
                     "tests/microstructure/space_charge_on_microstructure.prm",
                     "space_charge", ["--set", "Mesh refinement/Refinement cycles=2"])
    with open(os.path.join(out, "summary.csv")) as f:
        last = list(csv.DictReader(f))[-1]
    return bench, float(last["sigma_pore_surface"])


def image_example(a, work, fails):
    """The image-based example on 1 and 2 ranks: cells per phase equal the
    voxel counts of the image up to the voxels filled at edge/vertex contacts
    and removed as isolated solid (both printed), phase volume fractions and
    porosity add up to 1, a positive triple-phase boundary, and identical
    metrics.csv and phases.csv on 1 and 2 ranks."""
    image = open(os.path.join(a.source, "meshes", "porous_oxide_metal_3d.raw"), "rb").read()
    voxels = {"oxide": image.count(1), "metal": image.count(2)}
    outputs = {}
    for ranks in (1, 2):
        text = []
        out, bench = run(a, ranks, work,
                         "parameter_files/examples/porous_oxide_metal_image_3d.prm",
                         "image", stdout=text)
        filled = int(re.search(r"(\d+) contact voxels filled", text[0]).group(1))
        removed = int(re.search(r"(\d+) isolated solid voxels removed", text[0]).group(1))
        phases = {r["phase"]: r for r in csv.DictReader(open(os.path.join(out, "phases.csv")))}
        m = row(os.path.join(out, "metrics.csv"))
        print(f"image, {ranks} rank(s): phases {[(k, v['cells']) for k, v in phases.items()]}, "
              f"voxels {voxels}, filled {filled}, removed {removed}, "
              f"TPB {m['triple_phase_boundary_density_per_nm^2']} 1/nm^2")
        if sorted(phases) != sorted(voxels):
            fails.append(f"image phases {sorted(phases)} != {sorted(voxels)}")
            return
        change = sum(abs(int(phases[p]["cells"]) - voxels[p]) for p in voxels)
        if change > filled + removed:
            fails.append(f"image: cells per phase differ from the voxel counts by {change} "
                         f"> {filled} filled + {removed} removed")
        total = float(m["porosity"]) + sum(float(p["volume_fraction"]) for p in phases.values())
        if abs(total - 1) > 1e-9:
            fails.append(f"image: porosity + phase fractions = {total}")
        if not float(m["triple_phase_boundary_density_per_nm^2"]) > 0:
            fails.append("image: no triple-phase boundary")
        smoothed = float(m["pore_wall_area_nm^(dim-1)"])
        staircase = float(m["voxel_pore_wall_area_nm^(dim-1)"])
        if not (0.5 * staircase < smoothed < 0.95 * staircase
                and "projected onto the implicit surface" in text[0]):
            fails.append(f"image: implicit-surface smoothed pore wall {smoothed} not "
                         f"within 50-95 % of the staircase's {staircase} (or not reported)")
        if abs(bench["triple_phase_boundary_density"]
               - float(m["triple_phase_boundary_density_per_nm^2"])) > 1e-9 * abs(bench["triple_phase_boundary_density"]):
            fails.append("image: BENCHMARK and metrics.csv TPB differ")
        grains = list(csv.DictReader(open(os.path.join(out, "grains.csv"))))
        if len(grains) != int(m["n_grains"]):
            fails.append(f"image: {len(grains)} rows in grains.csv, {m['n_grains']} grains")
        for g in grains:
            norm = sum(float(g[k]) ** 2 for k in ("q_w", "q_x", "q_y", "q_z"))
            if abs(norm - 1) > 1e-10:
                fails.append(f"image grain {g['grain_id']}: |q|^2 = {norm}")
        for p, r in phases.items():
            volume = sum(float(g["volume_nm^dim"]) for g in grains if g["phase"] == p)
            if abs(volume - float(r["volume_nm^dim"])) > 1e-9 * volume:
                fails.append(f"image: grains of {p} add up to {volume}, "
                             f"phases.csv {r['volume_nm^dim']}")
        outputs[ranks] = (open(os.path.join(out, "metrics.csv")).read(),
                          open(os.path.join(out, "phases.csv")).read(),
                          open(os.path.join(out, "grains.csv")).read())
    if outputs[1] != outputs[2]:
        fails.append(f"image: metrics/phases/grains differ between 1 and 2 ranks: {outputs}")


def row(path):
    with open(path) as f:
        return next(csv.DictReader(f))


def main():
    a = testlib.arguments()
    fails = []
    work = tempfile.mkdtemp(prefix="microstructure_")
    results = {}
    for ranks in (1, 2):
        out, bench = run(a, ranks, work,
                         "parameter_files/examples/porous_electrode_3d.prm", "run")
        expected = {"parameters.prm", "metrics.csv", "tortuosity.csv",
                    "grains.csv", "phases.csv", "solution.pvd",
                    "microstructure.pvtu"}
        expected |= {f"microstructure.{r:04d}.vtu" for r in range(ranks)}
        files = set(os.listdir(out))
        if files != expected:
            fails.append(f"{ranks} rank(s): files {sorted(files)} != {sorted(expected)}")
        for r in range(ranks):
            piece = os.path.join(out, f"microstructure.{r:04d}.vtu")
            if os.path.exists(piece) and 'Name="grain_id"' not in open(piece).read():
                fails.append(f"{piece} has no grain_id field")
        m = row(os.path.join(out, "metrics.csv"))
        t = row(os.path.join(out, "tortuosity.csv"))
        porosity = float(m["porosity"])
        tau = float(t["tortuosity"])
        print(f"{ranks} rank(s): porosity {porosity}, tortuosity {tau}, "
              f"SSA {m['specific_surface_area_per_nm']} 1/nm, grains {m['n_grains']}")
        if abs(porosity - 0.4) > 0.02:
            fails.append(f"porosity {porosity} not within 0.02 of 0.4")
        if not float(m["specific_surface_area_per_nm"]) > 0:
            fails.append("specific surface area not positive")
        if not float(m["grain_boundary_area_per_volume_per_nm"]) > 0:
            fails.append("grain-boundary density not positive")
        if not 0 < float(m["mean_grain_size_nm"]) <= 200:
            fails.append(f"mean grain size {m['mean_grain_size_nm']} not in (0, 200]")
        if not tau > 1:
            fails.append(f"tortuosity {tau} not > 1")
        if abs(bench["porosity"] - porosity) > 1e-9 or abs(bench["tortuosity"] - tau) > 1e-8 * tau:
            fails.append(f"BENCHMARK {bench} disagrees with the CSV files")
        smoothed = float(m["pore_wall_area_nm^(dim-1)"])
        staircase = float(m["voxel_pore_wall_area_nm^(dim-1)"])
        if not 0.5 * staircase < smoothed < 0.9 * staircase:
            fails.append(f"smoothed pore wall {smoothed} not within 50-90 % "
                         f"of the staircase {staircase}")
        with open(os.path.join(out, "grains.csv")) as f:
            grains = list(csv.DictReader(f))
        volume = sum(float(g["volume_nm^dim"]) for g in grains)
        if abs(volume - float(m["solid_volume_nm^dim"])) > 1e-9 * volume:
            fails.append(f"grain volumes sum to {volume}, solid volume "
                         f"{m['solid_volume_nm^dim']}")
        for g in grains:
            norm = sum(float(g[k]) ** 2 for k in ("q_w", "q_x", "q_y", "q_z"))
            if abs(norm - 1) > 1e-10:
                fails.append(f"grain {g['grain_id']}: |q|^2 = {norm}")
        results[ranks] = (m, tau)
    if results[1][0] != results[2][0]:
        fails.append(f"metrics differ between 1 and 2 ranks: {results[1][0]} vs {results[2][0]}")
    if abs(results[1][1] - results[2][1]) > 1e-8 * results[1][1]:
        fails.append(f"tortuosity differs: {results[1][1]} vs {results[2][1]}")
    image_example(a, work, fails)
    (b1, s1), (b2, s2) = space_charge(a, 1, work), space_charge(a, 2, work)
    print(f"space charge: cells {b1['cells']} / {b2['cells']}, int_phi {b1['int_phi']} / "
          f"{b2['int_phi']}, sigma(pore_surface) {s1} / {s2} C/m^2")
    for b in (b1, b2):
        if b["status"] != "converged":
            fails.append(f"space charge on {b['mpi_ranks']} rank(s): {b['status']}")
    if b1["cells"] != b2["cells"]:
        fails.append("space charge: cell counts differ between 1 and 2 ranks")
    if abs(b2["int_phi"] / b1["int_phi"] - 1) > 1e-8:
        fails.append(f"space charge int_phi differs: {b1['int_phi']} vs {b2['int_phi']}")
    if not s1 > 0 or abs(s2 / s1 - 1) > 1e-8:
        fails.append(f"pore-surface charge {s1} vs {s2}")
    if not fails:
        shutil.rmtree(work, ignore_errors=True)
    return testlib.finish(fails)


if __name__ == "__main__":
    sys.exit(main())
