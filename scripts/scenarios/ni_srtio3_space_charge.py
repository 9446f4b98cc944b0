"""Seed 001 (Weber, defects in exsolution catalysts): the surface space
charge slows the exsolution of Ni from SrTiO3, and the oxygen vacancies it
gathers at the surface weaken the adhesion of the oxophilic Ni particles and
speed up their coarsening."""

from .common import Check, Run, coupled_final, finish_figure, table

TITLE = "Ni from SrTiO3 with a charged surface: slower exsolution, faster coarsening (seed 001)"
PRM = "parameter_files/scenarios/ni_srtio3_space_charge.prm"
CHARGED = {"Boundary conditions/Fixed potential": "surface: -0.1"}
QUICK = {"Time stepping/End time": "300", "Geometry/Lengths": "40",
         "Geometry/Subdivisions": "40"}


def runs():
    return [Run("flat_bands", PRM, quick=QUICK),
            Run("charged", PRM, overrides=CHARGED, quick=QUICK),
            Run("charged_no_vacancy_adhesion", PRM,
                overrides=dict(CHARGED, **{"Particles/Metal/Adhesion vacancy derivative": "0"}),
                quick=QUICK)]


def analyse(directories):
    flat, charged, fixed = (coupled_final(directories[k]) for k in
                            ("flat_bands", "charged", "charged_no_vacancy_adhesion"))
    return {
        "exsolved_flat": flat["exsolved"], "exsolved_charged": charged["exsolved"],
        "exsolution_ratio": charged["exsolved"] / flat["exsolved"],
        "density_flat_m2": flat["density"], "density_charged_m2": charged["density"],
        "radius_flat_nm": flat["radius"], "radius_charged_nm": charged["radius"],
        "radius_charged_no_vacancy_adhesion_nm": fixed["radius"],
        "density_charged_no_vacancy_adhesion_m2": fixed["density"],
        "coarsening_radius_ratio": charged["radius"] / fixed["radius"],
        "coarsening_density_ratio": charged["density"] / fixed["density"],
        "same_exsolution": abs(charged["exsolved"] / fixed["exsolved"] - 1),
        "worst_metal_balance": max(r["balance"] for r in (flat, charged, fixed)),
    }


CHECKS = [
    Check("exsolution_ratio", None, 0.5, "Ni exsolved, surface at -0.1 V / flat bands",
          "space charge: an additional barrier for exsolution"),
    Check("coarsening_radius_ratio", 1.05, None,
          "mean radius, V_O-weakened adhesion / adhesion independent of V_O (both -0.1 V)",
          "more V_O, fewer M-O bonds: faster coarsening of oxophilic Ni"),
    Check("coarsening_density_ratio", None, 0.95, "particle density, same two runs",
          "particle density falls with coarsening"),
    Check("same_exsolution", None, 0.05, "exsolved Ni, same two runs (relative difference)",
          "(the coarsening comparison is at the same supply)"),
    Check("worst_metal_balance", None, 1e-8, "metal balance, lattice + adatoms + particles (worst run)",
          "closed sample"),
]


def plot(directories, metrics, png):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, 3, figsize=(13, 4))
    for label, name, style in (("flat_bands", "flat bands (0 V)", "C0-"),
                               ("charged", "charged surface (-0.1 V)", "C3-"),
                               ("charged_no_vacancy_adhesion", "-0.1 V, adhesion independent of V_O", "C2--")):
        p = table(directories[label], "particles.csv")
        t, grown = p["time_s"], p["time_s"] > 0
        axes[0].plot(t, (p["metal_adatoms"] + p["metal_particles"]) / p["metal_total"], style, label=name)
        axes[1].loglog(t[grown], p["number_density_m2"][grown], style, label=name)
        axes[2].semilogx(t[grown], p["mean_radius_nm"][grown], style, label=name)
    axes[0].set_ylabel("fraction of the Ni exsolved [-]")
    axes[1].set_ylabel("particle density [m^-2]")
    axes[2].set_ylabel("mean radius [nm]")
    for ax in axes:
        ax.set_xlabel("time [s]")
    axes[0].legend(fontsize=8)
    finish_figure(fig, axes, "Ni:SrTiO3 at 1100 K: the surface space charge and the vacancies it "
                  "gathers (seed 001)", png)
