#include <exsolve/core/input_error.h>

namespace exsolve
{
  void
  require_input(const bool         condition,
                const std::string &parameter,
                const std::string &value,
                const std::string &requirement)
  {
    if (!condition)
      throw InputError(parameter + " = " + value + ": " + requirement);
  }
} // namespace exsolve
