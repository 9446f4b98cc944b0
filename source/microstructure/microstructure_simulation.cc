#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/timer.h>
#include <deal.II/lac/vector.h>
#include <deal.II/numerics/data_out.h>

#include <exsolve/core/triangulation_factory.h>
#include <exsolve/core/version.h>
#include <exsolve/io/benchmark_report.h>
#include <exsolve/io/output_parameters.h>
#include <exsolve/io/partitioned_vtu.h>
#include <exsolve/microstructure/microstructure_metrics.h>
#include <exsolve/microstructure/microstructure_sample.h>
#include <exsolve/microstructure/microstructure_simulation.h>
#include <exsolve/microstructure/tortuosity.h>
#include <exsolve/microstructure/voxel_mesh.h>

#include <filesystem>
#include <iomanip>

namespace exsolve
{
  using namespace dealii;

  namespace
  {
    template <int dim>
    void
    write_vtu(const Triangulation<dim> &tria,
              const SolidPhases        &phases,
              const RunDirectory       &output,
              const MPI_Comm            comm)
    {
      Vector<float> grain(tria.n_active_cells()), rank(tria.n_active_cells()),
        phase(tria.n_active_cells());
      for (const auto &cell : tria.active_cell_iterators())
        if (cell->is_locally_owned())
        {
          grain[cell->active_cell_index()] = cell->material_id();
          rank[cell->active_cell_index()]  = cell->subdomain_id();
          phase[cell->active_cell_index()] = phases.phase(cell->material_id());
        }
      DataOut<dim> data_out;
      data_out.attach_triangulation(tria);
      data_out.add_data_vector(grain, "grain_id", DataOut<dim>::type_cell_data);
      data_out.add_data_vector(phase, "phase", DataOut<dim>::type_cell_data);
      data_out.add_data_vector(rank, "rank", DataOut<dim>::type_cell_data);
      data_out.build_patches();
      std::vector<std::pair<double, std::string>> records;
      write_partitioned_vtu(data_out,
                            output,
                            "microstructure",
                            0.,
                            records,
                            Utilities::MPI::this_mpi_process(comm),
                            comm);
    }



    template <int dim>
    int
    run(const ParameterHandler         &prm,
        const MicrostructureParameters &parameters,
        const OutputParameters         &output_parameters,
        const MPI_Comm                  comm)
    {
      Timer              wall(comm, true);
      const bool         root = Utilities::MPI::this_mpi_process(comm) == 0;
      ConditionalOStream pcout(std::cout, root);
      RunDirectory::check_writable(output_parameters.directory,
                                   output_parameters.if_exists,
                                   comm);
      // The same seed gives the same voxels on every rank, so each builds
      // the (replicated) coarse mesh itself; input errors stop every rank
      // here, before anything is written.
      const MicrostructureSample sample = generate_microstructure(parameters);
      auto                       tria   = create_triangulation<dim>(comm);
      create_voxel_mesh(sample.grid, *tria);

      const RunDirectory output(output_parameters.directory,
                                output_parameters.if_exists,
                                comm);
      write_parameter_file(output, prm, comm);
      pcout << "exsolve " << version_string << ": " << dim
            << "D porous microstructure, " << sample.description << ", "
            << tria->n_global_active_cells() << " solid cells ("
            << sample.isolated_voxels_removed
            << " isolated solid voxels removed)\n";

      const auto metrics
        = compute_microstructure_metrics(*tria,
                                         parameters.sample_size,
                                         sample.phases);
      const auto phase_measures = measure_phases(*tria, sample.phases);
      const auto tortuosity     = compute_tortuosity(
        *tria,
        parameters.sample_size,
        [](types::material_id) { return 1.; },
        1.);
      print_metrics(metrics, dim, pcout.get_stream());
      pcout << "  tortuosity along x             = " << std::setprecision(5)
            << tortuosity.tortuosity
            << " (D_eff / D = " << tortuosity.effective_diffusivity << ")"
            << std::endl;
      for (unsigned int p = 0; p < sample.phases.n_phases(); ++p)
        pcout << "  phase " << std::setw(24) << std::left
              << sample.phases.names[p] << std::right << " = "
              << phase_measures.cells[p] << " cells, volume fraction "
              << phase_measures.volume[p] / metrics.sample_volume << ", "
              << phase_measures.grains[p] << " grains\n";

      if (root)
      {
        output.write_atomically(
          "phases.csv",
          [&](std::ostream &out)
          {
            out << "phase,cells,volume_nm^dim,volume_fraction,grains\n"
                << std::setprecision(10);
            for (unsigned int p = 0; p < sample.phases.n_phases(); ++p)
              out << sample.phases.names[p] << ',' << phase_measures.cells[p]
                  << ',' << phase_measures.volume[p] << ','
                  << phase_measures.volume[p] / metrics.sample_volume << ','
                  << phase_measures.grains[p] << '\n';
          });
        output.write_atomically("metrics.csv",
                                [&](std::ostream &out)
                                { write_metrics_csv(metrics, out); });
        output.write_atomically(
          "tortuosity.csv",
          [&](std::ostream &out)
          {
            out << "direction,solid_fraction,effective_diffusivity_over_D,"
                   "tortuosity,dofs,cg_iterations\n"
                << std::setprecision(10) << "x," << tortuosity.solid_fraction
                << ',' << tortuosity.effective_diffusivity << ','
                << tortuosity.tortuosity << ',' << tortuosity.n_dofs << ','
                << tortuosity.cg_iterations << '\n';
          });
      }
      output.synchronize();
      if (output_parameters.write_vtu)
        write_vtu(*tria, sample.phases, output, comm);

      BenchmarkReport report;
      report.add("name", std::string("microstructure"));
      report.add("dim", static_cast<long long>(dim));
      report.add("cells",
                 static_cast<long long>(tria->n_global_active_cells()));
      report.add("dofs", static_cast<long long>(tortuosity.n_dofs));
      report.add("mpi_ranks",
                 static_cast<long long>(Utilities::MPI::n_mpi_processes(comm)));
      report.add("porosity", metrics.porosity);
      report.add("tortuosity", tortuosity.tortuosity);
      report.add("triple_phase_boundary_density",
                 metrics.triple_phase_boundary_density);
      report.add("linear_iterations_total",
                 static_cast<long long>(tortuosity.cg_iterations));
      report.add("wall_total_s", wall.wall_time());
      report.add("peak_memory_mb", peak_memory_mb(comm));
      report.add("status", std::string("converged"));
      pcout << report.line() << std::endl;
      return 0;
    }
  } // namespace



  int
  run_microstructure_simulation(ParameterHandler  &prm,
                                const MPI_Comm     comm,
                                const std::string &parameter_file)
  {
    const std::string directory
      = std::filesystem::path(parameter_file).parent_path().string();
    MicrostructureParameters parameters;
    parameters.parse_parameters(prm, directory.empty() ? "." : directory);
    OutputParameters output;
    output.parse_parameters(prm);
    return parameters.dimension == 2 ? run<2>(prm, parameters, output, comm)
                                     : run<3>(prm, parameters, output, comm);
  }
} // namespace exsolve
