// Unit tests of input handling: parameter string parsing, the command line,
// boundary names, atomic file writing and the BENCHMARK line. Each check
// asserts the exact parsed value or that an InputError names the parameter.
// Serial.
#include <exsolve/core/command_line.h>
#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_utilities.h>
#include <exsolve/electrostatics/field_output.h>
#include <exsolve/io/benchmark_report.h>
#include <exsolve/io/run_directory.h>
#include <exsolve/mesh/boundary_names.h>

#include <filesystem>
#include <fstream>

#include "test_utilities.h"

using namespace exsolve;

namespace
{
  /// True if f() throws an InputError whose message contains all @p words.
  template <typename F>
  bool
  throws_input_error(F f, const std::vector<std::string> &words)
  {
    try
    {
      f();
    }
    catch (const InputError &e)
    {
      const std::string message = e.what();
      for (const auto &w : words)
        if (message.find(w) == std::string::npos)
        {
          std::cout << "    message '" << message << "' lacks '" << w << "'"
                    << std::endl;
          return false;
        }
      return true;
    }
    return false;
  }
} // namespace

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                         c;

  // Maps and numbers.
  const auto map = parameters::parse_map("surface: 0.2, bulk :0", "S/E");
  c.check(map.size() == 2 && map.at("surface") == "0.2"
            && map.at("bulk") == "0",
          "parse_map reads 'name: value' pairs");
  c.check(parameters::parse_map("", "S/E").empty(), "empty map");
  c.check(throws_input_error([] { parameters::parse_map("a: 1, a: 2", "S/E"); },
                             {"S/E", "twice"}),
          "duplicate key rejected");
  c.check(throws_input_error([] { parameters::parse_map("a 1", "S/E"); },
                             {"S/E", "a 1", "name: value"}),
          "missing colon rejected");
  c.close(parameters::parse_double(" -1.5e3 ", "S/E"), -1500., 0, 0, "double");
  c.check(throws_input_error([] { parameters::parse_double("1.5x", "S/E"); },
                             {"S/E", "1.5x", "floating point"}),
          "trailing garbage rejected");
  c.check(throws_input_error([] { parameters::parse_double("nan", "S/E"); },
                             {"finite"}),
          "NaN rejected");
  const auto list = parameters::parse_doubles("1; 2.5", "S/E", ";");
  c.check(list.size() == 2 && list[1] == 2.5, "list with ';'");

  // Command line.
  const auto cl = CommandLine::parse({"a.prm",
                                      "--set",
                                      "Geometry/Subdivisions = 64",
                                      "--set=Output/Directory=x"});
  c.check(cl.action == CommandLine::Action::run && cl.parameter_file == "a.prm",
          "positional parameter file");
  c.check(cl.overrides.size() == 2
            && cl.overrides[0].first == "Geometry/Subdivisions"
            && cl.overrides[0].second == "64" && cl.overrides[1].second == "x",
          "--set in both spellings, trimmed");
  c.check(CommandLine::parse({"--print-parameters", "md"}).print_format == "md",
          "--print-parameters md");
  c.check(throws_input_error(
            [] {
              CommandLine::parse({"--print-parameters", "xml"});
            },
            {"xml", "prm, json, md"}),
          "unknown print format rejected");
  c.check(throws_input_error(
            [] {
              CommandLine::parse({"a.prm", "--frobnicate"});
            },
            {"--frobnicate"}),
          "unknown option rejected");
  c.check(throws_input_error(
            [] {
              CommandLine::parse({"a.prm", "--set", "x"});
            },
            {"Section/Entry=value"}),
          "--set without '=' rejected");
  c.check(throws_input_error([] { CommandLine::parse({}); },
                             {"parameter file"}),
          "missing parameter file rejected");

  // Boundary names.
  BoundaryNames names;
  names.add(0, "x_min");
  names.add(1, "x_max");
  names.rename("x_min", "surface");
  c.check(names.id("surface", "P") == 0 && names.name(1) == "x_max",
          "boundary renamed");
  c.check(
    throws_input_error([&] { names.id("x_min", "Boundary conditions/X"); },
                       {"Boundary conditions/X", "x_min", "surface, x_max"}),
    "unknown boundary lists the known names");

  // Field names for VTK.
  c.check(sanitized_field_name("V_O..") == "V_Opp"
            && sanitized_field_name("e'") == "em",
          "Kroger-Vink names sanitised");

  // Atomic writing and the existing-directory policy.
  namespace fs          = std::filesystem;
  const std::string dir = "parameters_test_run";
  fs::remove_all(dir);
  {
    RunDirectory run(dir, RunDirectory::IfExists::error, MPI_COMM_WORLD);
    run.write_atomically("parameters.prm",
                         [](std::ostream &out) { out << "42\n"; });
    run.synchronize();
  }
  unsigned int n_files = 0;
  for (const auto &entry : fs::directory_iterator(dir))
  {
    (void)entry;
    ++n_files;
  }
  std::ifstream in(dir + "/parameters.prm");
  int           value = 0;
  in >> value;
  c.check(n_files == 1 && value == 42, "atomic write leaves only the file");
  c.check(throws_input_error(
            [&]
            {
              RunDirectory::check_writable(dir,
                                           RunDirectory::IfExists::error,
                                           MPI_COMM_WORLD);
            },
            {"Output/Directory", dir, "exists already"}),
          "existing directory refused");
  {
    RunDirectory run(dir, RunDirectory::IfExists::replace, MPI_COMM_WORLD);
  }
  c.check(fs::is_empty(dir), "replace starts from an empty directory");
  // 'replace' never deletes what exsolve did not write, nor the working
  // directory or its parents.
  std::ofstream(dir + "/user_data.txt") << "keep\n";
  c.check(throws_input_error(
            [&]
            {
              RunDirectory::check_writable(dir,
                                           RunDirectory::IfExists::replace,
                                           MPI_COMM_WORLD);
            },
            {"Output/Directory", "not written by exsolve"}),
          "foreign directory not replaced");
  c.check(throws_input_error(
            [&]
            {
              RunDirectory::check_writable(".",
                                           RunDirectory::IfExists::replace,
                                           MPI_COMM_WORLD);
            },
            {"Output/Directory", "working directory"}),
          "working directory not replaced");
  c.check(fs::exists(dir + "/user_data.txt"), "foreign file kept");
  fs::remove_all(dir);

  // BENCHMARK line.
  BenchmarkReport report;
  report.add("name", std::string("pb-s"));
  report.add("dim", 2LL);
  report.add("x", 0.5);
  c.check(report.line() == R"(BENCHMARK {"name": "pb-s", "dim": 2, "x": 0.5})",
          "BENCHMARK line is one JSON object");
  return c.exit_code();
}
