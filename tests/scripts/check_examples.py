#!/usr/bin/python3
"""Every example in parameter_files/examples runs and converges.

The Gmsh example (pore in a grain, boundaries named by the mesh's physical
groups) also runs on 2 MPI ranks (p4est); its pore surface charge must agree
with the 1-rank run to 1e-3 relative (the adaptive meshes may differ by a few
cells, see doc/space_charge.md). The Gouy-Chapman example's surface charge
must match Grahame, 4.50014e-2 C/m^2, to 1e-3. The transport example
(vacancy redistribution, SI units) must end at the Poisson-Boltzmann
equilibrium of the same input: phi_mid to 1e-6 relative. The grain
boundary example's vacancy excess must compensate its core charge (1e-3),
and 2 ranks must give the same Phi_0 and excess (1e-6). The porous
electrodes (Physics/Model = microstructure: generated in 2D and 3D, and from
voxel images) must run; their output is checked by check_microstructure.py.
The other transport examples (dislocations, APB film) must end with status
completed; they write timeseries.csv, not summary.csv. The particle
population examples (Physics/Model = particles) must write particles.csv
and size_distribution.csv with finite values and conserve metal to 1e-10.
"""
import argparse, csv, glob, json, math, os, subprocess, sys, tempfile

import testlib

def run(cmd, work):
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=work)
    if r.returncode != 0:
        return None, f"{' '.join(cmd)} exited {r.returncode}: {r.stderr}"
    record = json.loads(r.stdout.strip().split("\n")[-1][len("BENCHMARK "):])
    return record, None

def last_row(directory):
    return list(csv.DictReader(open(os.path.join(directory, "summary.csv"))))[-1]

def main():
    a = testlib.arguments()
    fails = []
    barriers = {}
    work = tempfile.mkdtemp(prefix="examples_")
    files = sorted(glob.glob(os.path.join(a.source, "parameter_files", "examples", "*.prm")))
    if len(files) < 3:
        fails.append(f"only {len(files)} examples")
    for prm in files:
        stem = os.path.splitext(os.path.basename(prm))[0]
        out = os.path.join(work, stem)
        record, err = run([a.exsolve, prm, "--set", f"Output/Directory={out}"], work)
        if err:
            fails.append(err)
            continue
        print(stem, "status:", record["status"], "DoFs", record["dofs"])
        if record["status"] not in ("converged", "completed"):
            fails.append(f"{stem}: status {record['status']}")
        if stem == "vacancy_redistribution_1d":
            steady, err = run([a.exsolve, prm, "--set", "Physics/Model=equilibrium",
                               "--set", f"Output/Directory={out}_equilibrium"], work)
            if err:
                fails.append(err)
                continue
            print(f"phi_mid: transport {record['phi_mid']}, equilibrium {steady['phi_mid']}")
            if abs(record["phi_mid"] / steady["phi_mid"] - 1) > 1e-6:
                fails.append(f"transport example ends at phi_mid {record['phi_mid']}, "
                             f"equilibrium {steady['phi_mid']}")
            continue
        if stem == "grain_boundary_2d":
            # The vacancies expelled compensate the core charge, and 2 ranks
            # (p4est) give the same barrier and excess.
            def defect_row(directory):
                return list(csv.DictReader(open(os.path.join(directory, "defects.csv"))))[-1]
            row1 = defect_row(out)
            phi1, excess1 = float(row1["potential"]), float(row1["excess[V_O..]"])
            sigma = 0.03 / 1.602176634e-19
            print(f"grain boundary: Phi_0 {phi1} V, V_O.. excess {excess1} m^-2")
            if not phi1 > 0 or abs(-2 * excess1 / sigma - 1) > 1e-3:
                fails.append(f"grain boundary: Phi_0 {phi1}, 2 x excess {2 * excess1} vs -{sigma}")
            out2 = out + "_2ranks"
            record2, err = run(["mpirun", "--oversubscribe", "-np", "2", a.exsolve, prm,
                                "--set", f"Output/Directory={out2}"], work)
            if err:
                fails.append(err)
                continue
            row2 = defect_row(out2)
            phi2, excess2 = float(row2["potential"]), float(row2["excess[V_O..]"])
            print(f"grain boundary on 2 ranks: Phi_0 {phi2} V, excess {excess2} m^-2")
            if abs(phi2 / phi1 - 1) > 1e-6 or abs(excess2 / excess1 - 1) > 1e-6:
                fails.append(f"grain boundary: 1 rank {phi1}, {excess1}; 2 ranks {phi2}, {excess2}")
            continue
        if record.get("name") == "particles":
            # 0D population balance: both tables present, every value finite,
            # the metal balance exact.
            for table in ("particles.csv", "size_distribution.csv"):
                path = os.path.join(out, table)
                rows = list(csv.DictReader(open(path))) if os.path.exists(path) else []
                if not rows or not all(math.isfinite(float(v)) for r in rows for v in r.values()):
                    fails.append(f"{stem}: {table} missing, empty or not finite")
            if not record["metal_balance_relative_error"] < 1e-10:
                fails.append(f"{stem}: metal balance {record['metal_balance_relative_error']}")
            continue
        if record.get("name") == "microstructure":
            continue  # no summary.csv; checked by check_microstructure.py
        if stem in ("dislocation_2d", "dislocation_3d", "apb_film_3d"):
            # Transport runs with extended defects: every report finite, the
            # dislocation's barrier positive (vacancies segregate into it).
            rows = list(csv.DictReader(open(os.path.join(out, "defects.csv"))))
            values = [float(v) for r in rows for k, v in r.items() if k != "defect"]
            if not rows or not all(math.isfinite(v) for v in values):
                fails.append(f"{stem}: defects.csv empty or not finite")
            if stem.startswith("dislocation"):
                barriers[stem] = float(rows[-1]["potential"])
                if not barriers[stem] > 0:
                    fails.append(f"{stem}: Phi_0 {barriers[stem]} not positive")
            continue
        if stem == "gouy_chapman_1d":
            sigma = float(last_row(out)["sigma_surface"])
            if abs(sigma / 4.50014e-2 - 1) > 1e-3:
                fails.append(f"Gouy-Chapman sigma {sigma} vs Grahame 4.50014e-2")
        if stem == "pore_space_charge_2d":
            sigma1 = float(last_row(out)["sigma_pore_surface"])
            out2 = out + "_2ranks"
            record2, err = run(["mpirun", "--oversubscribe", "-np", "2", a.exsolve, prm,
                                "--set", f"Output/Directory={out2}"], work)
            if err:
                fails.append(err)
                continue
            sigma2 = float(last_row(out2)["sigma_pore_surface"])
            print(f"pore surface charge: 1 rank {sigma1}, 2 ranks {sigma2}")
            if not sigma1 > 0 or abs(sigma2 / sigma1 - 1) > 1e-3:
                fails.append(f"pore sigma 1 rank {sigma1} vs 2 ranks {sigma2}")
    # The same line in a 2D cross-section and in 3D: the same tube (10 %:
    # the 3D core has coarser cells).
    if len(barriers) == 2:
        phi2, phi3 = barriers["dislocation_2d"], barriers["dislocation_3d"]
        print(f"dislocation: Phi_0 2D {phi2} V, 3D {phi3} V")
        if abs(phi3 / phi2 - 1) > 0.1:
            fails.append(f"dislocation: Phi_0 2D {phi2} vs 3D {phi3}")
    return testlib.finish(fails)

if __name__ == "__main__":
    sys.exit(main())
