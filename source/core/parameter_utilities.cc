#include <deal.II/base/utilities.h>

#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_utilities.h>

#include <cctype>
#include <cmath>
#include <sstream>

namespace exsolve
{
  namespace parameters
  {
    std::map<std::string, std::string>
    parse_map(const std::string &text, const std::string &parameter)
    {
      std::map<std::string, std::string> result;
      for (const auto &item : dealii::Utilities::split_string_list(text, ','))
      {
        const auto colon = item.find(':');
        require_input(colon != std::string::npos,
                      parameter,
                      text,
                      "each item must read 'name: value' (missing ':' in '"
                        + item + "')");
        const std::string key = dealii::Utilities::trim(item.substr(0, colon));
        const std::string value
          = dealii::Utilities::trim(item.substr(colon + 1));
        require_input(!key.empty() && !value.empty(),
                      parameter,
                      text,
                      "each item must read 'name: value' (got '" + item + "')");
        require_input(result.count(key) == 0,
                      parameter,
                      text,
                      "the name '" + key + "' appears twice");
        result[key] = value;
      }
      return result;
    }



    double
    parse_double(const std::string &text, const std::string &parameter)
    {
      const std::string trimmed = dealii::Utilities::trim(text);
      std::size_t       end     = 0;
      double            value   = 0;
      try
      {
        value = std::stod(trimmed, &end);
      }
      catch (...)
      {
        end = 0;
      }
      require_input(end == trimmed.size() && !trimmed.empty()
                      && std::isfinite(value),
                    parameter,
                    text,
                    "expected a finite floating point number");
      return value;
    }



    std::vector<double>
    parse_doubles(const std::string &text,
                  const std::string &parameter,
                  const std::string &separator)
    {
      std::vector<double> values;
      for (const auto &item :
           dealii::Utilities::split_string_list(text, separator))
        values.push_back(parse_double(item, parameter));
      return values;
    }



    std::vector<std::string>
    parse_strings(const std::string &text)
    {
      return dealii::Utilities::split_string_list(text, ',');
    }



    std::string
    demangle_name(const std::string &name)
    {
      std::string out;
      for (std::size_t i = 0; i < name.size(); ++i)
        if (name[i] == '_' && i + 2 < name.size()
            && std::isxdigit(static_cast<unsigned char>(name[i + 1]))
            && std::isxdigit(static_cast<unsigned char>(name[i + 2])))
        {
          out
            += static_cast<char>(std::stoi(name.substr(i + 1, 2), nullptr, 16));
          i += 2;
        }
        else
          out += name[i];
      return out;
    }



    std::string
    to_string(const double value)
    {
      // The shortest form that reads back to the same double.
      for (int digits = 6; digits <= 17; ++digits)
      {
        std::ostringstream s;
        s.precision(digits);
        s << value;
        if (std::stod(s.str()) == value || !std::isfinite(value))
          return s.str();
      }
      return std::to_string(value);
    }
  } // namespace parameters
} // namespace exsolve
