// Time loop, step-size control and mesh adaptation of TransportProblem,
// included by one .cc file per linear-algebra backend.
#pragma once

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/distributed/solution_transfer.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/numerics/error_estimator.h>
#include <deal.II/numerics/solution_transfer.h>

#include <exsolve/core/input_error.h>
#include <exsolve/core/newton_solver.h>
#include <exsolve/core/parameter_utilities.h>
#include <exsolve/core/triangulation_factory.h>
#include <exsolve/io/console.h>
#include <exsolve/io/progress_meter.h>
#include <exsolve/io/time_series_file.h>
#include <exsolve/mesh/adaptive_refinement.h>
#include <exsolve/transport/transport_problem.h>

#include "transport_replicated_vectors.h"
#include <exsolve/particles/surface_particle_field.h>

#include <cmath>
#include <iomanip>
#include <sstream>

namespace exsolve
{
  template <int dim, class LinearAlgebra>
  double
  TransportProblem<dim, LinearAlgebra>::weighted_error_norm(
    const BlockVector &error,
    const BlockVector &reference) const
  {
    // Root mean square of error / tolerance: for the potential
    // rtol max(|psi|, 1) (kT/e), for u = ln c the relative tolerance on c
    // plus the absolute one, rtol + atol / c.
    const double rtol = parameters.time_stepping.relative_tolerance;
    const double atol = parameters.time_stepping.absolute_tolerance;
    double       sum  = 0;
    for (unsigned int b = 0; b < error.n_blocks(); ++b)
      for (const auto i : owned_partitioning[b])
      {
        const double y   = reference.block(b)[i];
        const double tol = b == 0 ? rtol * std::max(std::abs(y), 1.)
                                  : rtol + atol * std::exp(-y);
        const double e   = error.block(b)[i] / tol;
        sum += e * e;
      }
    sum = dealii::Utilities::MPI::sum(sum, communicator);
    return std::sqrt(sum / error.size());
  }



  template <int dim, class LinearAlgebra>
  bool
  TransportProblem<dim, LinearAlgebra>::solve_nonlinear(
    unsigned int &newton_iterations,
    unsigned int &linear_iterations)
  {
    // Every Newton iteration only with --verbose; a failure's residual
    // history is in its message anyway.
    const dealii::ConditionalOStream newton_out(
      std::cout,
      pcout.is_active() && console::shows(console::Verbosity::verbose));
    NewtonSolver<BlockVector> newton(parameters.base.newton, newton_out);
    update_row_scaling();
    try
    {
      const NewtonReport report = newton.solve(
        solution,
        [this](const BlockVector &u, BlockVector &r)
        { return assemble_residual(u, r); },
        [this](const BlockVector &u,
               const BlockVector &rhs,
               BlockVector       &du,
               const double       tolerance)
        { return solve_linearized(u, rhs, du, tolerance); });
      newton_iterations = report.iterations;
      linear_iterations = report.linear_iterations;
      return true;
    }
    catch (const SolverFailure &failure)
    {
      // Newton decides from global norms: every rank is here together.
      pcout << "    step failed: " << failure.what() << std::endl;
      return false;
    }
  }



  template <int dim, class LinearAlgebra>
  std::string
  TransportProblem<dim, LinearAlgebra>::time_series_header() const
  {
    std::string header = "step,time,temperature_K,oxygen_partial_pressure_Pa,"
                         "dt,dofs,newton_iterations,linear_iterations,"
                         "error_estimate";
    for (const auto &n : electrolyte.names)
      header += ",amount_" + n;
    if (particle_field)
      header += ",particle_density_m2,particle_mean_radius_nm,"
                "metal_area_fraction,adatom_coverage,metal_lattice,"
                "metal_adatoms,metal_particles";
    return header + ",wall_time_s";
  }



