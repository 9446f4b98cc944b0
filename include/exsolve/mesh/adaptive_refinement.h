#pragma once

#include <deal.II/base/parameter_handler.h>
#include <deal.II/grid/tria.h>
#include <deal.II/lac/vector.h>

namespace exsolve
{
  /**
   * How the mesh evolves between solves: uniformly, or by error-indicator
   * driven refinement and coarsening with fixed fractions of the estimated
   * error (Doerfler marking), bounded by a maximum level.
   */
  struct RefinementParameters
  {
    enum class Strategy
    {
      uniform,
      adaptive
    };

    /// Norm whose error the marking equidistributes: the Kelly indicator
    /// estimates the energy (H1) error; scaled by h it targets L2.
    enum class Norm
    {
      energy,
      L2
    };

    Norm         error_norm                 = Norm::L2;
    Strategy     strategy                   = Strategy::adaptive;
    unsigned int initial_global_refinements = 0;
    unsigned int cycles                     = 1;
    double       refine_fraction            = 0.5;
    double       coarsen_fraction           = 0.02;
    unsigned int maximum_level              = 12;

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);
  };

  /**
   * Set refine/coarsen flags on @p tria from @p indicators (one entry per
   * active cell, filled on locally owned cells). Works on p4est and on
   * replicated triangulations. Indicators are rounded to 5 significant
   * digits first: on a partitioned mesh they differ in the last bits between
   * partitionings, and cells of equal error (a layer along a plane, mirror
   * images in a symmetric mesh) must be marked alike so that the number of
   * ranks does not change the mesh. (A value that straddles a rounding
   * boundary can still differ; this makes that rare, not impossible.)
   */
  template <int dim>
  void
  mark_cells(dealii::Triangulation<dim> &tria,
             dealii::Vector<float>       indicators,
             const RefinementParameters &parameters);
} // namespace exsolve
