#include <exsolve/io/console.h>

namespace exsolve::console
{
  namespace
  {
    // One setting per process, like deal.II's deallog depth: the command
    // line sets it before any output.
    Verbosity current = Verbosity::normal;
  } // namespace

  void
  set_verbosity(const Verbosity level)
  {
    current = level;
  }

  Verbosity
  verbosity()
  {
    return current;
  }
} // namespace exsolve::console
