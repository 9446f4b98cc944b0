#!/usr/bin/python3
"""ParaView Catalyst in-situ output (label catalyst, doc/catalyst.md).

--mode extracts --ranks N: runs parameter_files/catalyst/grain_boundary_3d.prm
(3D transport, 5 fixed BDF2 steps, Output/Catalyst/Every n steps = 2, script
write_extracts.py) on N ranks and reads the extracts with VTK's own reader:
  * catalyst/ holds bulk_<step>.pvtu for exactly the steps 0, 2, 4 (the
    BENCHMARK line reports 5 steps), each with N pieces;
  * every extract carries the point arrays phi, c_V_Opp, c_em, c_hp, rho,
    segregation_V_Opp, segregation_em, segregation_hp, mpi_rank and
    material_id, each with one value per point;
  * cells summed over the pieces = the BENCHMARK's cells, points = 8 per cell
    (deal.II writes each Q1 hexahedron with its own 8 vertices);
  * value ranges: 0 <= phi <= 0.3 V (the boundary values; the vacancies the
    grain boundary collects in these few steps raise phi there far less than
    that), every concentration > 0,
    segregation_V_Opp from -0.2 eV (the segregation energy, on the plane
    x = 20 nm, which is a mesh plane) to 0 within 1e-6 eV, segregation_em
    and _hp exactly 0, mpi_rank in 0..N-1 with every rank present,
    material_id 7 on every cell (deal.II's colourised box: each cell centre
    lies in the positive octant, 2^0 + 2^1 + 2^2);
  * step 0 equals exsolve's own solution-0000.pvtu: the same ranges of every
    array to 1e-6 relative (both are deal.II's float32 patches);
  * with N = 2 the run is repeated on 1 rank and the ranges of phi and of
    every concentration at every extracted step agree to 1e-5 relative (the
    same mesh, Newton to 1e-8; float32 output).
--mode space-charge: parameter_files/examples/space_charge_2d.prm (2D Poisson-Boltzmann,
adaptive) with 3 refinement cycles and Every n steps = 2 on 1 rank: extracts
for exactly the cycles 0 and 2; the last has the BENCHMARK's cells and 4
points per cell, 0 <= phi <= 0.3 V (the boundary values: a Poisson-
Boltzmann potential obeys the maximum principle) and positive
concentrations, and its ranges equal exsolve's own solution-0002.pvtu to
1e-6 relative.
--mode particles: tests/particles/exsolution_2d.prm (particles on the
surface x = 0 of a 2D slab) on 2 ranks with write_extracts.py and
write_surface_extracts.py every 5 steps: bulk_<step>.pvtu and
surface_<step>.pvtu for exactly the steps 0, 5, 10, 15, each surface
extract with faces (one piece: the second rank owns none of the
surface), its points on x = 0, the arrays particle_density,
particle_mean_radius, metal_area_fraction, particle_perimeter_density,
adatom_coverage (in [0, 1)) and socket_depth, no negative density, and
particles (> 1e14 m^-2) in the last one; the bulk extracts carry
particle_density too.
--mode render: runs the same case on 2 ranks with render_images.py under
its own Xvfb display (xvfb-run -a; retried once, because Xvfb connections
are occasionally lost) and checks slice_<step>.png and contour_<step>.png
for the steps 0, 2, 4: PNG files of 800 x 600 pixels with more than 16
distinct colours (not a blank frame); and that the colour range of phi the
script printed for each of these steps is the global [0, 0.3] V to 1e-6
(each rank alone holds only part of it).
"""
import argparse, os, shutil, subprocess, sys, tempfile

import testlib

PRM = "parameter_files/catalyst/grain_boundary_3d.prm"
ARRAYS = ["phi", "c_V_Opp", "c_em", "c_hp", "rho", "segregation_V_Opp",
          "segregation_em", "segregation_hp", "mpi_rank", "material_id"]
EXPECTED_STEPS = [0, 2, 4]


def run(a, ranks, out, extra=(), wrapper=()):
    command = [a.exsolve, os.path.join(a.source, PRM),
               "--set", f"Output/Directory={out}", *extra]
    if ranks > 1:
        command = ["mpirun", "--oversubscribe", "-np", str(ranks)] + command
    r = subprocess.run([*wrapper, *command], capture_output=True, text=True,
                       cwd=os.path.dirname(out))
    return r


def read_pvtu(path):
    """(grid, number of pieces) of a .pvtu, read by VTK."""
    from vtkmodules.vtkIOXML import vtkXMLPUnstructuredGridReader
    reader = vtkXMLPUnstructuredGridReader()
    reader.SetFileName(path)
    reader.Update()
    return reader.GetOutput(), reader.GetNumberOfPieces()


