// Set-up, initial state and Newton systems of TransportProblem, included by
// one .cc file per linear-algebra backend.
#pragma once

#include <deal.II/base/function_parser.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/dofs/dof_renumbering.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/block_sparsity_pattern.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/solver_gmres.h>
#include <deal.II/lac/sparsity_tools.h>
#include <deal.II/numerics/vector_tools.h>

#include <exsolve/core/input_error.h>
#include <exsolve/core/newton_solver.h>
#include <exsolve/core/triangulation_factory.h>
#include <exsolve/io/console.h>
#include <exsolve/linear_algebra/block_schur_preconditioner.h>
#include <exsolve/mesh/geometry.h>
#include <exsolve/mesh/probe_point.h>
#include <exsolve/particles/surface_particle_field.h>
#include <exsolve/transport/transport_problem.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <numeric>
#include <sstream>

namespace exsolve
{
  namespace transport_internal
  {
    /// (psi, ln c_1, ..., ln c_N) from a function giving (psi, c_1, ...).
    template <int dim>
    class LogarithmicConcentrations : public dealii::Function<dim>
    {
    public:
      explicit LogarithmicConcentrations(const dealii::Function<dim> &f)
          : dealii::Function<dim>(f.n_components)
          , f(f)
      {
      }

      double
      value(const dealii::Point<dim> &p,
            const unsigned int        component) const override
      {
        const double v = f.value(p, component);
        return component == 0 ? v : std::log(v);
      }

    private:
      const dealii::Function<dim> &f;
    };

    /// The initial-state expressions in user units, made dimensionless.
    template <int dim>
    class InitialExpressions : public dealii::Function<dim>
    {
    public:
      InitialExpressions(const InitialState &state,
                         const double        potential_unit,
                         const double        concentration_unit)
          : dealii::Function<dim>(state.concentration_expressions.size() + 1)
          , parser(state.concentration_expressions.size() + 1)
          , potential_unit(potential_unit)
          , concentration_unit(concentration_unit)
      {
        std::string all = state.potential_expression;
        for (const auto &e : state.concentration_expressions)
          all += ";" + e;
        const std::string variables = dim == 1   ? "x"
                                      : dim == 2 ? "x,y"
                                                 : "x,y,z";
        // deal.II's parser reports some errors only on evaluation, and
        // prints muParser's message to std::cerr before throwing: capture
        // it, so that the input error is the first thing the user sees.
        std::ostringstream    parser_messages;
        std::streambuf *const cerr_buffer
          = std::cerr.rdbuf(parser_messages.rdbuf());
        bool valid = true;
        try
        {
          parser.initialize(variables, all, {{"pi", M_PI}});
          for (unsigned int c = 0; c < this->n_components; ++c)
            (void)parser.value(dealii::Point<dim>(), c);
        }
        catch (...)
        {
          valid = false;
        }
        std::cerr.rdbuf(cerr_buffer);
        if (!valid)
        {
          std::string reason = parser_messages.str();
          const auto  at     = reason.find("Message:");
          reason             = at == std::string::npos
                                 ? std::string("parse error")
                                 : reason.substr(at + 8, reason.find('\n', at) - at - 8);
          throw InputError("Initial state/Concentrations or Potential = '" + all
                           + "': not a valid expression of " + variables + " ("
                           + reason + ")");
        }
      }

      double
      value(const dealii::Point<dim> &p,
            const unsigned int        component) const override
      {
        const double v = parser.value(p, component);
        return component == 0 ? v / potential_unit : v * concentration_unit;
      }

    private:
      dealii::FunctionParser<dim> parser;
      const double                potential_unit, concentration_unit;
    };

    inline std::string
    joined_expressions(const InitialState &state)
    {
      std::string all;
      for (const auto &e : state.concentration_expressions)
        all += (all.empty() ? "" : "; ") + e;
      return all.empty() ? std::string("(bulk values)") : all;
    }
  } // namespace transport_internal



