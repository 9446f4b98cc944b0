#include <deal.II/base/exceptions.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/utilities.h>

#include <exsolve/chemistry/brouwer_diagram.h>
#include <exsolve/core/application.h>
#include <exsolve/core/command_line.h>
#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_reading.h>
#include <exsolve/core/version.h>
#include <exsolve/electrostatics/poisson_boltzmann_parameters.h>
#include <exsolve/electrostatics/space_charge_simulation.h>
#include <exsolve/io/console.h>
#include <exsolve/io/parameter_documentation.h>
#include <exsolve/microstructure/microstructure_simulation.h>
#include <exsolve/particles/particle_simulation.h>
#include <exsolve/transport/transport_parameters.h>
#include <exsolve/transport/transport_simulation.h>

#include <iostream>

namespace exsolve
{



  int
  run_application(const std::vector<std::string> &arguments)
  {
    const MPI_Comm comm = MPI_COMM_WORLD;
    const bool     root = dealii::Utilities::MPI::this_mpi_process(comm) == 0;
    try
    {
      const CommandLine cl = CommandLine::parse(arguments);
      console::set_verbosity(cl.verbosity);
      dealii::ParameterHandler prm;
      PoissonBoltzmannParameters::declare_parameters(prm);
      TransportParameters::declare_parameters(prm);

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
                (cl.print_format == "json" ? dealii::ParameterHandler::JSON
                                           : dealii::ParameterHandler::PRM)
                  | dealii::ParameterHandler::KeepDeclarationOrder);
          }
          return exit_code::success;
        case CommandLine::Action::run:
        case CommandLine::Action::brouwer:
          break;
      }

      read_parameters(prm, cl.parameter_file, cl.overrides);
      if (cl.action == CommandLine::Action::brouwer)
        return run_brouwer_diagram(prm, comm);
      require_input(cl.resume_directory.empty()
                      || simulation_model(prm) == "transport",
                    "--resume",
                    cl.resume_directory,
                    "only transient runs (Physics/Model = transport) write "
                    "checkpoints; this parameter file runs '"
                      + simulation_model(prm) + "'");
      if (simulation_model(prm) == "microstructure")
        return run_microstructure_simulation(prm, comm, cl.parameter_file);
      if (simulation_model(prm) == "particles")
        return run_particle_simulation(prm, comm);
      if (simulation_model(prm) == "transport")
      {
        TransportParameters parameters;
        parameters.parse_parameters(prm, cl.parameter_file);
        if (!cl.resume_directory.empty())
        {
          // The run continues in its own directory, whatever
          // Output/Directory says.
          auto &output            = parameters.base.output;
          output.directory        = cl.resume_directory;
          output.resume_directory = cl.resume_directory;
          output.if_exists        = RunDirectory::IfExists::resume;
        }
        return run_transport_simulation(prm, parameters, comm);
      }
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
