#pragma once

#include <deal.II/lac/full_matrix.h>

#include <exsolve/chemistry/defect_chemistry.h>

#include <utility>
#include <vector>

namespace exsolve
{
  /**
   * The fast defect reactions of the bulk, held in local equilibrium during
   * transport: the reactions without a rate constant that involve neither
   * O2 nor a pure phase (those act only at surfaces). Each one adds the
   * constraint
   *   rho_f = sum_i nu_if ln a_i - ln K_f(T) = 0
   * at every point, with an unknown rate that is eliminated from the
   * species balances (doc/defect_chemistry.md, section 7): one species per
   * reaction, its pivot, gives up its balance for the constraint, and the
   * others' balances are combined with the pivots' ones so that the rates
   * cancel,
   *   r_i' = r_i - sum_f T_if r_{pivot(f)},  T = nu B^{-1},
   * with B the pivots' rows of the stoichiometric matrix nu. What remains
   * are the balances of the quantities the fast reactions conserve.
   */
  class LocalEquilibria
  {
  public:
    /// Which species gives up its balance for which reaction, and the
    /// combination of balances that cancels the fast rates.
    struct Elimination
    {
      /// Pivot species of each fast reaction.
      std::vector<unsigned int> pivot;
      /// Reaction whose constraint replaces the balance of species i, -1 for
      /// species that keep a (combined) balance.
      std::vector<int> constraint_of;
      /// T_if (n_species x n_reactions); rows of pivots are unit vectors.
      dealii::FullMatrix<double> combination;
      /// B^{-1} (n_reactions x n_reactions): the row of pivot q is the
      /// constraint sum_f B^{-1}_fq rho_f, in which ln c of pivot q has the
      /// coefficient 1 and the other pivots 0 (ideal part).
      dealii::FullMatrix<double> constraint_weights;
    };

    /// @p concentration_scale: c_ref [m^-3] of the dimensionless c.
    LocalEquilibria(const DefectChemistry &chemistry,
                    const double           concentration_scale);

    bool
    empty() const
    {
      return fast.empty();
    }

    unsigned int
    n_reactions() const
    {
      return fast.size();
    }

    const DefectReaction &
    reaction(const unsigned int f) const
    {
      return *fast[f];
    }

    /// ln K of every fast reaction at @p temperature [K].
    void
    set_temperature(const double temperature);

    /**
     * Constraint residuals rho_f at the dimensionless concentrations @p c
     * and, if @p derivative is given, d rho_f / d ln c_j
     * (n_reactions x n_species).
     */
    void
    evaluate(const std::vector<double>  &c,
             std::vector<double>        &rho,
             dealii::FullMatrix<double> *derivative) const;

    /**
     * Pivots for species weights @p weight (amounts): each reaction takes the
     * species of smallest weight that keeps B non-singular (Gaussian
     * elimination), so the balances that remain are dominated by the
     * majority species. Species with @p excluded set are never pivots.
     * Throws InputError if the fast reactions are linearly dependent in the
     * species.
     */
    Elimination
    eliminate(const std::vector<double> &weight) const;

    /// Species of reaction @p f (declared species with nu != 0).
    std::vector<unsigned int>
    species_of(const unsigned int f) const;

  private:
    const DefectChemistry              &chemistry;
    std::vector<const DefectReaction *> fast;
    double                              to_fraction; // c~ -> per f.u.
    double                              temperature = 1000.;
    std::vector<double>                 log_K;
    dealii::FullMatrix<double>          stoichiometry; // n_species x n_fast
  };
} // namespace exsolve
