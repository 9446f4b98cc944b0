#include <deal.II/distributed/shared_tria.h>
#include <deal.II/distributed/tria.h>

#include <exsolve/core/triangulation_factory.h>

namespace exsolve
{
  template <int dim>
  std::unique_ptr<dealii::parallel::TriangulationBase<dim>>
  create_triangulation(const MPI_Comm communicator)
  {
    using namespace dealii;
    if constexpr (dim == 1)
    {
      // Replicated mesh; z-order partitioning is deterministic, so runs on
      // any number of ranks see the same cells.
      return std::make_unique<parallel::shared::Triangulation<1>>(
        communicator,
        Triangulation<1>::limit_level_difference_at_vertices,
        /*allow_artificial_cells=*/false,
        parallel::shared::Triangulation<1>::partition_zorder);
    }
    else
    {
      // No smoothing on coarsening: its island elimination coarsens a
      // freshly refined boundary layer whose neighbours are coarse, which
      // makes adaptive cycles oscillate on thin layers.
      return std::make_unique<parallel::distributed::Triangulation<dim>>(
        communicator, Triangulation<dim>::smoothing_on_refinement);
    }
  }



  template <int dim>
  bool
  is_p4est(const dealii::Triangulation<dim> &tria)
  {
    if constexpr (dim == 1)
    {
      (void)tria;
      return false;
    }
    else
      return dynamic_cast<
               const dealii::parallel::distributed::Triangulation<dim> *>(&tria)
             != nullptr;
  }

  template std::unique_ptr<dealii::parallel::TriangulationBase<1>>
  create_triangulation<1>(const MPI_Comm);
  template std::unique_ptr<dealii::parallel::TriangulationBase<2>>
  create_triangulation<2>(const MPI_Comm);
  template std::unique_ptr<dealii::parallel::TriangulationBase<3>>
  create_triangulation<3>(const MPI_Comm);
  template bool
  is_p4est<1>(const dealii::Triangulation<1> &);
  template bool
  is_p4est<2>(const dealii::Triangulation<2> &);
  template bool
  is_p4est<3>(const dealii::Triangulation<3> &);
} // namespace exsolve
