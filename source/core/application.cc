#include <deal.II/base/exceptions.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/utilities.h>

#include <exsolve/core/application.h>
#include <exsolve/core/command_line.h>
#include <exsolve/core/input_error.h>
#include <exsolve/core/version.h>
#include <exsolve/electrostatics/poisson_boltzmann_parameters.h>
#include <exsolve/electrostatics/space_charge_simulation.h>
#include <exsolve/io/parameter_documentation.h>

#include <filesystem>
#include <iostream>
#include <sstream>

namespace exsolve
{
  namespace
  {
    /// The message of a deal.II exception without file/line boilerplate.
    std::string
    message_of(const std::exception &exc)
    {
      if (const auto *dealii_exc = dynamic_cast<const dealii::ExceptionBase *>(&exc))
        {
          std::ostringstream s;
          dealii_exc->print_info(s);
          std::string text = s.str();
          while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
            text.pop_back();
          return dealii::Utilities::trim(text);
        }
      return exc.what();
    }

    /// Apply one --set override, validated against the declared pattern.
    void
    apply_override(dealii::ParameterHandler &prm,
                   const std::string        &path,
                   const std::string        &value)
    {
      const auto parts = dealii::Utilities::split_string_list(path, '/');
      require_input(!parts.empty(), "--set", path, "expects Section/Entry=value");
      for (unsigned int i = 0; i + 1 < parts.size(); ++i)
        prm.enter_subsection(parts[i]);
      try
        {
          prm.set(parts.back(), value);
        }
      catch (const std::exception &exc)
        {
          for (unsigned int i = 0; i + 1 < parts.size(); ++i)
            prm.leave_subsection();
          throw InputError("--set \"" + path + "=" + value +
                           "\": " + message_of(exc));
        }
      for (unsigned int i = 0; i + 1 < parts.size(); ++i)
        prm.leave_subsection();
    }

    void
    read_parameters(dealii::ParameterHandler &prm, const CommandLine &cl)
    {
      require_input(std::filesystem::is_regular_file(cl.parameter_file),
                    "parameter file",
                    cl.parameter_file,
                    "cannot be opened (no such file)");
      try
        {
          prm.parse_input(cl.parameter_file, "", /*skip_undefined=*/false, true);
        }
      catch (const std::exception &exc)
        {
          throw InputError("in parameter file " + cl.parameter_file + ": " +
                           message_of(exc));
        }
      for (const auto &[path, value] : cl.overrides)
        apply_override(prm, path, value);
    }
  } // namespace



  int
  run_application(const std::vector<std::string> &arguments)
  {
    const MPI_Comm comm = MPI_COMM_WORLD;
    const bool     root = dealii::Utilities::MPI::this_mpi_process(comm) == 0;
    try
      {
        const CommandLine cl = CommandLine::parse(arguments);
        dealii::ParameterHandler prm;
        PoissonBoltzmannParameters::declare_parameters(prm);

        switch (cl.action)
          {
            case CommandLine::Action::help:
              if (root)
                std::cout << CommandLine::usage();
              return exit_code::success;
            case CommandLine::Action::version:
              if (root)
                std::cout << "exsolve " << version_string << " (git "
                          << git_revision << "), deal.II " << deal_ii_version
                          << ", linear algebra: PETSc and Trilinos, meshes: "
                             "p4est\n";
              return exit_code::success;
            case CommandLine::Action::print_parameters:
              if (root)
                {
                  if (cl.print_format == "md")
                    print_parameters_markdown(prm, std::cout);
                  else
                    prm.print_parameters(
                      std::cout,
                      (cl.print_format == "json" ?
                         dealii::ParameterHandler::JSON :
                         dealii::ParameterHandler::PRM) |
                        dealii::ParameterHandler::KeepDeclarationOrder);
                }
              return exit_code::success;
            case CommandLine::Action::run:
              break;
          }

        read_parameters(prm, cl);
        PoissonBoltzmannParameters parameters;
        parameters.parse_parameters(prm, cl.parameter_file);
        return run_space_charge_simulation(prm, parameters, comm);
      }
    catch (const InputError &exc)
      {
        if (root)
          std::cerr << "exsolve: input error: " << exc.what() << std::endl;
        return exit_code::input_error;
      }
    catch (const SolverFailure &exc)
      {
        if (root)
          std::cerr << "exsolve: solver failure: " << exc.what() << std::endl;
        return exit_code::solver_failure;
      }
    catch (const std::exception &exc)
      {
        std::cerr << "exsolve: internal error: " << exc.what() << std::endl;
        return exit_code::internal_error;
      }
  }
} // namespace exsolve
