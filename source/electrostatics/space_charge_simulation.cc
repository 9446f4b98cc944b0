#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/timer.h>

#include <exsolve/core/input_error.h>
#include <exsolve/core/version.h>
#include <exsolve/electrostatics/poisson_boltzmann_problem.h>
#include <exsolve/electrostatics/space_charge_simulation.h>
#include <exsolve/io/benchmark_report.h>
#include <exsolve/io/console.h>
#include <exsolve/linear_algebra/backends.h>

#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace exsolve
{
  using namespace dealii;

  namespace
  {
    void
    print_header(const PoissonBoltzmannParameters &p,
                 const unsigned int                dim,
                 const char                       *backend,
                 const unsigned int                n_ranks,
                 ConditionalOStream               &pcout)
    {
      const auto &e = p.electrolyte;
      pcout << "exsolve " << version_string
            << ": Poisson-Boltzmann space charge, " << dim << "D, " << n_ranks
            << " MPI rank(s), " << backend << ", Q" << p.polynomial_degree
            << " elements\n";
      if (e.scales.dimensionless)
        pcout << "  dimensionless: lambda = "
              << std::sqrt(e.scales.lambda_squared)
              << ", Debye length of the mobile species = " << e.debye_length()
              << "\n";
      else
        pcout << "  T = " << e.scales.temperature
              << " K, eps_r = " << e.scales.relative_permittivity
              << ", kT/e = " << e.scales.thermal_voltage
              << " V, Debye length = " << e.debye_length() << " nm\n";
      for (unsigned int i = 0; i < e.names.size(); ++i)
        pcout << "  species " << e.names[i] << ": z = " << e.charges[i]
              << ", bulk c = "
              << e.bulk_concentrations[i] * e.scales.concentration
              << (e.scales.dimensionless ? "" : " m^-3") << "\n";
      pcout << std::endl;
    }

    template <int dim, class LinearAlgebra>
    int
    run(const ParameterHandler           &prm,
        const PoissonBoltzmannParameters &parameters,
        const MPI_Comm                    comm)
    {
      Timer              wall(comm, true);
      const bool         root    = Utilities::MPI::this_mpi_process(comm) == 0;
      const unsigned int n_ranks = Utilities::MPI::n_mpi_processes(comm);
      ConditionalOStream pcout(std::cout,
                               root
                                 && console::shows(console::Verbosity::normal));

      // Everything that can be wrong with the input is checked here, before
      // the run directory exists.
      RunDirectory::check_writable(parameters.output.directory,
                                   parameters.output.if_exists,
                                   comm);
      PoissonBoltzmannProblem<dim, LinearAlgebra> problem(parameters, comm);

      const RunDirectory output(parameters.output.directory,
                                parameters.output.if_exists,
                                comm);
      write_parameter_file(output, prm, comm);
      print_header(parameters, dim, LinearAlgebra::name, n_ranks, pcout);

      int         code = exit_code::success;
      std::string failure;
      try
      {
        CatalystSession catalyst(parameters.output.catalyst, output, comm);
        problem.run(&output, &catalyst);
      }
      catch (const SolverFailure &exc)
      {
        code    = exit_code::solver_failure;
        failure = exc.what();
      }

      const auto &stats = problem.statistics();
      if (root)
        output.write_atomically(
          "summary.csv",
          [&](std::ostream &out)
          {
            out << "cycle,cells,dofs,newton_iterations,linear_iterations,"
                   "residual,phi_mid,int_phi,l2_error";
            if (!stats.empty())
              for (const auto &entry : stats.front().boundary_charge)
                out << ",sigma_" << entry.first;
            out << ",wall_time_s\n" << std::setprecision(12);
            for (const auto &s : stats)
            {
              out << s.cycle << ',' << s.active_cells << ',' << s.dofs << ','
                  << s.newton_iterations << ',' << s.linear_iterations << ','
                  << s.final_residual << ',' << s.potential_probe << ','
                  << s.potential_integral << ',';
              if (s.l2_error >= 0)
                out << s.l2_error;
              for (const auto &entry : s.boundary_charge)
                out << ',' << entry.second;
              out << ',' << s.wall_time << '\n';
            }
          });
      output.synchronize();

      problem.get_timer().print_summary();
      if (code != exit_code::success)
      {
        if (root)
          std::cerr << "exsolve: solver failure: " << failure << std::endl;
      }

      long long newton = 0, linear = 0;
      for (const auto &s : stats)
      {
        newton += s.newton_iterations;
        linear += s.linear_iterations;
      }
      const double    total = wall.wall_time();
      BenchmarkReport report;
      report.add("name", parameters.postprocess.benchmark_name);
      report.add("dim", static_cast<long long>(dim));
      report.add("n", static_cast<long long>(parameters.geometry.subdivisions));
      report.add("dofs", static_cast<long long>(problem.n_dofs()));
      report.add("mpi_ranks", static_cast<long long>(n_ranks));
      report.add("wall_total_s", total);
      report.add("wall_per_step_s",
                 stats.empty() ? total : total / stats.size());
      report.add("newton_iterations_total", newton);
      report.add("linear_iterations_total", linear);
      report.add("peak_memory_mb", peak_memory_mb(comm));
      report.add("refinement",
                 parameters.refinement.strategy
                     == RefinementParameters::Strategy::uniform
                   ? std::string("uniform")
                   : std::string("adaptive"));
      report.add("linear_algebra", std::string(LinearAlgebra::name));
      report.add("cycles", static_cast<long long>(stats.size()));
      report.add("cells",
                 static_cast<long long>(
                   problem.get_triangulation().n_global_active_cells()));
      if (!stats.empty())
      {
        if (!parameters.postprocess.probe_point.empty())
          report.add("phi_mid", stats.back().potential_probe);
        report.add("int_phi", stats.back().potential_integral);
        if (stats.back().l2_error >= 0)
          report.add("l2_error", stats.back().l2_error);
      }
      report.add("status",
                 code == exit_code::success ? std::string("converged")
                                            : std::string("solver failure"));
      if (root)
        std::cout << report.line() << std::endl;
      return code;
    }
  } // namespace



  int
  run_space_charge_simulation(const ParameterHandler           &prm,
                              const PoissonBoltzmannParameters &parameters,
                              const MPI_Comm                    communicator)
  {
    const bool petsc = parameters.linear_algebra
                       == PoissonBoltzmannParameters::LinearAlgebra::petsc;
    return dispatch_dimension_and_backend(
      parameters.geometry.dimension,
      petsc,
      [&](auto dim, auto backend)
      {
        return run<decltype(dim)::value, decltype(backend)>(prm,
                                                            parameters,
                                                            communicator);
      });
  }
} // namespace exsolve
