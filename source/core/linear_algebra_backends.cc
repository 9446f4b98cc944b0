#include <exsolve/linear_algebra/backends.h>

#include <Epetra_CrsMatrix.h>
#include <Epetra_MultiVector.h>
#include <deal.II/lac/exceptions.h>

#include <petscmat.h>
#include <petscsys.h>

namespace exsolve
{
  void
  TrilinosBackend::initialize_amg(Preconditioner     &amg,
                                  const SparseMatrix &matrix,
                                  const unsigned int /*dim*/,
                                  const unsigned int degree,
                                  const bool         symmetric)
  {
    Preconditioner::AdditionalData data;
    // Chebyshev smoothing needs a symmetric operator; otherwise ML's
    // non-symmetric settings (Gauss-Seidel smoothing).
    data.elliptic              = symmetric;
    data.higher_order_elements = degree > 1;
    data.smoother_sweeps       = 2;
    data.aggregation_threshold = 0.02;
    amg.initialize(matrix, data);
  }



  void
  PETScBackend::initialize_amg(Preconditioner     &amg,
                               const SparseMatrix &matrix,
                               const unsigned int  dim,
                               const unsigned int /*degree*/,
                               const bool symmetric)
  {
    Preconditioner::AdditionalData data;
    data.symmetric_operator = symmetric;
    data.strong_threshold   = dim == 3 ? 0.5 : 0.25;
    if (dim == 3)
    {
      // hypre's defaults suit 2D; in 3D they give dense coarse levels.
      PetscOptionsSetValue(nullptr, "-pc_hypre_boomeramg_coarsen_type", "HMIS");
      PetscOptionsSetValue(nullptr, "-pc_hypre_boomeramg_interp_type", "ext+i");
    }
    amg.initialize(matrix, data);
  }


  void
  TrilinosBackend::reinit(BlockSparseMatrix                         &matrix,
                          const std::vector<dealii::IndexSet>       &owned,
                          const dealii::BlockDynamicSparsityPattern &pattern,
                          const MPI_Comm communicator)
  {
    matrix.reinit(owned, pattern, communicator);
  }



  void
  TrilinosBackend::scale_rows(BlockSparseMatrix &matrix,
                              const BlockVector &scaling)
  {
    for (unsigned int b = 0; b < matrix.n_block_rows(); ++b)
      for (unsigned int c = 0; c < matrix.n_block_cols(); ++c)
      {
        auto &block = const_cast<Epetra_CrsMatrix &>(
          matrix.block(b, c).trilinos_matrix());
        const int error
          = block.LeftScale(*scaling.block(b).trilinos_vector()(0));
        AssertThrow(error == 0, dealii::ExcTrilinosError(error));
      }
  }



  void
  PETScBackend::scale_rows(BlockSparseMatrix &matrix,
                           const BlockVector &scaling)
  {
    for (unsigned int b = 0; b < matrix.n_block_rows(); ++b)
      for (unsigned int c = 0; c < matrix.n_block_cols(); ++c)
      {
        const PetscErrorCode error
          = MatDiagonalScale(matrix.block(b, c), scaling.block(b), nullptr);
        AssertThrow(error == 0, dealii::ExcPETScError(error));
      }
  }



  void
  PETScBackend::reinit(BlockSparseMatrix                         &matrix,
                       const std::vector<dealii::IndexSet>       &owned,
                       const dealii::BlockDynamicSparsityPattern &pattern,
                       const MPI_Comm                             communicator)
  {
    matrix.reinit(owned, owned, pattern, communicator);
  }
} // namespace exsolve
