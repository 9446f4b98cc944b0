#include <deal.II/base/mpi.h>

#include <exsolve/io/output_parameters.h>

namespace exsolve
{
  using namespace dealii;

  void
  OutputParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Output");
    {
      prm.declare_entry(
        "Directory",
        "results",
        Patterns::Anything(),
        "[-] Directory for this run: parameters.prm (the full effective "
        "parameter set), summary.csv, VTU/PVTU files and their PVD index.");
      prm.declare_entry(
        "If directory exists",
        "error",
        Patterns::Selection("error|replace"),
        "[-] 'error' refuses to touch an existing directory; 'replace' "
        "deletes it once all input has been validated.");
      prm.declare_entry("Write VTU",
                        "true",
                        Patterns::Bool(),
                        "[-] Write the fields of each refinement cycle as "
                        "VTU/PVTU with a PVD index (open solution.pvd in "
                        "ParaView).");
      CatalystParameters::declare_parameters(prm);
      CheckpointParameters::declare_parameters(prm);
    }
    prm.leave_subsection();
  }



  void
  OutputParameters::parse_parameters(ParameterHandler  &prm,
                                     const std::string &input_directory)
  {
    prm.enter_subsection("Output");
    directory = prm.get("Directory");
    if_exists = prm.get("If directory exists") == "replace"
                  ? RunDirectory::IfExists::replace
                  : RunDirectory::IfExists::error;
    write_vtu = prm.get_bool("Write VTU");
    catalyst.parse_parameters(prm, input_directory);
    checkpoints.parse_parameters(prm);
    prm.leave_subsection();
  }


  void
  write_parameter_file(const RunDirectory     &output,
                       const ParameterHandler &prm,
                       const MPI_Comm          communicator,
                       const std::string      &name)
  {
    if (Utilities::MPI::this_mpi_process(communicator) == 0)
      output.write_atomically(name,
                              [&](std::ostream &out)
                              {
                                prm.print_parameters(
                                  out,
                                  ParameterHandler::PRM
                                    | ParameterHandler::KeepDeclarationOrder);
                              });
    output.synchronize();
  }
} // namespace exsolve
