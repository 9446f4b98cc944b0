// Diagnostics and field output of PoissonBoltzmannProblem: point values,
// integrals, errors, consistent boundary charge, VTU writing. Included next
// to poisson_boltzmann_problem.templates.h by one .cc file per backend.
#pragma once

#include "poisson_boltzmann_problem.templates.h"
#include <exsolve/core/point_evaluation.h>
#include <exsolve/io/cell_id_fields.h>
#include <exsolve/io/partitioned_vtu.h>

namespace exsolve
{
  template <int dim, class LinearAlgebra>
  void
  PoissonBoltzmannProblem<dim, LinearAlgebra>::compute_statistics(
    CycleStatistics &stats) const
  {
    using namespace dealii;
    const auto &probe = parameters.postprocess.probe_point;
    if (!probe.empty())
    {
      Point<dim> p;
      for (unsigned int d = 0; d < dim; ++d)
        p[d] = probe[d];
      stats.potential_probe = potential_at(p);
    }
    stats.potential_integral = potential_integral();
    if (planar_reference)
      stats.l2_error = l2_error(PlanarLayerFunction<dim>(*planar_reference))
                       * electrolyte.scales.potential();
    // The charge of boundaries whose potential is not given by a charge.
    for (const auto &entry : bc.dirichlet)
    {
      const std::string name      = boundary_names.name(entry.first);
      stats.boundary_charge[name] = boundary_charge_density(name);
    }
    for (const auto &entry : bc.robin)
    {
      const std::string name      = boundary_names.name(entry.first);
      stats.boundary_charge[name] = boundary_charge_density(name);
    }
  }



  template <int dim, class LinearAlgebra>
  double
  PoissonBoltzmannProblem<dim, LinearAlgebra>::potential_at(
    const dealii::Point<dim> &point) const
  {
    using namespace dealii;
    return point_value(dof_handler, ghosted_solution, point, 0, communicator)
           * electrolyte.scales.potential();
  }



  template <int dim, class LinearAlgebra>
  double
  PoissonBoltzmannProblem<dim, LinearAlgebra>::potential_integral() const
  {
    using namespace dealii;
    const QGauss<dim> quadrature(fe.degree + 1);
    FEValues<dim> fe_values(fe, quadrature, update_values | update_JxW_values);
    std::vector<double> psi(quadrature.size());
    double              integral = 0;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
      {
        fe_values.reinit(cell);
        fe_values.get_function_values(ghosted_solution, psi);
        for (const unsigned int q : fe_values.quadrature_point_indices())
          integral += psi[q] * fe_values.JxW(q);
      }
    return Utilities::MPI::sum(integral, communicator)
           * electrolyte.scales.potential();
  }



  template <int dim, class LinearAlgebra>
  double
  PoissonBoltzmannProblem<dim, LinearAlgebra>::l2_error(
    const dealii::Function<dim> &exact) const
  {
    using namespace dealii;
    Vector<double> cellwise(triangulation->n_active_cells());
    VectorTools::integrate_difference(dof_handler,
                                      ghosted_solution,
                                      exact,
                                      cellwise,
                                      QGauss<dim>(fe.degree + 2),
                                      VectorTools::L2_norm);
    return VectorTools::compute_global_error(*triangulation,
                                             cellwise,
                                             VectorTools::L2_norm);
  }



  template <int dim, class LinearAlgebra>
  double
  PoissonBoltzmannProblem<dim, LinearAlgebra>::boundary_charge_density(
    const std::string &boundary_name) const
  {
    using namespace dealii;
    const auto id
      = boundary_names.id(boundary_name,
                          "boundary charge of '" + boundary_name + "'");

    // Consistent flux: the weak residual tested with the discrete function
    // that is one on the boundary nodes equals int_Gamma lambda^2 dpsi/dn,
    // and converges faster than the pointwise gradient.
    VectorType     indicator(locally_owned_dofs, communicator);
    const IndexSet boundary_dofs
      = DoFTools::extract_boundary_dofs(dof_handler, ComponentMask(), {id});
    for (const auto i : boundary_dofs)
      if (locally_owned_dofs.is_element(i))
        indicator[i] = 1.;
    indicator.compress(VectorOperation::insert);
    hanging_node_constraints.distribute(indicator);
    VectorType test(locally_owned_dofs, locally_relevant_dofs, communicator);
    test = indicator;

    const QGauss<dim>     quadrature(fe.degree + 1);
    const QGauss<dim - 1> face_quadrature(fe.degree + 1);
    FEValues<dim>         fe_values(
      fe, quadrature, update_values | update_gradients | update_JxW_values);
    FEFaceValues<dim>   fe_face_values(fe, face_quadrature, update_JxW_values);
    std::vector<double> psi(quadrature.size()), w(quadrature.size());
    std::vector<Tensor<1, dim>> grad_psi(quadrature.size()),
      grad_w(quadrature.size());
    double flux = 0, area = 0;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
      {
        fe_values.reinit(cell);
        fe_values.get_function_values(ghosted_solution, psi);
        fe_values.get_function_gradients(ghosted_solution, grad_psi);
        fe_values.get_function_values(test, w);
        fe_values.get_function_gradients(test, grad_w);
        for (const unsigned int q : fe_values.quadrature_point_indices())
          flux += (electrolyte.scales.lambda_squared * grad_psi[q] * grad_w[q]
                   - electrolyte.charge_density(psi[q]) * w[q])
                  * fe_values.JxW(q);
        for (const auto &face : cell->face_iterators())
          if (face->at_boundary() && face->boundary_id() == id)
          {
            fe_face_values.reinit(cell, face);
            for (const unsigned int q :
                 fe_face_values.quadrature_point_indices())
              area += fe_face_values.JxW(q);
          }
      }
    flux = Utilities::MPI::sum(flux, communicator);
    area = Utilities::MPI::sum(area, communicator);
    // In 1D the boundary "area" is a point of measure one.
    if (dim == 1)
      area = 1.;
    return flux / area * electrolyte.scales.surface_charge();
  }



  template <int dim, class LinearAlgebra>
  void
  PoissonBoltzmannProblem<dim, LinearAlgebra>::write_fields(
    const RunDirectory *output,
    CatalystSession    *catalyst,
    const unsigned int  cycle)
  {
    using namespace dealii;
    const SpaceChargeFields<dim> fields(electrolyte);
    DataOut<dim>                 data_out;
    data_out.attach_dof_handler(dof_handler);
    data_out.add_data_vector(ghosted_solution, fields);
    const CellIdFields<dim> ids(*triangulation);
    ids.attach(data_out);
    data_out.build_patches(fe.degree);

    const std::string stem = "solution-" + Utilities::int_to_string(cycle, 4);
    if (output != nullptr)
      write_partitioned_vtu(data_out,
                            *output,
                            stem,
                            cycle,
                            pvd_records,
                            triangulation->locally_owned_subdomain(),
                            communicator);
    if (catalyst != nullptr)
      catalyst->process(data_out, cycle, cycle);
  }
} // namespace exsolve
