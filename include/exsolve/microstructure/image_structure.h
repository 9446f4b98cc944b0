#pragma once

#include <exsolve/microstructure/microstructure_sample.h>

namespace exsolve
{
  /**
   * Structure = image: the phase of every voxel from its grey value
   * (Phase labels; a value without a label is an input error), edge and
   * vertex contacts filled (fill_non_manifold_contacts; a filled voxel
   * takes phase and grain of a solid face neighbour), isolated solid
   * removed or rejected as for generated structures, and grains from the
   * grain image or by Voronoi seeds, split along phase boundaries. Grain ids
   * are unique over all phases and numbered in voxel order. In the
   * @p periodic directions the image is taken to tile space: contacts,
   * connectivity and Voronoi grains wrap around its faces.
   */
  MicrostructureSample
  read_image_structure(const MicrostructureParameters &parameters,
                       const std::array<bool, 3>      &periodic
                       = {{false, false, false}});
} // namespace exsolve
