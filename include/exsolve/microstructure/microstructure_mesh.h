#pragma once

#include <deal.II/base/parameter_handler.h>
#include <deal.II/grid/tria.h>

#include <exsolve/mesh/boundary_names.h>
#include <exsolve/microstructure/boundary_smoothing.h>
#include <exsolve/microstructure/grain_orientations.h>
#include <exsolve/microstructure/microstructure_parameters.h>
#include <exsolve/microstructure/microstructure_sample.h>

#include <array>
#include <vector>

namespace exsolve
{
  /**
   * How a sample is meshed: the entries "Periodic directions", "Boundary
   * smoothing" and "Smoothing filter width" of section Microstructure
   * (declared with the others by MicrostructureParameters::
   * declare_parameters).
   */
  struct MicrostructureMeshOptions
  {
    enum class Smoothing
    {
      none,
      sphere_projection,
      implicit_surface
    };

    /// Directions x, y, z in which structure and mesh are periodic.
    std::array<bool, 3> periodic{{false, false, false}};
    Smoothing           smoothing = Smoothing::none;
    /// Gaussian standard deviation for Smoothing::implicit_surface [voxels].
    double filter_width = 1;

    /// Throws InputError for a direction beyond @p dimension.
    void
    parse_parameters(dealii::ParameterHandler &prm,
                     const unsigned int        dimension);

    bool
    any_periodic() const
    {
      return periodic[0] || periodic[1] || periodic[2];
    }
  };

  /// A generated or imported sample and what was done to mesh it.
  struct MeshedMicrostructure
  {
    /// Voxels, phases, grains (ids 0 .. n_grains - 1) and spheres.
    MicrostructureSample sample;
    /// Indexed by grain id (= material_id).
    std::vector<GrainOrientation> orientations;
    /// Staircase pore-wall area [nm^(dim-1)], before any smoothing.
    double          voxel_pore_wall_area = 0;
    SmoothingReport smoothing;
    BoundaryNames   boundary_names;
  };

  /**
   * The whole chain from parameters to coarse mesh, the same on every rank:
   * generate the sample (generate_microstructure: spheres' voxels with
   * Voronoi grains, or the voxel image with its phases and grains), draw
   * one orientation per grain, describe the solid mesh, smooth its pore
   * walls if asked for, and create @p tria (empty; with periodicity in the
   * periodic directions). Throws InputError on impossible parameters, also
   * for sphere-projection smoothing of an image (which has no spheres; the
   * implicit surface smooths any sample).
   */
  template <int dim>
  MeshedMicrostructure
  mesh_microstructure(const MicrostructureParameters  &parameters,
                      const MicrostructureMeshOptions &options,
                      dealii::Triangulation<dim>      &tria);
} // namespace exsolve
