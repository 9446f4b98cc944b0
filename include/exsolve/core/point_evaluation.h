#pragma once

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q1.h>
#include <deal.II/lac/vector.h>

#include <exsolve/core/input_error.h>

#include <vector>

namespace exsolve
{
  /**
   * Value of @p component of the finite element field @p ghosted at
   * @p point, on a distributed mesh. Collective. Every rank searches only its
   * own cells (deal.II's point search may communicate, which must not happen
   * in a rank-dependent branch); ranks that share the point average their
   * (equal) values. Throws InputError naming "Postprocess/Probe point" if no
   * rank has it. O(local cells) per call: meant for a few probes per output.
   */
  template <int dim, class VectorType>
  double
  point_value(const dealii::DoFHandler<dim> &dof_handler,
              const VectorType              &ghosted,
              const dealii::Point<dim>      &point,
              const unsigned int             component,
              const MPI_Comm                 communicator)
  {
    using namespace dealii;
    const auto          &fe          = dof_handler.get_fe();
    double               local_value = 0, local_count = 0;
    const MappingQ1<dim> mapping;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned() && cell->point_inside(point))
      {
        const Point<dim> unit = GeometryInfo<dim>::project_to_unit_cell(
          mapping.transform_real_to_unit_cell(cell, point));
        FEValues<dim> fe_values(fe, Quadrature<dim>(unit), update_values);
        std::vector<Vector<double>> value(1, Vector<double>(fe.n_components()));
        fe_values.reinit(cell);
        fe_values.get_function_values(ghosted, value);
        local_value = value[0][component];
        local_count = 1;
        break;
      }
    const double count = Utilities::MPI::sum(local_count, communicator);
    if (count == 0)
      throw InputError("Postprocess/Probe point: the point lies outside the "
                       "mesh");
    return Utilities::MPI::sum(local_value, communicator) / count;
  }
} // namespace exsolve
