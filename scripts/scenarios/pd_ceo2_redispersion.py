"""Seed 002 (Zhu et al.): cold sintering and hot redispersion of Pd on CeO2
(and Cu on TiO2) in a temperature cycle, reversible over two cycles."""
import numpy as np

from .common import Check, Run, finish_figure, table

TITLE = "Pd on CeO2 and Cu on TiO2: hot redispersion, cold sintering, two cycles (seed 002)"
PRM = "parameter_files/scenarios/pd_ceo2_redispersion.prm"

# Ends of the hot (10 min at T_hot) and cold (2 h at T_cold) holds [s].
HOT_ENDS, COLD_ENDS = (660.0, 8580.0), (7920.0, 15840.0)
# Cu on anatase TiO2(001), cycled between 298 K and 773 K like Pd (seed 002,
# Fig. 3d-f). Its dh is not in the paper: -0.3 eV puts the loading (0.003)
# between c*(298 K) = 3e-6 and c*(773 K) = 4.1e-3.
CU_TIO2 = {
    "Atmosphere/Temperature programme":
        "0: 298, 60: 773, 660: 773, 720: 298, 7920: 298, 7980: 773, 8580: 773, 8640: 298, 15840: 298",
    "Physics/Temperature": "298",
    "Particles/Metal/Atomic volume": "0.01182",
    "Particles/Metal/Formation enthalpy": "-0.3",
    "Particles/Metal/Site density": "7.0e18",
    "Particles/Metal/Attachment barrier": "0.55",
    "Particles/Surface element/Initial adatom coverage": "0.0",
    "Particles/Surface element/Initial number density": "3e14",
    "Particles/Surface element/Initial mean radius": "0.705",
}
QUICK = {"Particles/Size classes/Number of classes": "30",
         "Particles/Surface element/Output times": "132"}


def runs():
    return [Run("pd_ceo2", PRM, quick=QUICK),
            Run("cu_tio2", PRM, overrides=CU_TIO2, quick=QUICK)]


def _cycle_metrics(directory, prefix):
    p = table(directory, "particles.csv")
    t = p["time_s"]
    metal = p["atoms_adatoms_m2"] + p["atoms_particles_m2"]
    share = p["atoms_particles_m2"] / metal
    at = lambda series, time: float(series[np.argmin(np.abs(t - time))])
    m = {}
    for k, (hot, cold) in enumerate(zip(HOT_ENDS, COLD_ENDS), 1):
        m[f"{prefix}_particle_share_hot_{k}"] = at(share, hot)
        m[f"{prefix}_particle_share_cold_{k}"] = at(share, cold)
        m[f"{prefix}_diameter_cold_{k}_nm"] = 2 * at(p["mean_radius_nm"], cold)
        m[f"{prefix}_density_cold_{k}_m2"] = at(p["number_density_m2"], cold)
    m[f"{prefix}_diameter_initial_nm"] = 2 * float(p["mean_radius_nm"][0])
    m[f"{prefix}_reversibility"] = m[f"{prefix}_diameter_cold_2_nm"] / m[f"{prefix}_diameter_cold_1_nm"]
    m[f"{prefix}_metal_balance"] = float(np.max(np.abs(metal - metal[0])) / metal[0])
    return m


def analyse(directories):
    m = _cycle_metrics(directories["pd_ceo2"], "pd")
    m.update(_cycle_metrics(directories["cu_tio2"], "cu"))
    return m


_HOT = "no visible particles after 10 min at 500 C"
_COLD = "particles re-form at 200 C (2 h)"
CHECKS = [
    Check("pd_particle_share_hot_1", None, 0.01, "Pd: share of the metal in particles, end of hot hold 1", _HOT),
    Check("pd_particle_share_hot_2", None, 0.01, "Pd: share in particles, end of hot hold 2", _HOT),
    Check("pd_particle_share_cold_1", 0.5, None, "Pd: share in particles, end of cold hold 1", _COLD),
    Check("pd_particle_share_cold_2", 0.5, None, "Pd: share in particles, end of cold hold 2", _COLD),
    Check("pd_diameter_cold_1_nm", 1.5, 3.0, "Pd: mean diameter after cold sintering [nm]",
          "2.05 nm (as prepared 1.41 nm)"),
    Check("pd_reversibility", 0.85, 1.15, "Pd: diameter cold hold 2 / cold hold 1", "reversible over cycles"),
    Check("pd_metal_balance", None, 1e-9, "Pd: metal balance (relative)", "closed surface"),
    Check("cu_particle_share_hot_1", None, 0.01, "Cu/TiO2: share in particles, end of hot hold 1",
          "particles vanish at 500 C"),
    Check("cu_particle_share_cold_2", 0.5, None, "Cu/TiO2: share in particles, end of cold hold 2",
          "cold-sintered particles at 25 C"),
    Check("cu_reversibility", 0.85, 1.15, "Cu/TiO2: diameter cold hold 2 / cold hold 1",
          "sintering-redispersion-sintering circle"),
]


def plot(directories, metrics, png):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(3, 1, figsize=(8, 8.5), sharex=True)
    for label, name, colour in (("pd_ceo2", "Pd/CeO2", "C0"), ("cu_tio2", "Cu/TiO2", "C3")):
        p = table(directories[label], "particles.csv")
        t = p["time_s"] / 3600
        metal = p["atoms_adatoms_m2"] + p["atoms_particles_m2"]
        axes[0].plot(t, p["temperature_K"], color=colour, label=name)
        axes[1].plot(t, p["atoms_particles_m2"] / metal, color=colour, label=name)
        shown = p["atoms_particles_m2"] / metal > 0.05
        axes[2].plot(t[shown], 2 * p["mean_radius_nm"][shown], ".", ms=3, color=colour, label=name)
    axes[2].axhline(2.05, color="k", ls=":", label="seed 002: 2.05 nm after 2 h at 200 C")
    axes[2].axhline(1.41, color="grey", ls=":", label="seed 002: 1.41 nm as prepared")
    axes[0].set_ylabel("temperature [K]")
    axes[1].set_ylabel("metal in particles [-]")
    axes[2].set_ylabel("mean diameter [nm]")
    axes[2].set_xlabel("time [h]")
    for ax in axes:
        ax.legend(fontsize=8)
    finish_figure(fig, axes, "Hot redispersion and cold sintering, two cycles (seed 002)", png)
