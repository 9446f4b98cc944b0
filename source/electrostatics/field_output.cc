#include <exsolve/core/physical_constants.h>
#include <exsolve/electrostatics/field_output.h>

#include <cmath>

namespace exsolve
{
  std::string
  sanitized_field_name(const std::string &name)
  {
    std::string result;
    for (const char c : name)
      if (c == '.')
        result += 'p';
      else if (c == '\'')
        result += 'm';
      else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_')
        result += c;
      else
        result += '_';
    return result;
  }



  template <int dim>
  SpaceChargeFields<dim>::SpaceChargeFields(const Electrolyte &electrolyte)
      : electrolyte(electrolyte)
  {
  }



  template <int dim>
  void
  SpaceChargeFields<dim>::evaluate_scalar_field(
    const dealii::DataPostprocessorInputs::Scalar<dim> &inputs,
    std::vector<dealii::Vector<double>>                &computed) const
  {
    const auto  &s = electrolyte.scales;
    const double charge_unit
      = s.dimensionless ? 1. : constants::elementary_charge * s.concentration;
    for (unsigned int p = 0; p < inputs.solution_values.size(); ++p)
    {
      const double psi = inputs.solution_values[p];
      computed[p](0)   = psi * s.potential();
      for (unsigned int i = 0; i < electrolyte.charges.size(); ++i)
        computed[p](1 + i) = electrolyte.bulk_concentrations[i]
                             * std::exp(-electrolyte.charges[i] * psi)
                             * s.concentration;
      computed[p](1 + electrolyte.charges.size())
        = electrolyte.charge_density(psi) * charge_unit;
    }
  }



  template <int dim>
  std::vector<std::string>
  SpaceChargeFields<dim>::get_names() const
  {
    std::vector<std::string> names{"phi"};
    for (const auto &n : electrolyte.names)
      names.push_back("c_" + sanitized_field_name(n));
    names.emplace_back("rho");
    return names;
  }



  template <int dim>
  std::vector<dealii::DataComponentInterpretation::DataComponentInterpretation>
  SpaceChargeFields<dim>::get_data_component_interpretation() const
  {
    return std::vector<
      dealii::DataComponentInterpretation::DataComponentInterpretation>(
      electrolyte.names.size() + 2,
      dealii::DataComponentInterpretation::component_is_scalar);
  }



  template <int dim>
  dealii::UpdateFlags
  SpaceChargeFields<dim>::get_needed_update_flags() const
  {
    return dealii::update_values;
  }

  template class SpaceChargeFields<1>;
  template class SpaceChargeFields<2>;
  template class SpaceChargeFields<3>;
} // namespace exsolve
