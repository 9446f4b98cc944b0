// The Poisson-Boltzmann state of a closed sample (Initial state/Sample =
// closed) for TransportProblem; included by one .cc file per
// linear-algebra backend.
#pragma once

#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/vector.h>

#include <exsolve/core/input_error.h>
#include <exsolve/transport/transport_problem.h>

#include <cmath>
#include <vector>

namespace exsolve
{
  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::solve_closed_sample(
    unsigned int &newton_iterations,
    unsigned int &linear_iterations)
  {
    // Every mobile species keeps the amount of the uniform composition:
    // its reference ln a_i^b moves by ln(N_i / int c_i) until the
    // Boltzmann state holds N_i. For fixed psi this update is exact, so
    // the iteration contracts with the share of the amount the space
    // charge moves.
    const std::vector<double> target = amounts(solution);
    // Anderson acceleration of the fixed point x <- x + f(x), x the
    // reference shifts of the mobile species, f = ln(N / int c): the plain
    // iteration contracts slowly where the cores take up much of a species.
    std::vector<unsigned int> mobile;
    for (unsigned int s = 0; s < n_species; ++s)
      if (diffusivity_now[s] != 0.)
        mobile.push_back(s);
    const unsigned int     m = mobile.size(), depth = 4, max_updates = 200;
    dealii::Vector<double> x(m), f(m), x_old(m), f_old(m);
    std::vector<dealii::Vector<double>> dx, df;
    const std::vector<double>           start(log_bulk_activity);
    for (unsigned int update = 0;; ++update)
    {
      for (unsigned int k = 0; k < m; ++k)
        log_bulk_activity[mobile[k]] = start[mobile[k]] + x[k];
      unsigned int newton = 0, linear = 0;
      if (!solve_nonlinear(newton, linear))
        throw SolverFailure(
          "the closed sample's equilibrium has no solution for the current "
          "bulk references (see the Newton report above)");
      newton_iterations += newton;
      linear_iterations += linear;
      const std::vector<double> now = amounts(solution);
      for (unsigned int k = 0; k < m; ++k)
        f[k] = std::log(target[mobile[k]] / now[mobile[k]]);
      const double change = f.linfty_norm();
      if (change < 1e-12)
        break;
      if (update == max_updates)
        throw SolverFailure(
          "the closed sample's bulk references did not settle in "
          + std::to_string(max_updates) + " updates (last change of ln c "
          + std::to_string(change) + ")");
      if (update > 0)
      {
        dx.push_back(x);
        dx.back() -= x_old;
        df.push_back(f);
        df.back() -= f_old;
        if (dx.size() > depth)
        {
          dx.erase(dx.begin());
          df.erase(df.begin());
        }
      }
      x_old = x;
      f_old = f;
      // gamma = argmin |f - dF gamma| (normal equations, lightly damped).
      const unsigned int         n = df.size();
      dealii::FullMatrix<double> normal(n, n);
      dealii::Vector<double>     rhs(n), gamma(n);
      for (unsigned int i = 0; i < n; ++i)
      {
        rhs(i) = df[i] * f;
        for (unsigned int j = 0; j < n; ++j)
          normal(i, j) = df[i] * df[j];
        normal(i, i) *= 1. + 1e-10;
      }
      if (n > 0)
      {
        normal.gauss_jordan();
        normal.vmult(gamma, rhs);
      }
      x += f;
      for (unsigned int i = 0; i < n; ++i)
      {
        x.add(-gamma(i), dx[i]);
        x.add(-gamma(i), df[i]);
      }
      old_solution = solution;
      ghosted_old  = old_solution;
    }
    for (unsigned int k = 0; k < m; ++k)
      // Relative to the references of the last solve (adaptive cycles
      // start from them).
      reference_concentrations[mobile[k]]
        *= std::exp(log_bulk_activity[mobile[k]] - start[mobile[k]]);
  }
} // namespace exsolve
