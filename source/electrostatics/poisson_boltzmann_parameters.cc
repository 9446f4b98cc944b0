#include <exsolve/chemistry/brouwer_diagram.h>
#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_utilities.h>
#include <exsolve/electrostatics/poisson_boltzmann_parameters.h>

#include <cmath>
#include <filesystem>

namespace exsolve
{
  using namespace dealii;

  void
  PostprocessParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Postprocess");
    {
      prm.declare_entry(
        "Probe point",
        "",
        Patterns::Anything(),
        "[nm] Point x, y, z where the potential is reported as phi_mid "
        "(coordinates beyond the dimension are ignored); empty for none.");
      prm.declare_entry(
        "Planar layer reference",
        "false",
        Patterns::Bool(),
        "[-] Report the L2 error against the semi-analytic solution of a "
        "planar space-charge layer at x = 0 (Dirichlet potential on x_min, "
        "neutral bulk with potential 0 far away); needs Geometry/Type = box.");
      prm.declare_entry("Benchmark name",
                        "",
                        Patterns::Anything(),
                        "[-] Name in the BENCHMARK line; empty: the parameter "
                        "file's name without directory and extension.");
    }
    prm.leave_subsection();
  }



  void
  PostprocessParameters::parse_parameters(
    ParameterHandler  &prm,
    const std::string &default_benchmark_name)
  {
    prm.enter_subsection("Postprocess");
    probe_point            = parameters::parse_doubles(prm.get("Probe point"),
                                            "Postprocess/Probe point");
    planar_layer_reference = prm.get_bool("Planar layer reference");
    benchmark_name         = prm.get("Benchmark name");
    prm.leave_subsection();
    if (benchmark_name.empty())
      benchmark_name = default_benchmark_name;
  }



  void
  PoissonBoltzmannParameters::declare_parameters(ParameterHandler &prm)
  {
    GeometryParameters::declare_parameters(prm);
    RefinementParameters::declare_parameters(prm);
    Electrolyte::declare_parameters(prm);
    BrouwerDiagramParameters::declare_parameters(prm);
    ElectrostaticBoundaryConditions::declare_parameters(prm);
    prm.enter_subsection("Discretization");
    prm.declare_entry("Polynomial degree",
                      "1",
                      Patterns::Integer(1, 4),
                      "[-] Degree p of the continuous Lagrange elements Q_p, "
                      "1..4.");
    prm.leave_subsection();
    NewtonParameters::declare_parameters(prm);
    prm.enter_subsection("Solver");
    prm.declare_entry(
      "Linear algebra",
      "Trilinos",
      Patterns::Selection("Trilinos|PETSc"),
      "[-] Backend for matrices, vectors and algebraic multigrid: Trilinos "
      "(ML) or PETSc (hypre BoomerAMG).");
    prm.leave_subsection();
    PostprocessParameters::declare_parameters(prm);
    OutputParameters::declare_parameters(prm);
  }



  void
  PoissonBoltzmannParameters::parse_parameters(ParameterHandler  &prm,
                                               const std::string &input_file)
  {
    namespace fs = std::filesystem;
    const std::string directory
      = input_file.empty() ? "." : fs::path(input_file).parent_path().string();
    geometry.parse_parameters(prm, directory.empty() ? "." : directory);
    refinement.parse_parameters(prm);
    electrolyte.parse_parameters(prm);
    boundary_conditions.parse_parameters(prm);
    prm.enter_subsection("Discretization");
    polynomial_degree = prm.get_integer("Polynomial degree");
    prm.leave_subsection();
    newton.parse_parameters(prm);
    prm.enter_subsection("Solver");
    linear_algebra = prm.get("Linear algebra") == "PETSc"
                       ? LinearAlgebra::petsc
                       : LinearAlgebra::trilinos;
    prm.leave_subsection();
    postprocess.parse_parameters(prm,
                                 input_file.empty()
                                   ? "exsolve"
                                   : fs::path(input_file).stem().string());
    output.parse_parameters(prm, directory.empty() ? "." : directory);

    // Cross-parameter checks.
    const auto &bc = boundary_conditions;
    require_input(!bc.fixed_potential.empty() || !bc.stern_layer.empty(),
                  "Boundary conditions/Fixed potential",
                  "(empty)",
                  "the potential is only defined up to a constant: give at "
                  "least one boundary a fixed potential or a Stern layer");
    // Boltzmann equilibrium with a bulk needs the bulk to be neutral;
    // otherwise psi = 0 is no equilibrium and every result is off.
    const double imbalance = electrolyte.charge_density(0.);
    require_input(std::abs(imbalance) <= 1e-8 * electrolyte.charge_scale(),
                  "Physics/Fixed charge density",
                  parameters::to_string(electrolyte.fixed_charge
                                        * electrolyte.scales.concentration),
                  "the bulk must be electroneutral, but sum z_i c_i + fixed "
                  "charge = "
                    + parameters::to_string(imbalance
                                            * electrolyte.scales.concentration)
                    + " (relative to the charge scale: must vanish to 1e-8); "
                      "adjust Bulk concentrations or Fixed charge density");
    if (postprocess.planar_layer_reference)
      require_input(geometry.type == GeometryParameters::Type::box,
                    "Postprocess/Planar layer reference",
                    "true",
                    "needs Geometry/Type = box");
    require_input(postprocess.probe_point.empty()
                    || postprocess.probe_point.size() >= geometry.dimension,
                  "Postprocess/Probe point",
                  std::to_string(postprocess.probe_point.size())
                    + " coordinates",
                  "needs at least Geometry/Dimension coordinates");
  }
} // namespace exsolve
