#include <deal.II/base/utilities.h>

#include <exsolve/core/declared_parameters.h>
#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_utilities.h>

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <vector>

namespace exsolve
{
  namespace
  {

    std::string
    join(const std::string &section, const std::string &name)
    {
      return section.empty() ? name : section + "/" + name;
    }

    std::string
    lower(std::string s)
    {
      for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return s;
    }

    unsigned int
    edit_distance(const std::string &a, const std::string &b)
    {
      std::vector<unsigned int> row(b.size() + 1);
      for (unsigned int j = 0; j <= b.size(); ++j)
        row[j] = j;
      for (unsigned int i = 1; i <= a.size(); ++i)
      {
        unsigned int diagonal = row[0];
        row[0]                = i;
        for (unsigned int j = 1; j <= b.size(); ++j)
        {
          const unsigned int up = row[j];
          row[j]                = std::min(
            {row[j] + 1,
                            row[j - 1] + 1,
                            diagonal + (std::tolower(a[i - 1]) != std::tolower(b[j - 1]))});
          diagonal = up;
        }
      }
      return row[b.size()];
    }

    std::string
    where(const std::string &section)
    {
      return section.empty() ? "at the top level"
                             : "in subsection '" + section + "'";
    }
  } // namespace



  DeclaredParameters::DeclaredParameters(const dealii::ParameterHandler &prm)
  {
    std::stringstream json;
    prm.print_parameters(json, dealii::ParameterHandler::JSON);
    boost::property_tree::ptree tree;
    boost::property_tree::read_json(json, tree);
    sections.insert("");
    std::function<void(const boost::property_tree::ptree &,
                       const std::string &)>
      walk
      = [&](const boost::property_tree::ptree &node, const std::string &path)
    {
      for (const auto &[key, child] : node)
      {
        const std::string name = join(path, parameters::demangle_name(key));
        if (child.count("value") > 0)
          entries[name] = {child.get<std::string>("pattern_description", ""),
                           child.get<std::string>("documentation", "")};
        else
        {
          sections.insert(name);
          walk(child, name);
        }
      }
    };
    walk(tree, "");
  }



  std::vector<std::string>
  DeclaredParameters::names_below(const std::string &section,
                                  const bool         want_sections) const
  {
    std::vector<std::string> names;
    const std::string        prefix   = section.empty() ? "" : section + "/";
    auto                     consider = [&](const std::string &path)
    {
      if (path.size() > prefix.size() && path.rfind(prefix, 0) == 0
          && path.find('/', prefix.size()) == std::string::npos)
        names.push_back(path.substr(prefix.size()));
    };
    if (want_sections)
      for (const auto &s : sections)
        consider(s);
    else
      for (const auto &e : entries)
        consider(e.first);
    return names;
  }



  std::string
  DeclaredParameters::children(const std::string &section,
                               const bool         want_sections) const
  {
    std::string list;
    for (const auto &name : names_below(section, want_sections))
      list += (list.empty() ? "" : ", ") + name;
    return list.empty() ? "(none)" : list;
  }



  std::string
  DeclaredParameters::suggestion(const std::string &section,
                                 const std::string &name,
                                 const bool         want_sections) const
  {
    std::string  best;
    unsigned int best_distance = 4;
    for (const auto &candidate : names_below(section, want_sections))
    {
      const unsigned int d = edit_distance(candidate, name);
      if (d < best_distance)
      {
        best_distance = d;
        best          = candidate;
      }
    }
    return best.empty() ? "" : " (did you mean '" + best + "'?)";
  }



  void
  DeclaredParameters::check_path(const std::string &path,
                                 const std::string &context) const
  {
    const auto  parts   = dealii::Utilities::split_string_list(path, '/');
    std::string section = "";
    for (unsigned int i = 0; i + 1 < parts.size(); ++i)
    {
      const std::string next = join(section, parts[i]);
      if (sections.count(next) == 0)
        throw InputError(context + ": unknown subsection '" + parts[i] + "' "
                         + where(section) + suggestion(section, parts[i], true)
                         + "; subsections there: " + children(section, true));
      section = next;
    }
    if (entries.count(path) == 0)
      throw InputError(context + ": no entry '" + parts.back() + "' "
                       + where(section)
                       + suggestion(section, parts.back(), false)
                       + "; entries there: " + children(section, false)
                       + " (all parameters: exsolve --print-parameters)");
  }



