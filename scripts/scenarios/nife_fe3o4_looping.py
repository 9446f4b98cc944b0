"""Seed 003 (looping metal-support interaction, NiFe on Fe3O4): particle
migration speeds up with temperature between 673 and 873 K with the redox
rate, and levels off with it above 973 K, so that coarsening by migration
and coalescence stays limited there."""
import math

import numpy as np

from .common import Check, Run, finish_figure, table

TITLE = "NiFe on Fe3O4: redox-driven migration and coalescence, 673-1073 K (seed 003)"
PRM = "parameter_files/scenarios/nife_fe3o4_looping.prm"
TEMPERATURES = (673, 773, 873, 973, 1073)
# The redox law of the parameter file, for the check of exsolve's column.
R0, E_R, RS0, E_S = 6.3e25, 1.5, 4e18, 0.11
K_B = 8.617333262e-5  # [eV/K]


def redox_rate(T):
    kinetic, supply = R0 * math.exp(-E_R / (K_B * T)), RS0 * math.exp(-E_S / (K_B * T))
    return kinetic * supply / (kinetic + supply)
QUICK = {"Particles/Size classes/Number of classes": "40",
         "Particles/Surface element/Output times": "20"}


def runs():
    return [Run(f"T{T}", PRM, overrides={"Physics/Temperature": str(T)}, quick=QUICK)
            for T in TEMPERATURES]


def analyse(directories):
    m = {}
    for T in TEMPERATURES:
        p = table(directories[f"T{T}"], "particles.csv")
        m[f"redox_rate_{T}"] = float(p["redox_rate_m2_s"][0])
        m[f"diffusivity_{T}"] = float(p["particle_diffusivity_m2_s"][0])
        # Mean displacement in one second of a random walk, sqrt(4 D t).
        m[f"speed_{T}_nm_s"] = math.sqrt(4 * m[f"diffusivity_{T}"] * 1.0) * 1e9
        m[f"coarsening_{T}"] = float(p["mean_radius_nm"][-1] / p["mean_radius_nm"][0])
        m[f"density_ratio_{T}"] = float(p["number_density_m2"][-1] / p["number_density_m2"][0])
        metal = p["atoms_adatoms_m2"] + p["atoms_particles_m2"]
        m[f"metal_balance_{T}"] = float(np.max(np.abs(metal - metal[0])) / metal[0])
    m["redox_law_error"] = max(abs(m[f"redox_rate_{T}"] / redox_rate(T) - 1) for T in TEMPERATURES)
    m["speed_rise_673_873"] = m["speed_873_nm_s"] / m["speed_673_nm_s"]
    m["speed_rise_873_1073"] = m["speed_1073_nm_s"] / m["speed_873_nm_s"]
    m["redox_rise_673_873"] = m["redox_rate_873"] / m["redox_rate_673"]
    m["redox_rise_973_1073"] = m["redox_rate_1073"] / m["redox_rate_973"]
    m["monotone_speed"] = float(all(m[f"speed_{a}_nm_s"] < m[f"speed_{b}_nm_s"]
                                    for a, b in zip(TEMPERATURES, TEMPERATURES[1:])))
    m["coarsening_gain_973_1073"] = m["coarsening_1073"] / m["coarsening_973"]
    m["coarsening_gain_773_873"] = m["coarsening_873"] / m["coarsening_773"]
    m["worst_metal_balance"] = max(m[f"metal_balance_{T}"] for T in TEMPERATURES)
    return m


CHECKS = [
    Check("redox_law_error", None, 1e-9, "redox rate vs r_k r_s/(r_k + r_s) (relative)",
          "(the model's law, checked)"),
    Check("speed_rise_673_873", 10, None, "migration speed 873 K / 673 K",
          "speed rises notably from 400 to 600 C"),
    Check("monotone_speed", 1, 1, "speed increases at every step 673 .. 1073 K (1 = yes)",
          "velocity follows the catalytic activity"),
    Check("redox_rise_673_873", 100, None, "redox rate 873 K / 673 K",
          "water production sets in above 500 C"),
    Check("redox_rise_973_1073", 1, 2.5, "redox rate 1073 K / 973 K",
          "MS signal steady by 800 C"),
    Check("speed_rise_873_1073", 1, 4, "migration speed 1073 K / 873 K",
          "velocity reaches a steady state at 800 C"),
    Check("coarsening_673", 1, 1.02, "mean radius after 30 min / initial, 673 K",
          "no looping, no migration below 500 C"),
    Check("coarsening_gain_973_1073", 1, 1.1, "coarsening 1073 K / coarsening 973 K",
          "limited coarsening at the highest temperatures"),
    Check("worst_metal_balance", None, 1e-9, "metal balance (relative, worst run)", "closed surface"),
]


def plot(directories, metrics, png):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, 3, figsize=(13, 4))
    T = np.array(TEMPERATURES, dtype=float)
    axes[0].semilogy(T - 273.15, [metrics[f"redox_rate_{t}"] for t in TEMPERATURES], "o-")
    axes[0].set_ylabel("redox rate [m^-2 s^-1]")
    axes[1].semilogy(T - 273.15, [metrics[f"speed_{t}_nm_s"] for t in TEMPERATURES], "s-", color="C1")
    axes[1].set_ylabel("migration speed sqrt(4 D / 1 s) [nm/s]")
    for t, colour in zip(TEMPERATURES, plt.get_cmap("plasma")(np.linspace(0, 0.85, len(T)))):
        p = table(directories[f"T{t}"], "particles.csv")
        axes[2].plot(p["time_s"] / 60, p["mean_radius_nm"], color=colour, label=f"{t} K")
    axes[2].set_xlabel("time [min]")
    axes[2].set_ylabel("mean radius [nm]")
    axes[2].legend(fontsize=8)
    for ax in axes[:2]:
        ax.set_xlabel("temperature [C]")
        ax.axvspan(500, 800, color="grey", alpha=0.12, label="seed 003: looping, rising")
    finish_figure(fig, axes, "Looping metal-support interaction of NiFe on Fe3O4 (seed 003)", png)
