#pragma once

#include <exsolve/microstructure/microstructure_parameters.h>
#include <exsolve/microstructure/sphere_union.h>
#include <exsolve/microstructure/voxel_grid.h>

#include <array>
#include <cstddef>

namespace exsolve
{
  /// A generated pore/solid voxel image and how it was reached.
  struct SphereStructure
  {
    VoxelGrid    grid;
    unsigned int n_spheres = 0;
    /// Porosity of the voxel image (after removing isolated solid).
    double      porosity                = 0;
    std::size_t isolated_voxels_removed = 0;
    /// The n_spheres spheres (for smoothing onto their surface).
    SphereUnion spheres;
  };

  /**
   * Place spheres (disks in 2D) of Microstructure/Sphere diameter with
   * centres uniform in the sample grown by one radius (so the walls are not
   * depleted; in periodic directions uniform in the sample, with images
   * across the faces), from std::mt19937_64 seeded with the seed: the solid
   * is their union ('overlapping particles') or its complement
   * ('overlapping pores').
   * The number of spheres is the bisection root of porosity(N) = target,
   * where a voxel belongs to a sphere if its centre does and porosity(N)
   * includes the filling of edge and vertex contacts
   * (fill_non_manifold_contacts) and the removal of isolated solid; all
   * solid voxels carry grain 0.
   * Throws InputError if the target cannot be met within
   * porosity_tolerance at this voxel size, or if the solid is disconnected
   * while its removal is switched off.
   */
  SphereStructure
  generate_sphere_structure(const MicrostructureParameters &parameters,
                            const std::array<bool, 3>      &periodic
                            = {{false, false, false}});
} // namespace exsolve
