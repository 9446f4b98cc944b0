#pragma once

namespace exsolve::particles
{
  /**
   * The adatoms of a surface element as an ideal lattice gas on n_s sites
   * (one atom per site, no interactions). Energies per atom in J, relative
   * to an isolated adatom (E_ad = 0; the particle's enthalpy is Delta h).
   */
  namespace lattice_gas
  {
    /// mu_ad = kT ln(theta/(1 - theta)): the configurational entropy of
    /// theta n_s atoms on n_s sites (Stirling); coverage clipped to (0, 1).
    double
    chemical_potential(const double coverage, const double kT);

    /// The inverse: theta = 1/(1 + exp(-mu/kT)).
    double
    coverage(const double chemical_potential, const double kT);

    /**
     * Coverage in equilibrium with a large particle whose atoms have
     * enthalpy @p delta_h and entropy @p s_p (in k): mu_ad = delta_h - s_p kT,
     * c* = 1/(1 + exp(s_p - delta_h/kT)); with s_p = 1 the critical coverage
     * of seed 002 (Zhu et al.).
     */
    double
    critical_coverage(const double delta_h, const double s_p, const double kT);
  } // namespace lattice_gas
} // namespace exsolve::particles
