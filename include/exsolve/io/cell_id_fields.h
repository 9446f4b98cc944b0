#pragma once

#include <deal.II/grid/tria.h>
#include <deal.II/lac/vector.h>
#include <deal.II/numerics/data_out.h>

namespace exsolve
{
  /**
   * The cell-wise ids every field output carries: "mpi_rank" (the owning
   * rank) and "material_id" (the grain of a microstructure, the physical
   * group of a Gmsh mesh). Keep it alive until the patches are built.
   */
  template <int dim>
  class CellIdFields
  {
  public:
    explicit CellIdFields(const dealii::Triangulation<dim> &triangulation);

    /// Add both as cell data to @p data_out (before build_patches()).
    void
    attach(dealii::DataOut<dim> &data_out) const;

  private:
    dealii::Vector<float> rank;
    dealii::Vector<float> material;
  };
} // namespace exsolve
