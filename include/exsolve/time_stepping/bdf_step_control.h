#pragma once

#include <deal.II/base/parameter_handler.h>

#include <array>

namespace exsolve
{
  /**
   * Section "Time stepping": variable-step BDF1/BDF2 with a local error
   * estimate and step rejection. Times in seconds (or reference times in
   * dimensionless runs).
   */
  struct TimeSteppingParameters
  {
    unsigned int order              = 2;
    double       start_time         = 0.;
    double       end_time           = 1.;
    double       initial_step       = 1e-3;
    double       minimum_step       = 1e-12;
    double       maximum_step       = 1e30;
    bool         adaptive           = true;
    double       relative_tolerance = 1e-4;
    double       absolute_tolerance = 1e-8;

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);
  };

  /**
   * Weights of the variable-step backward differentiation formula
   *   y'(t_{n+1}) ~ (a0 y_{n+1} + a1 y_n + a2 y_{n-1}) / dt_n,
   * exact for polynomials of degree @p order, with omega = dt_n / dt_{n-1}.
   * BDF1: (1, -1, 0); BDF2: ((1 + 2w)/(1 + w), -(1 + w), w^2/(1 + w)).
   */
  std::array<double, 3>
  bdf_weights(const unsigned int order,
              const double       dt,
              const double       previous_dt);

  /**
   * Local error estimate of a BDF step from the difference between the new
   * solution and its explicit extrapolation (the predictor) of the same
   * order: LTE ~ factor * (y_{n+1} - y_pred), from the Taylor expansions of
   * both for the steps dt, previous_dt and second_previous_dt.
   */
  double
  error_estimate_factor(const unsigned int order,
                        const double       dt,
                        const double       previous_dt,
                        const double       second_previous_dt);

  /**
   * Extrapolation weights (b0, b1, b2) of the predictor
   *   y_pred(t_{n+1}) = b0 y_n + b1 y_{n-1} + b2 y_{n-2},
   * linear for order 1 and quadratic for order 2.
   */
  std::array<double, 3>
  predictor_weights(const unsigned int order,
                    const double       dt,
                    const double       previous_dt,
                    const double       second_previous_dt);

  /**
   * Next step size from the weighted error norm @p error (<= 1 accepted),
   * with safety factor 0.9, growth at most 2 and shrinkage at most 0.2, kept
   * within the parameter bounds.
   */
  double
  next_step_size(const double                  dt,
                 const double                  error,
                 const unsigned int            order,
                 const TimeSteppingParameters &parameters);
} // namespace exsolve
