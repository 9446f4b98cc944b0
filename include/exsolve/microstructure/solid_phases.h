#pragma once

#include <deal.II/base/types.h>
#include <deal.II/grid/tria.h>

#include <string>
#include <vector>

namespace exsolve
{
  /**
   * The solid phases of a microstructure (for example oxide and metal) and
   * the phase of every grain. Cells keep material_id = grain id, unique over
   * all phases, so that refinement and repartitioning carry both: a face
   * between different material ids is a grain boundary when both grains
   * belong to the same phase and a phase boundary otherwise. An empty
   * grain table means one solid phase.
   */
  struct SolidPhases
  {
    /// Names of the solid phases, by phase index.
    std::vector<std::string> names{"solid"};
    /// Name of the pore phase (the space without cells).
    std::string pore_name = "pore";
    /// Phase index of each grain id (material_id).
    std::vector<unsigned int> grain_phase;

    unsigned int
    phase(const dealii::types::material_id grain) const
    {
      return grain < grain_phase.size() ? grain_phase[grain] : 0;
    }

    unsigned int
    n_phases() const
    {
      return names.size();
    }
  };

  /// Cells, volume and grains of each solid phase of a mesh.
  struct PhaseMeasures
  {
    std::vector<unsigned long long> cells;
    std::vector<double>             volume; // nm^dim
    std::vector<unsigned int>       grains; // grains with cells
  };

  /// Sums over the locally owned cells; collective over the mesh's
  /// communicator (any serial or distributed mesh).
  template <int dim>
  PhaseMeasures
  measure_phases(const dealii::Triangulation<dim> &tria,
                 const SolidPhases                &phases);
} // namespace exsolve
