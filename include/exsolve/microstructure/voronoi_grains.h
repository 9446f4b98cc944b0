#pragma once

#include <exsolve/microstructure/voxel_grid.h>

#include <cstdint>

namespace exsolve
{
  /**
   * Split the solid into grains by a Voronoi tessellation: round(V /
   * size^dim) seeds (at least one) uniform in the sample, from the seed's
   * grain stream; each solid voxel gets the id of the seed nearest to its
   * centre (nearest image in periodic directions). Grain boundaries are
   * then the faces between voxels of different ids. Returns the number of
   * seeds.
   */
  unsigned int
  assign_voronoi_grains(VoxelGrid          &grid,
                        const double        mean_grain_size,
                        const std::uint64_t seed);
} // namespace exsolve