def ranges(grid):
    data = grid.GetPointData()
    return {data.GetArrayName(i): data.GetArray(i).GetRange()
            for i in range(data.GetNumberOfArrays())}


def close(a, b, rtol):
    return abs(a - b) <= rtol * max(abs(a), abs(b), 1e-300)


def check_extracts(a, ranks, out, bench, fails):
    """Every check of one run; returns {step: ranges}."""
    folder = os.path.join(out, "catalyst")
    steps = bench["steps"]
    if steps != 5:
        fails.append(f"{ranks} rank(s): {steps} steps instead of 5")
    expected = [s for s in range(steps + 1) if s % 2 == 0]
    found = sorted(f for f in os.listdir(folder) if f.endswith(".pvtu"))
    wanted = [f"bulk_{s:06d}.pvtu" for s in expected]
    if found != wanted:
        fails.append(f"{ranks} rank(s): extracts {found}, expected {wanted}")
    result = {}
    for step in expected:
        name = f"bulk_{step:06d}.pvtu"
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            continue
        grid, pieces = read_pvtu(path)
        tag = f"{ranks} rank(s), {name}"
        if pieces != ranks:
            fails.append(f"{tag}: {pieces} pieces, expected {ranks}")
        cells, points = grid.GetNumberOfCells(), grid.GetNumberOfPoints()
        print(f"{tag}: {pieces} pieces, {cells} cells, {points} points")
        if cells != bench["cells"] or points != 8 * bench["cells"]:
            fails.append(f"{tag}: {cells} cells / {points} points, expected "
                         f"{bench['cells']} / {8 * bench['cells']}")
        data = grid.GetPointData()
        for n in ARRAYS:
            array = data.GetArray(n)
            if array is None:
                fails.append(f"{tag}: no array {n}")
            elif array.GetNumberOfTuples() != points:
                fails.append(f"{tag}: {n} has {array.GetNumberOfTuples()} "
                             f"values for {points} points")
        r = ranges(grid)
        result[step] = r
        if any(n not in r for n in ARRAYS):
            continue
        print(f"{tag}: " + ", ".join(f"{n} [{lo:.6g}, {hi:.6g}]"
                                     for n, (lo, hi) in r.items()))
        if not (r["phi"][0] >= -1e-6 and r["phi"][1] <= 0.3 + 1e-6):
            fails.append(f"{tag}: phi {r['phi']} outside [0, 0.3] V")
        for n in ("c_V_Opp", "c_em", "c_hp"):
            if not r[n][0] > 0:
                fails.append(f"{tag}: {n} minimum {r[n][0]} not positive")
        if not (abs(r["segregation_V_Opp"][0] + 0.2) <= 1e-6
                and abs(r["segregation_V_Opp"][1]) <= 1e-6):
            fails.append(f"{tag}: segregation_V_Opp {r['segregation_V_Opp']}"
                         " is not [-0.2, 0] eV")
        for n in ("segregation_em", "segregation_hp"):
            if r[n] != (0.0, 0.0):
                fails.append(f"{tag}: {n} {r[n]} is not 0")
        if r["material_id"] != (7.0, 7.0):
            fails.append(f"{tag}: material_id {r['material_id']} is not 7")
        if r["mpi_rank"] != (0.0, float(ranks - 1)):
            fails.append(f"{tag}: mpi_rank {r['mpi_rank']}, expected "
                         f"(0, {ranks - 1})")
    # Step 0 against exsolve's own VTU output of the same state.
    own, _ = read_pvtu(os.path.join(out, "solution-0000.pvtu"))
    own_ranges = ranges(own)
    for n in ARRAYS:
        if 0 in result and n in result[0] and n in own_ranges:
            if not all(close(x, y, 1e-6)
                       for x, y in zip(result[0][n], own_ranges[n])):
                fails.append(f"{ranks} rank(s): step 0 {n} {result[0][n]} "
                             f"differs from solution-0000.pvtu "
                             f"{own_ranges[n]}")
    return result


def extracts(a, ranks, work, fails):
    out = os.path.join(work, f"extracts{ranks}")
    r = run(a, ranks, out)
    if r.returncode != 0:
        print(r.stdout, r.stderr)
        fails.append(f"{ranks} rank(s): exit code {r.returncode}")
        return None
    return check_extracts(a, ranks, out, testlib.benchmark(r.stdout), fails)


