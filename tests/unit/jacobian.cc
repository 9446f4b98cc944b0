// The hand-derived Newton Jacobian of the Poisson-Boltzmann residual against
// central finite differences, J(u) v ~ (F(u + h v) - F(u - h v)) / 2h with
// h = 1e-6: relative mismatch below 1e-6 (FD truncation ~h^2 |F'''|, round-off
// ~eps |F|/h). Covers 1D (PETSc), 2D with hanging nodes and a Stern layer
// (Trilinos) and 3D with a surface charge (Trilinos). Serial.
#include <exsolve/electrostatics/poisson_boltzmann_problem.h>
#include <exsolve/linear_algebra/backends.h>

#include "test_utilities.h"

using namespace exsolve;

template <int dim, class LA>
void
check_jacobian(testing::Checker &c, const testing::Overrides &overrides)
{
  const auto parameters
    = testing::load_parameters("parameter_files/benchmarks/pb-s_"
                                 + std::to_string(dim) + "d.prm",
                               overrides);
  PoissonBoltzmannProblem<dim, LA> problem(parameters, MPI_COMM_WORLD, false);
  problem.run();

  using Vector = typename LA::Vector;
  // Move away from the solution so that every term is exercised.
  Vector u(problem.current_solution());
  for (const auto i : u.locally_owned_elements())
    u[i] = 1.3 * u[i] + 0.1 * std::sin(0.7 * i);
  u.compress(dealii::VectorOperation::insert);
  Vector v(u);
  for (const auto i : v.locally_owned_elements())
    v[i] = std::cos(1.9 * i + 0.3);
  v.compress(dealii::VectorOperation::insert);
  problem.constrain_direction(v);
  problem.constrain_direction(u); // keeps hanging nodes consistent
  Vector Jv(u), plus(u), minus(u), up(u), um(u);
  problem.jacobian_vmult(u, v, Jv);
  const double h = 1e-6;
  up.add(h, v);
  um.add(-h, v);
  problem.compute_residual(up, plus);
  problem.compute_residual(um, minus);
  plus -= minus;
  plus /= 2 * h;
  plus -= Jv;
  c.close(plus.l2_norm() / Jv.l2_norm(),
          0.,
          0,
          1e-6,
          std::to_string(dim) + "D " + LA::name
            + " Jacobian vs finite differences (relative)");
}

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                         c;
  check_jacobian<1, PETScBackend>(c, {{"Geometry/Subdivisions", "32"}});
  check_jacobian<2, TrilinosBackend>(
    c,
    {{"Geometry/Subdivisions", "8"},
     {"Mesh refinement/Strategy", "adaptive"},
     {"Mesh refinement/Refinement cycles", "3"},
     {"Boundary conditions/Fixed potential", "bulk: 0"},
     {"Boundary conditions/Stern layer", "surface: 0.5; 2"},
     {"Postprocess/Planar layer reference", "false"}});
  check_jacobian<3, TrilinosBackend>(
    c,
    {{"Geometry/Subdivisions", "6"},
     {"Boundary conditions/Surface charge density", "y_min: 0.02"},
     {"Postprocess/Planar layer reference", "false"}});
  return c.exit_code();
}
