#include <deal.II/base/timer.h>

#include <exsolve/chemistry/brouwer_diagram.h>
#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_utilities.h>
#include <exsolve/core/physical_constants.h>
#include <exsolve/electrostatics/electrolyte.h>
#include <exsolve/io/benchmark_report.h>
#include <exsolve/io/output_parameters.h>
#include <exsolve/io/run_directory.h>

#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <iostream>

namespace exsolve
{
  using namespace dealii;

  void
  BrouwerDiagramParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Brouwer diagram");
    {
      prm.declare_entry("Temperatures",
                        "1000",
                        Patterns::List(Patterns::Double(0), 1),
                        "[K] Temperatures of the diagram (one panel each), "
                        "300 .. 3000 K (exsolve brouwer FILE.prm).");
      prm.declare_entry("Minimum oxygen partial pressure",
                        "1e-20",
                        Patterns::Double(0),
                        "[Pa] Low end of the pO2 axis, >= 1e-40 Pa.");
      prm.declare_entry("Maximum oxygen partial pressure",
                        "1e5",
                        Patterns::Double(0),
                        "[Pa] High end of the pO2 axis, <= 1e10 Pa and above "
                        "the minimum.");
      prm.declare_entry("Points per decade",
                        "10",
                        Patterns::Integer(1, 1000),
                        "[-] Resolution of the pO2 axis, 1 .. 1000.");
    }
    prm.leave_subsection();
  }



  void
  BrouwerDiagramParameters::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Brouwer diagram");
    temperatures      = parameters::parse_doubles(prm.get("Temperatures"),
                                             "Brouwer diagram/Temperatures");
    minimum_pressure  = prm.get_double("Minimum oxygen partial pressure");
    maximum_pressure  = prm.get_double("Maximum oxygen partial pressure");
    points_per_decade = prm.get_integer("Points per decade");
    prm.leave_subsection();
    for (const double T : temperatures)
      require_input(T >= 300 && T <= 3000,
                    "Brouwer diagram/Temperatures",
                    parameters::to_string(T) + " K",
                    "each temperature must lie in 300 .. 3000 K");
    require_input(minimum_pressure >= 1e-40,
                  "Brouwer diagram/Minimum oxygen partial pressure",
                  parameters::to_string(minimum_pressure) + " Pa",
                  "must be at least 1e-40 Pa");
    require_input(maximum_pressure <= 1e10
                    && maximum_pressure > minimum_pressure,
                  "Brouwer diagram/Maximum oxygen partial pressure",
                  parameters::to_string(maximum_pressure) + " Pa",
                  "must exceed the minimum ("
                    + parameters::to_string(minimum_pressure)
                    + " Pa) and be at most 1e10 Pa");
  }



  std::vector<BulkEquilibrium>
  compute_brouwer_diagram(const DefectChemistry          &chemistry,
                          const BrouwerDiagramParameters &parameters)
  {
    const BulkEquilibriumSolver  solver(chemistry);
    std::vector<BulkEquilibrium> diagram;
    const double                 lo = std::log10(parameters.minimum_pressure);
    const double                 hi = std::log10(parameters.maximum_pressure);
    const unsigned int           n_points
      = std::max(2u,
                 static_cast<unsigned int>(
                   std::ceil((hi - lo) * parameters.points_per_decade - 1e-9))
                   + 1);
    for (const double T : parameters.temperatures)
    {
      std::vector<double> previous;
      for (unsigned int k = 0; k < n_points; ++k)
      {
        const double log_p = lo + (hi - lo) * k / (n_points - 1);
        diagram.push_back(solver.solve(T, std::pow(10., log_p), previous));
        previous = diagram.back().concentrations;
      }
    }
    return diagram;
  }



  void
  write_brouwer_csv(const DefectChemistry              &chemistry,
                    const std::vector<BulkEquilibrium> &diagram,
                    std::ostream                       &out)
  {
    out << "T_K,log10_pO2_Pa";
    for (const auto &s : chemistry.species)
      out << ",log10[" << s.name << "]";
    for (const auto &s : chemistry.species)
      out << ",slope[" << s.name << "]";
    out << '\n' << std::setprecision(12);
    for (const auto &point : diagram)
    {
      out << point.temperature << ','
          << std::log10(point.oxygen_partial_pressure);
      for (const double x : point.concentrations)
        out << ',' << std::log10(x);
      for (const double s : point.slopes)
        out << ',' << s;
      out << '\n';
    }
  }



  int
  run_brouwer_diagram(ParameterHandler &prm, const MPI_Comm comm)
  {
    Timer timer;
    // The species section is checked as for a simulation (charges against
    // the notation, concentrations), the chemistry comes with it.
    Electrolyte electrolyte;
    electrolyte.parse_parameters(prm);
    const DefectChemistry   &chemistry = electrolyte.chemistry;
    BrouwerDiagramParameters parameters;
    OutputParameters         output_parameters;
    parameters.parse_parameters(prm);
    output_parameters.parse_parameters(prm);
    require_input(chemistry.active(),
                  "Defect chemistry/Reactions",
                  "(empty)",
                  "a Brouwer diagram needs the defect reactions");
    RunDirectory::check_writable(output_parameters.directory,
                                 output_parameters.if_exists,
                                 comm);
    // Everything is computed before the directory is touched.
    const auto diagram = compute_brouwer_diagram(chemistry, parameters);

    const bool         root = Utilities::MPI::this_mpi_process(comm) == 0;
    const RunDirectory output(output_parameters.directory,
                              output_parameters.if_exists,
                              comm);
    write_parameter_file(output, prm, comm);
    if (root)
      output.write_atomically("brouwer.csv",
                              [&](std::ostream &out)
                              { write_brouwer_csv(chemistry, diagram, out); });
    output.synchronize();

    std::string png = "not written";
    if (root)
    {
      const std::string csv_path = output.path() + "/brouwer.csv";
      const std::string png_path = output.path() + "/brouwer.png";
      const std::string command  = std::string(EXSOLVE_PYTHON) + " "
                                  + EXSOLVE_SOURCE_DIR
                                  "/scripts/plot_brouwer.py '"
                                  + csv_path + "' '" + png_path + "'";
      if (std::system(command.c_str()) == 0)
        png = png_path;
      else
        std::cerr << "exsolve: warning: the plot (" << command
                  << ") failed; brouwer.csv is complete\n";

      unsigned int iterations = 0;
      for (const auto &p : diagram)
        iterations += p.iterations;
      std::cout << "Brouwer diagram: " << chemistry.n_species() << " species, "
                << chemistry.reactions.size() << " reactions, "
                << diagram.size() << " points\n"
                << "  table: " << csv_path << "\n  plot:  " << png << "\n";
      BenchmarkReport report;
      report.add("name", std::string("brouwer"));
      report.add("points", static_cast<long long>(diagram.size()));
      report.add("newton_iterations", static_cast<long long>(iterations));
      report.add("wall_time", timer.wall_time());
      std::cout << report.line() << std::endl;
    }
    return exit_code::success;
  }
} // namespace exsolve
