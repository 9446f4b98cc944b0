#include <deal.II/base/mpi.h>
#include <deal.II/distributed/tria_base.h>

#include <exsolve/microstructure/microstructure_metrics.h>
#include <exsolve/microstructure/triple_phase_boundary.h>
#include <exsolve/microstructure/voxel_mesh.h>

#include <cmath>
#include <iomanip>
#include <set>

namespace exsolve
{
  using namespace dealii;

  template <int dim>
  MicrostructureMetrics
  compute_microstructure_metrics(const Triangulation<dim>    &tria,
                                 const std::array<double, 3> &sample_size,
                                 const SolidPhases           &phases)
  {
    MicrostructureMetrics  m;
    std::set<unsigned int> grains;
    for (const auto &cell : tria.active_cell_iterators())
    {
      if (!cell->is_locally_owned())
        continue;
      m.solid_volume += cell->measure();
      grains.insert(cell->material_id());
      // Area @p a of a face towards grain @p other, as a grain boundary
      // within one phase or as a phase boundary.
      const auto add = [&](const types::material_id other, const double a)
      {
        if (other == cell->material_id())
          return;
        if (phases.phase(other) == phases.phase(cell->material_id()))
          m.grain_boundaries += a;
        else
          m.phase_boundaries += a;
      };
      for (const unsigned int f : cell->face_indices())
      {
        const auto face = cell->face(f);
        if (face->at_boundary())
        {
          if (face->boundary_id() == pore_surface_id<dim>)
            m.pore_surface += face->measure();
          else if (cell->has_periodic_neighbor(f))
          {
            // Counted like interior faces: half from either side on equal
            // levels, all of it from the finer side.
            const auto neighbour = cell->periodic_neighbor(f);
            if (!neighbour->has_children())
              add(neighbour->material_id(),
                  (cell->periodic_neighbor_is_coarser(f) ? 1. : 0.5)
                    * face->measure());
          }
          continue;
        }
        // Each grain or phase boundary is seen from both sides: count half
        // each time, per fine face where the neighbour is refined.
        if (face->has_children())
        {
          for (unsigned int s = 0; s < face->n_children(); ++s)
            add(cell->neighbor_child_on_subface(f, s)->material_id(),
                0.5 * face->child(s)->measure());
        }
        else
          add(cell->neighbor(f)->material_id(), 0.5 * face->measure());
      }
    }

    MPI_Comm comm = MPI_COMM_SELF;
    if (const auto *p
        = dynamic_cast<const parallel::TriangulationBase<dim> *>(&tria))
      comm = p->get_communicator();
    m.solid_volume          = Utilities::MPI::sum(m.solid_volume, comm);
    m.pore_surface          = Utilities::MPI::sum(m.pore_surface, comm);
    m.grain_boundaries      = Utilities::MPI::sum(m.grain_boundaries, comm);
    m.phase_boundaries      = Utilities::MPI::sum(m.phase_boundaries, comm);
    m.triple_phase_boundary = triple_phase_boundary(tria, phases);
    m.n_phases              = phases.n_phases();
    std::set<unsigned int> all_grains;
    for (const auto &local : Utilities::MPI::all_gather(
           comm, std::vector<unsigned int>(grains.begin(), grains.end())))
      all_grains.insert(local.begin(), local.end());
    m.n_grains = all_grains.size();

    m.sample_volume = 1;
    for (unsigned int d = 0; d < dim; ++d)
      m.sample_volume *= sample_size[d];
    m.porosity                      = 1 - m.solid_volume / m.sample_volume;
    m.specific_surface_area         = m.pore_surface / m.sample_volume;
    m.grain_boundary_density        = m.grain_boundaries / m.sample_volume;
    m.phase_boundary_density        = m.phase_boundaries / m.sample_volume;
    m.triple_phase_boundary_density = m.triple_phase_boundary / m.sample_volume;
    m.mean_grain_size
      = m.n_grains > 0 ? std::pow(m.solid_volume / m.n_grains, 1. / dim) : 0;
    return m;
  }



  void
  write_metrics_csv(const MicrostructureMetrics &m, std::ostream &out)
  {
    out << "porosity,specific_surface_area_per_nm,"
           "grain_boundary_area_per_volume_per_nm,mean_grain_size_nm,"
           "n_grains,solid_volume_nm^dim,sample_volume_nm^dim,"
           "pore_wall_area_nm^(dim-1),voxel_pore_wall_area_nm^(dim-1),"
           "phase_boundary_area_per_volume_per_nm,"
           "triple_phase_boundary_density_per_nm^2,"
           "triple_phase_boundary_nm_or_points,n_solid_phases\n"
        << std::setprecision(10) << m.porosity << ',' << m.specific_surface_area
        << ',' << m.grain_boundary_density << ',' << m.mean_grain_size << ','
        << m.n_grains << ',' << m.solid_volume << ',' << m.sample_volume << ','
        << m.pore_surface << ',' << m.voxel_pore_surface << ','
        << m.phase_boundary_density << ',' << m.triple_phase_boundary_density
        << ',' << m.triple_phase_boundary << ',' << m.n_phases << '\n';
  }



  void
  print_metrics(const MicrostructureMetrics &m,
                const unsigned int           dim,
                std::ostream                &out)
  {
    const std::string area = dim == 2 ? "nm" : "nm^2";
    out << std::setprecision(5)
        << "  porosity                       = " << m.porosity
        << "\n  specific surface area          = " << m.specific_surface_area
        << " 1/nm (pore wall " << m.pore_surface << ' ' << area;
    if (m.voxel_pore_surface > 0)
      out << "; unsmoothed voxel staircase " << m.voxel_pore_surface << ' '
          << area << ", " << std::showpos
          << 100 * (m.voxel_pore_surface / m.pore_surface - 1) << std::noshowpos
          << " %";
    out << ")\n  grain-boundary area per volume = " << m.grain_boundary_density
        << " 1/nm (" << m.grain_boundaries << ' ' << area
        << ")\n  mean grain size                = " << m.mean_grain_size
        << " nm (" << m.n_grains << " grains)\n";
    if (m.n_phases > 1)
      out << "  phase-boundary area per volume = " << m.phase_boundary_density
          << " 1/nm (" << m.phase_boundaries << ' ' << area << ")\n"
          << "  triple-phase boundary          = "
          << m.triple_phase_boundary_density
          << (dim == 2 ? " points/nm^2 (" : " nm/nm^3 (")
          << m.triple_phase_boundary << (dim == 2 ? " points)\n" : " nm)\n");
  }

  template MicrostructureMetrics
  compute_microstructure_metrics<2>(const Triangulation<2> &,
                                    const std::array<double, 3> &,
                                    const SolidPhases &);
  template MicrostructureMetrics
  compute_microstructure_metrics<3>(const Triangulation<3> &,
                                    const std::array<double, 3> &,
                                    const SolidPhases &);
} // namespace exsolve
