#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/timer.h>

#include <exsolve/core/input_error.h>
#include <exsolve/core/version.h>
#include <exsolve/io/benchmark_report.h>
#include <exsolve/io/checkpoint_store.h>
#include <exsolve/io/console.h>
#include <exsolve/linear_algebra/backends.h>
#include <exsolve/transport/transport_problem.h>
#include <exsolve/transport/transport_simulation.h>

#include <cmath>
#include <iomanip>
#include <iostream>

namespace exsolve
{
  using namespace dealii;

  namespace
  {
    void
    print_header(const TransportParameters &p,
                 const unsigned int         dim,
                 const char                *backend,
                 const unsigned int         n_ranks,
                 ConditionalOStream        &pcout)
    {
      const auto &e  = p.base.electrolyte;
      const auto &ts = p.time_stepping;
      pcout << "exsolve " << version_string
            << ": Poisson-Nernst-Planck transport, " << dim << "D, " << n_ranks
            << " MPI rank(s), " << backend << ", Q" << p.base.polynomial_degree
            << " elements, BDF" << ts.order
            << (ts.adaptive ? " with adaptive steps" : " with fixed steps")
            << "\n";
      const char *time_unit = e.scales.dimensionless ? "" : " s";
      pcout << "  t = " << ts.start_time * p.time_scale << " .. "
            << ts.end_time * p.time_scale << time_unit
            << ", reference time L^2/D_max = " << p.time_scale << time_unit
            << ", lambda~ = " << std::sqrt(e.scales.lambda_squared) << "\n";
      for (unsigned int i = 0; i < e.names.size(); ++i)
        pcout << "  species " << e.names[i] << ": z = " << e.charges[i]
              << ", D/D_max = " << p.diffusivities[i] << ", bulk c = "
              << e.bulk_concentrations[i] * e.scales.concentration
              << (e.scales.dimensionless ? "" : " m^-3") << "\n";
      pcout << std::endl;
    }

    template <int dim, class LinearAlgebra>
    int
    run(const ParameterHandler    &prm,
        const TransportParameters &parameters,
        const MPI_Comm             comm)
    {
      Timer              wall(comm, true);
      const bool         root    = Utilities::MPI::this_mpi_process(comm) == 0;
      const unsigned int n_ranks = Utilities::MPI::n_mpi_processes(comm);
      ConditionalOStream pcout(std::cout,
                               root
                                 && console::shows(console::Verbosity::normal));
      const auto        &base = parameters.base;

      // Input and initial state are checked before the directory exists.
      RunDirectory::check_writable(base.output.directory,
                                   base.output.if_exists,
                                   comm);
      // The newest checkpoint that checks out; damaged ones are named.
      const bool  resume = !base.output.resume_directory.empty();
      std::string checkpoint;
      if (resume)
      {
        const CheckpointStore    store(base.output.resume_directory, comm);
        std::vector<std::string> passed_over;
        checkpoint = store.newest_valid(passed_over);
        if (root)
          for (const auto &why : passed_over)
            std::cerr << "exsolve: warning: checkpoint passed over, " << why
                      << std::endl;
      }
      print_header(parameters, dim, LinearAlgebra::name, n_ranks, pcout);
      TransportProblem<dim, LinearAlgebra> problem(parameters, comm);
      if (resume)
        problem.resume(checkpoint);
      else
        problem.initialize();

      const RunDirectory output(base.output.directory,
                                base.output.if_exists,
                                comm);
      // A resumed run keeps the first run's parameters.prm and records its
      // own (perhaps a later end time) beside it.
      write_parameter_file(output,
                           prm,
                           comm,
                           resume ? "parameters_resumed.prm"
                                  : "parameters.prm");

      int         code = exit_code::success;
      std::string failure;
      try
      {
        CatalystSession catalyst(base.output.catalyst, output, comm);
        problem.run(&output, &catalyst);
      }
      catch (const SolverFailure &exc)
      {
        code    = exit_code::solver_failure;
        failure = exc.what();
      }

      const auto &names = base.electrolyte.names;
      output.synchronize();
      problem.get_timer().print_summary();
      if (code != exit_code::success && root)
        std::cerr << "exsolve: solver failure: " << failure << std::endl;

      const auto     &totals = problem.totals();
      const double    total  = wall.wall_time();
      BenchmarkReport report;
      report.add("name", base.postprocess.benchmark_name);
      report.add("dim", static_cast<long long>(dim));
      report.add("n", static_cast<long long>(base.geometry.subdivisions));
      report.add("dofs", static_cast<long long>(problem.n_dofs()));
      report.add("mpi_ranks", static_cast<long long>(n_ranks));
      report.add("wall_total_s", total);
      report.add("wall_per_step_s",
                 totals.accepted_steps > 0 ? total / totals.accepted_steps
                                           : total);
      report.add("newton_iterations_total",
                 static_cast<long long>(totals.newton_iterations));
      report.add("linear_iterations_total",
                 static_cast<long long>(totals.linear_iterations));
      report.add("peak_memory_mb", peak_memory_mb(comm));
      report.add("linear_algebra", std::string(LinearAlgebra::name));
      report.add("steps", static_cast<long long>(totals.accepted_steps));
      report.add("rejected_steps",
                 static_cast<long long>(totals.rejected_steps));
      report.add("failed_steps", static_cast<long long>(totals.failed_steps));
      report.add("cells",
                 static_cast<long long>(
                   problem.get_triangulation().n_global_active_cells()));
      report.add("t_end", problem.current_time() * parameters.time_scale);
      const std::vector<double> amounts = problem.amounts();
      const double              c_unit  = base.electrolyte.scales.concentration;
      for (unsigned int s = 0; s < names.size(); ++s)
        report.add("int_" + names[s], amounts[s] * c_unit);
      if (!base.postprocess.probe_point.empty())
      {
        Point<dim> p;
        for (unsigned int d = 0; d < dim; ++d)
          p[d] = base.postprocess.probe_point[d];
        report.add("phi_mid", problem.potential_at(p));
      }
      if (!parameters.mean_concentration_boundary.empty())
      {
        const auto means = problem.boundary_mean_concentrations(
          parameters.mean_concentration_boundary);
        for (unsigned int s = 0; s < names.size(); ++s)
          report.add(names[s] + "_surf_mean", means[s]);
      }
      report.add("Q", problem.total_charge() * c_unit);
      report.add("resumed", static_cast<long long>(resume));
      report.add("status",
                 code == exit_code::success ? std::string("completed")
                                            : std::string("solver failure"));
      if (root)
        std::cout << report.line() << std::endl;
      return code;
    }
  } // namespace



  int
  run_transport_simulation(const ParameterHandler    &prm,
                           const TransportParameters &parameters,
                           const MPI_Comm             communicator)
  {
    const bool petsc = parameters.base.linear_algebra
                       == PoissonBoltzmannParameters::LinearAlgebra::petsc;
    return dispatch_dimension_and_backend(
      parameters.base.geometry.dimension,
      petsc,
      [&](auto dim, auto backend)
      {
        return run<decltype(dim)::value, decltype(backend)>(prm,
                                                            parameters,
                                                            communicator);
      });
  }
} // namespace exsolve
