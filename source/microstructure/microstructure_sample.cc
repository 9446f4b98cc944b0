#include <exsolve/microstructure/image_structure.h>
#include <exsolve/microstructure/microstructure_sample.h>
#include <exsolve/microstructure/sphere_structure.h>
#include <exsolve/microstructure/voronoi_grains.h>

namespace exsolve
{
  MicrostructureSample
  generate_microstructure(const MicrostructureParameters &parameters,
                          const std::array<bool, 3>      &periodic)
  {
    if (parameters.structure == MicrostructureParameters::Structure::image)
      return read_image_structure(parameters, periodic);
    SphereStructure spheres = generate_sphere_structure(parameters, periodic);
    MicrostructureSample sample(std::move(spheres.grid));
    sample.n_grains                = assign_voronoi_grains(sample.grid,
                                            parameters.mean_grain_size,
                                            parameters.seed);
    sample.isolated_voxels_removed = spheres.isolated_voxels_removed;
    sample.description = std::to_string(spheres.n_spheres) + " spheres, "
                         + std::to_string(sample.n_grains) + " grain seeds";
    sample.spheres = std::move(spheres.spheres);
    return sample;
  }
} // namespace exsolve
