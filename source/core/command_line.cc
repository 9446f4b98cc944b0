#include <deal.II/base/utilities.h>

#include <exsolve/core/command_line.h>
#include <exsolve/core/input_error.h>

namespace exsolve
{
  CommandLine
  CommandLine::parse(const std::vector<std::string> &arguments)
  {
    CommandLine cl;
    for (unsigned int i = 0; i < arguments.size(); ++i)
    {
      const std::string &a = arguments[i];
      if (a == "--help" || a == "-h")
        cl.action = Action::help;
      else if (a == "--version")
        cl.action = Action::version;
      else if (a == "--print-parameters")
      {
        cl.action = Action::print_parameters;
        if (i + 1 < arguments.size() && arguments[i + 1][0] != '-')
          cl.print_format = arguments[++i];
        require_input(cl.print_format == "prm" || cl.print_format == "json"
                        || cl.print_format == "md",
                      "--print-parameters",
                      cl.print_format,
                      "allowed formats: prm, json, md");
      }
      else if (a == "--set" || a.rfind("--set=", 0) == 0)
      {
        std::string assignment;
        if (a == "--set")
        {
          require_input(i + 1 < arguments.size(),
                        "--set",
                        "(nothing)",
                        "expects \"Section/Entry=value\"");
          assignment = arguments[++i];
        }
        else
          assignment = a.substr(6);
        const auto eq = assignment.find('=');
        require_input(eq != std::string::npos && eq > 0,
                      "--set",
                      assignment,
                      "expects \"Section/Entry=value\"");
        cl.overrides.emplace_back(
          dealii::Utilities::trim(assignment.substr(0, eq)),
          dealii::Utilities::trim(assignment.substr(eq + 1)));
      }
      else if (a == "--quiet" || a == "-q")
        cl.verbosity = console::Verbosity::quiet;
      else if (a == "--verbose" || a == "-v")
        cl.verbosity = console::Verbosity::verbose;
      else if (a == "--resume" || a.rfind("--resume=", 0) == 0)
      {
        if (a == "--resume")
        {
          require_input(i + 1 < arguments.size() && !arguments[i + 1].empty()
                          && arguments[i + 1][0] != '-',
                        "--resume",
                        "(nothing)",
                        "expects the directory of the run to continue");
          cl.resume_directory = arguments[++i];
        }
        else
          cl.resume_directory = a.substr(9);
        require_input(!cl.resume_directory.empty(),
                      "--resume",
                      "(empty)",
                      "expects the directory of the run to continue");
      }
      else if (a == "brouwer" && cl.action == Action::run)
        cl.action = Action::brouwer;
      else if (!a.empty() && a[0] == '-')
        throw InputError("unknown option '" + a + "'; see exsolve --help");
      else
      {
        require_input(cl.parameter_file.empty(),
                      "parameter file",
                      a,
                      "only one parameter file may be given (already '"
                        + cl.parameter_file + "')");
        cl.parameter_file = a;
      }
    }
    if (cl.action == Action::run || cl.action == Action::brouwer)
      require_input(!cl.parameter_file.empty(),
                    "parameter file",
                    "(none)",
                    "give a parameter file: exsolve FILE.prm (see exsolve "
                    "--help)");
    return cl;
  }



  std::string
  CommandLine::usage()
  {
    return R"(exsolve: finite-element multiphysics for exsolution catalysts

Usage:
  exsolve FILE.prm [--set "Section/Entry=value"]...   run a simulation
  exsolve brouwer FILE.prm [--set ...]                Brouwer diagram of the
                                                      defect chemistry (CSV,
                                                      PNG)
  mpirun -np N exsolve FILE.prm [...]                 run on N MPI ranks
  exsolve FILE.prm --resume DIR                       continue the run in DIR
                                                      from its newest valid
                                                      checkpoint (also on
                                                      another rank count)
  exsolve --print-parameters [prm|json|md]            all parameters with
                                                      documentation and ranges
  exsolve --version                                   version information
  exsolve --help                                      this text

Options for runs:
  --quiet, -q      only warnings, errors and the BENCHMARK line
  --verbose, -v    also every Newton iteration
  --set ...        see below

--set overrides any parameter of FILE.prm (repeatable), for example
  exsolve pb.prm --set "Geometry/Subdivisions=64" --set "Solver/Linear algebra=PETSc"
Every run writes its directory (Output/Directory) and prints, as its last line,
a BENCHMARK line with timings and diagnostics in JSON.

Exit codes: 0 success, 2 invalid input (nothing written), 3 solver failure,
1 internal error.
)";
  }
} // namespace exsolve
