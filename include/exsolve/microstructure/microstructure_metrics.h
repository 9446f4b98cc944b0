#pragma once

#include <deal.II/base/mpi.h>
#include <deal.II/grid/tria.h>

#include <array>
#include <ostream>

namespace exsolve
{
  /**
   * Geometric measures of a mesh of the solid phase (every cell solid,
   * material_id = grain id, pore walls on boundary id 2 dim; see
   * create_voxel_mesh) in a sample box of the given edge lengths [nm].
   */
  struct MicrostructureMetrics
  {
    double sample_volume = 0; // nm^dim
    double solid_volume  = 0; // nm^dim
    double porosity      = 0; // -
    double pore_surface  = 0; // nm^(dim-1), pore-solid interface
    /// Pore-wall area of the voxel staircase before smoothing (set by the
    /// caller, see voxel_pore_wall_area; 0 if unknown) [nm^(dim-1)].
    double       voxel_pore_surface = 0;
    double       grain_boundaries   = 0; // nm^(dim-1)
    unsigned int n_grains           = 0; // grains with solid
    /// pore_surface / sample_volume [1/nm]
    double specific_surface_area = 0;
    /// grain_boundaries / sample_volume [1/nm]
    double grain_boundary_density = 0;
    /// (solid_volume / n_grains)^(1/dim) [nm]
    double mean_grain_size = 0;
  };

  /// Collective over the triangulation's communicator (for a distributed
  /// mesh; any mesh with ghost cells or a serial one).
  template <int dim>
  MicrostructureMetrics
  compute_microstructure_metrics(const dealii::Triangulation<dim> &tria,
                                 const std::array<double, 3>      &sample_size);

  /// Header line and one row of values, with units in the header.
  void
  write_metrics_csv(const MicrostructureMetrics &metrics, std::ostream &out);

  /// The metrics as indented "name = value unit" lines, for the screen.
  void
  print_metrics(const MicrostructureMetrics &metrics,
                const unsigned int           dim,
                std::ostream                &out);
} // namespace exsolve
