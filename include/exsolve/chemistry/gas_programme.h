#pragma once

#include <deal.II/base/parameter_handler.h>

#include <string>
#include <utility>
#include <vector>

namespace exsolve
{
  /**
   * A piecewise-linear function of time given as "t1: v1, t2: v2, ..."
   * (times in s, or with the unit min or h: "10 h: 1173"). Times must not
   * decrease; a repeated time is a jump (the later value holds from then
   * on). Constant before the first and after the last point. Optionally
   * interpolates log(v) (for pressures spanning decades).
   */
  class Programme
  {
  public:
    Programme() = default;

    /// Parse @p text; InputError naming @p parameter on malformed input or
    /// values outside [@p lowest, @p highest].
    Programme(const std::string &text,
              const std::string &parameter,
              const double       lowest,
              const double       highest,
              const bool         logarithmic);

    bool
    empty() const
    {
      return points.empty();
    }

    double
    value(const double time) const;

    const std::vector<std::pair<double, double>> &
    breakpoints() const
    {
      return points;
    }

  private:
    std::vector<std::pair<double, double>> points;
    bool                                   logarithmic = false;
  };

  /**
   * The gas atmosphere and the furnace (section "Atmosphere"): temperature
   * T(t) and oxygen partial pressure pO2(t), the latter given directly or as
   * a hydrogen to water ratio converted through the water formation
   * equilibrium H2 + 1/2 O2 = H2O. Without programmes, T and pO2 are the
   * constants Physics/Temperature and Defect chemistry/Oxygen partial
   * pressure.
   */
  class GasProgramme
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);

    /// Temperature [K] at time @p t [s].
    double
    temperature(const double t) const;

    /// Oxygen partial pressure [Pa] at time @p t [s].
    double
    oxygen_partial_pressure(const double t) const;

    /// True if T or pO2 change in time.
    bool
    time_dependent() const
    {
      return !temperature_programme.empty() || !pressure_programme.empty()
             || !ratio_programme.empty();
    }

    /**
     * pO2 [Pa] in equilibrium with H2 and H2O at the ratio pH2/pH2O and
     * temperature T: pO2 = p0 / (ratio K_w)^2 with K_w = exp(-dG/RT) and
     * dG(T) the free energy of formation of water vapour (JANAF tables,
     * 300 .. 2000 K), p0 = 1e5 Pa.
     */
    static double
    water_equilibrium_pressure(const double temperature, const double ratio);

  private:
    double    constant_temperature = 1000.;
    double    constant_pressure    = 2.1e4;
    bool      hydrogen_water       = false;
    Programme temperature_programme, pressure_programme, ratio_programme;
  };
} // namespace exsolve