  template <int dim, class LinearAlgebra>
  TransportProblem<dim, LinearAlgebra>::TransportProblem(
    const TransportParameters &parameters,
    const MPI_Comm             communicator,
    const bool                 verbose)
      : parameters(parameters)
      , electrolyte(parameters.base.electrolyte)
      , communicator(communicator)
      , pcout(std::cout,
              verbose && console::shows(console::Verbosity::normal)
                && dealii::Utilities::MPI::this_mpi_process(communicator) == 0)
      , triangulation(create_triangulation<dim>(communicator))
      , n_species(parameters.base.electrolyte.names.size())
      , fe(dealii::FE_Q<dim>(parameters.base.polynomial_degree), n_species + 1)
      , dof_handler(*triangulation)
  {
    const auto &base = parameters.base;
    boundary_names   = create_coarse_mesh(*triangulation, base.geometry);
    // The grain boundaries of a polycrystalline mesh are its coarse faces
    // between grains.
    extended_defects = parameters.defects;
    extended_defects.attach_mesh(*triangulation);
    potential_bc
      = base.boundary_conditions.resolve(boundary_names, electrolyte.scales);
    species_bc = parameters.resolve_species_conditions(boundary_names);
    if (!parameters.mean_concentration_boundary.empty())
      boundary_names.id(parameters.mean_concentration_boundary,
                        "Postprocess/Mean concentration boundary");
    check_probe_point<dim>(base.geometry,
                           base.postprocess.probe_point,
                           electrolyte.scales.dimensionless);
    if (parameters.initial_state.type == InitialState::Type::expressions)
      transport_internal::InitialExpressions<dim>(
        parameters.initial_state,
        electrolyte.scales.potential(),
        parameters.concentration_unit);
    for (const double c : electrolyte.bulk_concentrations)
      log_bulk.push_back(std::log(c));
    setup_reactions_and_activities();
    setup_particles();
    time = parameters.time_stepping.start_time;
    update_conditions();
    timer
      = std::make_unique<dealii::TimerOutput>(communicator,
                                              pcout,
                                              dealii::TimerOutput::never,
                                              dealii::TimerOutput::wall_times);
  }



