"""Seed 004: exsolution along anti-phase boundaries of a non-stoichiometric
La0.2Sr0.7Ni0.1Ti0.9O3 film. Ni moves fast along the APBs, particles form
where the APBs meet the surface, and the film with APBs ends with many more
particles than the stoichiometric film (795 vs 51 per um^2)."""
import numpy as np

import exsolve_results
import exsolve_vtu

from .common import Check, Run, coupled_final, finish_figure, table

TITLE = "La0.2Sr0.7Ni0.1Ti0.9O3 film: exsolution along anti-phase boundaries (seed 004)"
PRM = "parameter_files/scenarios/apb_film_exsolution.prm"
NO_APBS = {"Extended defects/Plane arrays": "", "Extended defects/Core half-widths": "",
           "Extended defects/Segregation energies": "", "Extended defects/Diffusivity factors": ""}
QUICK = {"Mesh refinement/Initial global refinements": "1"}
TRACES, MIDWAY, SURFACE_Y = (10., 30., 50., 70.), (20., 40., 60.), 20.


def runs():
    return [Run("with_apbs", PRM, quick=QUICK),
            Run("stoichiometric", PRM, overrides=NO_APBS, quick=QUICK)]


def _surface_profile(directory):
    """(x [nm], particle density [m^-2]) along the surface in the last VTU."""
    path, _ = exsolve_results.last_vtu(directory)
    piece = exsolve_vtu.merged(exsolve_vtu.read(path))
    x, y = piece.points[:, 0], piece.points[:, 1]
    on = np.abs(y - SURFACE_Y) < 1e-6
    order = np.argsort(x[on])
    return x[on][order], piece.point_data["particle_density"][on][order]


def analyse(directories):
    apb, stoich = (coupled_final(directories[k]) for k in ("with_apbs", "stoichiometric"))
    x, n = _surface_profile(directories["with_apbs"])
    near = lambda centres: max(float(n[np.argmin(np.abs(x - c))]) for c in centres)
    return {
        "density_apb_um2": apb["density"] * 1e-12, "density_stoich_um2": stoich["density"] * 1e-12,
        "density_ratio": apb["density"] / stoich["density"],
        "diameter_apb_nm": 2 * apb["radius"], "diameter_stoich_nm": 2 * stoich["radius"],
        "exsolved_apb": apb["exsolved"], "exsolved_stoich": stoich["exsolved"],
        "exsolved_ratio": apb["exsolved"] / stoich["exsolved"],
        "trace_to_midway": min(float(n[np.argmin(np.abs(x - c))]) for c in TRACES) / max(near(MIDWAY), 1e-300),
        "worst_metal_balance": max(apb["balance"], stoich["balance"]),
    }


CHECKS = [
    Check("density_ratio", 3, None, "particle density, film with APBs / stoichiometric film",
          "795 / 51 = 15.6"),
    Check("density_apb_um2", 100, 3000, "particle density with APBs [per um^2]", "795 per um^2"),
    Check("diameter_apb_nm", 4, 20, "mean particle diameter with APBs [nm]", "8.8 nm (stoichiometric 10.7 nm)"),
    Check("exsolved_ratio", 3, None, "Ni exsolved, with APBs / stoichiometric",
          "Ni0 share near the surface (XPS) 66 % vs 10 %"),
    Check("trace_to_midway", 3, None, "particle density at the APB traces / midway between them (surface field)",
          "particles at APB-surface intersections"),
    Check("worst_metal_balance", None, 1e-8, "metal balance, lattice + adatoms + particles (worst run)",
          "closed film"),
]


def plot(directories, metrics, png):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, 3, figsize=(13, 4))
    for label, name, style in (("with_apbs", "film with APBs", "C3-"), ("stoichiometric", "stoichiometric film", "C0-")):
        p = table(directories[label], "particles.csv")
        t, grown = p["time_s"] / 3600, p["time_s"] > 0
        axes[0].loglog(t[grown], p["number_density_m2"][grown] * 1e-12, style, label=name)
        axes[1].semilogx(t[grown], (p["metal_adatoms"] + p["metal_particles"])[grown] / p["metal_total"][grown],
                         style, label=name)
    axes[0].axhline(795, color="C3", ls=":", label="seed 004: 795 per um^2")
    axes[0].axhline(51, color="C0", ls=":", label="seed 004: 51 per um^2")
    axes[0].set_ylabel("particles per um^2")
    axes[0].set_ylim(1, 1e5)
    axes[1].set_ylabel("fraction of the film's Ni exsolved")
    for ax in axes[:2]:
        ax.set_xlabel("time [h]")
        ax.legend(fontsize=8)
    x, n = _surface_profile(directories["with_apbs"])
    axes[2].plot(x, n * 1e-12, "C3-")
    for c in TRACES:
        axes[2].axvline(c, color="grey", ls=":")
    axes[2].set_xlabel("x along the surface [nm] (dotted: APB traces)")
    axes[2].set_ylabel("particles per um^2 after 10 h")
    finish_figure(fig, axes, "Exsolution along anti-phase boundaries of a La0.2Sr0.7Ni0.1Ti0.9O3 "
                  "film, 1173 K (seed 004)", png)
