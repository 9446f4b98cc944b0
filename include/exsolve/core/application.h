#pragma once

#include <string>
#include <vector>

namespace exsolve
{
  /**
   * The whole program behind the exsolve executable: parse the command line
   * and parameter file, validate everything, run the simulation and report.
   * MPI must be initialised. Returns the process exit code.
   */
  int
  run_application(const std::vector<std::string> &arguments);
} // namespace exsolve
