// One and two MPI ranks agree: each case runs on both ranks (p4est or
// replicated 1D mesh, distributed vectors and AMG), then on rank 0 alone;
// mesh size, phi_mid, int_phi, the L2 error and the surface charge must
// agree to 1e-10 (absolute; all are O(0.01 .. 1)). Adaptive cases also check
// that the partition does not change the refined mesh. Run on 2 ranks.
#include <exsolve/electrostatics/poisson_boltzmann_problem.h>
#include <exsolve/linear_algebra/backends.h>

#include "test_utilities.h"

using namespace exsolve;

template <int dim, class LA>
std::vector<double>
run(const testing::Overrides &overrides, const MPI_Comm comm)
{
  const auto parameters
    = testing::load_parameters("parameter_files/benchmarks/pb-s_"
                                 + std::to_string(dim) + "d.prm",
                               overrides);
  PoissonBoltzmannProblem<dim, LA> problem(parameters, comm, false);
  problem.run();
  const auto &s = problem.statistics().back();
  return {static_cast<double>(s.dofs),
          static_cast<double>(s.active_cells),
          s.potential_probe,
          s.potential_integral,
          s.l2_error,
          s.boundary_charge.at("surface")};
}

template <int dim, class LA>
void
compare(testing::Checker         &c,
        const testing::Overrides &overrides,
        const std::string        &tag)
{
  const auto          two = run<dim, LA>(overrides, MPI_COMM_WORLD);
  std::vector<double> one(two.size());
  if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
    one = run<dim, LA>(overrides, MPI_COMM_SELF);
  one = dealii::Utilities::MPI::broadcast(MPI_COMM_WORLD, one, 0);
  const char *names[]
    = {"DoFs", "cells", "phi_mid", "int_phi", "L2 error", "surface charge"};
  for (unsigned int i = 0; i < one.size(); ++i)
    c.close(two[i],
            one[i],
            0,
            i < 2 ? 0 : 1e-10,
            tag + ": " + names[i] + " on 2 ranks vs 1");
}

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                         c;
  const testing::Overrides                 adaptive
    = {{"Geometry/Subdivisions", "8"},
       {"Mesh refinement/Strategy", "adaptive"},
       {"Mesh refinement/Refinement cycles", "8"}};
  compare<1, TrilinosBackend>(c, adaptive, "1D adaptive Trilinos");
  compare<2, TrilinosBackend>(c, adaptive, "2D adaptive Trilinos");
  compare<2, PETScBackend>(c, adaptive, "2D adaptive PETSc");
  compare<2, TrilinosBackend>(c,
                              {{"Geometry/Subdivisions", "128"}},
                              "2D uniform n = 128 Trilinos");
  compare<3, TrilinosBackend>(c,
                              {{"Geometry/Subdivisions", "4"},
                               {"Mesh refinement/Strategy", "adaptive"},
                               {"Mesh refinement/Refinement cycles", "5"}},
                              "3D adaptive Trilinos");
  return c.exit_code();
}
