#pragma once

#include <functional>
#include <vector>

namespace exsolve::particles
{
  /// Counters of one LocalIntegrator::integrate call.
  struct IntegratorStatistics
  {
    unsigned long steps          = 0;
    unsigned long rejected_steps = 0;
    unsigned long jacobians      = 0;
  };

  /**
   * Stiff integration of a small ODE system dy/dt = f(t, y) over one
   * interval with the L-stable, 4th-order Rosenbrock method of Boost.Odeint
   * (rosenbrock4, Shampine's parameters, embedded error estimate and step
   * control). A Rosenbrock method needs the Jacobian; it is formed here by
   * forward differences column by column (exact enough for the W-method
   * stage equations, and it keeps every linear invariant of f, such as the
   * metal balance, to round-off because each column is a difference of two
   * right-hand sides). The system is small (one surface element: a few
   * hundred unknowns), so the dense LU of Odeint is the right tool; a
   * SUNDIALS ARKode setup per quadrature point would cost more than it
   * saves.
   */
  class LocalIntegrator
  {
  public:
    using RightHandSide = std::function<void(const double               t,
                                             const std::vector<double> &y,
                                             std::vector<double>       &dydt)>;

    LocalIntegrator(const double relative_tolerance,
                    const double absolute_tolerance);

    /**
     * Advance @p y from @p t0 to @p t1. @p step is the first trial step
     * (<= 0: (t1 - t0)/100) and returns the last accepted step size, to
     * start the next interval with. Throws SolverFailure after too many
     * steps or a non-finite state.
     */
    IntegratorStatistics
    integrate(const RightHandSide &f,
              std::vector<double> &y,
              const double         t0,
              const double         t1,
              double              &step) const;

  private:
    double relative_tolerance, absolute_tolerance;
  };
} // namespace exsolve::particles
