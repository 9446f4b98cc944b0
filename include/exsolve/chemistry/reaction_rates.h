#pragma once

#include <deal.II/lac/full_matrix.h>

#include <exsolve/chemistry/defect_chemistry.h>

#include <utility>
#include <vector>

namespace exsolve
{
  /**
   * Mass-action rates of defect reactions that are not in equilibrium, as
   * sources of the transport equations. For reaction r with rate constant
   * k_r(T) = k0 exp(-Ea/kT)
   *   R_r = k_r N_fu (prod_{reactants} a^|nu| - prod_{products} a^nu / K_r),
   * with the activities of DefectChemistry (concentrations per formula unit,
   * regular species and carriers with their statistics, O2 at its partial
   * pressure), so that R_r = 0 exactly in equilibrium. Species i gains
   * sum_r nu_ir R_r.
   *  - In the volume (slow reactions: those with a rate constant, k0 in
   *    1/s) R is a rate per volume.
   *  - On a surface (surface reactions, k0 in m/s) R is a rate per area: the
   *    inward flux of species i is nu_i R.
   * Concentrations and sources are dimensionless (c~ = c / c_ref, time in
   * units of t_ref, lengths in units of L).
   */
  class ReactionRates
  {
  public:
    /// A reaction with the prefactor k0 and activation energy Ea [eV] of
    /// its forward rate constant.
    struct RateLaw
    {
      const DefectReaction *reaction          = nullptr;
      double                prefactor         = 0.;
      double                activation_energy = 0.;
    };

    /// The slow reactions of @p chemistry as volume sources;
    /// @p concentration_scale: c_ref [m^-3]; @p time_scale: t_ref [s].
    ReactionRates(const DefectChemistry &chemistry,
                  const double           concentration_scale,
                  const double           time_scale);

    /// @p laws as sources in units of @p source_unit [m^-3 s^-1 per unit
    /// of k0 N_fu (...)]: volume sources (k0 in 1/s, source_unit =
    /// c_ref / t_ref) or surface fluxes (k0 in m/s, c_ref L / t_ref).
    ReactionRates(const DefectChemistry      &chemistry,
                  const std::vector<RateLaw> &laws,
                  const double                concentration_scale,
                  const double                source_unit);

    bool
    empty() const
    {
      return laws.empty();
    }

    /// Rate and equilibrium constants at @p temperature [K], O2 at the
    /// chemistry's own oxygen partial pressure.
    void
    set_temperature(const double temperature);

    /// Rate and equilibrium constants at @p temperature [K] and oxygen
    /// partial pressure @p pressure [Pa].
    void
    set_conditions(const double temperature, const double pressure);

    /**
     * Sources s_i of every species at concentrations @p c (dimensionless)
     * and, if @p jacobian is given, d s_i / d ln c_j.
     */
    void
    evaluate(const std::vector<double>  &c,
             std::vector<double>        &sources,
             dealii::FullMatrix<double> *jacobian) const;

    /// Pairs (i, j) of species whose sources depend on each other.
    std::vector<std::pair<unsigned int, unsigned int>>
    couplings() const;

  private:
    const DefectChemistry &chemistry;
    std::vector<RateLaw>   laws;
    double                 to_fraction; // c~ -> per f.u.
    double                 rate_scale;  // k0 N_fu / source_unit
    double                 temperature  = 0.;
    double                 log_pressure = 0.; // ln(pO2 / p_ref)
    std::vector<double>    rate, log_K;
  };
} // namespace exsolve
