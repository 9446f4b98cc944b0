#pragma once

#include <deal.II/base/parameter_handler.h>

#include <exsolve/microstructure/voxel_image_parameters.h>

#include <array>
#include <cstdint>

namespace exsolve
{
  /**
   * Section "Microstructure": a synthetic porous sample on a voxel grid,
   * made of overlapping solid spheres (particles) or a solid with
   * overlapping spherical pores, split into Voronoi grains, or a
   * segmented voxel image with several solid phases. Lengths in nm.
   */
  struct MicrostructureParameters
  {
    enum class Structure
    {
      overlapping_particles,
      overlapping_pores,
      image
    };

    /// 2 or 3 (Geometry/Dimension).
    unsigned int          dimension = 3;
    Structure             structure = Structure::overlapping_particles;
    std::array<double, 3> sample_size{{400., 400., 400.}};
    double                voxel_size         = 10.;
    double                target_porosity    = 0.35;
    double                sphere_diameter    = 80.;
    double                mean_grain_size    = 100.;
    std::uint64_t         seed               = 1;
    bool                  remove_isolated    = true;
    double                porosity_tolerance = 0.02;
    /// Structure = image only.
    VoxelImageParameters image;

    /// Voxels along direction @p d.
    unsigned int
    n_voxels(const unsigned int d) const;

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /// Reads Geometry/Dimension and the section; throws InputError.
    /// Relative image paths are looked up in the working directory, then
    /// in @p input_directory.
    void
    parse_parameters(dealii::ParameterHandler &prm,
                     const std::string        &input_directory = ".");

    /// Cross-parameter checks; throws InputError. Called by parse_parameters
    /// and by code that fills the members directly.
    void
    validate() const;
  };
} // namespace exsolve
