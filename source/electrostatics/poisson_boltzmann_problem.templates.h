// Implementation of PoissonBoltzmannProblem, included by one .cc file per
// linear-algebra backend so that the two backends compile in parallel.
#pragma once

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/distributed/solution_transfer.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q1.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/solver_cg.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/sparsity_tools.h>
#include <deal.II/numerics/data_out.h>
#include <deal.II/numerics/data_postprocessor.h>
#include <deal.II/numerics/error_estimator.h>
#include <deal.II/numerics/solution_transfer.h>
#include <deal.II/numerics/vector_tools.h>

#include <exsolve/core/input_error.h>
#include <exsolve/core/newton_solver.h>
#include <exsolve/core/triangulation_factory.h>
#include <exsolve/electrostatics/field_output.h>
#include <exsolve/electrostatics/planar_layer_reference.h>
#include <exsolve/electrostatics/poisson_boltzmann_problem.h>
#include <exsolve/io/console.h>
#include <exsolve/mesh/geometry.h>
#include <exsolve/mesh/probe_point.h>

#include <cmath>
#include <iomanip>
#include <sstream>

namespace exsolve
{
  template <int dim, class LinearAlgebra>
  PoissonBoltzmannProblem<dim, LinearAlgebra>::PoissonBoltzmannProblem(
    const PoissonBoltzmannParameters &parameters,
    const MPI_Comm                    communicator,
    const bool                        verbose)
      : parameters(parameters)
      , electrolyte(parameters.electrolyte)
      , communicator(communicator)
      , pcout(std::cout,
              verbose && console::shows(console::Verbosity::normal)
                && dealii::Utilities::MPI::this_mpi_process(communicator) == 0)
      , triangulation(create_triangulation<dim>(communicator))
      , fe(parameters.polynomial_degree)
      , dof_handler(*triangulation)
  {
    boundary_names = create_coarse_mesh(*triangulation, parameters.geometry);
    bc             = parameters.boundary_conditions.resolve(boundary_names,
                                                electrolyte.scales);
    if (parameters.postprocess.planar_layer_reference)
    {
      require_input(bc.dirichlet.count(0) == 1,
                    "Postprocess/Planar layer reference",
                    "true",
                    "needs a fixed potential on the boundary x_min (now '"
                      + boundary_names.name(0) + "')");
      planar_reference = std::make_unique<PlanarLayerReference>(
        electrolyte, bc.dirichlet.at(0), parameters.geometry.lengths[0]);
    }
    check_probe_point<dim>(parameters.geometry,
                           parameters.postprocess.probe_point,
                           electrolyte.scales.dimensionless);
    triangulation->refine_global(
      parameters.refinement.initial_global_refinements);
    timer
      = std::make_unique<dealii::TimerOutput>(communicator,
                                              pcout,
                                              dealii::TimerOutput::never,
                                              dealii::TimerOutput::wall_times);
  }



  template <int dim, class LinearAlgebra>
  PoissonBoltzmannProblem<dim, LinearAlgebra>::~PoissonBoltzmannProblem()
  {
    dof_handler.clear();
  }



