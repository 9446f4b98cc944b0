// Variable-step BDF weights, predictor and local error estimate (the time
// stepping of the transport solvers), on y' = -(y - sin t) + cos t, exact
// y = sin t + exp(-t) (linear, so each implicit step is solved exactly):
//  1. fixed steps: observed order of BDF1 in [0.95, 1.05] and of BDF2 in
//     [1.95, 2.05] (N = 80 .. 640 steps to t = 1);
//  2. BDF2 with steps alternating by a factor 0.6 keeps order 2 (rate in
//     [1.9, 2.1]);
//  3. the error estimate factor * (y_{n+1} - y_pred) of a single step from
//     exact history with step ratios 0.7 and 1.3 matches the true local
//     error within 10 % (dt = 1e-3, asymptotic regime);
//  4. the controller: a too large first step (0.5) is rejected, and the
//     global error falls when the tolerance is tightened 100 times.
// Serial.
#include <exsolve/time_stepping/bdf_step_control.h>

#include <cmath>
#include <vector>

#include "test_utilities.h"

using namespace exsolve;

namespace
{
  double
  exact(const double t)
  {
    return std::sin(t) + std::exp(-t);
  }

  /// One implicit BDF step for y' = -(y - sin t) + cos t.
  double
  bdf_step(const std::array<double, 3> &a,
           const double                 dt,
           const double                 t_new,
           const double                 y_n,
           const double                 y_nm1)
  {
    const double g = std::sin(t_new) + std::cos(t_new);
    return (g - (a[1] * y_n + a[2] * y_nm1) / dt) / (a[0] / dt + 1.);
  }

  /// Error at t = 1 with the given step sizes; history starts exact.
  double
  integrate(const unsigned int order, const std::vector<double> &steps)
  {
    double t = 0, y = exact(0), y_old = exact(-steps[0]), h_old = steps[0];
    for (const double dt : steps)
    {
      const double y_new
        = bdf_step(bdf_weights(order, dt, h_old), dt, t + dt, y, y_old);
      y_old = y;
      y     = y_new;
      h_old = dt;
      t += dt;
    }
    return std::abs(y - exact(t));
  }
} // namespace

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                         c;

  for (const unsigned int order : {1u, 2u})
  {
    std::vector<double> errors;
    for (const unsigned int n : {80u, 160u, 320u, 640u})
      errors.push_back(integrate(order, std::vector<double>(n, 1. / n)));
    for (unsigned int k = 1; k < errors.size(); ++k)
      c.within(std::log2(errors[k - 1] / errors[k]),
               order - 0.05,
               order + 0.05,
               "BDF" + std::to_string(order) + " fixed-step order, level "
                 + std::to_string(k));
  }

  std::vector<double> errors;
  for (const unsigned int n : {40u, 80u, 160u, 320u})
  {
    std::vector<double> steps;
    const double        unit = 1. / (n / 2 * 1.6);
    for (unsigned int k = 0; k < n; ++k)
      steps.push_back(k % 2 == 0 ? unit : 0.6 * unit);
    errors.push_back(integrate(2, steps));
  }
  for (unsigned int k = 1; k < errors.size(); ++k)
    c.within(std::log2(errors[k - 1] / errors[k]),
             1.9,
             2.1,
             "BDF2 variable-step order, level " + std::to_string(k));

  for (const unsigned int order : {1u, 2u})
  {
    const double dt = 1e-3, h1 = 0.7 * dt, h2 = 1.3 * dt, t = 0.4;
    const double y_n = exact(t), y_nm1 = exact(t - h1),
                 y_nm2 = exact(t - h1 - h2);
    const double y_new
      = bdf_step(bdf_weights(order, dt, h1), dt, t + dt, y_n, y_nm1);
    const auto   b      = predictor_weights(order, dt, h1, h2);
    const double y_pred = b[0] * y_n + b[1] * y_nm1 + b[2] * y_nm2;
    const double estimate
      = error_estimate_factor(order, dt, h1, h2) * std::abs(y_new - y_pred);
    c.within(estimate / std::abs(y_new - exact(t + dt)),
             0.9,
             1.1,
             "BDF" + std::to_string(order)
               + " local error estimate / true local error");
  }

  // Adaptive integration with rejection, BDF2 after a BDF1 start.
  auto adaptive = [&](const double tolerance, unsigned int &rejected)
  {
    TimeSteppingParameters p;
    p.relative_tolerance = tolerance;
    p.absolute_tolerance = tolerance;
    double       t = 0, dt = 0.5, y = exact(0);
    double       y_old = y, y_older = y, h1 = dt, h2 = dt;
    unsigned int steps = 0;
    rejected           = 0;
    while (t < 1. - 1e-14)
    {
      dt                   = std::min(dt, 1. - t);
      const unsigned int q = steps < 2 ? 1 : 2;
      const double       y_new
        = bdf_step(bdf_weights(q, dt, h1), dt, t + dt, y, y_old);
      const auto   b      = predictor_weights(q, dt, h1, h2);
      const double y_pred = b[0] * y + b[1] * y_old + b[2] * y_older;
      const double error
        = error_estimate_factor(q, dt, h1, h2) * std::abs(y_new - y_pred)
          / (p.absolute_tolerance + p.relative_tolerance * std::abs(y_new));
      // The first step has no history for an estimate: accept it only
      // if it is small, as an integrator would start with a tiny step.
      if ((steps == 0 && dt > 1e-3) || (steps > 0 && error > 1.))
      {
        ++rejected;
        dt = steps == 0 ? dt * 0.1 : next_step_size(dt, error, q, p);
        continue;
      }
      y_older = y_old;
      y_old   = y;
      y       = y_new;
      h2      = h1;
      h1      = dt;
      t += dt;
      ++steps;
      dt = steps < 2 ? dt : next_step_size(dt, error, q, p);
    }
    return std::abs(y - exact(1.));
  };
  unsigned int rejected_loose = 0, rejected_tight = 0;
  const double loose = adaptive(1e-4, rejected_loose);
  const double tight = adaptive(1e-6, rejected_tight);
  c.check(rejected_loose > 0,
          "too large first step rejected (" + std::to_string(rejected_loose)
            + " rejections)");
  c.within(loose / tight,
           10.,
           1e6,
           "global error falls when the tolerance is tightened 100 times");
  // Error per step is controlled, so the global error is about the number
  // of steps (~100) times the tolerance.
  c.within(tight, 0, 5e-4, "global error at tolerance 1e-6");
  return c.exit_code();
}
