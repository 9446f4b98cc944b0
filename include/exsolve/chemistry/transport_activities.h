#pragma once

#include <exsolve/chemistry/defect_chemistry.h>

#include <utility>
#include <vector>

namespace exsolve
{
  /**
   * Activity coefficients of the transported species, for the
   * Nernst-Planck flux J_i = -D_i c_i grad(ln a_i + z_i psi) (with
   * ln a_i = ln c_i + ln gamma_i) and for the Boltzmann equilibrium
   * ln a_i + z_i psi = const. Species share a saturation group:
   *  - site exclusion: the defects of one sublattice S, which exchange
   *    places with its regular species, gamma_i = 1 / theta_S with the free
   *    site fraction theta_S = 1 - sum_{j on S} x_j / m_S (the lattice-gas
   *    exchange potential, as in the bulk equilibrium);
   *  - Blakemore statistics: each carrier alone,
   *    gamma = 1 / (1 - 0.27 n / N(T)).
   * In both cases ln gamma_i = -ln(1 - sum_{j in G} alpha_j c_j), and
   * d ln gamma_i / d ln c_j = w_j = alpha_j c_j / theta_G for j in the group
   * of i (0 otherwise).
   */
  class TransportActivities
  {
  public:
    /// @p concentration_scale: c_ref [m^-3] of the dimensionless c.
    TransportActivities(const DefectChemistry &chemistry,
                        const double           concentration_scale);

    /// True when every species is ideal (dilute ions, Boltzmann carriers).
    bool
    ideal() const
    {
      return groups.empty();
    }

    /// The carriers' densities of states at @p temperature [K].
    void
    set_temperature(const double temperature);

    /**
     * ln gamma_i and w_j at the dimensionless concentrations @p c. Returns
     * false (values unspecified) if a sublattice or band is overfull.
     */
    bool
    evaluate(const std::vector<double> &c,
             std::vector<double>       &log_gamma,
             std::vector<double>       &weight) const;

    /// The saturation group of species @p i, -1 if it is ideal.
    int
    group_of(const unsigned int i) const
    {
      return group[i];
    }

    /// Pairs (i, j) of species in one group (their fluxes couple).
    std::vector<std::pair<unsigned int, unsigned int>>
    couplings() const;

  private:
    struct Group
    {
      std::vector<unsigned int> members;
      std::vector<double>       alpha; // c~ -> share of the group's sites
      bool                      carrier = false;
    };
    const DefectChemistry &chemistry;
    double                 to_fraction; // c~ -> per f.u.
    std::vector<Group>     groups;
    std::vector<int>       group;
  };
} // namespace exsolve
