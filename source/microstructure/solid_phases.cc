#include <deal.II/base/mpi.h>
#include <deal.II/distributed/tria_base.h>

#include <exsolve/microstructure/solid_phases.h>

#include <set>

namespace exsolve
{
  using namespace dealii;

  template <int dim>
  PhaseMeasures
  measure_phases(const Triangulation<dim> &tria, const SolidPhases &phases)
  {
    const unsigned int n = phases.n_phases();
    PhaseMeasures      m;
    m.cells.assign(n, 0);
    m.volume.assign(n, 0.);
    std::set<types::material_id> grains;
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
      {
        const unsigned int p = phases.phase(cell->material_id());
        ++m.cells[p];
        m.volume[p] += cell->measure();
        grains.insert(cell->material_id());
      }

    MPI_Comm comm = MPI_COMM_SELF;
    if (const auto *p
        = dynamic_cast<const parallel::TriangulationBase<dim> *>(&tria))
      comm = p->get_communicator();
    std::vector<unsigned long long> cells(n);
    Utilities::MPI::sum(m.cells, comm, cells);
    m.cells = cells;
    Utilities::MPI::sum(m.volume, comm, m.volume);
    std::set<types::material_id> all_grains;
    for (const auto &local : Utilities::MPI::all_gather(
           comm, std::vector<types::material_id>(grains.begin(), grains.end())))
      all_grains.insert(local.begin(), local.end());
    m.grains.assign(n, 0);
    for (const auto grain : all_grains)
      ++m.grains[phases.phase(grain)];
    return m;
  }

  template PhaseMeasures
  measure_phases<2>(const Triangulation<2> &, const SolidPhases &);
  template PhaseMeasures
  measure_phases<3>(const Triangulation<3> &, const SolidPhases &);
} // namespace exsolve
