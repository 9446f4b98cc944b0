#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_utilities.h>
#include <exsolve/time_stepping/bdf_step_control.h>

#include <algorithm>
#include <cmath>

namespace exsolve
{
  using namespace dealii;

  void
  TimeSteppingParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Time stepping");
    {
      prm.declare_entry("Scheme",
                        "BDF2",
                        Patterns::Selection("BDF1|BDF2"),
                        "[-] Backward differentiation formula: BDF1 (backward "
                        "Euler) or BDF2, both with variable steps.");
      prm.declare_entry("Start time",
                        "0",
                        Patterns::Double(),
                        "[s] Time of the initial state.");
      prm.declare_entry("End time",
                        "1",
                        Patterns::Double(),
                        "[s] Time to integrate to; greater than the start.");
      prm.declare_entry("Initial step",
                        "1e-3",
                        Patterns::Double(),
                        "[s] First time step, > 0.");
      prm.declare_entry("Minimum step",
                        "1e-12",
                        Patterns::Double(),
                        "[s] A step that must be cut below this stops the run "
                        "with a diagnosis, > 0.");
      prm.declare_entry("Maximum step",
                        "1e30",
                        Patterns::Double(),
                        "[s] Upper bound of the step, >= Minimum step.");
      prm.declare_entry("Adaptive",
                        "true",
                        Patterns::Bool(),
                        "[-] Control the step from the local error estimate; "
                        "otherwise keep it fixed (steps are still cut when "
                        "Newton fails).");
      prm.declare_entry("Relative tolerance",
                        "1e-4",
                        Patterns::Double(),
                        "[-] Local error tolerance relative to the solution, "
                        "> 0.");
      prm.declare_entry("Absolute tolerance",
                        "1e-8",
                        Patterns::Double(),
                        "[solution units] Local error tolerance where the "
                        "solution is small, >= 0.");
    }
    prm.leave_subsection();
  }



  void
  TimeSteppingParameters::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Time stepping");
    order              = prm.get("Scheme") == "BDF1" ? 1 : 2;
    start_time         = prm.get_double("Start time");
    end_time           = prm.get_double("End time");
    initial_step       = prm.get_double("Initial step");
    minimum_step       = prm.get_double("Minimum step");
    maximum_step       = prm.get_double("Maximum step");
    adaptive           = prm.get_bool("Adaptive");
    relative_tolerance = prm.get_double("Relative tolerance");
    absolute_tolerance = prm.get_double("Absolute tolerance");
    prm.leave_subsection();
    using parameters::to_string;
    require_input(end_time > start_time,
                  "Time stepping/End time",
                  to_string(end_time) + " s",
                  "must be later than the start time " + to_string(start_time)
                    + " s");
    require_input(initial_step > 0 && initial_step >= minimum_step,
                  "Time stepping/Initial step",
                  to_string(initial_step) + " s",
                  "must be positive and not below Time stepping/Minimum step ("
                    + to_string(minimum_step) + " s)");
    require_input(minimum_step > 0 && minimum_step <= maximum_step,
                  "Time stepping/Minimum step",
                  to_string(minimum_step) + " s",
                  "must be positive and not above the maximum step "
                    + to_string(maximum_step) + " s");
    require_input(relative_tolerance > 0,
                  "Time stepping/Relative tolerance",
                  to_string(relative_tolerance),
                  "must be positive");
    require_input(absolute_tolerance >= 0,
                  "Time stepping/Absolute tolerance",
                  to_string(absolute_tolerance),
                  "must not be negative");
  }



  std::array<double, 3>
  bdf_weights(const unsigned int order,
              const double       dt,
              const double       previous_dt)
  {
    if (order == 1)
      return {{1., -1., 0.}};
    const double w = dt / previous_dt;
    return {{(1. + 2. * w) / (1. + w), -(1. + w), w * w / (1. + w)}};
  }



  std::array<double, 3>
  predictor_weights(const unsigned int order,
                    const double       dt,
                    const double       h1,
                    const double       h2)
  {
    if (order == 1)
      return {{1. + dt / h1, -dt / h1, 0.}};
    // Quadratic Lagrange extrapolation through t_n, t_n - h1, t_n - h1 - h2.
    return {{(dt + h1) * (dt + h1 + h2) / (h1 * (h1 + h2)),
             -dt * (dt + h1 + h2) / (h1 * h2),
             dt * (dt + h1) / ((h1 + h2) * h2)}};
  }



  double
  error_estimate_factor(const unsigned int order,
                        const double       dt,
                        const double       h1,
                        const double       h2)
  {
    // y_{n+1} - y_pred = e + P with the local error e of the step and the
    // error P of the predictor, both multiples of the same derivative, so
    // e = (y_{n+1} - y_pred) * e / (e + P).
    if (order == 1)
    {
      // e = dt^2/2 y'', P = dt (dt + h1)/2 y''.
      return dt / (2. * dt + h1);
    }
    // e = (a1 dt^3 + a2 (dt + h1)^3) / (6 a0) y''' (> 0 for every step
    // ratio), P = dt (dt + h1) (dt + h1 + h2) / 6 y'''.
    const auto   a = bdf_weights(2, dt, h1);
    const double e
      = (a[1] * dt * dt * dt + a[2] * std::pow(dt + h1, 3)) / (6. * a[0]);
    const double predictor = dt * (dt + h1) * (dt + h1 + h2) / 6.;
    return e / (e + predictor);
  }



  double
  next_step_size(const double                  dt,
                 const double                  error,
                 const unsigned int            order,
                 const TimeSteppingParameters &parameters)
  {
    const double factor
      = error > 0
          ? std::clamp(0.9 * std::pow(error, -1. / (order + 1.)), 0.2, 2.)
          : 2.;
    return std::clamp(dt * factor,
                      parameters.minimum_step,
                      parameters.maximum_step);
  }
} // namespace exsolve