  template <int dim, class LinearAlgebra>
  void
  PoissonBoltzmannProblem<dim, LinearAlgebra>::setup_dofs()
  {
    using namespace dealii;
    TimerOutput::Scope t(*timer, "setup");
    dof_handler.distribute_dofs(fe);
    amg.reset();
    locally_owned_dofs = dof_handler.locally_owned_dofs();
    DoFTools::extract_locally_relevant_dofs(dof_handler, locally_relevant_dofs);

    hanging_node_constraints.clear();
    hanging_node_constraints.reinit(locally_relevant_dofs);
    DoFTools::make_hanging_node_constraints(dof_handler,
                                            hanging_node_constraints);
    hanging_node_constraints.close();

    // Newton updates vanish where the potential is prescribed.
    update_constraints.clear();
    update_constraints.reinit(locally_relevant_dofs);
    update_constraints.merge(hanging_node_constraints);
    for (const auto &entry : bc.dirichlet)
      VectorTools::interpolate_boundary_values(dof_handler,
                                               entry.first,
                                               Functions::ZeroFunction<dim>(),
                                               update_constraints);
    update_constraints.close();

    DynamicSparsityPattern dsp(locally_relevant_dofs);
    DoFTools::make_sparsity_pattern(dof_handler,
                                    dsp,
                                    update_constraints,
                                    false);
    SparsityTools::distribute_sparsity_pattern(dsp,
                                               locally_owned_dofs,
                                               communicator,
                                               locally_relevant_dofs);
    jacobian.reinit(locally_owned_dofs, locally_owned_dofs, dsp, communicator);
    solution.reinit(locally_owned_dofs, communicator);
    ghosted_solution.reinit(locally_owned_dofs,
                            locally_relevant_dofs,
                            communicator);
    ghosted_work.reinit(locally_owned_dofs,
                        locally_relevant_dofs,
                        communicator);
  }



  template <int dim, class LinearAlgebra>
  void
  PoissonBoltzmannProblem<dim, LinearAlgebra>::apply_dirichlet_values(
    VectorType &u) const
  {
    using namespace dealii;
    std::map<types::global_dof_index, double> values;
    for (const auto &[id, psi] : bc.dirichlet)
      VectorTools::interpolate_boundary_values(
        dof_handler, id, Functions::ConstantFunction<dim>(psi), values);
    for (const auto &[dof, value] : values)
      if (locally_owned_dofs.is_element(dof))
        u[dof] = value;
    u.compress(VectorOperation::insert);
    hanging_node_constraints.distribute(u);
  }



  template <int dim, class LinearAlgebra>
  double
  PoissonBoltzmannProblem<dim, LinearAlgebra>::assemble_residual(
    const VectorType &u,
    VectorType       &residual)
  {
    using namespace dealii;
    TimerOutput::Scope t(*timer, "assemble residual");
    ghosted_work = u;
    residual     = 0;

    const QGauss<dim>     quadrature(fe.degree + 1);
    const QGauss<dim - 1> face_quadrature(fe.degree + 1);
    FEValues<dim>         fe_values(
      fe, quadrature, update_values | update_gradients | update_JxW_values);
    FEFaceValues<dim>   fe_face_values(fe,
                                     face_quadrature,
                                     update_values | update_JxW_values);
    const unsigned int  n = fe.n_dofs_per_cell();
    Vector<double>      cell_residual(n);
    std::vector<double> psi(quadrature.size()),
      psi_face(face_quadrature.size());
    std::vector<Tensor<1, dim>>          grad_psi(quadrature.size());
    std::vector<types::global_dof_index> dofs(n);
    const double lambda2 = electrolyte.scales.lambda_squared;

    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
      {
        fe_values.reinit(cell);
        fe_values.get_function_values(ghosted_work, psi);
        fe_values.get_function_gradients(ghosted_work, grad_psi);
        cell_residual = 0;
        for (const unsigned int q : fe_values.quadrature_point_indices())
        {
          const double rho = electrolyte.charge_density(psi[q]);
          const double dx  = fe_values.JxW(q);
          for (unsigned int i = 0; i < n; ++i)
            cell_residual(i)
              += (lambda2 * grad_psi[q] * fe_values.shape_grad(i, q)
                  - rho * fe_values.shape_value(i, q))
                 * dx;
        }
        for (const auto &face : cell->face_iterators())
          if (face->at_boundary())
          {
            const auto id      = face->boundary_id();
            const auto neumann = bc.neumann.find(id);
            const auto robin   = bc.robin.find(id);
            if (neumann == bc.neumann.end() && robin == bc.robin.end())
              continue;
            fe_face_values.reinit(cell, face);
            fe_face_values.get_function_values(ghosted_work, psi_face);
            for (const unsigned int q :
                 fe_face_values.quadrature_point_indices())
            {
              const double flux = neumann != bc.neumann.end()
                                    ? neumann->second
                                    : robin->second.first
                                        * (robin->second.second - psi_face[q]);
              for (unsigned int i = 0; i < n; ++i)
                cell_residual(i) -= flux * fe_face_values.shape_value(i, q)
                                    * fe_face_values.JxW(q);
            }
          }
        cell->get_dof_indices(dofs);
        update_constraints.distribute_local_to_global(cell_residual,
                                                      dofs,
                                                      residual);
      }
    residual.compress(VectorOperation::add);
    return residual.l2_norm();
  }



