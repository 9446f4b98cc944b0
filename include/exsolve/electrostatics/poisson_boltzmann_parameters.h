#pragma once

#include <deal.II/base/parameter_handler.h>

#include <exsolve/core/newton_solver.h>
#include <exsolve/electrostatics/boundary_conditions.h>
#include <exsolve/electrostatics/electrolyte.h>
#include <exsolve/io/output_parameters.h>
#include <exsolve/mesh/adaptive_refinement.h>
#include <exsolve/mesh/geometry.h>

#include <string>
#include <vector>

namespace exsolve
{
  /// Section "Postprocess": diagnostics reported per cycle and in BENCHMARK.
  struct PostprocessParameters
  {
    /// Point for phi_mid (user length units; trailing coordinates dropped).
    std::vector<double> probe_point;
    /// Compare with the semi-analytic planar layer at x_min.
    bool        planar_layer_reference = false;
    std::string benchmark_name;

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm,
                     const std::string        &default_benchmark_name);
  };

  /// Everything a Poisson-Boltzmann run needs, parsed and validated.
  struct PoissonBoltzmannParameters
  {
    enum class LinearAlgebra
    {
      trilinos,
      petsc
    };

    GeometryParameters              geometry;
    Electrolyte                     electrolyte;
    ElectrostaticBoundaryConditions boundary_conditions;
    RefinementParameters            refinement;
    NewtonParameters                newton;
    LinearAlgebra                   linear_algebra    = LinearAlgebra::trilinos;
    unsigned int                    polynomial_degree = 1;
    PostprocessParameters           postprocess;
    OutputParameters                output;

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /// @p input_file locates relative mesh paths and names the benchmark.
    void
    parse_parameters(dealii::ParameterHandler &prm,
                     const std::string        &input_file);
  };
} // namespace exsolve
