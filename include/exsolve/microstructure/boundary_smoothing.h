#pragma once

#include <exsolve/microstructure/sphere_union.h>
#include <exsolve/microstructure/voxel_grid.h>
#include <exsolve/microstructure/voxel_mesh.h>

namespace exsolve
{
  /// What project_pore_walls_onto_spheres did.
  struct SmoothingReport
  {
    /// Distinct pore-wall vertices (periodic images counted once).
    unsigned int n_wall_vertices = 0;
    /// Of these, moved the full way onto the sphere surface.
    unsigned int n_projected = 0;
    /// Moved only part of the way, so that no cell degenerates.
    unsigned int n_shortened = 0;
    /// Left in place: no sphere surface within half a voxel diagonal (the
    /// voxels added to fill edge and vertex contacts).
    unsigned int n_kept = 0;
    /// Largest vertex move [nm].
    double max_displacement = 0;
  };

  /**
   * Pore-wall area of the voxel staircase of @p grid [nm^(dim-1)]: the
   * faces between solid and pore voxels, across periodic sample faces too.
   * This is the pore-wall area of the unsmoothed mesh.
   */
  double
  voxel_pore_wall_area(const VoxelGrid &grid);

  /**
   * Boundary smoothing: move every pore-wall vertex of @p mesh (a
   * description of @p grid) to the nearest point of the surface of
   * @p spheres, the pore wall that generated the voxels. A vertex on an
   * open sample face moves within that face (on an edge of the sample along
   * the edge), so the sample stays a box; on a periodic face it moves
   * freely, and all its periodic images move alike, so the periodic faces
   * still match and the result does not depend on where the sample is cut. The
   * surface point is found by alternating projections onto the spheres (which
   * converge to the crease where spheres intersect). A staircase vertex lies
   * within half a voxel diagonal of the surface, so vertices farther away
   * (voxels added by fill_non_manifold_contacts) stay. The moves are extended
   * harmonically into the solid (the cells behind the wall share the
   * deformation), then halved, cell by cell, until the Jacobian determinant
   * of every cell at the points of the 2-point Gauss rule is at least 1/200
   * of the voxel's (no inverted cells where the solvers integrate). Call
   * before create_voxel_mesh, identically on every rank.
   */
  template <int dim>
  SmoothingReport
  project_pore_walls_onto_spheres(const VoxelGrid           &grid,
                                  const SphereUnion         &spheres,
                                  VoxelMeshDescription<dim> &mesh);
} // namespace exsolve
