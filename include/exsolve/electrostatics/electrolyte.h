#pragma once

#include <deal.II/base/parameter_handler.h>

#include <exsolve/chemistry/defect_chemistry.h>
#include <exsolve/core/physical_scales.h>

#include <string>
#include <vector>

namespace exsolve
{
  /**
   * Mobile charged defects in Boltzmann equilibrium with a bulk reservoir, on
   * a background of fixed charge. In dimensionless form the charge density is
   *   rho~(psi) = sum_i z_i c~_i^b exp(-z_i psi) + rho~_fixed.
   * Holds the physical scales the parameters were converted with.
   */
  struct Electrolyte
  {
    std::vector<std::string> names;
    std::vector<int>         charges;
    std::vector<double>      bulk_concentrations; // dimensionless
    double                   fixed_charge = 0.;   // dimensionless
    PhysicalScales           scales;
    /// The point-defect model (inactive unless Defect chemistry is set).
    DefectChemistry chemistry;
    /// eps_r: constant, or Curie-Weiss C / (T - T0) when C > 0.
    double constant_permittivity = 83., curie_constant = 0.,
           curie_temperature = 35.;

    /// eps_r at @p temperature [K].
    double
    relative_permittivity(const double temperature) const;

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);

    /// rho~(psi), the dimensionless space-charge density.
    double
    charge_density(const double psi) const;

    /// d rho~ / d psi (always <= 0: the layer screens the potential).
    double
    charge_density_derivative(const double psi) const;

    /**
     * -int_0^psi rho~(s) ds, evaluated without cancellation for small psi.
     * Assumes a neutral bulk, rho~(0) = 0.
     */
    double
    negative_charge_integral(const double psi) const;

    /// Dimensionless Debye length of the mobile species at psi = 0.
    double
    debye_length() const;

    /// Sum of |z_i| c~_i^b + |rho~|, the scale for neutrality checks.
    double
    charge_scale() const;
  };
} // namespace exsolve
