#pragma once

#include <deal.II/base/index_set.h>
#include <deal.II/lac/block_sparsity_pattern.h>
#include <deal.II/lac/petsc_block_sparse_matrix.h>
#include <deal.II/lac/petsc_block_vector.h>
#include <deal.II/lac/petsc_precondition.h>
#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>
#include <deal.II/lac/trilinos_block_sparse_matrix.h>
#include <deal.II/lac/trilinos_parallel_block_vector.h>
#include <deal.II/lac/trilinos_precondition.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_vector.h>

#include <string>
#include <type_traits>
#include <vector>

namespace exsolve
{
  /**
   * The two linear-algebra backends, selected at run time by
   * "Solver/Linear algebra". Solvers are templates on one of these traits
   * classes and are instantiated for both in separate translation units.
   */
  struct TrilinosBackend
  {
    using Vector            = dealii::TrilinosWrappers::MPI::Vector;
    using SparseMatrix      = dealii::TrilinosWrappers::SparseMatrix;
    using Preconditioner    = dealii::TrilinosWrappers::PreconditionAMG;
    using BlockVector       = dealii::TrilinosWrappers::MPI::BlockVector;
    using BlockSparseMatrix = dealii::TrilinosWrappers::BlockSparseMatrix;
    static constexpr const char *name = "Trilinos";

    /// ML smoothed-aggregation AMG for a scalar elliptic operator.
    static void
    initialize_amg(Preconditioner     &amg,
                   const SparseMatrix &matrix,
                   const unsigned int  dim,
                   const unsigned int  degree,
                   const bool          symmetric = true);

    /// Multiply row i of @p matrix by scaling(i).
    static void
    scale_rows(BlockSparseMatrix &matrix, const BlockVector &scaling);

    /// Distributed block matrix with rows and columns split as @p owned.
    static void
    reinit(BlockSparseMatrix                         &matrix,
           const std::vector<dealii::IndexSet>       &owned,
           const dealii::BlockDynamicSparsityPattern &pattern,
           const MPI_Comm                             communicator);
  };

  struct PETScBackend
  {
    using Vector            = dealii::PETScWrappers::MPI::Vector;
    using SparseMatrix      = dealii::PETScWrappers::MPI::SparseMatrix;
    using Preconditioner    = dealii::PETScWrappers::PreconditionBoomerAMG;
    using BlockVector       = dealii::PETScWrappers::MPI::BlockVector;
    using BlockSparseMatrix = dealii::PETScWrappers::MPI::BlockSparseMatrix;
    static constexpr const char *name = "PETSc";

    /// hypre BoomerAMG, with 3D settings (HMIS, ext+i, threshold 0.5).
    static void
    initialize_amg(Preconditioner     &amg,
                   const SparseMatrix &matrix,
                   const unsigned int  dim,
                   const unsigned int  degree,
                   const bool          symmetric = true);

    /// Multiply row i of @p matrix by scaling(i).
    static void
    scale_rows(BlockSparseMatrix &matrix, const BlockVector &scaling);

    /// Distributed block matrix with rows and columns split as @p owned.
    static void
    reinit(BlockSparseMatrix                         &matrix,
           const std::vector<dealii::IndexSet>       &owned,
           const dealii::BlockDynamicSparsityPattern &pattern,
           const MPI_Comm                             communicator);
  };

  /**
   * Call @p run(std::integral_constant<int, dim>, Backend) for the run-time
   * dimension (1, 2 or 3) and backend: the one place where a run picks its
   * compiled instantiation.
   */
  template <class Run>
  int
  dispatch_dimension_and_backend(const unsigned int dimension,
                                 const bool         petsc,
                                 Run              &&run)
  {
    const auto with_backend = [&](auto dim)
    { return petsc ? run(dim, PETScBackend()) : run(dim, TrilinosBackend()); };
    switch (dimension)
    {
      case 1:
        return with_backend(std::integral_constant<int, 1>());
      case 2:
        return with_backend(std::integral_constant<int, 2>());
      default:
        return with_backend(std::integral_constant<int, 3>());
    }
  }
} // namespace exsolve
