#pragma once

#include <deal.II/base/parameter_handler.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace exsolve
{
  /**
   * The tree of declared sections and entries of a ParameterHandler, used to
   * give precise messages for misspelled sections and entries, unbalanced
   * subsection/end and malformed 'set' lines, before deal.II parses the file
   * (whose own messages do not name the section or suggest a correction).
   */
  class DeclaredParameters
  {
  public:
    explicit DeclaredParameters(const dealii::ParameterHandler &prm);

    /// Check the structure of a parameter file; throws InputError naming
    /// file, line, the offending text and what is allowed.
    void
    check_file(const std::string &file) const;

    /// Check that "Section/.../Entry" is declared; throws InputError.
    void
    check_path(const std::string &path, const std::string &context) const;

    /// "allowed: <pattern>; <documentation>" of a declared entry, or "".
    std::string
    describe(const std::string &path) const;

    /// Declared entry paths whose last component is @p entry.
    std::set<std::string>
    paths_of_entry(const std::string &entry) const;

  private:
    struct Entry
    {
      std::string pattern;
      std::string documentation;
    };
    std::set<std::string>        sections; // "" is the top level
    std::map<std::string, Entry> entries;  // full path

    /// Names of the subsections or entries directly below @p section.
    std::vector<std::string>
    names_below(const std::string &section, const bool want_sections) const;
    std::string
    children(const std::string &section, const bool want_sections) const;
    std::string
    suggestion(const std::string &section,
               const std::string &name,
               const bool         want_sections) const;
  };
} // namespace exsolve
