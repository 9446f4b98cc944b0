#pragma once

#include <deal.II/numerics/data_postprocessor.h>

#include <exsolve/electrostatics/electrolyte.h>

#include <string>
#include <vector>

namespace exsolve
{
  /// A field name VTK readers accept: Kroger-Vink '.' -> 'p', ''' -> 'm'.
  std::string
  sanitized_field_name(const std::string &name);

  /**
   * Output fields of a space-charge solution in physical units: potential
   * phi [V], every concentration c_<species> [m^-3] and the charge density
   * rho [C/m^3] (scaled units in dimensionless runs).
   */
  template <int dim>
  class SpaceChargeFields : public dealii::DataPostprocessor<dim>
  {
  public:
    explicit SpaceChargeFields(const Electrolyte &electrolyte);

    void
    evaluate_scalar_field(
      const dealii::DataPostprocessorInputs::Scalar<dim> &inputs,
      std::vector<dealii::Vector<double>> &computed_quantities) const override;

    std::vector<std::string>
    get_names() const override;

    std::vector<
      dealii::DataComponentInterpretation::DataComponentInterpretation>
    get_data_component_interpretation() const override;

    dealii::UpdateFlags
    get_needed_update_flags() const override;

  private:
    const Electrolyte &electrolyte;
  };
} // namespace exsolve
