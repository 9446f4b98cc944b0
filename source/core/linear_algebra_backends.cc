#include <exsolve/linear_algebra/backends.h>

#include <petscsys.h>

namespace exsolve
{
  void
  TrilinosBackend::initialize_amg(Preconditioner     &amg,
                                  const SparseMatrix &matrix,
                                  const unsigned int /*dim*/,
                                  const unsigned int degree)
  {
    Preconditioner::AdditionalData data;
    data.elliptic              = true;
    data.higher_order_elements = degree > 1;
    data.smoother_sweeps       = 2;
    data.aggregation_threshold = 0.02;
    amg.initialize(matrix, data);
  }



  void
  PETScBackend::initialize_amg(Preconditioner     &amg,
                               const SparseMatrix &matrix,
                               const unsigned int  dim,
                               const unsigned int /*degree*/)
  {
    Preconditioner::AdditionalData data;
    data.symmetric_operator = true;
    data.strong_threshold   = dim == 3 ? 0.5 : 0.25;
    if (dim == 3)
    {
      // hypre's defaults suit 2D; in 3D they give dense coarse levels.
      PetscOptionsSetValue(nullptr, "-pc_hypre_boomeramg_coarsen_type", "HMIS");
      PetscOptionsSetValue(nullptr, "-pc_hypre_boomeramg_interp_type", "ext+i");
    }
    amg.initialize(matrix, data);
  }
} // namespace exsolve
