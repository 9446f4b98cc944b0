#include <exsolve/io/progress_meter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace exsolve
{
  ProgressMeter::ProgressMeter(const double       start_time,
                               const double       end_time,
                               const unsigned int window)
      : start(start_time)
      , end(end_time)
      , window(std::max(2u, window))
  {
  }



  void
  ProgressMeter::update(const double time, const double wall_seconds)
  {
    samples.emplace_back(time, wall_seconds);
    while (samples.size() > window)
      samples.pop_front();
  }



  double
  ProgressMeter::fraction() const
  {
    if (samples.empty() || !(end > start))
      return 0.;
    return std::clamp((samples.back().first - start) / (end - start), 0., 1.);
  }



  double
  ProgressMeter::remaining_seconds() const
  {
    if (samples.size() < 2)
      return -1.;
    const double simulated = samples.back().first - samples.front().first;
    const double wall      = samples.back().second - samples.front().second;
    if (!(simulated > 0.) || !(wall >= 0.))
      return -1.;
    return std::max(0., end - samples.back().first) * wall / simulated;
  }



  std::string
  ProgressMeter::format_duration(const double seconds)
  {
    char       text[48];
    const long s = std::lround(std::max(0., seconds));
    if (s < 60)
      std::snprintf(text, sizeof(text), "%ld s", s);
    else if (s < 3600)
      std::snprintf(text, sizeof(text), "%ld min %02ld s", s / 60, s % 60);
    else
      std::snprintf(
        text, sizeof(text), "%ld h %02ld min", s / 3600, (s % 3600) / 60);
    return text;
  }
} // namespace exsolve
