#pragma once

#include <deal.II/base/types.h>
#include <deal.II/distributed/tria_base.h>

#include <array>
#include <functional>

namespace exsolve
{
  struct TortuosityResult
  {
    /// Sample-averaged diffusivity D_eff = J L / (A du) [units of D].
    double effective_diffusivity = 0;
    /// Solid volume / sample volume.
    double solid_fraction = 0;
    /// solid_fraction * D_bulk / D_eff.
    double       tortuosity    = 0;
    unsigned int n_dofs        = 0;
    unsigned int cg_iterations = 0;
  };

  /**
   * Steady diffusion -div(D grad u) = 0 through the solid mesh (Q1), with
   * u = 1 on x_min (boundary id 0), u = 0 on x_max (id 1), no flux on all
   * other boundaries and periodicity across identified faces (y, z), solved
   * with Trilinos CG and ML AMG to a relative
   * residual of 1e-12. The flux J is taken from the energy, J du =
   * int D |grad u|^2, which is exact for the discrete solution and needs no
   * boundary gradients. D is given per material_id (grain id). Throws
   * SolverFailure if the solid does not touch both x faces.
   */
  template <int dim>
  TortuosityResult
  compute_tortuosity(
    const dealii::parallel::TriangulationBase<dim>          &tria,
    const std::array<double, 3>                             &sample_size,
    const std::function<double(dealii::types::material_id)> &diffusivity,
    const double                                             bulk_diffusivity);
} // namespace exsolve
