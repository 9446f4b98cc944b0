#pragma once

#include <deal.II/base/parameter_handler.h>

#include <string>
#include <vector>

namespace exsolve
{
  /// Section "Output/Catalyst": ParaView Catalyst in-situ visualisation.
  struct CatalystParameters
  {
    bool enabled = false;
    /// Absolute paths of the Catalyst Python scripts, each checked to exist.
    std::vector<std::string> scripts;
    /// Hand the fields to Catalyst at step 0 and every this many steps.
    unsigned int every_n_steps = 1;

    /// Declares the subsection; call inside "Output".
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /// Reads the subsection (inside "Output"); relative script paths are
    /// taken relative to @p input_directory (the parameter file's). Throws
    /// InputError for a missing script or a build without Catalyst.
    void
    parse_parameters(dealii::ParameterHandler &prm,
                     const std::string        &input_directory);
  };
} // namespace exsolve
