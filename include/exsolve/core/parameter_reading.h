#pragma once

#include <deal.II/base/parameter_handler.h>

#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace exsolve
{
  /**
   * Read @p file into @p prm (every entry must be declared), then apply the
   * "--set" style @p overrides {"Section/Entry", "value"} in order, each
   * validated against its pattern. Throws InputError with the file, line,
   * entry, value and allowed values.
   */
  void
  read_parameters(
    dealii::ParameterHandler                               &prm,
    const std::string                                      &file,
    const std::vector<std::pair<std::string, std::string>> &overrides = {});

  /// Apply one override "Section/Subsection/Entry" = value.
  void
  apply_parameter_override(dealii::ParameterHandler &prm,
                           const std::string        &path,
                           const std::string        &value);

  /// The message of an exception, without deal.II's file/line boilerplate.
  std::string
  message_of(const std::exception &exc);
} // namespace exsolve
