#include <deal.II/base/utilities.h>

#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_utilities.h>

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
                        "each item must read 'name: value' (missing ':' in '" +
                          item + "')");
          const std::string key =
            dealii::Utilities::trim(item.substr(0, colon));
          const std::string value =
            dealii::Utilities::trim(item.substr(colon + 1));
          require_input(!key.empty() && !value.empty(),
                        parameter,
                        text,
                        "each item must read 'name: value' (got '" + item +
                          "')");
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
      require_input(end == trimmed.size() && !trimmed.empty() &&
                      std::isfinite(value),
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
    to_string(const double value)
    {
      std::ostringstream s;
      s.precision(17);
      s << value;
      return s.str();
    }
  } // namespace parameters
} // namespace exsolve