def space_charge(a, work, fails):
    out = os.path.join(work, "space_charge")
    script = os.path.join(a.source, "parameter_files/catalyst/write_extracts.py")
    command = [a.exsolve, os.path.join(a.source, "parameter_files/examples/space_charge_2d.prm"),
               "--set", f"Output/Directory={out}",
               "--set", "Mesh refinement/Refinement cycles=3",
               "--set", "Output/Catalyst/Enable=true",
               "--set", "Output/Catalyst/Every n steps=2",
               "--set", f"Output/Catalyst/Scripts={script}"]
    r = subprocess.run(command, capture_output=True, text=True, cwd=work)
    if r.returncode != 0:
        print(r.stdout, r.stderr)
        fails.append(f"space_charge_2d with Catalyst: exit code {r.returncode}")
        return
    bench = testlib.benchmark(r.stdout)
    found = sorted(f for f in os.listdir(os.path.join(out, "catalyst"))
                   if f.endswith(".pvtu"))
    if found != ["bulk_000000.pvtu", "bulk_000002.pvtu"]:
        fails.append(f"space charge: extracts {found}")
        return
    grid, _ = read_pvtu(os.path.join(out, "catalyst", "bulk_000002.pvtu"))
    r2 = ranges(grid)
    own = ranges(read_pvtu(os.path.join(out, "solution-0002.pvtu"))[0])
    print(f"space charge, cycle 2: {grid.GetNumberOfCells()} cells, "
          f"{grid.GetNumberOfPoints()} points; " +
          ", ".join(f"{n} [{lo:.6g}, {hi:.6g}]" for n, (lo, hi) in r2.items()))
    if (grid.GetNumberOfCells() != bench["cells"]
            or grid.GetNumberOfPoints() != 4 * bench["cells"]):
        fails.append(f"space charge: {grid.GetNumberOfCells()} cells, "
                     f"expected {bench['cells']}")
    if not (r2["phi"][0] >= -1e-6 and r2["phi"][1] <= 0.3 + 1e-6):
        fails.append(f"space charge: phi {r2['phi']} outside [0, 0.3] V")
    for n in ("c_V_Opp", "c_em", "c_hp"):
        if not r2[n][0] > 0:
            fails.append(f"space charge: {n} minimum {r2[n][0]}")
    for n, (lo, hi) in own.items():
        if n not in r2 or not (close(lo, r2[n][0], 1e-6)
                               and close(hi, r2[n][1], 1e-6)):
            fails.append(f"space charge: {n} {r2.get(n)} differs from "
                         f"solution-0002.pvtu {(lo, hi)}")


def distinct_colours(path):
    from vtkmodules.vtkIOImage import vtkPNGReader
    from vtkmodules.util.numpy_support import vtk_to_numpy
    import numpy
    reader = vtkPNGReader()
    reader.SetFileName(path)
    reader.Update()
    image = reader.GetOutput()
    pixels = vtk_to_numpy(image.GetPointData().GetScalars())
    return image.GetDimensions()[:2], len(numpy.unique(pixels, axis=0))


def render(a, work, fails):
    wrapper = ["xvfb-run", "-a", "-s", "-screen 0 1024x768x24"]
    extra = ["--set", "Output/Catalyst/Scripts=render_images.py"]
    for attempt in (1, 2):
        out = os.path.join(work, f"render{attempt}")
        r = run(a, 2, out, extra, wrapper)
        folder = os.path.join(out, "catalyst")
        images = [os.path.join(folder, f"{kind}_{s:06d}.png")
                  for kind in ("slice", "contour") for s in EXPECTED_STEPS]
        if r.returncode == 0 and all(os.path.exists(p) for p in images):
            break
        print(f"attempt {attempt}: exit code {r.returncode}\n", r.stdout[-3000:],
              r.stderr[-3000:])
    else:
        fails.append("rendering failed twice")
        return
    # The colour range rank 0 prints must be the global one, [0, 0.3] V:
    # each rank alone holds only part of it (the surface at 0.3 V is on
    # rank 0, the far end at 0 V on rank 1).
    import re
    used = {int(m.group(1)): (float(m.group(2)), float(m.group(3)))
            for m in re.finditer(r"render_images\.py: step (\d+): phi in "
                                 r"\[([^,]+), ([^\]]+)\]", r.stdout)}
    print("colour ranges of phi:", used)
    if sorted(used) != EXPECTED_STEPS:
        fails.append(f"render_images.py reported steps {sorted(used)}")
    for step, (lo, hi) in used.items():
        if abs(lo) > 1e-6 or abs(hi - 0.3) > 1e-6:
            fails.append(f"step {step}: colour range of phi [{lo}, {hi}] is "
                         "not the global [0, 0.3] V")
    for path in images:
        size, colours = distinct_colours(path)
        print(f"{os.path.basename(path)}: {size[0]} x {size[1]}, "
              f"{colours} distinct colours, {os.path.getsize(path)} bytes")
        if tuple(size) != (800, 600) or colours <= 16:
            fails.append(f"{path}: {size}, {colours} colours")


