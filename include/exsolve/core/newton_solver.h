#pragma once

#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/parameter_handler.h>

#include <functional>
#include <string>
#include <vector>

namespace exsolve
{
  /// Settings of the damped Newton method, section "Solver".
  struct NewtonParameters
  {
    unsigned int max_iterations            = 50;
    double       relative_tolerance        = 1e-12;
    double       absolute_tolerance        = 1e-14;
    double       max_update                = 2.;
    unsigned int max_backtracking          = 20;
    double       linear_relative_tolerance = 1e-4;
    unsigned int linear_max_iterations     = 2000;

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);
  };

  /// What one Newton solve did.
  struct NewtonReport
  {
    unsigned int        iterations        = 0;
    unsigned int        linear_iterations = 0;
    double              initial_residual  = 0;
    double              final_residual    = 0;
    std::vector<double> residual_history;
  };

  /**
   * Damped Newton method with an Armijo backtracking line search on the
   * residual norm and a cap on the largest update entry (in units of the
   * solution, kT/e for potentials), which keeps exponential nonlinearities
   * such as Boltzmann factors from overflowing in early iterations.
   *
   * The problem supplies two callbacks working on locally owned vectors:
   *  - residual(u, r): assemble r = F(u), return its l2 norm;
   *  - solve(u, rhs, du, tolerance): assemble the Jacobian at u and solve
   *    J du = rhs to the absolute @p tolerance; return the Krylov iterations.
   * Throws SolverFailure with a diagnosis when it cannot converge.
   */
  template <typename VectorType>
  class NewtonSolver
  {
  public:
    using ResidualFunction
      = std::function<double(const VectorType &u, VectorType &residual)>;
    using LinearSolveFunction
      = std::function<unsigned int(const VectorType &u,
                                   const VectorType &rhs,
                                   VectorType       &du,
                                   const double      tolerance)>;

    NewtonSolver(const NewtonParameters           &parameters,
                 const dealii::ConditionalOStream &pcout);

    /// Solve F(u) = 0 starting from @p u; @p reference_residual (if > 0)
    /// replaces |F(u_0)| in the relative stopping test.
    NewtonReport
    solve(VectorType                &u,
          const ResidualFunction    &residual,
          const LinearSolveFunction &linear_solve,
          const double               reference_residual = 0.) const;

  private:
    const NewtonParameters           &parameters;
    const dealii::ConditionalOStream &pcout;
  };
} // namespace exsolve
