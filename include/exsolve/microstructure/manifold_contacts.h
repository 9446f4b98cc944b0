#pragma once

#include <exsolve/microstructure/voxel_grid.h>

#include <cstddef>

namespace exsolve
{
  /**
   * Make the solid of @p grid a manifold: wherever solid voxels meet only at
   * an edge or a vertex (a checkerboard around an edge, or solid voxels
   * around a vertex that are not face-connected among themselves), the pore
   * voxels of that 2 x 2 (x 2) block become solid (grain 0), repeated until
   * no such contact is left. p4est cannot balance a forest whose trees meet
   * only at such edges or corners; afterwards any two solid voxels that
   * touch are face-connected near the contact. Sample faces count as pore,
   * except in periodic directions, where the blocks wrap around.
   * Returns the number of voxels filled.
   */
  std::size_t
  fill_non_manifold_contacts(VoxelGrid &grid);
} // namespace exsolve