def particles(a, work, fails):
    """--mode particles: the coupled exsolution slab on 2 ranks with both
    extract scripts every 5 steps."""
    out = os.path.join(work, "particles")
    scripts = ", ".join(os.path.join(a.source, "parameter_files", "catalyst", s)
                        for s in ("write_extracts.py", "write_surface_extracts.py"))
    command = ["mpirun", "--oversubscribe", "-np", "2", a.exsolve,
               os.path.join(a.source, "tests", "particles", "exsolution_2d.prm"),
               "--set", f"Output/Directory={out}",
               "--set", "Output/Catalyst/Enable=true",
               "--set", "Output/Catalyst/Every n steps=5",
               "--set", f"Output/Catalyst/Scripts={scripts}"]
    r = subprocess.run(command, capture_output=True, text=True, cwd=work)
    if r.returncode != 0:
        print(r.stdout, r.stderr)
        fails.append(f"particles with Catalyst: exit code {r.returncode}")
        return
    bench = testlib.benchmark(r.stdout)
    expected = [s for s in range(bench["steps"] + 1) if s % 5 == 0]
    folder = os.path.join(out, "catalyst")
    for channel in ("bulk", "surface"):
        found = sorted(f for f in os.listdir(folder)
                       if f.startswith(channel) and f.endswith(".pvtu"))
        if found != [f"{channel}_{s:06d}.pvtu" for s in expected]:
            fails.append(f"particles: {channel} extracts {found}, expected steps {expected}")
    names = ("particle_density", "particle_mean_radius", "metal_area_fraction",
             "particle_perimeter_density", "adatom_coverage", "socket_depth")
    final = None
    for s in expected:
        grid, pieces = read_pvtu(os.path.join(folder, f"surface_{s:06d}.pvtu"))
        r_ = ranges(grid)
        print(f"surface step {s}: {grid.GetNumberOfCells()} faces, {pieces} "
              f"pieces, " + ", ".join(f"{n} {r_.get(n)}" for n in names))
        # The rank that owns no part of the surface hands over an empty
        # piece, which the writer leaves out.
        if grid.GetNumberOfCells() == 0 or not 1 <= pieces <= 2:
            fails.append(f"surface step {s}: {grid.GetNumberOfCells()} faces, {pieces} pieces")
        # The surface x = 0 of the 40 nm x 20 nm slab: line cells along y.
        points = grid.GetPoints()
        xs = [points.GetPoint(i)[0] for i in range(grid.GetNumberOfPoints())]
        if not xs or max(abs(x) for x in xs) > 1e-9:
            fails.append(f"surface step {s}: points off the surface x = 0")
        for n in names:
            if n not in r_:
                fails.append(f"surface step {s}: no array {n}")
        if "adatom_coverage" in r_ and not (0 <= r_["adatom_coverage"][0]
                                            and r_["adatom_coverage"][1] < 1):
            fails.append(f"surface step {s}: coverage {r_['adatom_coverage']}")
        if "particle_density" in r_ and r_["particle_density"][0] < 0:
            fails.append(f"surface step {s}: negative particle density")
        final = r_
        bulk, _ = read_pvtu(os.path.join(folder, f"bulk_{s:06d}.pvtu"))
        if "particle_density" not in ranges(bulk):
            fails.append(f"bulk step {s}: no particle_density")
    # Particles have formed by the last extract (step 15, t ~ 40 s).
    if final and not final.get("particle_density", (0, 0))[1] > 1e14:
        fails.append(f"no particles in the last surface extract: {final}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--exsolve", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--mode", choices=["extracts", "space-charge", "render", "particles"], required=True)
    ap.add_argument("--ranks", type=int, default=1)
    a = ap.parse_args()
    fails = []
    work = tempfile.mkdtemp(prefix="catalyst_")
    if a.mode == "render":
        render(a, work, fails)
    elif a.mode == "particles":
        particles(a, work, fails)
    elif a.mode == "space-charge":
        space_charge(a, work, fails)
    else:
        result = extracts(a, a.ranks, work, fails)
        if a.ranks > 1 and result is not None:
            serial = extracts(a, 1, work, fails) or {}
            for step, r in result.items():
                for n in ("phi", "c_V_Opp", "c_em", "c_hp"):
                    if step in serial and n in r and n in serial[step]:
                        ok = all(close(x, y, 1e-5)
                                 for x, y in zip(r[n], serial[step][n]))
                        print(f"step {step} {n}: 2 ranks {r[n]}, 1 rank "
                              f"{serial[step][n]}")
                        if not ok:
                            fails.append(f"step {step} {n}: 2 ranks {r[n]} "
                                         f"vs 1 rank {serial[step][n]}")
    if not fails:
        shutil.rmtree(work)
    return testlib.finish(fails)


if __name__ == "__main__":
    sys.exit(main())
