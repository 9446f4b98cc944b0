#include <deal.II/base/utilities.h>

#include <exsolve/chemistry/gas_programme.h>
#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_utilities.h>

#include <algorithm>
#include <cmath>

namespace exsolve
{
  using namespace dealii;

  Programme::Programme(const std::string &text,
                       const std::string &parameter,
                       const double       lowest,
                       const double       highest,
                       const bool         logarithmic)
      : logarithmic(logarithmic)
  {
    if (Utilities::trim(text).empty())
      return;
    for (const auto &item : Utilities::split_string_list(text, ','))
    {
      const auto colon = item.find(':');
      require_input(colon != std::string::npos,
                    parameter,
                    item,
                    "each point is written 'time: value', e.g. '0: 300, 2 h: "
                    "1173' (times in s, min or h)");
      std::string time_text = Utilities::trim(item.substr(0, colon));
      double      factor    = 1.;
      for (const auto &[unit, seconds] :
           std::vector<std::pair<std::string, double>>{{"min", 60.},
                                                       {"h", 3600.},
                                                       {"s", 1.}})
        if (time_text.size() > unit.size()
            && time_text.substr(time_text.size() - unit.size()) == unit)
        {
          time_text = Utilities::trim(
            time_text.substr(0, time_text.size() - unit.size()));
          factor = seconds;
          break;
        }
      const double t = factor * parameters::parse_double(time_text, parameter);
      const double v
        = parameters::parse_double(item.substr(colon + 1), parameter);
      require_input(std::isfinite(t) && t >= 0,
                    parameter,
                    item,
                    "times must be >= 0");
      require_input(points.empty() || t >= points.back().first,
                    parameter,
                    item,
                    "times must not decrease (a repeated time is a jump)");
      require_input(v >= lowest && v <= highest,
                    parameter,
                    item,
                    "values must lie in " + parameters::to_string(lowest)
                      + " .. " + parameters::to_string(highest));
      points.emplace_back(t, logarithmic ? std::log(v) : v);
    }
  }



  double
  Programme::value(const double time) const
  {
    double v = points.front().second;
    for (unsigned int k = 0; k < points.size(); ++k)
    {
      if (time >= points[k].first)
        v = points[k].second;
      else
      {
        if (k > 0)
        {
          const auto &[t0, v0] = points[k - 1];
          const auto &[t1, v1] = points[k];
          v                    = v0 + (v1 - v0) * (time - t0) / (t1 - t0);
        }
        break;
      }
    }
    return logarithmic ? std::exp(v) : v;
  }



