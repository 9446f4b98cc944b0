#pragma once

#include <deal.II/base/parameter_handler.h>

#include <ostream>

namespace exsolve
{
  /**
   * Print every declared parameter of @p prm as a Markdown reference: one
   * table per section with default, allowed values and the documentation
   * string (which begins with the unit). doc/parameters.md is this output.
   */
  void
  print_parameters_markdown(const dealii::ParameterHandler &prm,
                            std::ostream                   &out);
} // namespace exsolve
