#pragma once

#include <deque>
#include <string>
#include <utility>

namespace exsolve
{
  /**
   * Fraction of the simulated interval done and an estimate of the wall
   * time still needed. The estimate extrapolates the rate (simulated time
   * per wall second) of the last few steps, not of the whole run: adaptive
   * steps grow by orders of magnitude, and the recent rate is what the rest
   * of the run will see first.
   */
  class ProgressMeter
  {
  public:
    ProgressMeter(const double       start_time,
                  const double       end_time,
                  const unsigned int window = 8);

    /// Simulated time @p time reached at wall time @p wall_seconds.
    void
    update(const double time, const double wall_seconds);

    /// (t - t_start) / (t_end - t_start), in [0, 1].
    double
    fraction() const;

    /// Wall seconds to the end time; negative while there is no estimate.
    double
    remaining_seconds() const;

    /// "42 s", "12 min 05 s", "3 h 02 min".
    static std::string
    format_duration(const double seconds);

  private:
    double                                start, end;
    unsigned int                          window;
    std::deque<std::pair<double, double>> samples; // (time, wall)
  };
} // namespace exsolve
