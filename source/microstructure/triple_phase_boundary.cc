#include <deal.II/base/mpi.h>
#include <deal.II/distributed/tria_base.h>

#include <exsolve/microstructure/triple_phase_boundary.h>
#include <exsolve/microstructure/voxel_mesh.h>

#include <algorithm>
#include <unordered_map>

namespace exsolve
{
  using namespace dealii;

  namespace
  {
    /// What is known about one mesh edge (3D) or vertex (2D).
    struct Junction
    {
      std::vector<unsigned int> phases;
      bool                      on_pore_wall = false;
      types::subdomain_id       lowest_owner = numbers::invalid_subdomain_id;
      double                    measure      = 1;

      void
      add(const unsigned int phase, const types::subdomain_id owner)
      {
        if (std::find(phases.begin(), phases.end(), phase) == phases.end())
          phases.push_back(phase);
        lowest_owner = std::min(lowest_owner, owner);
      }
    };

    using Junctions = std::unordered_map<unsigned int, Junction>;

    /// Apply @p f to the active descendants of @p line.
    template <typename Line, typename F>
    void
    for_active_lines(const Line &line, const F &f)
    {
      if (line->has_children())
        for (unsigned int c = 0; c < line->n_children(); ++c)
          for_active_lines(line->child(c), f);
      else
        f(line);
    }

    template <int dim>
    Junctions
    collect(const Triangulation<dim> &tria, const SolidPhases &phases)
    {
      Junctions                 junctions;
      const types::subdomain_id me = tria.locally_owned_subdomain();
      for (const auto &cell : tria.active_cell_iterators())
      {
        if (cell->is_artificial())
          continue;
        const unsigned int        phase = phases.phase(cell->material_id());
        const types::subdomain_id owner
          = cell->is_locally_owned() ? me : cell->subdomain_id();
        if constexpr (dim == 3)
        {
          for (const unsigned int l : cell->line_indices())
            for_active_lines(cell->line(l),
                             [&](const auto &line)
                             {
                               auto &j   = junctions[line->index()];
                               j.measure = line->measure();
                               j.add(phase, owner);
                             });
          for (const unsigned int f : cell->face_indices())
            if (cell->face(f)->at_boundary()
                && cell->face(f)->boundary_id() == pore_surface_id<dim>)
              for (unsigned int l = 0; l < cell->face(f)->n_lines(); ++l)
                for_active_lines(cell->face(f)->line(l),
                                 [&](const auto &line) {
                                   junctions[line->index()].on_pore_wall = true;
                                 });
        }
        else
        {
          // 2D: hanging vertices lie inside a face between cells, never on
          // a pore wall, so the corners of the cells are enough.
          for (const unsigned int v : cell->vertex_indices())
            junctions[cell->vertex_index(v)].add(phase, owner);
          for (const unsigned int f : cell->face_indices())
            if (cell->face(f)->at_boundary()
                && cell->face(f)->boundary_id() == pore_surface_id<dim>)
              for (unsigned int v = 0; v < 2; ++v)
                junctions[cell->face(f)->vertex_index(v)].on_pore_wall = true;
        }
      }
      return junctions;
    }
  } // namespace



  template <int dim>
  double
  triple_phase_boundary(const Triangulation<dim> &tria,
                        const SolidPhases        &phases)
  {
    double                    local = 0;
    const types::subdomain_id me    = tria.locally_owned_subdomain();
    for (const auto &[index, j] : collect(tria, phases))
      if (j.on_pore_wall && j.phases.size() >= 2 && j.lowest_owner == me)
        local += j.measure;

    MPI_Comm comm = MPI_COMM_SELF;
    if (const auto *p
        = dynamic_cast<const parallel::TriangulationBase<dim> *>(&tria))
      comm = p->get_communicator();
    return Utilities::MPI::sum(local, comm);
  }

  template double
  triple_phase_boundary<2>(const Triangulation<2> &, const SolidPhases &);
  template double
  triple_phase_boundary<3>(const Triangulation<3> &, const SolidPhases &);
} // namespace exsolve