  template <int dim, class LinearAlgebra>
  std::string
  TransportProblem<dim, LinearAlgebra>::time_series_row(
    const StepRecord &r) const
  {
    std::ostringstream row;
    row << std::setprecision(15) << r.step << ',' << r.time << ','
        << r.temperature << ',' << r.oxygen_partial_pressure << ','
        << r.step_size << ',' << r.dofs << ',' << r.newton_iterations << ','
        << r.linear_iterations << ',' << r.error_estimate;
    for (const double m : r.amounts)
      row << ',' << m;
    for (const double m : r.particle_moments)
      row << ',' << m;
    row << ',' << std::setprecision(6) << r.wall_time;
    return row.str();
  }



  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::run(const RunDirectory *output,
                                            CatalystSession    *catalyst)
  {
    using namespace dealii;
    Timer wall_clock(communicator, /*sync_lap_times=*/true);
    if (!resumed)
      initialize();
    const auto        &ts        = parameters.time_stepping;
    const double       t_scale   = parameters.time_scale;
    const double       c_scale   = electrolyte.scales.concentration;
    const unsigned int max_order = ts.order;
    const bool         vtu       = output && parameters.base.output.write_vtu;
    const auto        &checkpointing = parameters.base.output.checkpoints;
    std::unique_ptr<TimeSeriesFile>  series;
    std::unique_ptr<CheckpointStore> checkpoints;
    if (output)
      series = std::make_unique<TimeSeriesFile>(*output,
                                                "timeseries.csv",
                                                time_series_header(),
                                                communicator,
                                                resumed,
                                                loop.accepted);
    if (output && checkpointing.enabled())
      checkpoints
        = std::make_unique<CheckpointStore>(output->path(), communicator);
    // Particles on surfaces: moments per step and the size histogram.
    std::unique_ptr<TimeSeriesFile> particle_series, size_series;
    if (output && particle_field)
    {
      particle_series = std::make_unique<TimeSeriesFile>(*output,
                                                         "particles.csv",
                                                         particle_header(),
                                                         communicator,
                                                         resumed,
                                                         loop.accepted);
      size_series     = std::make_unique<TimeSeriesFile>(
        *output,
        "size_distribution.csv",
        "step,time_s,radius_nm,bin_width_nm,number_density_m2",
        communicator,
        resumed,
        loop.accepted);
    }
    const auto record_particles
      = [&](const StepRecord &record, const particles::SurfaceTotals &totals)
    {
      if (!particle_series)
        return;
      particle_series->append(particle_row(record, totals));
      size_series->append(size_distribution_rows(record.step, totals));
    };
    const auto wall_now
      = [&]() { return loop.wall_offset + wall_clock.wall_time(); };

    if (!resumed)
    {
      loop               = LoopState();
      const bool in_situ = catalyst && catalyst->due(0);
      if (vtu || in_situ)
        write_fields(vtu ? output : nullptr,
                     loop.n_output,
                     in_situ ? catalyst : nullptr,
                     0);
      loop.n_output += vtu;
      if (particle_field)
      {
        StepRecord start;
        start.time        = time * t_scale;
        start.temperature = current_temperature;
        record_particles(start, particle_field->totals());
      }
      loop.dt = loop.previous_dt = loop.second_previous_dt = ts.initial_step;
      loop.checkpoint_wall                                 = wall_now();
    }

    ProgressMeter progress(ts.start_time, ts.end_time);
    progress.update(time, wall_now());
    double &dt = loop.dt, &previous_dt = loop.previous_dt,
           &second_previous_dt    = loop.second_previous_dt;
    unsigned int      &accepted   = loop.accepted;
    const unsigned int first_step = accepted;
    BlockVector        predictor(solution), difference(solution);
    while (time < ts.end_time * (1 - 1e-12) - 1e-300)
    {
      // Hit the end time exactly, without a sliver of a last step.
      if (time + 1.1 * dt >= ts.end_time)
        dt = ts.end_time - time;
      const unsigned int order = accepted == 0 ? 1 : max_order;
      bdf                      = bdf_weights(order, dt, previous_dt);
      step                     = dt;
      const double t_old       = time;
      time                     = t_old + dt;
      update_conditions();

      // Initial guess: extrapolation of the history once there is one.
      const bool have_predictor = accepted >= order;
      if (have_predictor)
      {
        const auto b
          = predictor_weights(order, dt, previous_dt, second_previous_dt);
        predictor.equ(b[0], old_solution);
        predictor.add(b[1], older_solution);
        if (order == 2)
          predictor.add(b[2], oldest_solution);
        solution = predictor;
      }
      else
        solution = old_solution;
      apply_dirichlet_values(solution);
      ghosted_old   = old_solution;
      ghosted_older = older_solution;

      unsigned int newton_iterations = 0, linear_iterations = 0;
      const bool   converged
        = solve_nonlinear(newton_iterations, linear_iterations);
      run_totals.newton_iterations += newton_iterations;
      run_totals.linear_iterations += linear_iterations;
      if (!converged)
      {
        ++run_totals.failed_steps;
        time = t_old;
        dt *= 0.25;
        pcout << "  step from t = " << time * t_scale
              << " failed, retrying with dt = " << dt * t_scale << std::endl;
        if (dt < ts.minimum_step)
          throw SolverFailure(
            "the time step fell below 'Time stepping/Minimum step' ("
            + exsolve::parameters::to_string(ts.minimum_step * t_scale)
            + ") at t = " + exsolve::parameters::to_string(time * t_scale)
            + " because Newton's method kept failing; see the residual "
              "histories above");
        solution = old_solution;
        continue;
      }

      // Local error estimate from the predictor; the very first step has
      // no history and is measured by its change (a zeroth-order
      // predictor), which is conservative.
      double error = 0;
      if (ts.adaptive)
      {
        if (have_predictor)
        {
          difference = solution;
          difference -= predictor;
          difference *= error_estimate_factor(order,
                                              dt,
                                              previous_dt,
                                              second_previous_dt);
        }
        else
        {
          difference = solution;
          difference -= old_solution;
          difference *= 0.5;
        }
        error = weighted_error_norm(difference, solution);
        if (!(error <= 1.))
        {
          ++run_totals.rejected_steps;
          time = t_old;
          // A rejection always shrinks the step; at the minimum it stops.
          if (dt <= ts.minimum_step * (1 + 1e-9))
            throw SolverFailure(
              "the local error estimate (" + std::to_string(error)
              + ") rejects even a step of 'Time stepping/Minimum step' at t = "
              + exsolve::parameters::to_string(time * t_scale)
              + "; loosen the tolerances or lower the minimum step");
          const double new_dt
            = std::max(ts.minimum_step,
                       std::min(0.9 * dt,
                                std::isfinite(error)
                                  ? next_step_size(dt, error, order, ts)
                                  : 0.2 * dt));
          pcout << "  step " << accepted + 1 << " rejected: error estimate "
                << error << ", dt " << dt * t_scale << " -> "
                << new_dt * t_scale << std::endl;
          dt       = new_dt;
          solution = old_solution;
          continue;
        }
      }

      // Accept.
      ++accepted;
      ++run_totals.accepted_steps;
      oldest_solution    = older_solution;
      older_solution     = old_solution;
      old_solution       = solution;
      second_previous_dt = previous_dt;
      previous_dt        = dt;
      // Lie splitting: the particles take what the step's surface flux
      // delivered (doc/particles.md).
      exchange_with_particles(dt);

      StepRecord record;
      record.step                    = accepted;
      record.time                    = time * t_scale;
      record.temperature             = current_temperature;
      record.oxygen_partial_pressure = current_pressure;
      record.step_size               = dt * t_scale;
      record.dofs                    = dof_handler.n_dofs();
      record.newton_iterations       = newton_iterations;
      record.linear_iterations       = linear_iterations;
      record.error_estimate          = error;
      record.amounts                 = amounts(solution);
      for (double &m : record.amounts)
        m *= c_scale;
      // One collective sum of the surface per step, for all outputs.
      const particles::SurfaceTotals surface = particles_ready
                                                 ? particle_field->totals()
                                                 : particles::SurfaceTotals();
      if (particles_ready)
      {
        const auto &t           = surface;
        record.particle_moments = {t.mean.number_density,
                                   t.mean.mean_radius * 1e9,
                                   t.mean.metal_area_fraction,
                                   t.mean.adatom_coverage,
                                   lattice_metal(),
                                   t.atoms_adatoms,
                                   t.atoms_particles};
      }
      record.wall_time = wall_now();
      step_records.push_back(record);
      if (series)
        series->append(time_series_row(record));
      record_particles(record, surface);
      progress.update(time, record.wall_time);
      const double remaining = progress.remaining_seconds();
      pcout << "Step " << accepted << ": t = " << std::setprecision(6)
            << record.time << " (" << std::fixed << std::setprecision(1)
            << 100. * progress.fraction() << " %)" << std::defaultfloat
            << std::setprecision(4) << ", dt = " << record.step_size << ", "
            << newton_iterations << " Newton, " << linear_iterations
            << " FGMRES";
      if (ts.adaptive)
        pcout << ", error " << std::setprecision(3) << error;
      if (parameters.atmosphere.time_dependent())
        pcout << ", T = " << std::setprecision(6) << current_temperature
              << " K, pO2 = " << current_pressure << " Pa";
      if (!record.particle_moments.empty())
        pcout << ", particles " << std::setprecision(3)
              << record.particle_moments[0] << " m^-2, <R> "
              << record.particle_moments[1] << " nm";
      if (remaining >= 0.)
        pcout << ", ETA " << ProgressMeter::format_duration(remaining);
      pcout << std::setprecision(6) << std::endl;

      if (catalyst && catalyst->due(accepted))
        write_fields(nullptr, loop.n_output, catalyst, accepted);

      if (ts.adaptive)
        dt = next_step_size(dt, error, order, ts);
      else
        dt = std::min(ts.initial_step, 2 * dt); // recover after failures

      const bool more = time < ts.end_time * (1 - 1e-12);
      if (parameters.refinement_interval > 0
          && ++loop.since_remesh >= parameters.refinement_interval && more)
      {
        adapt_mesh();
        loop.since_remesh = 0;
        // The new mesh's partition, even where the number of DoFs stays.
        predictor.reinit(solution);
        difference.reinit(solution);
      }
      // After the mesh adaptation, so that a resumed run continues on the
      // same mesh; the wall-time criterion agreed on by all ranks.
      if (checkpoints && more)
      {
        const bool by_steps = checkpointing.every_n_steps > 0
                              && accepted % checkpointing.every_n_steps == 0;
        const bool by_wall = checkpointing.every_wall_seconds > 0.
                             && Utilities::MPI::max(wall_now(), communicator)
                                    - loop.checkpoint_wall
                                  >= checkpointing.every_wall_seconds;
        if (by_steps || by_wall)
        {
          write_checkpoint(*checkpoints, wall_now());
          predictor.reinit(solution);
          difference.reinit(solution);
        }
      }
    }
    // (A finished run resumed with the same end time has nothing new.)
    if (vtu && !(resumed && accepted == first_step))
      write_fields(output, loop.n_output++, nullptr, accepted);
    // And one of the final state: a finished run can be continued to a
    // later end time.
    if (checkpoints && accepted > loop.checkpoint_step)
      write_checkpoint(*checkpoints, wall_now());
    resumed = false; // a further run() starts afresh, as it always did
  }



  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::add_charge_residual(
    dealii::Vector<float> &indicators) const
  {
    // Kelly's face jumps see the space charge only through the gradients
    // it bends. The element residual of the Poisson equation, h_K ||rho /
    // lambda^2 + Laplace psi_h||_K (weighted as Kelly's jumps, 1/24), sees
    // the charge itself, also that of a core narrower than the cell, so
    // that cores and Debye layers refine before the potential has resolved
    // them: together the residual estimator of psi.
    using namespace dealii;
    const double lambda2
      = electrolyte.scales.lambda_squared * permittivity_factor;
    const QGauss<dim>                        quadrature(fe.degree + 1);
    FEValues<dim>                            fe_values(fe,
                            quadrature,
                            update_values | update_hessians
                              | update_quadrature_points | update_JxW_values);
    std::vector<Vector<double>>              values(quadrature.size(),
                                       Vector<double>(n_species + 1));
    std::vector<std::vector<Tensor<2, dim>>> hessians(
      quadrature.size(), std::vector<Tensor<2, dim>>(n_species + 1));
    ExtendedDefects::Values core;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
      {
        fe_values.reinit(cell);
        fe_values.get_function_values(ghosted_work, values);
        fe_values.get_function_hessians(ghosted_work, hessians);
        double residual = 0.;
        for (const unsigned int q : fe_values.quadrature_point_indices())
        {
          double rho = electrolyte.fixed_charge;
          for (unsigned int s = 0; s < n_species; ++s)
            rho += electrolyte.charges[s] * std::exp(values[q][s + 1]);
          if (!extended_defects.empty())
          {
            extended_defects.evaluate(fe_values.quadrature_point(q),
                                      thermal_energy_now(),
                                      core);
            rho += core.charge_density;
          }
          const double r = rho / lambda2 + trace(hessians[q][0]);
          residual += r * r * fe_values.JxW(q);
        }
        const double h   = cell->diameter();
        float       &eta = indicators(cell->active_cell_index());
        eta              = std::sqrt(eta * eta + h * h * residual / 24.);
      }
  }



  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::adapt_mesh()
  {
    using namespace dealii;
    TimerOutput::Scope t(*timer, "refinement and transfer");
    ++run_totals.remeshes;
    ghosted_work = solution;
    Vector<float> indicators(triangulation->n_active_cells());
    KellyErrorEstimator<dim>::estimate(
      dof_handler,
      QGauss<dim - 1>(fe.degree + 1),
      {},
      ghosted_work,
      indicators,
      ComponentMask(),
      nullptr,
      numbers::invalid_unsigned_int,
      triangulation->locally_owned_subdomain());
    add_charge_residual(indicators);
    if (parameters.base.refinement.error_norm == RefinementParameters::Norm::L2)
      for (const auto &cell : triangulation->active_cell_iterators())
        if (cell->is_locally_owned())
          indicators(cell->active_cell_index()) *= cell->diameter();
    mark_cells(*triangulation, indicators, parameters.base.refinement);

    // The state and its history move to the new mesh together.
    std::vector<BlockVector *> states
      = {&solution, &old_solution, &older_solution, &oldest_solution};
    std::vector<std::vector<double>> amounts_before;
    for (const BlockVector *v : states)
      amounts_before.push_back(amounts(*v));

    if (is_p4est(*triangulation))
    {
      std::vector<const BlockVector *> in;
      const auto ghosted = transport_internal::ghosted_copies<BlockVector>(
        states, owned_partitioning, relevant_partitioning, communicator, in);
      parallel::distributed::SolutionTransfer<dim, BlockVector> transfer(
        dof_handler);
      triangulation->prepare_coarsening_and_refinement();
      transfer.prepare_for_coarsening_and_refinement(in);
      if (particles_ready)
        particle_field->prepare_for_coarsening_and_refinement();
      triangulation->execute_coarsening_and_refinement();
      setup_dofs();
      transfer.interpolate(states);
      if (particles_ready)
        particle_field->interpolate_after_refinement();
    }
    else
    {
      // Replicated mesh: every rank transfers a full copy.
      std::vector<Vector<double>> old_values;
      for (const BlockVector *v : states)
        old_values.push_back(
          transport_internal::gather(*v, owned_partitioning, communicator));
      SolutionTransfer<dim, Vector<double>> transfer(dof_handler);
      triangulation->prepare_coarsening_and_refinement();
      transfer.prepare_for_coarsening_and_refinement(old_values);
      if (particles_ready)
        particle_field->prepare_for_coarsening_and_refinement();
      triangulation->execute_coarsening_and_refinement();
      setup_dofs();
      if (particles_ready)
        particle_field->interpolate_after_refinement();
      std::vector<Vector<double>> new_values(
        states.size(), Vector<double>(dof_handler.n_dofs()));
      transfer.interpolate(old_values, new_values);
      for (unsigned int k = 0; k < states.size(); ++k)
        transport_internal::scatter(new_values[k],
                                    owned_partitioning,
                                    *states[k]);
    }
    // Interpolating ln c changes the integral of c slightly (and coarsening
    // loses detail): restore each species' amount by a constant factor,
    // unless a fixed boundary concentration controls it.
    for (unsigned int k = 0; k < states.size(); ++k)
    {
      hanging_node_constraints.distribute(*states[k]);
      const std::vector<double> after = amounts(*states[k]);
      for (unsigned int s = 0; s < n_species; ++s)
        if (!species_bc.has_fixed(s) && after[s] > 0
            && amounts_before[k][s] > 0)
          states[k]->block(s + 1).add(
            std::log(amounts_before[k][s] / after[s]));
    }
    apply_dirichlet_values(solution);
    pcout << "  mesh adapted: " << triangulation->n_global_active_cells()
          << " cells, " << dof_handler.n_dofs() << " DoFs" << std::endl;
  }



  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::refine_near_cores()
  {
    // Cores of 0.5 nm in micrometre samples: refine where a core passes
    // through or near a cell until the cells are a fraction of its width.
    const auto &defects = extended_defects;
    for (unsigned int level = 0; level < defects.core_refinement_levels;
         ++level)
    {
      // Every cell a rank knows: a shared (1D) mesh needs the same flags
      // on all ranks; a distributed one ignores those of ghost cells.
      bool any = false;
      for (const auto &cell : triangulation->active_cell_iterators())
        if (!cell->is_artificial())
          for (unsigned int k = 0; k < defects.list().size(); ++k)
          {
            const double w = defects.list()[k].half_width;
            if (cell->diameter() > defects.core_resolution * w
                && defects.distance(k, cell->center())
                     < 3. * w + cell->diameter())
            {
              cell->set_refine_flag();
              any = true;
              break;
            }
          }
      if (!dealii::Utilities::MPI::logical_or(any, communicator))
        break;
      triangulation->execute_coarsening_and_refinement();
    }
  }
} // namespace exsolve