  template <int dim, class LinearAlgebra>
  TransportProblem<dim, LinearAlgebra>::~TransportProblem()
  {
    dof_handler.clear();
  }



  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::set_manufactured_solution(
    std::shared_ptr<dealii::Function<dim>> exact,
    std::shared_ptr<dealii::Function<dim>> sources)
  {
    AssertThrow(exact->n_components == n_species + 1
                  && sources->n_components == n_species + 1,
                dealii::ExcMessage("manufactured solution: wrong components"));
    exact_solution = exact;
    source_terms   = sources;
  }



  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::setup_dofs()
  {
    using namespace dealii;
    TimerOutput::Scope t(*timer, "setup");
    const unsigned int n_blocks = n_species + 1;
    dof_handler.distribute_dofs(fe);
    std::vector<unsigned int> block_component(n_blocks);
    std::iota(block_component.begin(), block_component.end(), 0u);
    DoFRenumbering::component_wise(dof_handler, block_component);
    const std::vector<types::global_dof_index> dofs_per_block
      = DoFTools::count_dofs_per_fe_block(dof_handler, block_component);

    const IndexSet owned = dof_handler.locally_owned_dofs();
    DoFTools::extract_locally_relevant_dofs(dof_handler, locally_relevant_dofs);
    owned_partitioning.clear();
    relevant_partitioning.clear();
    types::global_dof_index start = 0;
    for (unsigned int b = 0; b < n_blocks; ++b)
    {
      owned_partitioning.push_back(
        owned.get_view(start, start + dofs_per_block[b]));
      relevant_partitioning.push_back(
        locally_relevant_dofs.get_view(start, start + dofs_per_block[b]));
      start += dofs_per_block[b];
    }

    hanging_node_constraints.clear();
    hanging_node_constraints.reinit(locally_relevant_dofs);
    DoFTools::make_hanging_node_constraints(dof_handler,
                                            hanging_node_constraints);
    hanging_node_constraints.close();

    // Newton updates vanish where values are prescribed.
    update_constraints.clear();
    update_constraints.reinit(locally_relevant_dofs);
    update_constraints.merge(hanging_node_constraints);
    const Functions::ZeroFunction<dim> zero(n_blocks);
    for (const auto &[id, value] : potential_bc.dirichlet)
      VectorTools::interpolate_boundary_values(
        dof_handler,
        id,
        zero,
        update_constraints,
        fe.component_mask(FEValuesExtractors::Scalar(0)));
    for (const auto &[key, value] : species_bc.fixed)
      VectorTools::interpolate_boundary_values(
        dof_handler,
        key.first,
        zero,
        update_constraints,
        fe.component_mask(FEValuesExtractors::Scalar(key.second + 1)));
    update_constraints.close();

    // psi couples to every species; species couple only through psi.
    Table<2, DoFTools::Coupling> coupling(n_blocks, n_blocks);
    Table<2, DoFTools::Coupling> psi_only(n_blocks, n_blocks);
    for (unsigned int a = 0; a < n_blocks; ++a)
      for (unsigned int b = 0; b < n_blocks; ++b)
      {
        coupling(a, b)
          = (a == 0 || b == 0 || a == b) ? DoFTools::always : DoFTools::none;
        psi_only(a, b) = (a == 0 && b == 0) ? DoFTools::always : DoFTools::none;
      }
    // Reactions and shared sublattices couple their species directly.
    for (unsigned int i = 0; i < n_species; ++i)
      for (unsigned int j = 0; j < n_species; ++j)
        if (species_coupled[i][j])
          coupling(i + 1, j + 1) = DoFTools::always;
    condensed_blocks.clear();
    condensed_blocks.resize(n_species);
    const auto make_matrix = [&](const Table<2, DoFTools::Coupling> &table,
                                 BlockMatrix                        &matrix,
                                 const bool with_condensed_blocks)
    {
      BlockDynamicSparsityPattern dsp(relevant_partitioning);
      DoFTools::make_sparsity_pattern(
        dof_handler, table, dsp, update_constraints, false);
      SparsityTools::distribute_sparsity_pattern(dsp,
                                                 owned,
                                                 communicator,
                                                 locally_relevant_dofs);
      LinearAlgebra::reinit(matrix, owned_partitioning, dsp, communicator);
      // Species whose balances fast reactions may combine get a matrix of
      // their diagonal block's pattern for the preconditioner.
      if (with_condensed_blocks && local_equilibria)
        for (unsigned int f = 0; f < local_equilibria->n_reactions(); ++f)
          for (const unsigned int i : local_equilibria->species_of(f))
            if (!condensed_blocks[i])
            {
              condensed_blocks[i]
                = std::make_unique<typename LinearAlgebra::SparseMatrix>();
              condensed_blocks[i]->reinit(owned_partitioning[i + 1],
                                          owned_partitioning[i + 1],
                                          dsp.block(i + 1, i + 1),
                                          communicator);
            }
    };
    jacobian.clear();
    schur_approximation.clear();
    make_matrix(coupling, jacobian, true);
    make_matrix(psi_only, schur_approximation, false);

    for (BlockVector *v : {&solution,
                           &old_solution,
                           &older_solution,
                           &oldest_solution,
                           &row_scaling})
      v->reinit(owned_partitioning, communicator);
    for (BlockVector *v : {&ghosted_work, &ghosted_old, &ghosted_older})
      v->reinit(owned_partitioning, relevant_partitioning, communicator);
    row_scaling = 1.;
    amg.clear();
  }



  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::apply_dirichlet_values(
    BlockVector &u) const
  {
    using namespace dealii;
    const unsigned int                        n_blocks = n_species + 1;
    std::map<types::global_dof_index, double> values;
    const auto prescribe = [&](const types::boundary_id id,
                               const unsigned int       component,
                               const double             value)
    {
      const ComponentMask mask
        = fe.component_mask(FEValuesExtractors::Scalar(component));
      if (exact_solution)
      {
        exact_solution->set_time(time);
        const transport_internal::LogarithmicConcentrations<dim> f(
          *exact_solution);
        VectorTools::interpolate_boundary_values(
          dof_handler, id, f, values, mask);
      }
      else
      {
        Vector<double> constant(n_blocks);
        constant[component] = value;
        VectorTools::interpolate_boundary_values(
          dof_handler,
          id,
          Functions::ConstantFunction<dim>(constant),
          values,
          mask);
      }
    };
    for (const auto &[id, psi] : potential_bc.dirichlet)
      prescribe(id, 0, psi);
    for (const auto &[key, c] : species_bc.fixed)
      prescribe(key.first, key.second + 1, std::log(c));
    const IndexSet owned = dof_handler.locally_owned_dofs();
    for (const auto &[dof, value] : values)
      if (owned.is_element(dof))
        u(dof) = value;
    u.compress(VectorOperation::insert);
    hanging_node_constraints.distribute(u);
  }



