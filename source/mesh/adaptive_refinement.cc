#include <deal.II/base/mpi.h>
#include <deal.II/distributed/grid_refinement.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/grid/grid_refinement.h>

#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_utilities.h>
#include <exsolve/mesh/adaptive_refinement.h>

#include <cmath>

namespace exsolve
{
  using namespace dealii;

  void
  RefinementParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Mesh refinement");
    {
      prm.declare_entry("Strategy",
                        "adaptive",
                        Patterns::Selection("uniform|adaptive"),
                        "[-] 'uniform' refines every cell each cycle; "
                        "'adaptive' refines and coarsens by the Kelly error "
                        "indicator.");
      prm.declare_entry(
        "Error norm",
        "L2",
        Patterns::Selection("L2|energy"),
        "[-] Norm in which the adaptive mesh balances the error: 'energy' uses "
        "the Kelly indicator (jumps of the normal field), 'L2' weights it by "
        "the cell size, which suits potentials and concentrations.");
      prm.declare_entry("Initial global refinements",
                        "0",
                        Patterns::Integer(0, 20),
                        "[-] Uniform refinements of the coarse mesh before the "
                        "first solve, 0..20 (Physics/Model = microstructure: "
                        "of the voxel mesh, before the metrics and the "
                        "tortuosity).");
      prm.declare_entry("Refinement cycles",
                        "1",
                        Patterns::Integer(1, 100),
                        "[-] Number of solves; the mesh is refined between "
                        "them, 1..100.");
      prm.declare_entry("Refine fraction",
                        "0.5",
                        Patterns::Double(0, 1),
                        "[-] Fraction of the total estimated error whose cells "
                        "are refined (adaptive), 0..1.");
      prm.declare_entry("Coarsen fraction",
                        "0.02",
                        Patterns::Double(0, 1),
                        "[-] Fraction of the total estimated error whose cells "
                        "are coarsened (adaptive), 0..1; refine + coarsen "
                        "fractions must not exceed 1.");
      prm.declare_entry("Maximum level",
                        "12",
                        Patterns::Integer(0, 30),
                        "[-] No cell is refined beyond this level, 0..30.");
    }
    prm.leave_subsection();
  }



  void
  RefinementParameters::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Mesh refinement");
    strategy   = prm.get("Strategy") == "uniform" ? Strategy::uniform
                                                  : Strategy::adaptive;
    error_norm = prm.get("Error norm") == "L2" ? Norm::L2 : Norm::energy;
    initial_global_refinements = prm.get_integer("Initial global refinements");
    cycles                     = prm.get_integer("Refinement cycles");
    refine_fraction            = prm.get_double("Refine fraction");
    coarsen_fraction           = prm.get_double("Coarsen fraction");
    maximum_level              = prm.get_integer("Maximum level");
    prm.leave_subsection();
    require_input(refine_fraction + coarsen_fraction <= 1,
                  "Mesh refinement/Coarsen fraction",
                  parameters::to_string(coarsen_fraction),
                  "Refine fraction + Coarsen fraction must not exceed 1 "
                  "(Refine fraction = "
                    + parameters::to_string(refine_fraction) + ")");
  }



  template <int dim>
  void
  mark_cells(Triangulation<dim>         &tria,
             Vector<float>               indicators,
             const RefinementParameters &parameters)
  {
    for (float &v : indicators)
      if (v > 0)
      {
        const double scale = std::pow(10., std::floor(std::log10(v)) - 4);
        v                  = static_cast<float>(std::round(v / scale) * scale);
      }

    bool marked = false;
    if constexpr (dim > 1)
      if (auto *p4est_tria
          = dynamic_cast<parallel::distributed::Triangulation<dim> *>(&tria))
      {
        parallel::distributed::GridRefinement::
          refine_and_coarsen_fixed_fraction(*p4est_tria,
                                            indicators,
                                            parameters.refine_fraction,
                                            parameters.coarsen_fraction);
        marked = true;
      }

    if (!marked)
    {
      // Replicated mesh: every rank needs every indicator to mark alike.
      const MPI_Comm comm = tria.get_communicator();
      if (Utilities::MPI::n_mpi_processes(comm) > 1)
        Utilities::MPI::sum(indicators, comm, indicators);
      GridRefinement::refine_and_coarsen_fixed_fraction(
        tria,
        indicators,
        parameters.refine_fraction,
        parameters.coarsen_fraction);
    }

    for (const auto &cell : tria.active_cell_iterators())
      if (cell->level() >= static_cast<int>(parameters.maximum_level))
        cell->clear_refine_flag();
  }

  template void
  mark_cells<1>(Triangulation<1> &,
                Vector<float>,
                const RefinementParameters &);
  template void
  mark_cells<2>(Triangulation<2> &,
                Vector<float>,
                const RefinementParameters &);
  template void
  mark_cells<3>(Triangulation<3> &,
                Vector<float>,
                const RefinementParameters &);
} // namespace exsolve
