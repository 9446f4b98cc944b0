#pragma once

#include <deal.II/grid/tria.h>

#include <exsolve/microstructure/solid_phases.h>

namespace exsolve
{
  /**
   * Triple-phase boundary of a mesh of the solid (every cell solid, pore
   * walls on boundary id pore_surface_id): in 3D the total length [nm] of
   * the active mesh edges that lie on a pore wall and touch cells of at
   * least two different solid phases; in 2D the number of such vertices.
   * Every edge (vertex) is counted once, by the lowest-numbered rank that
   * owns a cell around it; the cells around it are then all owned or ghost
   * there. Refined edges are resolved into their active children, so the
   * result holds on adaptively refined meshes. Collective.
   */
  template <int dim>
  double
  triple_phase_boundary(const dealii::Triangulation<dim> &tria,
                        const SolidPhases                &phases);
} // namespace exsolve