  template <int dim, class LinearAlgebra>
  void
  PoissonBoltzmannProblem<dim, LinearAlgebra>::assemble_jacobian(
    const VectorType &u)
  {
    using namespace dealii;
    {
      TimerOutput::Scope t(*timer, "assemble Jacobian");
      ghosted_work = u;
      jacobian     = 0;
      const QGauss<dim>     quadrature(fe.degree + 1);
      const QGauss<dim - 1> face_quadrature(fe.degree + 1);
      FEValues<dim>         fe_values(
        fe, quadrature, update_values | update_gradients | update_JxW_values);
      FEFaceValues<dim>                    fe_face_values(fe,
                                       face_quadrature,
                                       update_values | update_JxW_values);
      const unsigned int                   n = fe.n_dofs_per_cell();
      FullMatrix<double>                   cell_matrix(n, n);
      std::vector<Tensor<1, dim>>          grad_phi(n);
      std::vector<double>                  phi(n);
      std::vector<double>                  psi(quadrature.size());
      std::vector<types::global_dof_index> dofs(n);
      const double lambda2 = electrolyte.scales.lambda_squared;

      for (const auto &cell : dof_handler.active_cell_iterators())
        if (cell->is_locally_owned())
        {
          fe_values.reinit(cell);
          fe_values.get_function_values(ghosted_work, psi);
          cell_matrix = 0;
          for (const unsigned int q : fe_values.quadrature_point_indices())
          {
            // -d rho/d psi >= 0: the linearised operator is SPD, so only
            // the upper triangle is computed.
            const double screening
              = -electrolyte.charge_density_derivative(psi[q]);
            const double dx = fe_values.JxW(q);
            for (unsigned int i = 0; i < n; ++i)
            {
              grad_phi[i] = lambda2 * dx * fe_values.shape_grad(i, q);
              phi[i]      = fe_values.shape_value(i, q);
            }
            for (unsigned int i = 0; i < n; ++i)
            {
              const double phi_i = screening * dx * phi[i];
              for (unsigned int j = i; j < n; ++j)
                cell_matrix(i, j)
                  += grad_phi[i] * fe_values.shape_grad(j, q) + phi_i * phi[j];
            }
          }
          for (unsigned int i = 0; i < n; ++i)
            for (unsigned int j = 0; j < i; ++j)
              cell_matrix(i, j) = cell_matrix(j, i);
          for (const auto &face : cell->face_iterators())
            if (face->at_boundary())
            {
              const auto robin = bc.robin.find(face->boundary_id());
              if (robin == bc.robin.end())
                continue;
              fe_face_values.reinit(cell, face);
              for (const unsigned int q :
                   fe_face_values.quadrature_point_indices())
                for (unsigned int i = 0; i < n; ++i)
                  for (unsigned int j = 0; j < n; ++j)
                    cell_matrix(i, j) += robin->second.first
                                         * fe_face_values.shape_value(i, q)
                                         * fe_face_values.shape_value(j, q)
                                         * fe_face_values.JxW(q);
            }
          cell->get_dof_indices(dofs);
          update_constraints.distribute_local_to_global(cell_matrix,
                                                        dofs,
                                                        jacobian);
        }
      jacobian.compress(VectorOperation::add);
    }
  }