  template <int dim, class LinearAlgebra>
  double
  TransportProblem<dim, LinearAlgebra>::length_scale_squared() const
  {
    double lo[3] = {1e300, 1e300, 1e300}, hi[3] = {-1e300, -1e300, -1e300};
    for (const auto &cell : triangulation->active_cell_iterators())
      if (cell->is_locally_owned())
        for (const unsigned int v : cell->vertex_indices())
          for (unsigned int d = 0; d < dim; ++d)
          {
            lo[d] = std::min(lo[d], cell->vertex(v)[d]);
            hi[d] = std::max(hi[d], cell->vertex(v)[d]);
          }
    double extent = 0;
    for (unsigned int d = 0; d < dim; ++d)
      extent = std::max(extent,
                        dealii::Utilities::MPI::max(hi[d], communicator)
                          + dealii::Utilities::MPI::max(-lo[d], communicator));
    return extent * extent / (M_PI * M_PI);
  }



  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::set_initial_state()
  {
    using namespace dealii;
    const unsigned int n_blocks = n_species + 1;
    if (exact_solution)
    {
      exact_solution->set_time(time);
      VectorTools::interpolate(
        dof_handler,
        transport_internal::LogarithmicConcentrations<dim>(*exact_solution),
        solution);
    }
    else if (parameters.initial_state.type == InitialState::Type::expressions)
    {
      const transport_internal::InitialExpressions<dim> expressions(
        parameters.initial_state,
        electrolyte.scales.potential(),
        parameters.concentration_unit);
      VectorTools::interpolate(
        dof_handler,
        transport_internal::LogarithmicConcentrations<dim>(expressions),
        solution);
    }
    else
    {
      Vector<double> values(n_blocks);
      for (unsigned int s = 0; s < n_species; ++s)
        values[s + 1] = log_bulk[s];
      VectorTools::interpolate(dof_handler,
                               Functions::ConstantFunction<dim>(values),
                               solution);
    }
    // A concentration <= 0 gives a non-finite logarithm.
    require_input(std::isfinite(solution.l2_norm()),
                  "Initial state/Concentrations",
                  transport_internal::joined_expressions(
                    parameters.initial_state),
                  "every concentration must be positive and finite at every "
                  "node of the mesh");
    apply_dirichlet_values(solution);

    // The potential follows from the charge; with 'poisson-boltzmann' the
    // species are in Boltzmann equilibrium with the bulk as well.
    equation                       = (!exact_solution
                && parameters.initial_state.type
                     == InitialState::Type::poisson_boltzmann)
                                       ? SpeciesEquation::boltzmann
                                       : SpeciesEquation::frozen;
    old_solution                   = solution;
    ghosted_old                    = old_solution;
    unsigned int newton_iterations = 0, linear_iterations = 0;
    const bool   closed = equation == SpeciesEquation::boltzmann
                        && parameters.initial_state.closed;
    if (closed)
      solve_closed_sample(newton_iterations, linear_iterations);
    else if (!solve_nonlinear(newton_iterations, linear_iterations))
      throw SolverFailure(
        "the initial state has no solution of the Poisson equation (see the "
        "Newton report above); check the initial concentrations and the "
        "boundary potentials");
    run_totals.newton_iterations += newton_iterations;
    run_totals.linear_iterations += linear_iterations;
    equation = SpeciesEquation::transport;
    // Fast reactions: a step of length zero brings the state into their
    // local equilibrium, keeping what they conserve (a consistent initial
    // state of the differential-algebraic system).
    if (local_equilibria && !exact_solution)
    {
      const double step_before = step;
      step                     = 0.;
      bdf                      = {{1., -1., 0.}};
      old_solution             = solution;
      ghosted_old              = old_solution;
      if (!solve_nonlinear(newton_iterations, linear_iterations))
        throw SolverFailure(
          "the initial state cannot be brought into the local equilibrium "
          "of the fast reactions (see the Newton report above); check the "
          "initial concentrations");
      run_totals.newton_iterations += newton_iterations;
      run_totals.linear_iterations += linear_iterations;
      step = step_before;
    }
    old_solution = solution;
  }



  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::initialize()
  {
    if (initialized)
      return;
    try
    {
      refine_initial_mesh();
      refine_near_cores();
      setup_dofs();
      set_initial_state();
      // Adapt the mesh to the initial state (e.g. its space-charge layers).
      const auto &refinement = parameters.base.refinement;
      if (refinement.strategy == RefinementParameters::Strategy::adaptive)
        for (unsigned int cycle = 1; cycle < refinement.cycles; ++cycle)
        {
          adapt_mesh();
          set_initial_state();
        }
      // The particles start on the mesh of the initial state.
      if (particle_field)
      {
        particle_field->initialize();
        particles_ready = true;
      }
    }
    catch (...)
    {
      // Destroyed here rather than while the exception unwinds, a
      // TimerOutput does not bury the diagnosis under its MPI warning.
      timer.reset();
      throw;
    }
    initialized = true;
  }



  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::refine_initial_mesh()
  {
    triangulation->refine_global(
      parameters.base.refinement.initial_global_refinements);
    domain_scale_squared = length_scale_squared();
  }



  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::begin_step_for_testing(const double dt)
  {
    initialize();
    step          = dt;
    bdf           = {{1., -1., 0.}};
    old_solution  = solution;
    ghosted_old   = old_solution;
    ghosted_older = old_solution;
    equation      = SpeciesEquation::transport;
    time += dt;
    update_conditions();
    update_row_scaling();
  }



  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::update_row_scaling()
  {
    // From the last accepted state, so that the residual is one function
    // throughout a Newton solve. The fast reactions' pivots are the species
    // of least amount: their balances give way to the constraints, which
    // are O(1) in ln c and not scaled.
    const bool constrained
      = local_equilibria && equation == SpeciesEquation::transport;
    if (constrained)
      elimination = local_equilibria->eliminate(amounts(old_solution));
    for (unsigned int b = 0; b <= n_species; ++b)
      for (const auto i : owned_partitioning[b])
        row_scaling.block(b)[i]
          = (b == 0
             || (equation == SpeciesEquation::boltzmann
                 && diffusivity_now[b - 1] != 0.)
             || (constrained && elimination.constraint_of[b - 1] >= 0))
              ? 1.
              : std::exp(
                -std::clamp(double(old_solution.block(b)[i]), -460., 460.));
    row_scaling.compress(dealii::VectorOperation::insert);
  }



