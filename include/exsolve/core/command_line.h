#pragma once

#include <exsolve/io/console.h>

#include <string>
#include <utility>
#include <vector>

namespace exsolve
{
  /// What the user asked for on the command line.
  struct CommandLine
  {
    enum class Action
    {
      run,
      help,
      version,
      print_parameters,
      brouwer
    };

    Action      action = Action::run;
    std::string parameter_file;
    std::string print_format = "prm";
    /// "--set Section/Entry=value", in order: {"Section/Entry", "value"}.
    std::vector<std::pair<std::string, std::string>> overrides;
    /// --quiet / --verbose.
    console::Verbosity verbosity = console::Verbosity::normal;
    /// --resume DIR: the run directory to continue.
    std::string resume_directory;

    /// Throws InputError for malformed arguments.
    static CommandLine
    parse(const std::vector<std::string> &arguments);

    static std::string
    usage();
  };
} // namespace exsolve
