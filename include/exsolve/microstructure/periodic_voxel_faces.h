#pragma once

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/grid/tria.h>
#include <deal.II/lac/affine_constraints.h>

#include <exsolve/microstructure/voxel_grid.h>

namespace exsolve
{
  /**
   * Identify the sample faces of a voxel mesh (create_voxel_mesh) in the
   * periodic directions of @p grid: the faces with ids 2d and 2d + 1 (solid
   * on both sides of the periodic face) are paired by
   * GridTools::collect_periodic_faces and handed to add_periodicity, so that
   * p4est balances and partitions across them and ghost cells include the
   * periodic neighbours. Must be called on the coarse mesh, before any
   * refinement. Nothing happens without periodic directions.
   */
  template <int dim>
  void
  add_voxel_periodicity(const VoxelGrid            &grid,
                        dealii::Triangulation<dim> &tria);

  /**
   * Constrain the degrees of freedom on periodic faces of @p dof_handler's
   * mesh to their partners (DoFTools::make_periodicity_constraints), for
   * every direction d whose faces 2d and 2d + 1 the triangulation has
   * identified. Call after the hanging-node constraints.
   */
  template <int dim>
  void
  make_voxel_periodicity_constraints(
    const dealii::DoFHandler<dim>     &dof_handler,
    dealii::AffineConstraints<double> &constraints);
} // namespace exsolve
