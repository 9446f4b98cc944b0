#pragma once

#include <exsolve/microstructure/microstructure_parameters.h>
#include <exsolve/microstructure/solid_phases.h>
#include <exsolve/microstructure/sphere_union.h>
#include <exsolve/microstructure/voxel_grid.h>

#include <array>
#include <cstddef>
#include <string>

namespace exsolve
{
  /// A voxel sample ready to mesh: grain id per solid voxel, grain phases.
  struct MicrostructureSample
  {
    explicit MicrostructureSample(VoxelGrid grid)
        : grid(std::move(grid))
    {
    }

    VoxelGrid   grid;
    SolidPhases phases;
    /// Grains (Voronoi seeds, or distinct ids of a grain image).
    unsigned int n_grains                = 0;
    std::size_t  isolated_voxels_removed = 0;
    std::size_t  contact_voxels_filled   = 0;
    /// One line for the screen: where the structure came from.
    std::string description;
    /// The generating spheres (for boundary smoothing onto their surface);
    /// empty for an image.
    SphereUnion spheres;
  };

  /**
   * The sample of section Microstructure: generated spheres with Voronoi
   * grains (one solid phase), or the voxel image (Structure = image),
   * wrapping around in the @p periodic directions (sphere images, grains,
   * contacts and connectivity across the faces). Every rank computes the
   * same sample. Throws InputError.
   */
  MicrostructureSample
  generate_microstructure(const MicrostructureParameters &parameters,
                          const std::array<bool, 3>      &periodic
                          = {{false, false, false}});
} // namespace exsolve
