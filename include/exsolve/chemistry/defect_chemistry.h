#pragma once

#include <deal.II/base/parameter_handler.h>

#include <exsolve/chemistry/defect_reaction.h>
#include <exsolve/chemistry/kroger_vink.h>

#include <map>
#include <string>
#include <vector>

namespace exsolve
{
  /**
   * The point-defect model of an oxide (section "Defect chemistry"): the
   * species of Physics/Species in Kroger-Vink notation, the sublattices with
   * their sites per formula unit, the reactions with their mass-action
   * constants, the fixed dopant contents and the statistics of ions and
   * electronic carriers. Concentrations are per formula unit throughout;
   * oxygen pressures are relative to the reference pressure.
   *
   * Activities (the arguments of the mass-action laws):
   *  - defect on a sublattice: its concentration x_i (per formula unit);
   *  - regular species of sublattice S: 1 (dilute) or the fraction of the S
   *    sites not taken by defects, 1 - sum_{i on S} x_i / m_S (site
   *    exclusion), which keeps every site fraction below one;
   *  - e', h.: n (Boltzmann) or n / (1 - 0.27 n / N_c) (Blakemore's
   *    approximation of Fermi-Dirac statistics, N_c the effective density of
   *    states).
   */
  class DefectChemistry
  {
  public:
    enum class IonicStatistics
    {
      dilute,
      site_exclusion
    };
    enum class ElectronicStatistics
    {
      boltzmann,
      blakemore
    };

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /// Read section "Defect chemistry" with the species of Physics/Species.
    void
    parse_parameters(dealii::ParameterHandler &prm);

    /// True when the parameter file defines reactions or dopant contents.
    bool
    active() const
    {
      return !reactions.empty() || !dopant_contents.empty();
    }

    /// Number of declared species.
    unsigned int
    n_species() const
    {
      return species.size();
    }

    /// ln a_i(x) for every declared species.
    std::vector<double>
    log_activities(const std::vector<double> &x,
                   const double               temperature) const;

    /// ln a_i(x) of species @p i and, if @p self is given,
    /// d ln a_i / d ln x_i there.
    double
    log_activity(const unsigned int         i,
                 const std::vector<double> &x,
                 const double               temperature,
                 double *const              self) const;

    /// ln of the regular species' activity on sublattice @p site.
    double
    log_regular_activity(const std::string         &site,
                         const std::vector<double> &x) const;

    /**
     * Sum of |nu| ln a over the participants of @p reaction on one side
     * (@p products false: the reactants) at site fractions @p x, with O2 at
     * ln(pO2 / p_ref) = @p log_pressure and pure phases at activity 1. If
     * @p derivative is given (size n_species), d/d ln x_j of the sum is
     * added to it.
     */
    double
    log_activity_product(const DefectReaction      &reaction,
                         const bool                 products,
                         const std::vector<double> &x,
                         const double               temperature,
                         const double               log_pressure,
                         std::vector<double>       *derivative) const;

    /// Blakemore's constant: a = n / (1 - gamma n / N_c).
    static constexpr double blakemore_gamma = 0.27;

    /// Effective densities of states (per formula unit) at @p temperature.
    double
    conduction_states(const double temperature) const;
    double
    valence_states(const double temperature) const;

    std::vector<KrogerVinkSpecies> species;
    std::map<std::string, double>  sublattices; // sites per formula unit
    std::vector<DefectReaction>    reactions;
    std::map<std::string, double>  dopant_contents; // element -> per f.u.
    IonicStatistics                ionic_statistics = IonicStatistics::dilute;
    ElectronicStatistics           electronic_statistics
      = ElectronicStatistics::boltzmann;
    double conduction_states_300K = 0.; // per f.u.
    double valence_states_300K    = 0.; // per f.u.
    /// Background charge per formula unit (Physics/Fixed charge density).
    double fixed_charge            = 0.;
    double oxygen_partial_pressure = 2.1e4;   // Pa
    double reference_pressure      = 1e5;     // Pa
    double formula_unit_density    = 1.68e28; // m^-3
  };
} // namespace exsolve
