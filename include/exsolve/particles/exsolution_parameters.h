#pragma once

#include <deal.II/base/parameter_handler.h>

#include <string>
#include <vector>

namespace exsolve::particles
{
  /**
   * Section "Particles/Exsolution": the surfaces of a transport run on
   * which the reducible cation leaves the lattice into an adatom field that
   * feeds the particle population (doc/particles.md, "Coupled to
   * transport"). The exsolution reaction, per adsorption site,
   *   M_lattice (+ m V_O) <-> M_adatom,
   * runs at the mass-action rate
   *   r = nu exp(-E_a/kT) [ (c_M/c_M^b)(c_V/c_V^b)^m (1 - theta)
   *                         - theta exp(dE/kT) ]  [m^-2 s^-1],
   * whose equilibrium is the lattice gas theta/(1 - theta) = a exp(-dE/kT)
   * with a = (c_M/c_M^b)(c_V/c_V^b)^m: dE is the energy of an adatom
   * relative to a cation in the lattice of bulk composition. SI only;
   * values are SI after parse_parameters() (names are resolved by the
   * transport against its species and boundaries).
   */
  struct ExsolutionParameters
  {
    std::vector<std::string> surfaces; ///< boundary names
    std::string              cation;   ///< species name, e.g. Ni_Ti''
    std::string              vacancy;  ///< species name or empty
    double                   vacancy_order     = 1.;   ///< m [-]
    double                   rate_constant     = 1e16; ///< nu [m^-2 s^-1]
    double                   activation_energy = 0;    ///< E_a [J]
    double                   exsolution_energy = 0;    ///< dE [J]
    double                   adatom_diffusion_prefactor  = 1e-7; ///< [m^2/s]
    double                   adatom_diffusion_activation = 0.;   ///< [J]
    /// Oxygen sites per m^3: x_V = c_V / this (adhesion of the particles).
    double oxygen_site_density = 5.04e28;

    /// True if any surface is named: the population balance is coupled.
    bool
    enabled() const
    {
      return !surfaces.empty();
    }

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);

    /// Adatom surface diffusivity at @p temperature [K], m^2/s.
    double
    adatom_diffusivity(const double temperature) const;
  };

  /// The exsolution rate and its derivatives at one surface point.
  struct ExsolutionRate
  {
    double rate         = 0.; ///< r [m^-2 s^-1], > 0 out of the lattice
    double d_ln_cation  = 0.; ///< dr / d ln c_M
    double d_ln_vacancy = 0.; ///< dr / d ln c_V
  };

  /// r of ExsolutionParameters at @p temperature [K] for the lattice ratios
  /// c_M/c_M^b and c_V/c_V^b (1 without a vacancy species) and the adatom
  /// coverage @p coverage.
  ExsolutionRate
  exsolution_rate(const ExsolutionParameters &parameters,
                  const double                temperature,
                  const double                cation_ratio,
                  const double                vacancy_ratio,
                  const double                coverage);
} // namespace exsolve::particles
