#include <exsolve/core/input_error.h>
#include <exsolve/io/catalyst_parameters.h>

#include <filesystem>

namespace exsolve
{
  using namespace dealii;

  void
  CatalystParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Catalyst");
    {
      prm.declare_entry(
        "Enable",
        "false",
        Patterns::Bool(),
        "[-] Hand the fields to ParaView Catalyst during the run (in-situ "
        "visualisation, doc/catalyst.md): the distributed mesh as channel "
        "'bulk' with every field the VTU output has. Needs a build with "
        "ParaView (CMake option EXSOLVE_WITH_CATALYST).");
      prm.declare_entry(
        "Scripts",
        "",
        Patterns::List(Patterns::FileName(), 0, Patterns::List::max_int_value),
        "[-] Comma-separated Catalyst Python scripts (ParaView 5.11; v2 "
        "scripts start with '# script-version: 2'), relative to the "
        "parameter file or absolute; at least one when Enable = true. "
        "Examples in parameter_files/catalyst/.");
      prm.declare_entry(
        "Every n steps",
        "1",
        Patterns::Integer(1),
        "[-] Call Catalyst at step 0 (the initial state) and at every n-th "
        "accepted time step (transport) or refinement cycle (space charge), "
        "n >= 1.");
    }
    prm.leave_subsection();
  }



  void
  CatalystParameters::parse_parameters(ParameterHandler  &prm,
                                       const std::string &input_directory)
  {
    namespace fs = std::filesystem;
    prm.enter_subsection("Catalyst");
    enabled                = prm.get_bool("Enable");
    every_n_steps          = prm.get_integer("Every n steps");
    const std::string list = prm.get("Scripts");
    prm.leave_subsection();
    scripts.clear();
    if (!enabled)
      return;
    for (const auto &entry : Utilities::split_string_list(list, ','))
    {
      fs::path path(entry);
      if (path.is_relative())
        path = fs::path(input_directory) / path;
      require_input(fs::is_regular_file(path),
                    "Output/Catalyst/Scripts",
                    entry,
                    "no such file: " + path.string()
                      + " (relative paths are taken from the parameter "
                        "file's directory)");
      scripts.push_back(fs::absolute(path).lexically_normal().string());
    }
    require_input(!scripts.empty(),
                  "Output/Catalyst/Scripts",
                  "(empty)",
                  "Enable = true needs at least one Catalyst Python script");
#ifndef EXSOLVE_WITH_CATALYST
    throw InputError(
      "Output/Catalyst/Enable = true: this exsolve was built without "
      "ParaView Catalyst; install paraview-dev and python3-paraview "
      "(scripts/setup.sh does) and configure with cmake "
      "-DEXSOLVE_WITH_CATALYST=ON");
#endif
  }
} // namespace exsolve
