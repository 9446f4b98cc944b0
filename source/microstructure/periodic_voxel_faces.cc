#include <deal.II/dofs/dof_tools.h>
#include <deal.II/grid/grid_tools.h>

#include <exsolve/microstructure/periodic_voxel_faces.h>

#include <set>

namespace exsolve
{
  using namespace dealii;

  template <int dim>
  void
  add_voxel_periodicity(const VoxelGrid &grid, Triangulation<dim> &tria)
  {
    std::vector<
      GridTools::PeriodicFacePair<typename Triangulation<dim>::cell_iterator>>
      pairs;
    for (unsigned int d = 0; d < dim; ++d)
      if (grid.periodic[d])
        GridTools::collect_periodic_faces(tria, 2 * d, 2 * d + 1, d, pairs);
    if (!pairs.empty())
      tria.add_periodicity(pairs);
  }



  template <int dim>
  void
  make_voxel_periodicity_constraints(const DoFHandler<dim>     &dof_handler,
                                     AffineConstraints<double> &constraints)
  {
    // The directions the triangulation identified, from its (replicated)
    // coarse-level periodic face map.
    std::set<unsigned int> directions;
    for (const auto &[face, partner] :
         dof_handler.get_triangulation().get_periodic_face_map())
    {
      (void)partner;
      const auto id = face.first->face(face.second)->boundary_id();
      if (id < 2 * dim)
        directions.insert(id / 2);
    }
    std::vector<
      GridTools::PeriodicFacePair<typename DoFHandler<dim>::cell_iterator>>
      pairs;
    for (const unsigned int d : directions)
      GridTools::collect_periodic_faces(
        dof_handler, 2 * d, 2 * d + 1, d, pairs);
    if (!pairs.empty())
      DoFTools::make_periodicity_constraints<dim, dim>(pairs, constraints);
  }

  template void
  add_voxel_periodicity<2>(const VoxelGrid &, Triangulation<2> &);
  template void
  add_voxel_periodicity<3>(const VoxelGrid &, Triangulation<3> &);
  template void
  make_voxel_periodicity_constraints<2>(const DoFHandler<2> &,
                                        AffineConstraints<double> &);
  template void
  make_voxel_periodicity_constraints<3>(const DoFHandler<3> &,
                                        AffineConstraints<double> &);
} // namespace exsolve
