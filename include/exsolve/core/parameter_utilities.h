#pragma once

#include <map>
#include <string>
#include <vector>

namespace exsolve
{
  /**
   * Helpers to turn parameter strings into typed values, each throwing an
   * InputError that names the parameter ("Section/Entry") and the value.
   */
  namespace parameters
  {
    /// "a: x, b: y" -> {a: x, b: y}; keys must be unique.
    std::map<std::string, std::string>
    parse_map(const std::string &text, const std::string &parameter);

    /// A floating point number; @p what is the text in the message.
    double
    parse_double(const std::string &text, const std::string &parameter);

    /// "1, 2, 3" -> {1, 2, 3}
    std::vector<double>
    parse_doubles(const std::string &text,
                  const std::string &parameter,
                  const std::string &separator = ",");

    /// "a, b" -> {a, b}
    std::vector<std::string>
    parse_strings(const std::string &text);

    /// Undo ParameterHandler's JSON name mangling (special characters as
    /// _XX in hex).
    std::string
    demangle_name(const std::string &name);

    /// Format a double so it reads back exactly.
    std::string
    to_string(const double value);
  } // namespace parameters
} // namespace exsolve
