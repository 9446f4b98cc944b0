#include <deal.II/base/exceptions.h>
#include <deal.II/base/utilities.h>

#include <exsolve/core/declared_parameters.h>
#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_reading.h>

#include <filesystem>
#include <regex>
#include <sstream>

namespace exsolve
{
  std::string
  message_of(const std::exception &exc)
  {
    if (const auto *dealii_exc
        = dynamic_cast<const dealii::ExceptionBase *>(&exc))
    {
      std::ostringstream s;
      dealii_exc->print_info(s);
      std::string text = s.str();
      while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
      return dealii::Utilities::trim(text);
    }
    return exc.what();
  }



  void
  apply_parameter_override(dealii::ParameterHandler &prm,
                           const std::string        &path,
                           const std::string        &value)
  {
    const DeclaredParameters declared(prm);
    declared.check_path(path, "--set \"" + path + "=" + value + "\"");
    const auto   parts = dealii::Utilities::split_string_list(path, '/');
    unsigned int depth = 0;
    try
    {
      for (; depth + 1 < parts.size(); ++depth)
        prm.enter_subsection(parts[depth]);
      prm.set(parts.back(), value);
    }
    catch (const std::exception &exc)
    {
      for (; depth > 0; --depth)
        prm.leave_subsection();
      throw InputError("--set \"" + path + "=" + value + "\": '" + value
                       + "' is not a valid value; " + declared.describe(path));
    }
    for (; depth > 0; --depth)
      prm.leave_subsection();
  }



  void
  read_parameters(
    dealii::ParameterHandler                               &prm,
    const std::string                                      &file,
    const std::vector<std::pair<std::string, std::string>> &overrides)
  {
    require_input(std::filesystem::is_regular_file(file),
                  "parameter file",
                  file,
                  "cannot be opened (no such file)");
    const DeclaredParameters declared(prm);
    declared.check_file(file);
    try
    {
      prm.parse_input(file, "", /*skip_undefined=*/false, true);
    }
    catch (const std::exception &exc)
    {
      // deal.II names the entry but not its section: add what is allowed.
      std::string      message = message_of(exc);
      const std::regex entry_named("entry named\\s+(.*?)\\s*\\n");
      std::smatch      match;
      if (std::regex_search(message, match, entry_named))
      {
        const auto paths = declared.paths_of_entry(match[1].str());
        if (paths.size() == 1)
          message += "\n    " + *paths.begin() + ": "
                     + declared.describe(*paths.begin());
      }
      throw InputError("in parameter file " + file + ": " + message);
    }
    for (const auto &[path, value] : overrides)
      apply_parameter_override(prm, path, value);
  }
} // namespace exsolve
