#pragma once

#include <deal.II/base/parameter_handler.h>

#include <exsolve/io/catalyst_parameters.h>
#include <exsolve/io/checkpoint_parameters.h>
#include <exsolve/io/run_directory.h>

#include <string>

namespace exsolve
{
  /// Section "Output": where and what a run writes.
  struct OutputParameters
  {
    std::string            directory = "results";
    RunDirectory::IfExists if_exists = RunDirectory::IfExists::error;
    bool                   write_vtu = true;
    CatalystParameters     catalyst;
    CheckpointParameters   checkpoints;
    /// Run directory to continue from its newest valid checkpoint
    /// (`--resume DIR`); empty for a new run.
    std::string resume_directory;

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /// @p input_directory (the parameter file's) locates relative paths.
    void
    parse_parameters(dealii::ParameterHandler &prm,
                     const std::string        &input_directory = ".");
  };

  /// Write the complete parameter set of a run (every entry, defaults
  /// included) as @p name into @p output, from rank 0. Collective.
  void
  write_parameter_file(const RunDirectory             &output,
                       const dealii::ParameterHandler &prm,
                       const MPI_Comm                  communicator,
                       const std::string              &name = "parameters.prm");
} // namespace exsolve
