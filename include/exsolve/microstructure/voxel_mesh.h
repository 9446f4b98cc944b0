#pragma once

#include <deal.II/base/types.h>
#include <deal.II/grid/tria.h>

#include <exsolve/mesh/boundary_names.h>
#include <exsolve/microstructure/voxel_grid.h>

namespace exsolve
{
  /// Boundary id of the pore walls (the sample faces are 0 .. 2 dim - 1).
  template <int dim>
  inline constexpr dealii::types::boundary_id pore_surface_id = 2 * dim;

  /**
   * Mesh the solid of @p grid into @p tria (empty; serial or distributed):
   * one hexahedron per solid voxel, from a subdivided box with the pore
   * cells removed. Every cell is solid; its material_id is the voxel's
   * grain id, which children inherit on refinement and p4est keeps on
   * repartitioning (user indices would be lost), so grain boundaries
   * survive adaptivity. Boundaries: x_min, x_max, y_min, ... (ids 0 ..
   * 2 dim - 1) on the sample faces and "pore_surface" (2 dim) on the pore
   * walls. Throws InputError if there is no solid.
   */
  template <int dim>
  BoundaryNames
  create_voxel_mesh(const VoxelGrid &grid, dealii::Triangulation<dim> &tria);
} // namespace exsolve
