#pragma once

#include <exsolve/microstructure/implicit_surface.h>
#include <exsolve/microstructure/pore_wall_moves.h>
#include <exsolve/microstructure/solid_phases.h>
#include <exsolve/microstructure/sphere_union.h>
#include <exsolve/microstructure/voxel_grid.h>
#include <exsolve/microstructure/voxel_mesh.h>

namespace exsolve
{
  /**
   * Boundary smoothing: move every pore-wall vertex of @p mesh (a
   * description of @p grid) to the nearest point of the surface of
   * @p spheres, the pore wall that generated the voxels. A vertex on an
   * open sample face moves within that face (on an edge of the sample along
   * the edge), so the sample stays a box; on a periodic face it moves
   * freely, and all its periodic images move alike, so the periodic faces
   * still match and the result does not depend on where the sample is cut. The
   * surface point is found by alternating projections onto the spheres (which
   * converge to the crease where spheres intersect). The moves are then
   * extended and safeguarded by move_pore_wall_vertices. Call before
   * create_voxel_mesh, identically on every rank.
   */
  template <int dim>
  SmoothingReport
  project_pore_walls_onto_spheres(const VoxelGrid           &grid,
                                  const SphereUnion         &spheres,
                                  VoxelMeshDescription<dim> &mesh);

  /**
   * Boundary smoothing of any voxel structure, images in particular: move
   * every pore-wall vertex of @p mesh (a description of @p grid) onto the
   * ImplicitSurface of @p grid filtered with a Gaussian of @p sigma voxels
   * (the 0.5 level set of the smoothed solid fraction, corrected for its
   * curvature shift), by Newton steps along its gradient limited to half a
   * voxel diagonal. All solid phases of @p phases count as solid; vertices
   * touching two or more of them are held (move_pore_wall_vertices), so
   * phase boundaries and triple-phase boundaries are those of the voxels.
   * A vertex on an open sample face moves within it, periodic images alike.
   */
  template <int dim>
  SmoothingReport
  project_pore_walls_onto_implicit_surface(const VoxelGrid           &grid,
                                           const SolidPhases         &phases,
                                           const double               sigma,
                                           VoxelMeshDescription<dim> &mesh);
} // namespace exsolve
