#pragma once

#include <string>

namespace exsolve::console
{
  /// How much a run tells on screen (`--quiet`, `--verbose`); only rank 0
  /// prints in any case. Errors and the BENCHMARK line are always shown.
  enum class Verbosity
  {
    quiet,  // errors, warnings and the BENCHMARK line
    normal, // plus the header, one line per step, mesh changes, timings
    verbose // plus every Newton iteration
  };

  /// Set once by the application from the command line.
  void
  set_verbosity(const Verbosity level);

  Verbosity
  verbosity();

  /// Whether messages of @p level are shown.
  inline bool
  shows(const Verbosity level)
  {
    return static_cast<int>(verbosity()) >= static_cast<int>(level);
  }
} // namespace exsolve::console
