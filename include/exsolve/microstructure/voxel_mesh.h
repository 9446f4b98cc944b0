#pragma once

#include <deal.II/base/point.h>
#include <deal.II/base/types.h>
#include <deal.II/grid/tria.h>
#include <deal.II/grid/tria_description.h>

#include <exsolve/mesh/boundary_names.h>
#include <exsolve/microstructure/voxel_grid.h>

#include <array>
#include <vector>

namespace exsolve
{
  /// Boundary id of the pore walls (the sample faces are 0 .. 2 dim - 1).
  template <int dim>
  inline constexpr dealii::types::boundary_id pore_surface_id = 2 * dim;

  /**
   * The solid of a voxel grid as vertices and cells, before a triangulation
   * is made of them: vertices can be moved here (boundary smoothing), the
   * same on every rank, since p4est keeps the coarse mesh replicated and
   * cannot move its vertices afterwards.
   */
  template <int dim>
  struct VoxelMeshDescription
  {
    std::vector<dealii::Point<dim>> vertices;
    /// Lattice position (i, j, k), 0 .. n[d], of each vertex.
    std::vector<std::array<unsigned int, 3>> lattice;
    /// One cell per solid voxel, material_id = grain id.
    std::vector<dealii::CellData<dim>> cells;
  };

  template <int dim>
  VoxelMeshDescription<dim>
  describe_voxel_mesh(const VoxelGrid &grid);

  /**
   * Mesh the solid of @p grid into @p tria (empty; serial or distributed)
   * from its description: one hexahedron per solid voxel. Every cell is
   * solid; its material_id is the voxel's grain id, which children inherit
   * on refinement and p4est keeps on repartitioning (user indices would be
   * lost), so grain boundaries survive adaptivity. Boundaries: x_min, x_max,
   * y_min, ... (ids 0 .. 2 dim - 1) on the sample faces and "pore_surface"
   * (2 dim) on the pore walls. In a periodic direction of the grid a sample
   * face keeps its x_min ... id only where the voxel across the periodic
   * face is solid (then the two faces are identified, see
   * add_voxel_periodicity); elsewhere it is a pore wall. Throws InputError
   * if there is no solid.
   */
  template <int dim>
  BoundaryNames
  create_voxel_mesh(const VoxelGrid                 &grid,
                    const VoxelMeshDescription<dim> &mesh,
                    dealii::Triangulation<dim>      &tria);

  /// create_voxel_mesh of describe_voxel_mesh(grid): the unsmoothed mesh.
  template <int dim>
  BoundaryNames
  create_voxel_mesh(const VoxelGrid &grid, dealii::Triangulation<dim> &tria);
} // namespace exsolve
