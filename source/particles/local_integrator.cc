#include <exsolve/core/input_error.h>
#include <exsolve/particles/local_integrator.h>

#include <boost/numeric/odeint.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace exsolve::particles
{
  namespace odeint = boost::numeric::odeint;
  using Vector     = boost::numeric::ublas::vector<double>;
  using Matrix     = boost::numeric::ublas::matrix<double>;

  LocalIntegrator::LocalIntegrator(const double relative_tolerance,
                                   const double absolute_tolerance)
      : relative_tolerance(relative_tolerance)
      , absolute_tolerance(absolute_tolerance)
  {
  }



  IntegratorStatistics
  LocalIntegrator::integrate(const RightHandSide &f,
                             std::vector<double> &y,
                             const double         t0,
                             const double         t1,
                             double              &step) const
  {
    IntegratorStatistics stats;
    if (!(t1 > t0))
      return stats;
    const std::size_t   n = y.size();
    std::vector<double> ys(n), fs(n), fp(n);

    auto system = [&](const Vector &x, Vector &dxdt, const double t)
    {
      std::copy(x.begin(), x.end(), ys.begin());
      f(t, ys, fs);
      std::copy(fs.begin(), fs.end(), dxdt.begin());
    };
    auto jacobian
      = [&](const Vector &x, Matrix &J, const double t, Vector &dfdt)
    {
      ++stats.jacobians;
      std::copy(x.begin(), x.end(), ys.begin());
      f(t, ys, fs);
      for (std::size_t j = 0; j < n; ++j)
      {
        const double yj = ys[j];
        const double h  = 1e-7 * std::max(std::abs(yj), absolute_tolerance);
        ys[j]           = yj + h;
        f(t, ys, fp);
        ys[j] = yj;
        for (std::size_t i = 0; i < n; ++i)
          J(i, j) = (fp[i] - fs[i]) / h;
      }
      // df/dt by a one-sided difference that stays inside [t0, t1]: a
      // supply switched on or off at an interval boundary must not leak
      // into the stages through this term.
      double ht = 1e-7 * (t1 - t0);
      if (t + ht > t1)
        ht = -ht;
      f(t + ht, ys, fp);
      for (std::size_t i = 0; i < n; ++i)
        dfdt[i] = (fp[i] - fs[i]) / ht;
    };

    odeint::rosenbrock4_controller<odeint::rosenbrock4<double>> stepper(
      absolute_tolerance, relative_tolerance);
    Vector x(n);
    std::copy(y.begin(), y.end(), x.begin());
    double       t  = t0;
    double       dt = step > 0. ? std::min(step, t1 - t0) : (t1 - t0) / 100.;
    const double max_steps     = 1e6;
    double       last_accepted = dt;
    while (t < t1)
    {
      const bool last = t + dt >= t1;
      if (last)
        dt = t1 - t;
      const double tried = dt;
      const auto   result
        = stepper.try_step(std::make_pair(system, jacobian), x, t, dt);
      if (result == odeint::success)
      {
        ++stats.steps;
        // A shortened final step does not say what the step size is.
        if (!last || tried > 0.5 * last_accepted)
          last_accepted = tried;
        if (last)
          t = t1; // no round-off drift past t1
      }
      else
        ++stats.rejected_steps;
      if (stats.steps + stats.rejected_steps > max_steps || !(dt > 0.)
          || !std::isfinite(x[0]))
        throw SolverFailure(
          "particles: the local Rosenbrock integration of a surface element "
          "failed at t = "
          + std::to_string(t) + " s (" + std::to_string(stats.steps)
          + " steps, step " + std::to_string(dt)
          + " s); loosen Particles/Integrator tolerances or use more size "
            "classes");
    }
    std::copy(x.begin(), x.end(), y.begin());
    step = last_accepted;
    return stats;
  }
} // namespace exsolve::particles
