#include <deal.II/grid/grid_generator.h>

#include <exsolve/core/input_error.h>
#include <exsolve/microstructure/voxel_mesh.h>

#include <cmath>
#include <set>

namespace exsolve
{
  using namespace dealii;

  namespace
  {
    template <int dim>
    std::size_t
    voxel_of(const VoxelGrid &grid, const Point<dim> &x)
    {
      std::array<unsigned int, 3> p{{0, 0, 0}};
      for (unsigned int d = 0; d < dim; ++d)
        p[d] = std::min<unsigned int>(grid.n[d] - 1,
                                      std::floor(x[d] / grid.spacing(d)));
      return grid.index(p[0], p[1], p[2]);
    }
  } // namespace



  template <int dim>
  BoundaryNames
  create_voxel_mesh(const VoxelGrid &grid, Triangulation<dim> &tria)
  {
    AssertThrow(grid.dimension == dim,
                ExcMessage("voxel grid and mesh dimensions differ"));
    std::vector<unsigned int> repetitions(dim);
    Point<dim>                lower, upper;
    for (unsigned int d = 0; d < dim; ++d)
    {
      repetitions[d] = grid.n[d];
      upper[d]       = grid.lengths[d];
    }
    Triangulation<dim> box;
    GridGenerator::subdivided_hyper_rectangle(box, repetitions, lower, upper);

    std::set<typename Triangulation<dim>::active_cell_iterator> pores;
    for (const auto &cell : box.active_cell_iterators())
      if (!grid.solid(voxel_of(grid, cell->center())))
        pores.insert(cell);
    require_input(pores.size() < box.n_active_cells(),
                  "Microstructure",
                  "(generated structure)",
                  "has no solid voxel to mesh");
    if (pores.empty())
      tria.copy_triangulation(box);
    else
      GridGenerator::create_triangulation_with_removed_cells(box, pores, tria);

    // Every coarse cell is present on every rank (p4est keeps the coarse
    // mesh replicated), so ids can be set here for all of them.
    const double tolerance = 1e-6 * grid.spacing(0);
    for (const auto &cell : tria.cell_iterators_on_level(0))
    {
      cell->set_material_id(grid.label[voxel_of(grid, cell->center())]);
      for (const unsigned int f : cell->face_indices())
      {
        if (!cell->face(f)->at_boundary())
          continue;
        types::boundary_id id = pore_surface_id<dim>;
        const Point<dim>   x  = cell->face(f)->center();
        for (unsigned int d = 0; d < dim; ++d)
          if (std::abs(x[d]) < tolerance)
            id = 2 * d;
          else if (std::abs(x[d] - grid.lengths[d]) < tolerance)
            id = 2 * d + 1;
        cell->face(f)->set_boundary_id(id);
      }
    }

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

  template BoundaryNames
  create_voxel_mesh<2>(const VoxelGrid &, Triangulation<2> &);
  template BoundaryNames
  create_voxel_mesh<3>(const VoxelGrid &, Triangulation<3> &);
} // namespace exsolve
