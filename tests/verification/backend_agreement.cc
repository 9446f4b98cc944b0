// PETSc (hypre BoomerAMG) and Trilinos (ML) give the same discrete solution:
// PB-S in 2D with 6 adaptive cycles (hanging nodes, mesh built from the
// solution, so the meshes must agree too) and in 3D on a uniform 12^3 mesh.
// Newton stops at 1e-12 of the initial residual, so phi_mid, int_phi and the
// L2 error must agree to 1e-9 relative. Serial.
#include <exsolve/electrostatics/poisson_boltzmann_problem.h>
#include <exsolve/linear_algebra/backends.h>

#include "test_utilities.h"

using namespace exsolve;

template <int dim>
void
compare(testing::Checker &c, const testing::Overrides &overrides)
{
  const std::string file
    = "parameter_files/benchmarks/pb-s_" + std::to_string(dim) + "d.prm";
  const auto p_trilinos      = testing::load_parameters(file, overrides);
  auto       petsc_overrides = overrides;
  petsc_overrides.emplace_back("Solver/Linear algebra", "PETSc");
  const auto p_petsc = testing::load_parameters(file, petsc_overrides);

  PoissonBoltzmannProblem<dim, TrilinosBackend> trilinos(p_trilinos,
                                                         MPI_COMM_WORLD,
                                                         false);
  PoissonBoltzmannProblem<dim, PETScBackend>    petsc(p_petsc,
                                                   MPI_COMM_WORLD,
                                                   false);
  trilinos.run();
  petsc.run();
  const auto       &a   = trilinos.statistics().back();
  const auto       &b   = petsc.statistics().back();
  const std::string tag = std::to_string(dim) + "D PETSc vs Trilinos: ";
  c.check(a.dofs == b.dofs && a.active_cells == b.active_cells,
          tag + "same mesh (" + std::to_string(a.dofs) + " DoFs)");
  c.close(b.potential_probe, a.potential_probe, 1e-9, 0, tag + "phi_mid");
  c.close(b.potential_integral, a.potential_integral, 1e-9, 0, tag + "int_phi");
  c.close(b.l2_error, a.l2_error, 1e-7, 0, tag + "L2 error");
}

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                         c;
  compare<2>(c,
             {{"Geometry/Subdivisions", "8"},
              {"Mesh refinement/Strategy", "adaptive"},
              {"Mesh refinement/Refinement cycles", "6"}});
  compare<3>(c, {{"Geometry/Subdivisions", "12"}});
  return c.exit_code();
}