  void
  GasProgramme::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Atmosphere");
    {
      prm.declare_entry(
        "Temperature programme",
        "",
        Patterns::Anything(),
        "[s: K] Piecewise-linear temperature as 'time: T, ...', times in s "
        "(or with min or h), e.g. '0: 1173, 10 h: 1173, 12 h: 300'. Empty: "
        "constant Physics/Temperature. It must start at Physics/Temperature "
        "(the temperature of the initial state). Diffusivities, reaction and "
        "exchange constants, the permittivity and kT follow it.");
      prm.declare_entry(
        "Gas",
        "oxygen",
        Patterns::Selection("oxygen|hydrogen-water"),
        "[-] How the gas is given: 'oxygen' (its partial pressure) or "
        "'hydrogen-water' (the ratio pH2/pH2O, converted to pO2 through the "
        "water formation equilibrium at the current temperature).");
      prm.declare_entry(
        "Oxygen partial pressure programme",
        "",
        Patterns::Anything(),
        "[s: Pa] Oxygen partial pressure of the gas as 'time: pO2, ...' "
        "(log-linear between points, a repeated time is a switch), 1e-40 .. "
        "1e10 Pa. Empty: constant Defect chemistry/Oxygen partial pressure. "
        "The initial state stays equilibrated at that constant, so a "
        "programme that starts elsewhere is a gas switch at t = 0.");
      prm.declare_entry(
        "Hydrogen to water ratio programme",
        "",
        Patterns::Anything(),
        "[s: -] pH2/pH2O as 'time: ratio, ...' (Gas = hydrogen-water), "
        "1e-6 .. 1e6, log-linear between points.");
    }
    prm.leave_subsection();
  }



  void
  GasProgramme::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Physics");
    constant_temperature = prm.get_double("Temperature");
    prm.leave_subsection();
    prm.enter_subsection("Defect chemistry");
    constant_pressure = prm.get_double("Oxygen partial pressure");
    prm.leave_subsection();
    prm.enter_subsection("Atmosphere");
    const std::string s                = "Atmosphere/";
    const std::string temperature_text = prm.get("Temperature programme");
    const std::string pressure_text
      = prm.get("Oxygen partial pressure programme");
    const std::string ratio_text = prm.get("Hydrogen to water ratio programme");
    temperature_programme        = Programme(
      temperature_text, s + "Temperature programme", 200., 3000., false);
    hydrogen_water     = prm.get("Gas") == "hydrogen-water";
    pressure_programme = Programme(pressure_text,
                                   s + "Oxygen partial pressure programme",
                                   1e-40,
                                   1e10,
                                   true);
    ratio_programme    = Programme(
      ratio_text, s + "Hydrogen to water ratio programme", 1e-6, 1e6, true);
    prm.leave_subsection();
    if (!temperature_programme.empty())
      require_input(
        std::abs(temperature_programme.breakpoints().front().second
                 - constant_temperature)
          < 1e-9 * constant_temperature,
        s + "Temperature programme",
        temperature_text,
        "must start at Physics/Temperature ("
          + parameters::to_string(constant_temperature)
          + " K), the temperature of the initial state and of the scales");
    require_input(!hydrogen_water || !ratio_programme.empty(),
                  s + "Hydrogen to water ratio programme",
                  "(empty)",
                  "Gas = hydrogen-water needs the ratio pH2/pH2O");
    require_input(hydrogen_water || ratio_programme.empty(),
                  s + "Hydrogen to water ratio programme",
                  ratio_text,
                  "is only read with Gas = hydrogen-water");
    require_input(!hydrogen_water || pressure_programme.empty(),
                  s + "Oxygen partial pressure programme",
                  pressure_text,
                  "is not read with Gas = hydrogen-water (give the ratio)");
  }



  double
  GasProgramme::temperature(const double t) const
  {
    return temperature_programme.empty() ? constant_temperature
                                         : temperature_programme.value(t);
  }



  double
  GasProgramme::oxygen_partial_pressure(const double t) const
  {
    if (hydrogen_water)
      return water_equilibrium_pressure(temperature(t),
                                        ratio_programme.value(t));
    return pressure_programme.empty() ? constant_pressure
                                      : pressure_programme.value(t);
  }



  double
  GasProgramme::water_equilibrium_pressure(const double temperature,
                                           const double ratio)
  {
    // Standard Gibbs energy of formation of H2O(g) [kJ/mol] every 100 K
    // from 300 to 2000 K (NIST-JANAF tables), interpolated linearly
    // (error < 0.05 kJ/mol, i.e. < 1 % in pO2) and extrapolated outside.
    static const double dG[]         = {-228.500,
                                        -223.901,
                                        -219.051,
                                        -214.007,
                                        -208.812,
                                        -203.496,
                                        -198.083,
                                        -192.590,
                                        -187.033,
                                        -181.425,
                                        -175.774,
                                        -170.089,
                                        -164.376,
                                        -158.639,
                                        -152.883,
                                        -147.111,
                                        -141.325,
                                        -135.528};
    constexpr double    gas_constant = 8.314462618e-3; // kJ/(mol K)
    const double        position     = (temperature - 300.) / 100.;
    const int           k  = std::clamp(static_cast<int>(position), 0, 16);
    const double        dg = dG[k] + (dG[k + 1] - dG[k]) * (position - k);
    // H2 + 1/2 O2 = H2O: (pO2/p0)^(1/2) = (pH2O/pH2) exp(dG/RT).
    return 1e5
           * std::exp(2.
                      * (dg / (gas_constant * temperature) - std::log(ratio)));
  }
} // namespace exsolve
