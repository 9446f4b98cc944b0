#pragma once

#include <stdexcept>
#include <string>

namespace exsolve
{
  /**
   * Thrown for any invalid user input (parameter file, command line, mesh
   * file). The message names the parameter, its value and what is allowed.
   * The application catches it before any output is written and exits with
   * code 2.
   */
  class InputError : public std::runtime_error
  {
  public:
    explicit InputError(const std::string &message)
        : std::runtime_error(message)
    {
    }
  };

  /**
   * Thrown when a numerical solve fails even after recovery attempts. The
   * message is a diagnosis a user can act on. Exit code 3.
   */
  class SolverFailure : public std::runtime_error
  {
  public:
    explicit SolverFailure(const std::string &message)
        : std::runtime_error(message)
    {
    }
  };

  /// Exit codes of the exsolve executable.
  namespace exit_code
  {
    inline constexpr int success        = 0;
    inline constexpr int internal_error = 1;
    inline constexpr int input_error    = 2;
    inline constexpr int solver_failure = 3;
  } // namespace exit_code

  /**
   * Throw an InputError "Section/Entry = value: requirement" unless
   * @p condition holds.
   */
  void
  require_input(const bool         condition,
                const std::string &parameter,
                const std::string &value,
                const std::string &requirement);
} // namespace exsolve
