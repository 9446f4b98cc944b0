#include <exsolve/core/physical_constants.h>
#include <exsolve/core/physical_scales.h>

namespace exsolve
{
  PhysicalScales
  PhysicalScales::si(const double temperature,
                     const double relative_permittivity,
                     const double reference_concentration)
  {
    using namespace constants;
    PhysicalScales s;
    s.dimensionless         = false;
    s.temperature           = temperature;
    s.relative_permittivity = relative_permittivity;
    s.length                = nanometre;
    s.concentration         = reference_concentration;
    s.thermal_voltage       = boltzmann_eV * temperature;
    s.lambda_squared
      = vacuum_permittivity * relative_permittivity * s.thermal_voltage
        / (elementary_charge * reference_concentration * s.length * s.length);
    return s;
  }



  PhysicalScales
  PhysicalScales::unit(const double lambda)
  {
    PhysicalScales s;
    s.dimensionless   = true;
    s.length          = 1.;
    s.concentration   = 1.;
    s.thermal_voltage = 1.;
    s.lambda_squared  = lambda * lambda;
    return s;
  }



  double
  PhysicalScales::surface_charge() const
  {
    return dimensionless
             ? 1.
             : constants::elementary_charge * concentration * length;
  }



  double
  PhysicalScales::capacitance() const
  {
    return surface_charge() / thermal_voltage;
  }
} // namespace exsolve
