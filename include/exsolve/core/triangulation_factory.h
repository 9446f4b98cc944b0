#pragma once

#include <deal.II/distributed/tria_base.h>

#include <memory>

namespace exsolve
{
  /**
   * Create the distributed triangulation for a dimension: p4est
   * (parallel::distributed) in 2D and 3D, where meshes may be large, and a
   * replicated parallel::shared triangulation in 1D, which p4est does not
   * support. The rest of exsolve only sees the common base class.
   */
  template <int dim>
  std::unique_ptr<dealii::parallel::TriangulationBase<dim>>
  create_triangulation(const MPI_Comm communicator);

  /// True if @p tria is a p4est triangulation (2D/3D).
  template <int dim>
  bool
  is_p4est(const dealii::Triangulation<dim> &tria);
} // namespace exsolve
