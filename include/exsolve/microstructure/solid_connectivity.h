#pragma once

#include <exsolve/microstructure/voxel_grid.h>

#include <cstddef>

namespace exsolve
{
  /// Number of face-connected clusters of solid voxels.
  unsigned int
  count_solid_clusters(const VoxelGrid &grid);

  /**
   * Turn every solid voxel outside the largest face-connected solid cluster
   * into pore, so that the mesh of the solid is one face-connected piece
   * (a diffusion problem on it is then well posed with values fixed on any
   * part of its boundary). Returns the number of voxels removed.
   */
  std::size_t
  remove_isolated_solid(VoxelGrid &grid);
} // namespace exsolve
