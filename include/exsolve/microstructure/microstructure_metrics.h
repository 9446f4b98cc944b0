#pragma once

#include <deal.II/base/mpi.h>
#include <deal.II/grid/tria.h>

#include <exsolve/microstructure/solid_phases.h>

#include <array>
#include <ostream>

namespace exsolve
{
  /**
   * Geometric measures of a mesh of the solid phase (every cell solid,
   * material_id = grain id, pore walls on boundary id 2 dim; see
   * create_voxel_mesh) in a sample box of the given edge lengths [nm].
   * Faces between different material ids are grain boundaries when both
   * grains belong to the same solid phase of @p phases, phase boundaries
   * otherwise.
   */
  struct MicrostructureMetrics
  {
    double sample_volume = 0; // nm^dim
    double solid_volume  = 0; // nm^dim
    double porosity      = 0; // -
    double pore_surface  = 0; // nm^(dim-1), pore-solid interface
    /// Pore-wall area of the voxel staircase before smoothing (set by the
    /// caller, see voxel_pore_wall_area; 0 if unknown) [nm^(dim-1)].
    double voxel_pore_surface = 0;
    double grain_boundaries   = 0; // nm^(dim-1), within one phase
    double phase_boundaries   = 0; // nm^(dim-1), between solid phases
    /// 3D: triple-phase-boundary length [nm]; 2D: number of TPB points.
    double       triple_phase_boundary = 0;
    unsigned int n_phases              = 1; // solid phases
    unsigned int n_grains              = 0; // grains with solid
    /// pore_surface / sample_volume [1/nm]
    double specific_surface_area = 0;
    /// grain_boundaries / sample_volume [1/nm]
    double grain_boundary_density = 0;
    /// phase_boundaries / sample_volume [1/nm]
    double phase_boundary_density = 0;
    /// triple_phase_boundary / sample_volume [1/nm^2] (length per volume in
    /// 3D, points per area in 2D)
    double triple_phase_boundary_density = 0;
    /// (solid_volume / n_grains)^(1/dim) [nm]
    double mean_grain_size = 0;
  };

  /// Collective over the triangulation's communicator (for a distributed
  /// mesh; any mesh with ghost cells or a serial one).
  template <int dim>
  MicrostructureMetrics
  compute_microstructure_metrics(const dealii::Triangulation<dim> &tria,
                                 const std::array<double, 3>      &sample_size,
                                 const SolidPhases &phases = SolidPhases());

  /// Header line and one row of values, with units in the header.
  void
  write_metrics_csv(const MicrostructureMetrics &metrics, std::ostream &out);

  /// The metrics as indented "name = value unit" lines, for the screen.
  void
  print_metrics(const MicrostructureMetrics &metrics,
                const unsigned int           dim,
                std::ostream                &out);
} // namespace exsolve