  template <int dim, class LinearAlgebra>
  unsigned int
  TransportProblem<dim, LinearAlgebra>::solve_linearized(const BlockVector &u,
                                                         const BlockVector &rhs,
                                                         BlockVector       &du,
                                                         const double tolerance)
  {
    using namespace dealii;
    assemble_jacobian(u);
    TimerOutput::Scope t(*timer, "linear solve");
    const unsigned int degree = parameters.base.polynomial_degree;
    // The set-up costs about as much as one Jacobian assembly, and a
    // hierarchy of an earlier iterate can stall FGMRES in fast transients:
    // rebuild it for every Newton step.
    {
      TimerOutput::Scope t2(*timer, "AMG setup");
      amg.resize(n_species + 1);
      amg[0] = std::make_unique<typename LinearAlgebra::Preconditioner>();
      LinearAlgebra::initialize_amg(
        *amg[0], schur_approximation.block(0, 0), dim, degree, true);
      // A balance combined with pivots' ones carries their mass and
      // fluxes too: precondition it with the pivots eliminated through the
      // constraint, d ln c_pivot(f) / d ln c_i = -T_if.
      const bool constrained
        = local_equilibria && equation == SpeciesEquation::transport;
      for (unsigned int s = 1; s <= n_species; ++s)
      {
        const auto *block = &jacobian.block(s, s);
        if (constrained && elimination.constraint_of[s - 1] < 0)
          for (unsigned int f = 0; f < elimination.pivot.size(); ++f)
            if (elimination.combination(s - 1, f) != 0.)
            {
              auto &condensed = condensed_blocks[s - 1];
              if (block != condensed.get())
                condensed->copy_from(jacobian.block(s, s));
              condensed->add(-elimination.combination(s - 1, f),
                             jacobian.block(s, elimination.pivot[f] + 1));
              block = condensed.get();
            }
        amg[s] = std::make_unique<typename LinearAlgebra::Preconditioner>();
        LinearAlgebra::initialize_amg(*amg[s], *block, dim, degree, false);
      }
    }
    // Pivots last: their constraints follow from the balances.
    std::vector<unsigned int> order;
    bool                      coupled = false;
    for (unsigned int s = 0; s < n_species; ++s)
    {
      if (!(local_equilibria && equation == SpeciesEquation::transport
            && elimination.constraint_of[s] >= 0))
        order.push_back(s + 1);
      for (unsigned int j = 0; j < n_species; ++j)
        coupled = coupled || (j != s && species_coupled[s][j]);
    }
    if (local_equilibria && equation == SpeciesEquation::transport)
      for (const unsigned int p : elimination.pivot)
        order.push_back(p + 1);
    const BlockSchurPreconditioner<LinearAlgebra> preconditioner(jacobian,
                                                                 amg,
                                                                 coupled,
                                                                 order);
    SolverControl control(parameters.base.newton.linear_max_iterations,
                          tolerance,
                          /*log_history=*/false,
                          /*log_result=*/false);
    typename SolverFGMRES<BlockVector>::AdditionalData data;
    data.max_basis_size = 60;
    SolverFGMRES<BlockVector> solver(control, data);
    du = 0;
    try
    {
      solver.solve(jacobian, du, rhs, preconditioner);
    }
    catch (const SolverControl::NoConvergence &exc)
    {
      throw SolverFailure("FGMRES did not reach " + std::to_string(tolerance)
                          + " in " + std::to_string(exc.last_step)
                          + " iterations (residual "
                          + std::to_string(exc.last_residual)
                          + "); raise 'Solver/Maximum linear iterations' or "
                            "cut the time step");
    }
    update_constraints.distribute(du);
    return control.last_step();
  }



  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::jacobian_vmult(const BlockVector &u,
                                                       const BlockVector &v,
                                                       BlockVector       &Jv)
  {
    assemble_jacobian(u);
    jacobian.vmult(Jv, v);
    const dealii::IndexSet owned = dof_handler.locally_owned_dofs();
    for (const auto i : owned)
      if (update_constraints.is_constrained(i))
        Jv(i) = 0.;
    Jv.compress(dealii::VectorOperation::insert);
  }
} // namespace exsolve
