#include <deal.II/grid/tria.h>

#include <exsolve/core/input_error.h>
#include <exsolve/microstructure/periodic_voxel_faces.h>
#include <exsolve/microstructure/voxel_mesh.h>

#include <algorithm>
#include <limits>

namespace exsolve
{
  using namespace dealii;

  template <int dim>
  VoxelMeshDescription<dim>
  describe_voxel_mesh(const VoxelGrid &grid)
  {
    AssertThrow(grid.dimension == dim,
                ExcMessage("voxel grid and mesh dimensions differ"));
    const std::array<unsigned int, 3> m{
      {grid.n[0] + 1, grid.n[1] + 1, dim == 3 ? grid.n[2] + 1 : 1}};
    constexpr unsigned int    unused = std::numeric_limits<unsigned int>::max();
    std::vector<unsigned int> vertex_at(static_cast<std::size_t>(m[0]) * m[1]
                                          * m[2],
                                        unused);
    VoxelMeshDescription<dim> mesh;
    for (std::size_t v = 0; v < grid.size(); ++v)
    {
      if (!grid.solid(v))
        continue;
      const auto    p = grid.position(v);
      CellData<dim> cell;
      // deal.II numbers the vertices of a cell lexicographically, x fastest.
      for (unsigned int c = 0; c < GeometryInfo<dim>::vertices_per_cell; ++c)
      {
        std::array<unsigned int, 3> q{{p[0] + (c & 1),
                                       p[1] + ((c >> 1) & 1),
                                       dim == 3 ? p[2] + ((c >> 2) & 1) : 0}};
        const std::size_t l = q[0] + std::size_t(m[0]) * (q[1] + m[1] * q[2]);
        if (vertex_at[l] == unused)
        {
          vertex_at[l] = mesh.vertices.size();
          Point<dim> x;
          for (unsigned int d = 0; d < dim; ++d)
            x[d] = q[d] * grid.spacing(d);
          mesh.vertices.push_back(x);
          mesh.lattice.push_back(q);
        }
        cell.vertices[c] = vertex_at[l];
      }
      cell.material_id = grid.label[v];
      mesh.cells.push_back(cell);
    }
    require_input(!mesh.cells.empty(),
                  "Microstructure",
                  "(generated structure)",
                  "has no solid voxel to mesh");
    return mesh;
  }



  template <int dim>
  BoundaryNames
  create_voxel_mesh(const VoxelGrid                 &grid,
                    const VoxelMeshDescription<dim> &mesh,
                    Triangulation<dim>              &tria)
  {
    tria.create_triangulation(mesh.vertices, mesh.cells, SubCellData());

    // Every coarse cell is present on every rank (p4est keeps the coarse
    // mesh replicated), so ids can be set here for all of them. Faces are
    // classified by the lattice positions of their vertices, which stay
    // valid after the vertices were moved.
    const auto lattice = [&](const unsigned int vertex) -> const auto &
    {
      return mesh.lattice[vertex];
    };
    for (const auto &cell : tria.cell_iterators_on_level(0))
    {
      std::array<unsigned int, 3> voxel{{0, 0, 0}};
      for (unsigned int d = 0; d < dim; ++d)
      {
        voxel[d] = std::numeric_limits<unsigned int>::max();
        for (const unsigned int c : cell->vertex_indices())
          voxel[d] = std::min(voxel[d], lattice(cell->vertex_index(c))[d]);
      }
      for (const unsigned int f : cell->face_indices())
      {
        if (!cell->face(f)->at_boundary())
          continue;
        types::boundary_id id = pore_surface_id<dim>;
        for (unsigned int d = 0; d < dim; ++d)
        {
          // The face lies in a lattice plane normal to d if all its
          // vertices share that coordinate.
          const unsigned int q = lattice(cell->face(f)->vertex_index(0))[d];
          bool               normal_to_d = true;
          for (const unsigned int c : cell->face(f)->vertex_indices())
            normal_to_d
              = normal_to_d && lattice(cell->face(f)->vertex_index(c))[d] == q;
          if (!normal_to_d || (q != 0 && q != grid.n[d]))
            continue;
          const bool upper = q == grid.n[d];
          if (!grid.periodic[d])
            id = 2 * d + upper;
          else
          {
            auto across = voxel;
            across[d]   = upper ? 0 : grid.n[d] - 1;
            if (grid.solid(grid.index(across[0], across[1], across[2])))
              id = 2 * d + upper;
          }
        }
        cell->face(f)->set_boundary_id(id);
      }
    }
    add_voxel_periodicity(grid, tria);

    BoundaryNames names;
    const char   *axis[] = {"x", "y", "z"};
    for (unsigned int d = 0; d < dim; ++d)
    {
      names.add(2 * d, std::string(axis[d]) + "_min");
      names.add(2 * d + 1, std::string(axis[d]) + "_max");
    }
    names.add(pore_surface_id<dim>, "pore_surface");
    return names;
  }



  template <int dim>
  BoundaryNames
  create_voxel_mesh(const VoxelGrid &grid, Triangulation<dim> &tria)
  {
    return create_voxel_mesh(grid, describe_voxel_mesh<dim>(grid), tria);
  }

  template VoxelMeshDescription<2>
  describe_voxel_mesh<2>(const VoxelGrid &);
  template VoxelMeshDescription<3>
  describe_voxel_mesh<3>(const VoxelGrid &);
  template BoundaryNames
  create_voxel_mesh<2>(const VoxelGrid &,
                       const VoxelMeshDescription<2> &,
                       Triangulation<2> &);
  template BoundaryNames
  create_voxel_mesh<3>(const VoxelGrid &,
                       const VoxelMeshDescription<3> &,
                       Triangulation<3> &);
  template BoundaryNames
  create_voxel_mesh<2>(const VoxelGrid &, Triangulation<2> &);
  template BoundaryNames
  create_voxel_mesh<3>(const VoxelGrid &, Triangulation<3> &);
} // namespace exsolve
