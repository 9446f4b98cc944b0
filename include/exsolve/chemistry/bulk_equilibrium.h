#pragma once

#include <exsolve/chemistry/defect_chemistry.h>

#include <deal.II/lac/lapack_full_matrix.h>

#include <deal.II/lac/full_matrix.h>

#include <map>
#include <string>
#include <vector>

namespace exsolve
{
  /// The bulk defect equilibrium at one temperature and oxygen pressure.
  struct BulkEquilibrium
  {
    double              temperature             = 0.; // K
    double              oxygen_partial_pressure = 0.; // Pa
    std::vector<double> concentrations;               // per formula unit
    /// Local Brouwer slopes d log x_i / d log pO2 (exact, from the
    /// implicit-function theorem on the converged equations).
    std::vector<double> slopes;
    unsigned int        iterations = 0;
  };

  /**
   * Solves the bulk equilibrium of a DefectChemistry: every reaction at its
   * mass-action law, electroneutrality, and the fixed dopant contents. The
   * unknowns are y_i = ln x_i, which keeps every concentration positive and
   * makes the mass-action laws linear; neutrality is written as
   * ln(positive charge) = ln(negative charge) and each content as ln(sum) =
   * ln(content), so all equations are O(1) whatever the concentrations
   * (1e-40 .. 1). Newton with a step limit and a backtracking line search;
   * if that fails from the initial guess, a continuation in log pO2 from the
   * reference pressure.
   */
  class BulkEquilibriumSolver
  {
  public:
    /// Checks that the equations determine every species (InputError if
    /// not: too few or dependent reactions, undetermined species).
    explicit BulkEquilibriumSolver(const DefectChemistry &chemistry);

    /// Throws SolverFailure with a diagnosis if no solution is found.
    BulkEquilibrium
    solve(const double               temperature,
          const double               oxygen_partial_pressure,
          const std::vector<double> &initial_guess = {}) const;

    /**
     * The equations at the unknowns @p y: y_i = ln a_i, the log activity, for
     * every species (= ln x_i for dilute defects and Boltzmann carriers;
     * ln(x_i / theta_S) under site exclusion, so that x_i = theta_S e^{y_i}
     * with theta_S = 1 / (1 + sum_{j on S} e^{y_j} / m_S) stays on its
     * sublattice for any y).
     */
    std::vector<double>
    residual(const std::vector<double> &y,
             const double               temperature,
             const double               log_pressure_ratio) const;

    /// The unknowns y of concentrations @p x (inverse of the map above).
    std::vector<double>
    to_unknowns(const std::vector<double> &x, const double temperature) const;

  private:
    /// Concentrations, log activities and their derivatives at y.
    struct State
    {
      std::vector<double>                        x, log_a;
      std::map<std::string, double>              log_theta;
      std::map<std::string, std::vector<double>> d_log_theta;
      dealii::FullMatrix<double>                 d_log_x, d_log_a;
    };

    State
    evaluate(const std::vector<double> &y, const double temperature) const;

    std::vector<double>
    residual(const State &state,
             const double temperature,
             const double log_pressure_ratio) const;

    const DefectChemistry &chemistry;
    /// Atoms of each constrained element per species.
    std::vector<std::vector<double>> content_matrix;
    std::vector<double>              contents;

    void
    jacobian(const State                      &state,
             dealii::LAPACKFullMatrix<double> &matrix) const;

    bool
    newton(std::vector<double> &log_x,
           const double         temperature,
           const double         log_pressure_ratio,
           unsigned int        &iterations) const;
  };
} // namespace exsolve