  template <int dim, class LinearAlgebra>
  void
  PoissonBoltzmannProblem<dim, LinearAlgebra>::jacobian_vmult(
    const VectorType &u,
    const VectorType &v,
    VectorType       &Jv)
  {
    assemble_jacobian(u);
    jacobian.vmult(Jv, v);
    for (const auto i : locally_owned_dofs)
      if (update_constraints.is_constrained(i))
        Jv[i] = 0.;
    Jv.compress(dealii::VectorOperation::insert);
  }



  template <int dim, class LinearAlgebra>
  unsigned int
  PoissonBoltzmannProblem<dim, LinearAlgebra>::solve_linearized(
    const VectorType &u,
    const VectorType &rhs,
    VectorType       &du,
    const double      tolerance)
  {
    using namespace dealii;
    assemble_jacobian(u);
    TimerOutput::Scope t(*timer, "linear solve");
    // Rebuild the hierarchy on a new mesh, or when CG needs clearly more
    // iterations than right after the last rebuild.
    const bool rebuild = !amg;
    if (rebuild)
    {
      amg = std::make_unique<typename LinearAlgebra::Preconditioner>();
      LinearAlgebra::initialize_amg(*amg, jacobian, dim, fe.degree);
    }
    SolverControl        control(parameters.newton.linear_max_iterations,
                          tolerance,
                          /*log_history=*/false,
                          /*log_result=*/false);
    SolverCG<VectorType> cg(control);
    du = 0;
    try
    {
      cg.solve(jacobian, du, rhs, *amg);
    }
    catch (const SolverControl::NoConvergence &exc)
    {
      throw SolverFailure(
        "the linear solver (CG with algebraic multigrid) did not reach the "
        "tolerance "
        + std::to_string(tolerance) + " in " + std::to_string(exc.last_step)
        + " iterations (residual " + std::to_string(exc.last_residual)
        + "); raise 'Solver/Maximum linear iterations' or check the mesh "
          "for degenerate cells");
    }
    update_constraints.distribute(du);
    if (rebuild)
      amg_reference_iterations = control.last_step();
    else if (control.last_step() > 2 * amg_reference_iterations + 5)
      amg.reset(); // stale: rebuild for the next Newton step
    return control.last_step();
  }



  template <int dim, class LinearAlgebra>
  void
  PoissonBoltzmannProblem<dim, LinearAlgebra>::refine_mesh()
  {
    using namespace dealii;
    TimerOutput::Scope t(*timer, "refinement and transfer");
    ghosted_solution = solution;
    if (parameters.refinement.strategy
        == RefinementParameters::Strategy::uniform)
      for (const auto &cell : triangulation->active_cell_iterators())
        if ((cell->is_locally_owned() || !is_p4est(*triangulation))
            && cell->level()
                 < static_cast<int>(parameters.refinement.maximum_level))
          cell->set_refine_flag();
    if (parameters.refinement.strategy
        == RefinementParameters::Strategy::adaptive)
    {
      Vector<float> indicators(triangulation->n_active_cells());
      KellyErrorEstimator<dim>::estimate(
        dof_handler,
        QGauss<dim - 1>(fe.degree + 1),
        {},
        ghosted_solution,
        indicators,
        ComponentMask(),
        nullptr,
        numbers::invalid_unsigned_int,
        triangulation->locally_owned_subdomain());
      if (parameters.refinement.error_norm == RefinementParameters::Norm::L2)
        for (const auto &cell : triangulation->active_cell_iterators())
          if (cell->is_locally_owned())
            indicators(cell->active_cell_index()) *= cell->diameter();
      mark_cells(*triangulation, indicators, parameters.refinement);
    }

    if (is_p4est(*triangulation))
    {
      parallel::distributed::SolutionTransfer<dim, VectorType> transfer(
        dof_handler);
      triangulation->prepare_coarsening_and_refinement();
      transfer.prepare_for_coarsening_and_refinement(ghosted_solution);
      triangulation->execute_coarsening_and_refinement();
      setup_dofs();
      transfer.interpolate(solution);
    }
    else
    {
      // Replicated mesh: transfer a full copy that every rank holds.
      const IndexSet all = complete_index_set(dof_handler.n_dofs());
      VectorType     replicated(locally_owned_dofs, all, communicator);
      replicated = solution;
      Vector<double> old_values(dof_handler.n_dofs());
      for (types::global_dof_index i = 0; i < dof_handler.n_dofs(); ++i)
        old_values[i] = replicated[i];
      SolutionTransfer<dim, Vector<double>> transfer(dof_handler);
      triangulation->prepare_coarsening_and_refinement();
      transfer.prepare_for_coarsening_and_refinement(old_values);
      triangulation->execute_coarsening_and_refinement();
      setup_dofs();
      Vector<double> new_values(dof_handler.n_dofs());
      transfer.interpolate(old_values, new_values);
      for (const auto i : locally_owned_dofs)
        solution[i] = new_values[i];
      solution.compress(VectorOperation::insert);
    }
    hanging_node_constraints.distribute(solution);
    apply_dirichlet_values(solution);
  }



