// PB-S benchmark (benchmarks.md) as a convergence study, against the
// semi-analytic planar layer (first integral + Dormand-Prince ODE solve,
// accurate to ~1e-11; the finite domain adds exp(-1/lambda_D) ~ 1e-14).
//  1. The reference is mesh-converged: a 1D Q1 solution on 16384 cells is
//     within 1e-7 of it in L2 (expected 4e-8 from the observed h^2 constant).
//  2. Uniform refinement: observed L2 rate of Q1 between 1.95 and 2.05 in 1D
//     (n = 128 .. 1024) and 2D (n = 64 .. 256).
//  3. The solution depends on x only: 1D, 2D and 3D give the same phi_mid and
//     int_phi at n = 16 (to 1e-9, the Newton tolerance).
//  4. Adaptivity pays: 2D adaptive refinement reaches the error of uniform
//     n = 256 with at most one fifth of its 66049 DoFs.
// Serial.
#include <exsolve/electrostatics/poisson_boltzmann_problem.h>
#include <exsolve/linear_algebra/backends.h>

#include "test_utilities.h"

using namespace exsolve;

template <int dim>
CycleStatistics
solve(const testing::Overrides     &overrides,
      std::vector<CycleStatistics> *all_cycles = nullptr)
{
  const auto parameters
    = testing::load_parameters("parameter_files/benchmarks/pb-s_"
                                 + std::to_string(dim) + "d.prm",
                               overrides);
  PoissonBoltzmannProblem<dim, TrilinosBackend> problem(parameters,
                                                        MPI_COMM_WORLD,
                                                        false);
  problem.run();
  if (all_cycles != nullptr)
    *all_cycles = problem.statistics();
  return problem.statistics().back();
}

testing::Overrides
uniform(const unsigned int n)
{
  return {{"Geometry/Subdivisions", std::to_string(n)}};
}

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                         c;

  c.close(solve<1>(uniform(16384)).l2_error,
          0.,
          0,
          1e-7,
          "1D n = 16384: distance to the semi-analytic reference");

  std::vector<double> e1;
  for (const unsigned int n : {128u, 256u, 512u, 1024u})
    e1.push_back(solve<1>(uniform(n)).l2_error);
  for (unsigned int k = 1; k < e1.size(); ++k)
    c.within(std::log2(e1[k - 1] / e1[k]),
             1.95,
             2.05,
             "1D observed L2 rate, n = " + std::to_string(64u << k) + " -> "
               + std::to_string(128u << k));

  std::vector<double>          e2;
  std::vector<CycleStatistics> uniform_2d;
  for (const unsigned int n : {64u, 128u, 256u})
    uniform_2d.push_back(solve<2>(uniform(n)));
  for (unsigned int k = 1; k < uniform_2d.size(); ++k)
    c.within(std::log2(uniform_2d[k - 1].l2_error / uniform_2d[k].l2_error),
             1.95,
             2.05,
             "2D observed L2 rate, step " + std::to_string(k));

  const auto s1 = solve<1>(uniform(16));
  const auto s2 = solve<2>(uniform(16));
  const auto s3 = solve<3>(uniform(16));
  c.close(s2.potential_probe, s1.potential_probe, 1e-9, 0, "phi_mid 2D = 1D");
  c.close(s3.potential_probe, s1.potential_probe, 1e-9, 0, "phi_mid 3D = 1D");
  c.close(
    s2.potential_integral, s1.potential_integral, 1e-9, 0, "int_phi 2D = 1D");
  c.close(
    s3.potential_integral, s1.potential_integral, 1e-9, 0, "int_phi 3D = 1D");

  const double                 target = uniform_2d.back().l2_error;
  std::vector<CycleStatistics> adaptive;
  solve<2>({{"Geometry/Subdivisions", "8"},
            {"Mesh refinement/Strategy", "adaptive"},
            {"Mesh refinement/Refine fraction", "0.5"},
            {"Mesh refinement/Refinement cycles", "13"}},
           &adaptive);
  unsigned long long dofs = 0;
  for (const auto &s : adaptive)
    if (s.l2_error <= target)
    {
      dofs = s.dofs;
      break;
    }
  c.check(dofs > 0,
          "adaptive 2D reaches the uniform n = 256 error "
            + std::to_string(target));
  c.within(static_cast<double>(dofs),
           1,
           uniform_2d.back().dofs / 5.,
           "adaptive DoFs at that error (uniform: "
             + std::to_string(uniform_2d.back().dofs) + ")");
  return c.exit_code();
}
