#pragma once

#include <deal.II/numerics/data_postprocessor.h>

#include <exsolve/defects/extended_defects.h>

#include <string>
#include <vector>

namespace exsolve
{
  /**
   * Output field "segregation_<species>" of each species: the segregation
   * energy sum_k dg_i p_k(x) the extended defects add to its standard
   * chemical potential, in eV (kT in a dimensionless run); negative where
   * the species is attracted to a core.
   */
  template <int dim>
  class SegregationFields : public dealii::DataPostprocessor<dim>
  {
  public:
    SegregationFields(const ExtendedDefects          &defects,
                      const std::vector<std::string> &species);

    void
    evaluate_vector_field(
      const dealii::DataPostprocessorInputs::Vector<dim> &inputs,
      std::vector<dealii::Vector<double>> &computed) const override;

    std::vector<std::string>
    get_names() const override;

    std::vector<
      dealii::DataComponentInterpretation::DataComponentInterpretation>
    get_data_component_interpretation() const override;

    dealii::UpdateFlags
    get_needed_update_flags() const override;

  private:
    const ExtendedDefects   &defects;
    std::vector<std::string> names;
  };
} // namespace exsolve