  template <int dim, class LinearAlgebra>
  void
  PoissonBoltzmannProblem<dim, LinearAlgebra>::run(const RunDirectory *output,
                                                   CatalystSession    *catalyst)
  {
    using namespace dealii;
    Timer                    wall_clock(communicator, /*sync_lap_times=*/true);
    NewtonSolver<VectorType> newton(parameters.newton, pcout);
    double                   first_residual = 0;

    for (unsigned int cycle = 0; cycle < parameters.refinement.cycles; ++cycle)
    {
      if (cycle == 0)
      {
        setup_dofs();
        solution = 0;
        apply_dirichlet_values(solution);
      }
      else
        refine_mesh();

      pcout << "Cycle " << cycle << ": "
            << triangulation->n_global_active_cells() << " cells, "
            << dof_handler.n_dofs() << " DoFs, max level "
            << triangulation->n_global_levels() - 1 << std::endl;

      const NewtonReport report = newton.solve(
        solution,
        [this](const VectorType &u, VectorType &r)
        { return assemble_residual(u, r); },
        [this](const VectorType &u,
               const VectorType &rhs,
               VectorType       &du,
               const double      tolerance)
        { return solve_linearized(u, rhs, du, tolerance); },
        first_residual);
      // Later cycles start from a transferred solution whose residual is
      // already small: measure convergence against the first one.
      if (cycle == 0)
        first_residual = report.initial_residual;
      ghosted_solution = solution;

      CycleStatistics stats;
      stats.cycle             = cycle;
      stats.active_cells      = triangulation->n_global_active_cells();
      stats.dofs              = dof_handler.n_dofs();
      stats.newton_iterations = report.iterations;
      stats.linear_iterations = report.linear_iterations;
      stats.final_residual    = report.final_residual;
      {
        TimerOutput::Scope t(*timer, "postprocessing");
        compute_statistics(stats);
      }
      stats.wall_time = wall_clock.wall_time();
      cycle_statistics.push_back(stats);

      pcout << "    " << report.iterations << " Newton iterations, "
            << report.linear_iterations << " CG iterations";
      if (!parameters.postprocess.probe_point.empty())
        pcout << ", phi_mid = " << std::setprecision(10)
              << stats.potential_probe;
      pcout << ", int_phi = " << std::setprecision(10)
            << stats.potential_integral;
      if (stats.l2_error >= 0)
        pcout << ", L2 error = " << std::scientific << std::setprecision(4)
              << stats.l2_error << std::defaultfloat;
      for (const auto &[name, sigma] : stats.boundary_charge)
        pcout << ", sigma(" << name << ") = " << std::setprecision(6) << sigma;
      pcout << std::endl;

      const bool vtu     = output != nullptr && parameters.output.write_vtu;
      const bool in_situ = catalyst != nullptr && catalyst->due(cycle);
      if (vtu || in_situ)
      {
        TimerOutput::Scope t(*timer, "output");
        write_fields(vtu ? output : nullptr,
                     in_situ ? catalyst : nullptr,
                     cycle);
      }
    }
  }



} // namespace exsolve
