#include <deal.II/base/quadrature_lib.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/solver_cg.h>
#include <deal.II/lac/sparsity_tools.h>
#include <deal.II/lac/trilinos_precondition.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_vector.h>
#include <deal.II/numerics/vector_tools.h>

#include <exsolve/core/input_error.h>
#include <exsolve/microstructure/periodic_voxel_faces.h>
#include <exsolve/microstructure/tortuosity.h>

namespace exsolve
{
  using namespace dealii;

  template <int dim>
  TortuosityResult
  compute_tortuosity(
    const parallel::TriangulationBase<dim>          &tria,
    const std::array<double, 3>                     &sample_size,
    const std::function<double(types::material_id)> &diffusivity,
    const double                                     bulk_diffusivity)
  {
    const MPI_Comm  comm = tria.get_communicator();
    const FE_Q<dim> fe(1);
    DoFHandler<dim> dof_handler(tria);
    dof_handler.distribute_dofs(fe);
    const IndexSet owned = dof_handler.locally_owned_dofs();
    IndexSet       relevant;
    DoFTools::extract_locally_relevant_dofs(dof_handler, relevant);

    AffineConstraints<double> constraints(relevant);
    DoFTools::make_hanging_node_constraints(dof_handler, constraints);
    make_voxel_periodicity_constraints(dof_handler, constraints);
    std::map<types::global_dof_index, double> inlet, outlet;
    VectorTools::interpolate_boundary_values(
      dof_handler, 0, Functions::ConstantFunction<dim>(1.), inlet);
    VectorTools::interpolate_boundary_values(dof_handler,
                                             1,
                                             Functions::ZeroFunction<dim>(),
                                             outlet);
    if (Utilities::MPI::sum(inlet.size(), comm) == 0
        || Utilities::MPI::sum(outlet.size(), comm) == 0)
      throw SolverFailure("tortuosity: the solid does not touch both the "
                          "x_min and the x_max face of the sample, so no "
                          "steady flux passes through it");
    for (const auto &[dof, value] : inlet)
      if (constraints.can_store_line(dof) && !constraints.is_constrained(dof))
      {
        constraints.add_line(dof);
        constraints.set_inhomogeneity(dof, value);
      }
    for (const auto &[dof, value] : outlet)
      if (constraints.can_store_line(dof) && !constraints.is_constrained(dof))
        constraints.add_line(dof);
    constraints.close();

    DynamicSparsityPattern dsp(relevant);
    DoFTools::make_sparsity_pattern(dof_handler, dsp, constraints, false);
    SparsityTools::distribute_sparsity_pattern(dsp, owned, comm, relevant);
    TrilinosWrappers::SparseMatrix matrix;
    matrix.reinit(owned, owned, dsp, comm);
    TrilinosWrappers::MPI::Vector rhs(owned, comm), solution(owned, comm);

    const QGauss<dim>                    quadrature(2);
    FEValues<dim>                        fe_values(fe,
                            quadrature,
                            update_gradients | update_JxW_values);
    const unsigned int                   n = fe.n_dofs_per_cell();
    FullMatrix<double>                   cell_matrix(n, n);
    Vector<double>                       cell_rhs(n);
    std::vector<types::global_dof_index> dofs(n);
    for (const auto &cell : dof_handler.active_cell_iterators())
    {
      if (!cell->is_locally_owned())
        continue;
      fe_values.reinit(cell);
      const double D = diffusivity(cell->material_id());
      cell_matrix    = 0;
      cell_rhs       = 0;
      for (unsigned int q = 0; q < quadrature.size(); ++q)
        for (unsigned int i = 0; i < n; ++i)
          for (unsigned int j = 0; j < n; ++j)
            cell_matrix(i, j) += D * fe_values.shape_grad(i, q)
                                 * fe_values.shape_grad(j, q)
                                 * fe_values.JxW(q);
      cell->get_dof_indices(dofs);
      constraints.distribute_local_to_global(
        cell_matrix, cell_rhs, dofs, matrix, rhs);
    }
    matrix.compress(VectorOperation::add);
    rhs.compress(VectorOperation::add);

    TrilinosWrappers::PreconditionAMG                 amg;
    TrilinosWrappers::PreconditionAMG::AdditionalData amg_data;
    amg_data.elliptic = true;
    amg.initialize(matrix, amg_data);
    SolverControl control(1000, 1e-12 * rhs.l2_norm());
    SolverCG<TrilinosWrappers::MPI::Vector> cg(control);
    cg.solve(matrix, solution, rhs, amg);
    constraints.distribute(solution);

    TrilinosWrappers::MPI::Vector u(owned, relevant, comm);
    u = solution;
    FEValues<dim> values(fe, quadrature, update_gradients | update_JxW_values);
    std::vector<Tensor<1, dim>> grad(quadrature.size());
    double                      energy = 0, solid_volume = 0;
    for (const auto &cell : dof_handler.active_cell_iterators())
    {
      if (!cell->is_locally_owned())
        continue;
      values.reinit(cell);
      values.get_function_gradients(u, grad);
      const double D = diffusivity(cell->material_id());
      for (unsigned int q = 0; q < quadrature.size(); ++q)
      {
        energy += D * grad[q].norm_square() * values.JxW(q);
        solid_volume += values.JxW(q);
      }
    }
    energy       = Utilities::MPI::sum(energy, comm);
    solid_volume = Utilities::MPI::sum(solid_volume, comm);

    double area = 1, volume = sample_size[0];
    for (unsigned int d = 1; d < dim; ++d)
    {
      area *= sample_size[d];
      volume *= sample_size[d];
    }
    TortuosityResult result;
    // du = 1: J = energy, and J = D_eff A / L.
    result.effective_diffusivity = energy * sample_size[0] / area;
    result.solid_fraction        = solid_volume / volume;
    result.tortuosity
      = result.solid_fraction * bulk_diffusivity / result.effective_diffusivity;
    result.n_dofs        = dof_handler.n_dofs();
    result.cg_iterations = control.last_step();
    return result;
  }

  template TortuosityResult
  compute_tortuosity<2>(const parallel::TriangulationBase<2> &,
                        const std::array<double, 3> &,
                        const std::function<double(types::material_id)> &,
                        const double);
  template TortuosityResult
  compute_tortuosity<3>(const parallel::TriangulationBase<3> &,
                        const std::array<double, 3> &,
                        const std::function<double(types::material_id)> &,
                        const double);
} // namespace exsolve
