#pragma once

namespace exsolve
{
  /**
   * Reference scales that make the equations dimensionless:
   *   x = L x~,  c = c_ref c~,  phi = V_T psi  with V_T = kT/e,
   *   lambda~^2 = eps0 eps_r kT / (e^2 c_ref L^2).
   * In the SI unit system L = 1 nm (exsolve's length unit) and c_ref is the
   * largest bulk concentration; in the dimensionless unit system all scales
   * are one and lambda~ is an input.
   */
  struct PhysicalScales
  {
    bool   dimensionless         = false;
    double temperature           = 1000.; // K (only meaningful in SI)
    double relative_permittivity = 1.;
    double length                = 1e-9; // m
    double concentration         = 1.;   // m^-3
    double thermal_voltage       = 1.;   // V
    double lambda_squared        = 1.;   // dimensionless

    /// Scales for an SI run.
    static PhysicalScales
    si(const double temperature,
       const double relative_permittivity,
       const double reference_concentration);

    /// Scales for a run given in dimensionless variables.
    static PhysicalScales
    unit(const double lambda);

    /// Surface charge density unit: e c_ref L  [C/m^2].
    double
    surface_charge() const;

    /// Capacitance per area unit: e c_ref L / V_T  [F/m^2].
    double
    capacitance() const;

    /// Potential unit in the user's unit system (V or kT/e).
    double
    potential() const
    {
      return thermal_voltage;
    }
  };
} // namespace exsolve
