#pragma once

#include <exsolve/microstructure/solid_phases.h>
#include <exsolve/microstructure/voxel_grid.h>
#include <exsolve/microstructure/voxel_mesh.h>

#include <array>
#include <functional>

namespace exsolve
{
  /// What a boundary smoothing (move_pore_wall_vertices) did.
  struct SmoothingReport
  {
    /// Distinct pore-wall vertices (periodic images counted once).
    unsigned int n_wall_vertices = 0;
    /// Of these, moved the full way onto the target surface.
    unsigned int n_projected = 0;
    /// Moved only part of the way, so that no cell degenerates.
    unsigned int n_shortened = 0;
    /// Left in place: no target surface point within half a voxel diagonal
    /// (for the spheres: the voxels added to fill edge and vertex contacts;
    /// for an implicit surface also features thinner than the filter).
    unsigned int n_kept = 0;
    /// Left in place because they touch two or more solid phases (phase
    /// boundaries and triple-phase-boundary lines stay as they are).
    unsigned int n_held = 0;
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
   * The point of the smooth pore wall for the staircase vertex at @p x
   * [nm; the coordinates beyond the dimension are 0], written to @p x. The
   * coordinates d with @p fixed[d] (the vertex lies on an open sample face
   * normal to d) must not change. False if there is no such point.
   */
  using WallTarget = std::function<bool(std::array<double, 3>     &x,
                                        const std::array<bool, 3> &fixed)>;

  /**
   * The part of boundary smoothing that does not depend on the surface:
   * move every pore-wall vertex of @p mesh (a description of @p grid) to
   * the point @p target gives for it, all periodic images of a vertex
   * alike (computed from its first image; a vertex on an open sample face
   * moves within it, since @p target keeps those coordinates). A staircase
   * vertex lies within half a voxel diagonal of a surface the voxels
   * resolve, so a target farther away, or none, leaves the vertex in place;
   * so does touching solid voxels of two or more phases of @p phases (the
   * phase boundaries and their triple-phase-boundary lines are kept exactly).
   * The moves are extended harmonically into the solid (40 Jacobi sweeps of
   * the lattice-neighbour average with wall and phase-boundary vertices
   * held), so the cells behind the wall share the deformation, then halved,
   * cell by cell, until the Jacobian determinant of every cell at the
   * points of the 2-point Gauss rule is at least 1/200 of the voxel's (no
   * inverted cells where the solvers integrate). Call before
   * create_voxel_mesh, identically on every rank.
   */
  template <int dim>
  SmoothingReport
  move_pore_wall_vertices(const VoxelGrid           &grid,
                          const SolidPhases         &phases,
                          const WallTarget          &target,
                          VoxelMeshDescription<dim> &mesh);
} // namespace exsolve
