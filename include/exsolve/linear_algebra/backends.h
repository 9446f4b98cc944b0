#pragma once

#include <deal.II/lac/petsc_precondition.h>
#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>
#include <deal.II/lac/trilinos_precondition.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_vector.h>

#include <string>

namespace exsolve
{
  /**
   * The two linear-algebra backends, selected at run time by
   * "Solver/Linear algebra". Solvers are templates on one of these traits
   * classes and are instantiated for both in separate translation units.
   */
  struct TrilinosBackend
  {
    using Vector         = dealii::TrilinosWrappers::MPI::Vector;
    using SparseMatrix   = dealii::TrilinosWrappers::SparseMatrix;
    using Preconditioner = dealii::TrilinosWrappers::PreconditionAMG;
    static constexpr const char *name = "Trilinos";

    /// ML smoothed-aggregation AMG for a scalar elliptic operator.
    static void
    initialize_amg(Preconditioner     &amg,
                   const SparseMatrix &matrix,
                   const unsigned int  dim,
                   const unsigned int  degree);
  };

  struct PETScBackend
  {
    using Vector         = dealii::PETScWrappers::MPI::Vector;
    using SparseMatrix   = dealii::PETScWrappers::MPI::SparseMatrix;
    using Preconditioner = dealii::PETScWrappers::PreconditionBoomerAMG;
    static constexpr const char *name = "PETSc";

    /// hypre BoomerAMG, with 3D settings (HMIS, ext+i, threshold 0.5).
    static void
    initialize_amg(Preconditioner     &amg,
                   const SparseMatrix &matrix,
                   const unsigned int  dim,
                   const unsigned int  degree);
  };
} // namespace exsolve
