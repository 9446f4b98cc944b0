#include <deal.II/lac/petsc_block_vector.h>
#include <deal.II/lac/petsc_vector.h>
#include <deal.II/lac/trilinos_parallel_block_vector.h>
#include <deal.II/lac/trilinos_vector.h>

#include <exsolve/core/input_error.h>
#include <exsolve/core/newton_solver.h>
#include <exsolve/core/parameter_utilities.h>

#include <cmath>
#include <iomanip>
#include <sstream>

namespace exsolve
{
  using namespace dealii;

  void
  NewtonParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Solver");
    {
      prm.declare_entry("Maximum Newton iterations",
                        "50",
                        Patterns::Integer(1, 1000),
                        "[-] Newton iterations per solve, 1..1000.");
      prm.declare_entry(
        "Newton relative tolerance",
        "1e-12",
        Patterns::Double(0, 1),
        "[-] Converged when the residual norm falls below this fraction of "
        "the residual of the initial guess (or the absolute tolerance), "
        "0..1.");
      prm.declare_entry("Newton absolute tolerance",
                        "1e-14",
                        Patterns::Double(0),
                        "[-] Converged when the dimensionless residual norm "
                        "falls below this value, >= 0.");
      prm.declare_entry(
        "Maximum update",
        "2",
        Patterns::Double(0),
        "[kT/e] Largest change of the potential in one Newton step; longer "
        "steps are scaled down, > 0.");
      prm.declare_entry("Maximum line search steps",
                        "20",
                        Patterns::Integer(0, 60),
                        "[-] Step halvings tried before Newton gives up, "
                        "0..60.");
      prm.declare_entry(
        "Linear relative tolerance",
        "1e-4",
        Patterns::Double(0, 1),
        "[-] Krylov solves reduce the residual by this factor relative to the "
        "current Newton residual (never below a tenth of the Newton target), "
        "0..1.");
      prm.declare_entry("Maximum linear iterations",
                        "2000",
                        Patterns::Integer(1, 100000),
                        "[-] Krylov iterations per linear solve.");
    }
    prm.leave_subsection();
  }



  void
  NewtonParameters::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Solver");
    max_iterations            = prm.get_integer("Maximum Newton iterations");
    relative_tolerance        = prm.get_double("Newton relative tolerance");
    absolute_tolerance        = prm.get_double("Newton absolute tolerance");
    max_update                = prm.get_double("Maximum update");
    max_backtracking          = prm.get_integer("Maximum line search steps");
    linear_relative_tolerance = prm.get_double("Linear relative tolerance");
    linear_max_iterations     = prm.get_integer("Maximum linear iterations");
    prm.leave_subsection();
    require_input(max_update > 0,
                  "Solver/Maximum update",
                  parameters::to_string(max_update),
                  "must be positive");
    require_input(relative_tolerance > 0 || absolute_tolerance > 0,
                  "Solver/Newton absolute tolerance",
                  parameters::to_string(absolute_tolerance),
                  "relative and absolute tolerance cannot both be zero");
  }



  template <typename VectorType>
  NewtonSolver<VectorType>::NewtonSolver(const NewtonParameters   &parameters,
                                         const ConditionalOStream &pcout)
      : parameters(parameters)
      , pcout(pcout)
  {
  }



  template <typename VectorType>
  NewtonReport
  NewtonSolver<VectorType>::solve(VectorType                &u,
                                  const ResidualFunction    &residual,
                                  const LinearSolveFunction &linear_solve,
                                  const double reference_residual) const
  {
    NewtonReport report;
    VectorType   r(u), du(u), trial(u), rhs(u);
    double       norm       = residual(u, r);
    report.initial_residual = norm;
    report.residual_history.push_back(norm);
    const double target
      = std::max(parameters.absolute_tolerance,
                 parameters.relative_tolerance
                   * (reference_residual > 0 ? reference_residual : norm));

    pcout << "    Newton: initial residual " << std::scientific
          << std::setprecision(3) << norm << ", target " << target << std::endl;

    auto diagnosis = [&](const std::string &what)
    {
      std::ostringstream s;
      s << "Newton's method " << what << " after " << report.iterations
        << " iterations; residual history:";
      for (const double h : report.residual_history)
        s << ' ' << std::scientific << std::setprecision(2) << h;
      s << ". Try more refinement cycles (a better initial guess), a smaller "
           "'Solver/Maximum update', or check that boundary potentials and "
           "concentrations are physically reasonable.";
      return s.str();
    };

    unsigned int slow_steps = 0;
    while (!(norm <= target))
    {
      if (!std::isfinite(norm))
        throw SolverFailure(diagnosis("produced a non-finite residual"));
      if (report.iterations >= parameters.max_iterations)
        throw SolverFailure(diagnosis("did not converge"));

      rhs = r;
      rhs *= -1.;
      const double linear_tolerance
        = std::max(parameters.linear_relative_tolerance * norm, 0.1 * target);
      report.linear_iterations += linear_solve(u, rhs, du, linear_tolerance);

      // Cap the largest entry of the update, then backtrack (Armijo).
      const double update_size = du.linfty_norm();
      double       alpha       = update_size > parameters.max_update
                                   ? parameters.max_update / update_size
                                   : 1.;
      double       trial_norm  = 0;
      unsigned int halvings    = 0;
      for (;; ++halvings)
      {
        trial = u;
        trial.add(alpha, du);
        trial_norm = residual(trial, r);
        if (std::isfinite(trial_norm)
            && trial_norm <= (1. - 1e-4 * alpha) * norm)
          break;
        if (halvings >= parameters.max_backtracking)
        {
          // An update below 1e-10 (kT/e) that cannot lower the residual,
          // or no descent a millionth below the initial residual, means the
          // residual sits at its round-off floor.
          if (update_size < 1e-10 || norm <= 1e-6 * report.initial_residual)
          {
            pcout << "    Newton: residual at round-off level (" << norm
                  << "), accepted" << std::endl;
            report.final_residual = norm;
            return report;
          }
          throw SolverFailure(
            diagnosis("found no step that reduces the residual"));
        }
        alpha *= 0.5;
      }
      u    = trial;
      norm = trial_norm;
      ++report.iterations;
      report.residual_history.push_back(norm);
      pcout << "    Newton " << std::setw(2) << report.iterations
            << ": residual " << std::scientific << std::setprecision(3) << norm
            << "  step " << std::defaultfloat << std::setprecision(3) << alpha
            << "  |du|max " << std::scientific << std::setprecision(2)
            << alpha * update_size << std::endl;
      // Three steps in a row that gain less than 10 % once the residual is
      // a millionth of where it started: stagnation at the round-off floor
      // (which grows with the size of the terms, e.g. in strong layers).
      slow_steps = norm > 0.9 * report.residual_history[report.iterations - 1]
                     ? slow_steps + 1
                     : 0;
      if (slow_steps >= 3 && norm <= 1e-6 * report.initial_residual
          && !(norm <= target))
      {
        pcout << "    Newton: stagnating at " << norm
              << ", a millionth of the initial residual: round-off level, "
                 "accepted"
              << std::endl;
        break;
      }
      // A full Newton step below 1e-11 (kT/e, or in ln c) leaves an error
      // of that size: the residual is at its round-off floor even if it
      // still creeps down by a few per cent per step.
      if (alpha == 1. && update_size < 1e-11 && !(norm <= target))
      {
        pcout << "    Newton: update below 1e-11, residual " << norm
              << " at round-off level, accepted" << std::endl;
        break;
      }
    }
    report.final_residual = norm;
    pcout << std::defaultfloat;
    return report;
  }

  template class NewtonSolver<TrilinosWrappers::MPI::Vector>;
  template class NewtonSolver<PETScWrappers::MPI::Vector>;
  template class NewtonSolver<TrilinosWrappers::MPI::BlockVector>;
  template class NewtonSolver<PETScWrappers::MPI::BlockVector>;
} // namespace exsolve
