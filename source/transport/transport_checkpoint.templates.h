// Checkpoint and restart of TransportProblem (doc/restart.md), included by
// one .cc file per linear-algebra backend.
#pragma once

#include <deal.II/distributed/shared_tria.h>
#include <deal.II/distributed/solution_transfer.h>
#include <deal.II/distributed/tria.h>

#include <boost/archive/text_iarchive.hpp>
#include <boost/archive/text_oarchive.hpp>

#include <exsolve/core/input_error.h>
#include <exsolve/core/triangulation_factory.h>
#include <exsolve/mesh/geometry.h>
#include <exsolve/particles/surface_particle_field.h>
#include <exsolve/transport/transport_problem.h>

#include "transport_replicated_vectors.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace exsolve
{
  namespace transport_internal
  {
    /// Doubles as C99 hexadecimal floating point: read back bit for bit.
    inline std::string
    exact(const double x)
    {
      char text[40];
      std::snprintf(text, sizeof(text), "%a", x);
      return text;
    }

    /// The whitespace-separated fields of a checkpoint's state file, read
    /// in order; a missing or malformed field is an InputError naming the
    /// file.
    class StateReader
    {
    public:
      explicit StateReader(const std::string &file)
          : name(file)
      {
        std::ifstream in(file);
        require_input(static_cast<bool>(in),
                      "--resume",
                      file,
                      "cannot be read");
        std::ostringstream content;
        content << in.rdbuf();
        text.str(content.str());
      }

      std::string
      word()
      {
        std::string w;
        require_input(static_cast<bool>(text >> w),
                      "--resume",
                      name,
                      "ends too early: the checkpoint is incomplete");
        return w;
      }

      /// Check that the next field is @p key.
      void
      expect(const std::string &key)
      {
        const std::string k = word();
        require_input(k == key,
                      "--resume",
                      name,
                      "expected '" + key + "' but found '" + k + "'");
      }

      /// The field after the field @p key.
      std::string
      after(const std::string &key)
      {
        expect(key);
        return word();
      }

      double
      number()
      {
        const std::string w = word();
        char             *end;
        const double      x = std::strtod(w.c_str(), &end);
        require_input(*end == '\0',
                      "--resume",
                      name,
                      "holds '" + w + "' where a number belongs");
        return x;
      }

      unsigned long long
      count()
      {
        return static_cast<unsigned long long>(number());
      }

      /// The number after the field @p key.
      double
      number_after(const std::string &key)
      {
        expect(key);
        return number();
      }

      std::vector<double>
      numbers(const std::string &key)
      {
        const auto n = static_cast<unsigned long long>(number_after(key));
        std::vector<double> v(n);
        for (double &x : v)
          x = number();
        return v;
      }

      /// The rest of the current line (rows of text files).
      std::string
      line()
      {
        std::string l;
        std::getline(text >> std::ws, l);
        return l;
      }

    private:
      std::string        name;
      std::istringstream text;
    };
  } // namespace transport_internal



  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::save_mesh_and_solutions(
    const std::string &directory) const
  {
    using namespace dealii;
    const std::vector<const BlockVector *> states
      = {&solution, &old_solution, &older_solution, &oldest_solution};
    if (is_p4est(*triangulation))
    {
      // p4est writes the forest and the values attached to its cells in
      // parallel; it loads them on any number of ranks.
      std::vector<const BlockVector *> in;
      const auto ghosted = transport_internal::ghosted_copies<BlockVector>(
        states, owned_partitioning, relevant_partitioning, communicator, in);
      parallel::distributed::SolutionTransfer<dim, BlockVector> transfer(
        dof_handler);
      transfer.prepare_for_serialization(in);
      // The particle populations ride on the same forest, after the
      // transport's vectors (deserialized in that order).
      if (particles_ready)
      {
        particle_field->prepare_for_serialization();
        if (Utilities::MPI::this_mpi_process(communicator) == 0)
          std::ofstream(directory + "/particles.txt")
            << "particle_time "
            << transport_internal::exact(particle_field->time()) << '\n';
      }
      auto &forest = const_cast<parallel::distributed::Triangulation<dim> &>(
        dynamic_cast<const parallel::distributed::Triangulation<dim> &>(
          *triangulation));
      forest.save(directory + "/mesh");
      return;
    }
    // A replicated mesh (1D): rank 0 writes the triangulation through
    // Boost.Serialization (its cell arrays as they are, so that the loaded
    // mesh numbers cells and DoFs exactly as this one) and the values of
    // every active cell, which do not depend on how many ranks share it.
    std::vector<Vector<double>> full;
    for (const BlockVector *v : states)
      full.push_back(
        transport_internal::gather(*v, owned_partitioning, communicator));
    const std::string populations
      = particles_ready ? particle_field->serialize_by_position() : "";
    if (Utilities::MPI::this_mpi_process(communicator) != 0)
      return;
    if (particles_ready)
      std::ofstream(directory + "/particles.txt")
        << "particle_time " << transport_internal::exact(particle_field->time())
        << '\n'
        << populations;
    {
      std::ofstream                 out(directory + "/mesh.archive");
      boost::archive::text_oarchive archive(out);
      triangulation->save(archive, 0);
    }
    std::ofstream out(directory + "/solutions.txt");
    out << "cells " << triangulation->n_active_cells() << " dofs_per_cell "
        << fe.n_dofs_per_cell() << '\n';
    Vector<double> local(fe.n_dofs_per_cell());
    for (const auto &values : full)
      for (const auto &cell : dof_handler.active_cell_iterators())
      {
        cell->get_dof_values(values, local);
        for (const double x : local)
          out << transport_internal::exact(x) << ' ';
        out << '\n';
      }
  }



  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::load_mesh_and_solutions(
    const std::string &directory)
  {
    using namespace dealii;
    std::vector<BlockVector *> states
      = {&solution, &old_solution, &older_solution, &oldest_solution};
    if (is_p4est(*triangulation))
    {
      require_input(std::filesystem::exists(directory + "/mesh"),
                    "--resume",
                    directory,
                    "holds no distributed mesh: it was written by a run in "
                    "another dimension");
      auto &forest = dynamic_cast<parallel::distributed::Triangulation<dim> &>(
        *triangulation);
      forest.load(directory + "/mesh");
      setup_dofs();
      parallel::distributed::SolutionTransfer<dim, BlockVector> transfer(
        dof_handler);
      transfer.deserialize(states);
      if (particle_field)
      {
        particle_field->deserialize(particle_checkpoint_time(directory));
        particles_ready = true;
      }
      return;
    }
    require_input(std::filesystem::exists(directory + "/mesh.archive"),
                  "--resume",
                  directory,
                  "holds no replicated mesh: it was written by a run in "
                  "another dimension");
    if constexpr (dim == 1)
    {
      // Every rank reads the same mesh; load() partitions it for this run.
      std::ifstream                 file(directory + "/mesh.archive");
      boost::archive::text_iarchive archive(file);
      auto                         &replicated
        = dynamic_cast<parallel::shared::Triangulation<1> &>(*triangulation);
      replicated.load(archive, 0);
    }
    transport_internal::StateReader in(directory + "/solutions.txt");
    setup_dofs();
    require_input(in.after("cells")
                      == std::to_string(triangulation->n_active_cells())
                    && in.after("dofs_per_cell")
                         == std::to_string(fe.n_dofs_per_cell()),
                  "--resume",
                  directory,
                  "does not fit these parameters (another mesh or element "
                  "degree or number of species)");
    Vector<double> local(fe.n_dofs_per_cell());
    for (BlockVector *state : states)
    {
      Vector<double> full(dof_handler.n_dofs());
      for (const auto &cell : dof_handler.active_cell_iterators())
      {
        for (double &x : local)
          x = in.number();
        cell->set_dof_values(local, full);
      }
      transport_internal::scatter(full, owned_partitioning, *state);
    }
    if (particle_field)
    {
      const double  t = particle_checkpoint_time(directory);
      std::ifstream file(directory + "/particles.txt");
      std::string   header;
      std::getline(file, header);
      std::ostringstream rest;
      rest << file.rdbuf();
      particle_field->deserialize_by_position(rest.str(), t);
      particles_ready = true;
    }
  }



  template <int dim, class LinearAlgebra>
  double
  TransportProblem<dim, LinearAlgebra>::particle_checkpoint_time(
    const std::string &directory) const
  {
    require_input(std::filesystem::exists(directory + "/particles.txt"),
                  "--resume",
                  directory,
                  "holds no particle populations: it was written by a run "
                  "without Particles/Exsolution");
    transport_internal::StateReader in(directory + "/particles.txt");
    return in.number_after("particle_time");
  }



  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::write_checkpoint(
    const CheckpointStore &store,
    const double           wall_time)
  {
    using namespace dealii;
    using transport_internal::exact;
    TimerOutput::Scope t(*timer, "checkpoint");
    const std::string  staging = store.begin(loop.accepted);
    save_mesh_and_solutions(staging);
    loop.checkpoint_step = loop.accepted;
    loop.checkpoint_wall = wall_time;
    if (Utilities::MPI::this_mpi_process(communicator) == 0)
    {
      std::ofstream out(staging + "/state.txt");
      out << "exsolve-transport-checkpoint 1\n"
          << "dim " << dim << "\ndegree " << fe.degree << "\nspecies "
          << n_species;
      for (const auto &name : electrolyte.names)
        out << ' ' << name;
      out << "\ncoarse_cells " << triangulation->n_cells(0) << "\ndofs "
          << dof_handler.n_dofs() << "\ntime " << exact(time) << "\nloop "
          << exact(loop.dt) << ' ' << exact(loop.previous_dt) << ' '
          << exact(loop.second_previous_dt) << ' ' << loop.accepted << ' '
          << loop.since_remesh << ' ' << loop.n_output << ' '
          << exact(wall_time) << "\ntotals " << run_totals.accepted_steps << ' '
          << run_totals.rejected_steps << ' ' << run_totals.failed_steps << ' '
          << run_totals.newton_iterations << ' ' << run_totals.linear_iterations
          << ' ' << run_totals.remeshes << "\ndomain_scale "
          << exact(domain_scale_squared) << '\n';
      const auto write = [&](const char *key, const std::vector<double> &v)
      {
        out << key << ' ' << v.size();
        for (const double x : v)
          out << ' ' << exact(x);
        out << '\n';
      };
      write("reference_concentrations", reference_concentrations);
      write("log_bulk_activity", log_bulk_activity);
      write("last_equilibrium", last_equilibrium);
      out << "pvd " << pvd_records.size() << '\n';
      for (const auto &[t_out, file] : pvd_records)
        out << exact(t_out) << ' ' << file << '\n';
      out << "defect_rows " << defect_rows.size() << '\n';
      for (const auto &row : defect_rows)
        out << row << '\n';
      out << "end\n";
    }
    store.commit(staging, loop.accepted);
    pcout << "  checkpoint written: step " << loop.accepted
          << ", t = " << time * parameters.time_scale << std::endl;
    continue_from(store.newest());
    // A resumed run starts the particles' integrators afresh: so does
    // this one (on a distributed mesh they are rebuilt anyway).
    if (particles_ready)
      particle_field->restart_integrators();
  }



  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::continue_from(
    const std::string &checkpoint)
  {
    // deal.II orders the cells of a distributed mesh by the history of its
    // refinements, and that order fixes the DoF numbering and the order in
    // which contributions are summed: a mesh loaded from a checkpoint
    // matches the one saved cell for cell, but not in order, and the
    // round-off the step control feeds on differs. So the run itself goes
    // on from the mesh and state as loaded, exactly what a resumed run does
    // (a fresh coarse mesh, then the checkpoint), and a resumed run is the
    // uninterrupted run bit for bit. A replicated mesh keeps its order
    // through Boost.Serialization and needs no reload.
    if (!is_p4est(*triangulation))
      return;
    dealii::TimerOutput::Scope t(*timer, "checkpoint");
    dof_handler.clear();
    auto fresh = create_triangulation<dim>(communicator);
    create_coarse_mesh(*fresh, parameters.base.geometry);
    dof_handler.reinit(*fresh);
    // The particles live on the old mesh: rebuilt on the new one below.
    particle_field.reset();
    triangulation = std::move(fresh);
    setup_particles();
    load_mesh_and_solutions(checkpoint);
  }



  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::resume(const std::string &directory)
  {
    AssertThrow(!initialized,
                dealii::ExcMessage("resume() instead of initialize()"));
    try
    {
      restore(directory);
    }
    catch (...)
    {
      // As in initialize(): no TimerOutput warning over the diagnosis.
      timer.reset();
      throw;
    }
  }



  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::restore(const std::string &directory)
  {
    transport_internal::StateReader in(directory + "/state.txt");
    require_input(in.word() == "exsolve-transport-checkpoint"
                    && in.word() == "1",
                  "--resume",
                  directory,
                  "is not a checkpoint of this exsolve version");
    const auto fits = [&](const std::string &what,
                          const std::string &saved,
                          const std::string &now)
    {
      require_input(saved == now,
                    "--resume",
                    directory,
                    "was written with " + what + " " + saved
                      + ", but the parameter file gives " + now
                      + "; resume with the run's own parameter file");
    };
    fits("dimension", in.after("dim"), std::to_string(dim));
    fits("element degree", in.after("degree"), std::to_string(fe.degree));
    const unsigned long long n_saved = in.number_after("species");
    std::string              saved_names, names;
    for (unsigned long long s = 0; s < n_saved; ++s)
      saved_names += (s ? "," : "") + in.word();
    for (unsigned int s = 0; s < n_species; ++s)
      names += (s ? "," : "") + electrolyte.names[s];
    fits("the species", saved_names, names);
    fits("coarse cells",
         in.after("coarse_cells"),
         std::to_string(triangulation->n_cells(0)));
    const std::string dofs = in.after("dofs");

    load_mesh_and_solutions(directory);
    fits("DoFs", dofs, std::to_string(dof_handler.n_dofs()));
    time                         = in.number_after("time");
    loop.dt                      = in.number_after("loop");
    loop.previous_dt             = in.number();
    loop.second_previous_dt      = in.number();
    loop.accepted                = in.count();
    loop.since_remesh            = in.count();
    loop.n_output                = in.count();
    loop.wall_offset             = in.number();
    loop.checkpoint_step         = loop.accepted;
    loop.checkpoint_wall         = loop.wall_offset;
    run_totals.accepted_steps    = in.number_after("totals");
    run_totals.rejected_steps    = in.count();
    run_totals.failed_steps      = in.count();
    run_totals.newton_iterations = in.count();
    run_totals.linear_iterations = in.count();
    run_totals.remeshes          = in.count();
    domain_scale_squared         = in.number_after("domain_scale");
    reference_concentrations     = in.numbers("reference_concentrations");
    log_bulk_activity            = in.numbers("log_bulk_activity");
    const std::vector<double> equilibrium = in.numbers("last_equilibrium");
    pvd_records.resize(static_cast<std::size_t>(in.number_after("pvd")));
    for (auto &[t_out, file] : pvd_records)
    {
      t_out = in.number();
      file  = in.word();
    }
    defect_rows.resize(
      static_cast<std::size_t>(in.number_after("defect_rows")));
    for (auto &row : defect_rows)
      row = in.line();
    require_input(in.word() == "end",
                  "--resume",
                  directory,
                  "has a damaged state.txt");

    // The conditions at the checkpoint's time; the equilibrium solver's
    // warm start as it was, so that the next step is the same.
    update_conditions();
    last_equilibrium = equilibrium;
    equation         = SpeciesEquation::transport;
    initialized      = true;
    resumed          = true;
    pcout << "Resumed from " << directory << ": step " << loop.accepted
          << ", t = " << time * parameters.time_scale << ", "
          << triangulation->n_global_active_cells() << " cells, "
          << dof_handler.n_dofs() << " DoFs" << std::endl;
  }
} // namespace exsolve
