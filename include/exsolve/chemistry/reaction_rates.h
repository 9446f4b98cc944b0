#pragma once

#include <deal.II/lac/full_matrix.h>

#include <exsolve/chemistry/defect_chemistry.h>

#include <utility>
#include <vector>

namespace exsolve
{
  /**
   * Volume sources of the slow defect reactions (those with a rate
   * constant), for the transport equations. For reaction r with rate
   * constant k_r(T) = k0 exp(-Ea/kT), per unit volume
   *   R_r = k_r N_fu (prod_{reactants} a^|nu| - prod_{products} a^nu / K_r),
   * with the activities of DefectChemistry (concentrations per formula unit,
   * regular species and carriers with their statistics), so that R_r = 0
   * exactly in the bulk equilibrium. Species i gains sum_r nu_ir R_r.
   * Concentrations and sources are dimensionless (c~ = c / c_ref, time in
   * units of t_ref).
   */
  class ReactionRates
  {
  public:
    /// @p concentration_scale: c_ref [m^-3]; @p time_scale: t_ref [s].
    ReactionRates(const DefectChemistry &chemistry,
                  const double           concentration_scale,
                  const double           time_scale);

    bool
    empty() const
    {
      return slow.empty();
    }

    /// Rate and equilibrium constants at @p temperature [K].
    void
    set_temperature(const double temperature);

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
    const DefectChemistry              &chemistry;
    std::vector<const DefectReaction *> slow;
    double                              to_fraction; // c~ -> per f.u.
    double                              rate_scale;  // k N_fu t_ref / c_ref
    double                              temperature = 0.;
    std::vector<double>                 rate, log_K;
  };
} // namespace exsolve
