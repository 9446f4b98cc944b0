#include <exsolve/io/cell_id_fields.h>

namespace exsolve
{
  template <int dim>
  CellIdFields<dim>::CellIdFields(
    const dealii::Triangulation<dim> &triangulation)
      : rank(triangulation.n_active_cells())
      , material(triangulation.n_active_cells())
  {
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
      {
        rank(cell->active_cell_index())     = cell->subdomain_id();
        material(cell->active_cell_index()) = cell->material_id();
      }
  }



  template <int dim>
  void
  CellIdFields<dim>::attach(dealii::DataOut<dim> &data_out) const
  {
    data_out.add_data_vector(rank,
                             "mpi_rank",
                             dealii::DataOut<dim>::type_cell_data);
    data_out.add_data_vector(material,
                             "material_id",
                             dealii::DataOut<dim>::type_cell_data);
  }

  template class CellIdFields<1>;
  template class CellIdFields<2>;
  template class CellIdFields<3>;
} // namespace exsolve
