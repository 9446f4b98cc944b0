#include <deal.II/base/array_view.h>
#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/timer.h>
#include <deal.II/lac/vector.h>
#include <deal.II/numerics/data_out.h>

#include <exsolve/core/input_error.h>
#include <exsolve/core/triangulation_factory.h>
#include <exsolve/core/version.h>
#include <exsolve/io/benchmark_report.h>
#include <exsolve/io/console.h>
#include <exsolve/io/output_parameters.h>
#include <exsolve/io/partitioned_vtu.h>
#include <exsolve/microstructure/microstructure_mesh.h>
#include <exsolve/microstructure/microstructure_metrics.h>
#include <exsolve/microstructure/microstructure_sample.h>
#include <exsolve/microstructure/microstructure_simulation.h>
#include <exsolve/microstructure/tortuosity.h>

#include <filesystem>
#include <iomanip>

namespace exsolve
{
  using namespace dealii;

  namespace
  {
    template <int dim>
    void
    write_vtu(const Triangulation<dim>            &tria,
              const SolidPhases                   &phases,
              const std::vector<GrainOrientation> &orientations,
              const RunDirectory                  &output,
              const MPI_Comm                       comm)
    {
      const unsigned int           n = tria.n_active_cells();
      Vector<float>                grain(n), rank(n), phase(n);
      std::array<Vector<float>, 3> euler{
        {Vector<float>(n), Vector<float>(n), Vector<float>(n)}};
      for (const auto &cell : tria.active_cell_iterators())
        if (cell->is_locally_owned())
        {
          const unsigned int c = cell->active_cell_index();
          grain[c]             = cell->material_id();
          rank[c]              = cell->subdomain_id();
          phase[c]             = phases.phase(cell->material_id());
          const auto angles
            = orientations[cell->material_id()].bunge_euler_angles();
          for (unsigned int a = 0; a < 3; ++a)
            euler[a][c] = angles[a] * 180 / M_PI;
        }
      DataOut<dim> data_out;
      data_out.attach_triangulation(tria);
      data_out.add_data_vector(grain, "grain_id", DataOut<dim>::type_cell_data);
      data_out.add_data_vector(phase, "phase", DataOut<dim>::type_cell_data);
      data_out.add_data_vector(rank, "rank", DataOut<dim>::type_cell_data);
      const char *names[]
        = {"euler_phi1_deg", "euler_Phi_deg", "euler_phi2_deg"};
      for (unsigned int a = 0; a < 3; ++a)
        data_out.add_data_vector(euler[a],
                                 names[a],
                                 DataOut<dim>::type_cell_data);
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



    /// grains.csv: phase, volume and orientation of every grain id (rank 0).
    template <int dim>
    void
    write_grains_csv(const Triangulation<dim>            &tria,
                     const SolidPhases                   &phases,
                     const std::vector<GrainOrientation> &orientations,
                     const RunDirectory                  &output,
                     const MPI_Comm                       comm)
    {
      std::vector<double> volume(orientations.size(), 0.);
      for (const auto &cell : tria.active_cell_iterators())
        if (cell->is_locally_owned())
          volume[cell->material_id()] += cell->measure();
      std::vector<double> total(volume.size());
      Utilities::MPI::sum(ArrayView<const double>(volume.data(), volume.size()),
                          comm,
                          make_array_view(total));
      volume = total;
      if (Utilities::MPI::this_mpi_process(comm) != 0)
        return;
      output.write_atomically(
        "grains.csv",
        [&](std::ostream &out)
        {
          out
            << "grain_id,phase,volume_nm^dim,q_w,q_x,q_y,q_z,phi1_deg,Phi_deg,"
               "phi2_deg\n"
            << std::setprecision(12);
          for (unsigned int g = 0; g < orientations.size(); ++g)
          {
            out << g << ',' << phases.names[phases.phase(g)] << ','
                << volume[g];
            for (const double q : orientations[g].quaternion)
              out << ',' << q;
            for (const double a : orientations[g].bunge_euler_angles())
              out << ',' << a * 180 / M_PI;
            out << '\n';
          }
        });
    }



    template <int dim>
    int
    run(ParameterHandler                &prm,
        const MicrostructureParameters  &parameters,
        const MicrostructureMeshOptions &options,
        const OutputParameters          &output_parameters,
        const unsigned int               global_refinements,
        const bool                       compute_tortuosity_along_x,
        const MPI_Comm                   comm)
    {
      Timer              wall(comm, true);
      const bool         root = Utilities::MPI::this_mpi_process(comm) == 0;
      ConditionalOStream pcout(std::cout,
                               root
                                 && console::shows(console::Verbosity::normal));
      RunDirectory::check_writable(output_parameters.directory,
                                   output_parameters.if_exists,
                                   comm);
      // The same seed gives the same voxels on every rank, so each builds
      // the (replicated) coarse mesh itself; input errors stop every rank
      // here, before anything is written.
      require_input(!options.periodic[0],
                    "Microstructure/Periodic directions",
                    prm.get({"Microstructure"}, "Periodic directions"),
                    "must not contain x with Physics/Model = microstructure: "
                    "the tortuosity is computed along x, between the x_min "
                    "and x_max faces; use y and/or z");
      auto       tria   = create_triangulation<dim>(comm);
      const auto meshed = mesh_microstructure(parameters, options, *tria);
      const unsigned int n_coarse = tria->n_global_active_cells();
      tria->refine_global(global_refinements);

      const RunDirectory output(output_parameters.directory,
                                output_parameters.if_exists,
                                comm);
      write_parameter_file(output, prm, comm);
      pcout << "exsolve " << version_string << ": " << dim
            << "D porous microstructure, " << meshed.sample.description << ", "
            << n_coarse << " solid voxel cells ("
            << meshed.sample.isolated_voxels_removed
            << " isolated solid voxels removed), "
            << tria->n_global_active_cells() << " cells after "
            << global_refinements << " global refinement(s)\n";
      if (options.smoothing != MicrostructureMeshOptions::Smoothing::none)
      {
        const SmoothingReport &report = meshed.smoothing;
        pcout << "  boundary smoothing: " << report.n_projected << " of "
              << report.n_wall_vertices << " pore-wall vertices projected onto "
              << (options.smoothing
                      == MicrostructureMeshOptions::Smoothing::sphere_projection
                    ? "the spheres, "
                    : "the implicit surface, ")
              << report.n_shortened << " moved part of the way, "
              << report.n_kept << " kept";
        if (report.n_held > 0)
          pcout << ", " << report.n_held << " held on phase boundaries";
        pcout << " (largest move " << std::setprecision(4)
              << report.max_displacement << " nm)\n";
      }

      const SolidPhases &phases = meshed.sample.phases;
      auto               metrics
        = compute_microstructure_metrics(*tria, parameters.sample_size, phases);
      metrics.voxel_pore_surface      = meshed.voxel_pore_wall_area;
      const auto       phase_measures = measure_phases(*tria, phases);
      const bool       diffusion      = compute_tortuosity_along_x;
      TortuosityResult tortuosity;
      if (diffusion)
        tortuosity = compute_tortuosity(
          *tria,
          parameters.sample_size,
          [](types::material_id) { return 1.; },
          1.);
      print_metrics(metrics, dim, pcout.get_stream());
      if (diffusion)
        pcout << "  tortuosity along x             = " << std::setprecision(5)
              << tortuosity.tortuosity
              << " (D_eff / D = " << tortuosity.effective_diffusivity << ")"
              << std::endl;
      for (unsigned int p = 0; p < phases.n_phases(); ++p)
        pcout << "  phase " << std::setw(24) << std::left << phases.names[p]
              << std::right << " = " << phase_measures.cells[p]
              << " cells, volume fraction "
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
            for (unsigned int p = 0; p < phases.n_phases(); ++p)
              out << phases.names[p] << ',' << phase_measures.cells[p] << ','
                  << phase_measures.volume[p] << ','
                  << phase_measures.volume[p] / metrics.sample_volume << ','
                  << phase_measures.grains[p] << '\n';
          });
        output.write_atomically("metrics.csv",
                                [&](std::ostream &out)
                                { write_metrics_csv(metrics, out); });
        if (diffusion)
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
      write_grains_csv(
        *tria, meshed.sample.phases, meshed.orientations, output, comm);
      output.synchronize();
      if (output_parameters.write_vtu)
        write_vtu(
          *tria, meshed.sample.phases, meshed.orientations, output, comm);

