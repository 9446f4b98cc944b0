#include <exsolve/defects/segregation_fields.h>
#include <exsolve/electrostatics/field_output.h>

namespace exsolve
{
  template <int dim>
  SegregationFields<dim>::SegregationFields(
    const ExtendedDefects          &defects,
    const std::vector<std::string> &species)
      : defects(defects)
  {
    for (const auto &name : species)
      names.push_back("segregation_" + sanitized_field_name(name));
  }



  template <int dim>
  void
  SegregationFields<dim>::evaluate_vector_field(
    const dealii::DataPostprocessorInputs::Vector<dim> &inputs,
    std::vector<dealii::Vector<double>>                &computed) const
  {
    // A thermal energy of 1 leaves the energies in their own unit (eV).
    ExtendedDefects::Values core;
    for (unsigned int p = 0; p < inputs.evaluation_points.size(); ++p)
    {
      defects.evaluate(inputs.evaluation_points[p], 1., core);
      for (unsigned int s = 0; s < names.size(); ++s)
        computed[p](s) = core.potential[s];
    }
  }



  template <int dim>
  std::vector<std::string>
  SegregationFields<dim>::get_names() const
  {
    return names;
  }



  template <int dim>
  std::vector<dealii::DataComponentInterpretation::DataComponentInterpretation>
  SegregationFields<dim>::get_data_component_interpretation() const
  {
    return std::vector<
      dealii::DataComponentInterpretation::DataComponentInterpretation>(
      names.size(), dealii::DataComponentInterpretation::component_is_scalar);
  }



  template <int dim>
  dealii::UpdateFlags
  SegregationFields<dim>::get_needed_update_flags() const
  {
    return dealii::update_quadrature_points;
  }

  template class SegregationFields<1>;
  template class SegregationFields<2>;
  template class SegregationFields<3>;
} // namespace exsolve