  std::string
  DeclaredParameters::describe(const std::string &path) const
  {
    const auto it = entries.find(path);
    if (it == entries.end())
      return "";
    return "allowed: " + it->second.pattern + "; " + it->second.documentation;
  }



  std::set<std::string>
  DeclaredParameters::paths_of_entry(const std::string &entry) const
  {
    std::set<std::string> result;
    for (const auto &e : entries)
    {
      const auto slash = e.first.rfind('/');
      if ((slash == std::string::npos ? e.first : e.first.substr(slash + 1))
          == entry)
        result.insert(e.first);
    }
    return result;
  }



  void
  DeclaredParameters::check_file(const std::string &file) const
  {
    std::ifstream in(file);
    std::string   raw;
    unsigned int  line_number = 0;
    // The stack of open subsections with the line each was opened on.
    std::vector<std::pair<std::string, unsigned int>> open;
    auto                                              current
      = [&]() { return open.empty() ? std::string() : open.back().first; };
    auto at = [&](const unsigned int n)
    { return "in parameter file " + file + ", line " + std::to_string(n); };

    std::string  line;
    unsigned int first_line = 0;
    while (std::getline(in, raw))
    {
      ++line_number;
      if (line.empty())
        first_line = line_number;
      // Drop comments (an escaped \# is kept) and join continued lines.
      std::string text;
      for (std::size_t i = 0; i < raw.size(); ++i)
      {
        if (raw[i] == '#' && (i == 0 || raw[i - 1] != '\\'))
          break;
        text += raw[i];
      }
      text = dealii::Utilities::trim(text);
      if (!text.empty() && text.back() == '\\')
      {
        line += text.substr(0, text.size() - 1) + " ";
        continue;
      }
      line += text;
      const std::string statement = dealii::Utilities::trim(line);
      line.clear();
      if (statement.empty())
        continue;

      const auto        space   = statement.find_first_of(" \t");
      const std::string keyword = lower(statement.substr(0, space));
      const std::string rest
        = space == std::string::npos
            ? ""
            : dealii::Utilities::trim(statement.substr(space + 1));
      if (keyword == "include")
        continue; // included files are checked by deal.II only
      if (keyword == "subsection")
      {
        const std::string next = join(current(), rest);
        if (sections.count(next) == 0)
          throw InputError(
            at(first_line) + ": unknown subsection '" + rest + "' "
            + where(current()) + suggestion(current(), rest, true)
            + "; subsections there: " + children(current(), true)
            + (open.empty() ? ""
                            : " (is an 'end' missing for subsection '"
                                + current() + "' opened on line "
                                + std::to_string(open.back().second) + "?)"));
        open.emplace_back(next, first_line);
      }
      else if (keyword == "end")
      {
        if (open.empty())
          throw InputError(at(first_line)
                           + ": 'end' without an open subsection");
        open.pop_back();
      }
      else if (keyword == "set")
      {
        const auto equals = rest.find('=');
        if (equals == std::string::npos)
          throw InputError(at(first_line) + ": '" + statement
                           + "' is not of the form 'set Entry = value' "
                             "(missing '=')");
        const std::string name
          = dealii::Utilities::trim(rest.substr(0, equals));
        if (entries.count(join(current(), name)) == 0)
          throw InputError(at(first_line) + ": no entry '" + name + "' "
                           + where(current())
                           + suggestion(current(), name, false)
                           + "; entries there: " + children(current(), false)
                           + " (all parameters: exsolve --print-parameters)");
      }
      else
        throw InputError(at(first_line) + ": cannot read '" + statement
                         + "'; a line is 'subsection Name', 'end', "
                           "'set Entry = value' or a # comment");
    }
    if (!open.empty())
      throw InputError("in parameter file " + file + ": subsection '"
                       + open.back().first + "' opened on line "
                       + std::to_string(open.back().second)
                       + " is not closed by 'end'");
  }
} // namespace exsolve