      // Memory of the mesh itself (deal.II's count, all ranks) and the
      // peak resident size of the processes, per active cell.
      const double cells = tria->n_global_active_cells();
      const double tria_bytes
        = Utilities::MPI::sum(static_cast<double>(tria->memory_consumption()),
                              comm);
      const double peak_mb = peak_memory_mb(comm);
      pcout << "  memory per cell                = " << std::setprecision(4)
            << tria_bytes / cells << " B (triangulation), "
            << peak_mb * 1048576. / cells << " B (peak resident, " << peak_mb
            << " MB on all ranks)\n";

      BenchmarkReport report;
      report.add("name", std::string("microstructure"));
      report.add("dim", static_cast<long long>(dim));
      report.add("cells",
                 static_cast<long long>(tria->n_global_active_cells()));
      report.add("dofs", static_cast<long long>(tortuosity.n_dofs));
      report.add("mpi_ranks",
                 static_cast<long long>(Utilities::MPI::n_mpi_processes(comm)));
      report.add("porosity", metrics.porosity);
      if (diffusion)
        report.add("tortuosity", tortuosity.tortuosity);
      report.add("triple_phase_boundary_density",
                 metrics.triple_phase_boundary_density);
      report.add("linear_iterations_total",
                 static_cast<long long>(tortuosity.cg_iterations));
      report.add("coarse_cells", static_cast<long long>(n_coarse));
      report.add("pore_wall_area", metrics.pore_surface);
      report.add("voxel_pore_wall_area", metrics.voxel_pore_surface);
      report.add("triangulation_bytes_per_cell", tria_bytes / cells);
      report.add("peak_bytes_per_cell", peak_mb * 1048576. / cells);
      report.add("wall_total_s", wall.wall_time());
      report.add("peak_memory_mb", peak_mb);
      report.add("status", std::string("converged"));
      if (root)
        std::cout << report.line() << std::endl;
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
    MicrostructureMeshOptions options;
    options.parse_parameters(prm, parameters.dimension);
    const bool tortuosity
      = prm.get_bool({"Microstructure"}, "Compute tortuosity");
    prm.enter_subsection("Mesh refinement");
    const unsigned int refinements
      = prm.get_integer("Initial global refinements");
    prm.leave_subsection();
    return parameters.dimension == 2
             ? run<2>(
               prm, parameters, options, output, refinements, tortuosity, comm)
             : run<3>(
               prm, parameters, options, output, refinements, tortuosity, comm);
  }
} // namespace exsolve
