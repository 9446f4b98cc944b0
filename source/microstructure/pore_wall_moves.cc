#include <exsolve/microstructure/pore_wall_moves.h>

#include <algorithm>
#include <cmath>

namespace exsolve
{
  using namespace dealii;

  namespace
  {
    /// Calls f(v, d, upper) for every face of a solid voxel v towards a pore
    /// voxel in direction d (upper: towards +d), across periodic sample
    /// faces too; faces on open sample faces are not pore walls.
    template <typename Function>
    void
    for_each_pore_wall(const VoxelGrid &grid, Function &&f)
    {
      for (std::size_t v = 0; v < grid.size(); ++v)
      {
        if (!grid.solid(v))
          continue;
        const auto p = grid.position(v);
        for (unsigned int d = 0; d < grid.dimension; ++d)
          for (const bool upper : {false, true})
          {
            const int n = grid.n[d];
            int       q = static_cast<int>(p[d]) + (upper ? 1 : -1);
            if (q < 0 || q >= n)
            {
              if (!grid.periodic[d])
                continue;
              q = (q + n) % n;
            }
            auto r = p;
            r[d]   = q;
            if (!grid.solid(grid.index(r[0], r[1], r[2])))
              f(v, d, upper);
          }
      }
    }



    double
    determinant(const Tensor<1, 2> (&t)[2])
    {
      return t[0][0] * t[1][1] - t[0][1] * t[1][0];
    }

    double
    determinant(const Tensor<1, 3> (&t)[3])
    {
      return t[0] * cross_product_3d(t[1], t[2]);
    }

    /// Jacobian determinants of the (bi/tri)linear map of a cell at the
    /// 2^dim points of the 2-point Gauss rule, where the solvers evaluate
    /// it (a corner of a smoothed cell may have a reflex angle and still
    /// map every quadrature point the right way round).
    template <int dim>
    std::array<double, 1 << dim>
    gauss_point_jacobians(const std::array<Point<dim>, 1 << dim> &x)
    {
      const double g[2]
        = {0.5 - 0.5 / std::sqrt(3.), 0.5 + 0.5 / std::sqrt(3.)};
      std::array<double, 1 << dim> det;
      for (unsigned int q = 0; q < det.size(); ++q)
      {
        double xi[dim];
        for (unsigned int d = 0; d < dim; ++d)
          xi[d] = g[(q >> d) & 1];
        Tensor<1, dim> t[dim];
        for (unsigned int i = 0; i < x.size(); ++i)
          for (unsigned int d = 0; d < dim; ++d)
          {
            // d N_i / d xi_d for the lexicographic vertex i.
            double derivative = (i >> d) & 1 ? 1. : -1.;
            for (unsigned int e = 0; e < dim; ++e)
              if (e != d)
                derivative *= (i >> e) & 1 ? xi[e] : 1 - xi[e];
            t[d] += derivative * x[i];
          }
        det[q] = determinant(t);
      }
      return det;
    }



    /// One slot per lattice point of a grid, periodic images sharing one,
    /// so that they move alike.
    template <int dim>
    struct LatticeSlots
    {
      explicit LatticeSlots(const VoxelGrid &grid)
          : grid(grid)
          , m{{grid.n[0] + 1u, grid.n[1] + 1u, dim == 3 ? grid.n[2] + 1u : 1u}}
      {
      }

      std::size_t
      operator()(std::array<unsigned int, 3> q) const
      {
        for (unsigned int d = 0; d < dim; ++d)
          if (grid.periodic[d] && q[d] == grid.n[d])
            q[d] = 0;
        return q[0] + m[0] * (q[1] + m[1] * q[2]);
      }

      std::size_t
      size() const
      {
        return m[0] * m[1] * m[2];
      }

      /// Lattice index of slot @p s in direction @p d.
      std::size_t
      coordinate(const std::size_t s, const unsigned int d) const
      {
        return d == 0   ? s % m[0]
               : d == 1 ? (s / m[0]) % m[1]
                        : s / (m[0] * m[1]);
      }

      /// Slot s lies on an open sample face normal to d.
      bool
      on_open_face(const std::size_t s, const unsigned int d) const
      {
        const std::size_t q = coordinate(s, d);
        return !grid.periodic[d] && (q == 0 || q == grid.n[d]);
      }

      const VoxelGrid                 &grid;
      const std::array<std::size_t, 3> m;
    };

    /// Calls f(slot) for the 2^dim lattice points of voxel v.
    template <int dim, typename Function>
    void
    for_each_corner(const LatticeSlots<dim> &slots,
                    const std::size_t        v,
                    Function               &&f)
    {
      const auto p = slots.grid.position(v);
      for (unsigned int c = 0; c < (1u << dim); ++c)
      {
        auto q = p;
        for (unsigned int d = 0; d < dim; ++d)
          q[d] += (c >> d) & 1;
        f(slots(q));
      }
    }
  } // namespace



  double
  voxel_pore_wall_area(const VoxelGrid &grid)
  {
    double area = 0;
    for_each_pore_wall(grid,
                       [&](std::size_t, const unsigned int d, bool)
                       {
                         double a = 1;
                         for (unsigned int e = 0; e < grid.dimension; ++e)
                           if (e != d)
                             a *= grid.spacing(e);
                         area += a;
                       });
    return area;
  }



  template <int dim>
  SmoothingReport
  move_pore_wall_vertices(const VoxelGrid           &grid,
                          const SolidPhases         &phases,
                          const WallTarget          &target,
                          VoxelMeshDescription<dim> &mesh)
  {
    const LatticeSlots<dim> slot_of(grid);
    const std::size_t       n_slots = slot_of.size();
    std::vector<char>       wall(n_slots, 0);
    for_each_pore_wall(grid,
                       [&](const std::size_t v, const unsigned int d, bool up)
                       {
                         const auto p = grid.position(v);
                         for (unsigned int c = 0; c < (1u << (dim - 1)); ++c)
                         {
                           auto         q   = p;
                           unsigned int bit = 0;
                           for (unsigned int e = 0; e < dim; ++e)
                             q[e] += e == d ? up : (c >> bit++) & 1;
                           wall[slot_of(q)] = 1;
                         }
                       });

    // Lattice points where two solid phases meet are held: moving them
    // would move the phase boundary and the triple-phase-boundary line,
    // which the pore-wall surface says nothing about.
    constexpr unsigned int    none = static_cast<unsigned int>(-1);
    std::vector<unsigned int> phase_at(n_slots, none);
    std::vector<char>         held(n_slots, 0);
    for (std::size_t v = 0; v < grid.size(); ++v)
      if (grid.solid(v))
        for_each_corner(slot_of,
                        v,
                        [&](const std::size_t s)
                        {
                          const unsigned int p = phases.phase(grid.label[v]);
                          if (phase_at[s] == none)
                            phase_at[s] = p;
                          else if (phase_at[s] != p)
                            held[s] = 1;
                        });

    double h = 0, voxel_volume = 1;
    for (unsigned int d = 0; d < dim; ++d)
    {
      h = std::max(h, grid.spacing(d));
      voxel_volume *= grid.spacing(d);
    }
    const double reach = std::sqrt(double(dim)) / 2 * h * (1 + 1e-9);

    // The move of each wall slot, computed from its first vertex.
    SmoothingReport             report;
    std::vector<Tensor<1, dim>> move(n_slots);
    std::vector<double>         scale(n_slots, 0.);
    std::vector<char>           done(n_slots, 0);
    for (std::size_t v = 0; v < mesh.vertices.size(); ++v)
    {
      const std::size_t s = slot_of(mesh.lattice[v]);
      if (!wall[s] || done[s])
        continue;
      done[s] = 1;
      ++report.n_wall_vertices;
      if (held[s])
      {
        ++report.n_held;
        continue;
      }
      std::array<double, 3> x{{0., 0., 0.}};
      std::array<bool, 3>   fixed{{true, true, true}};
      for (unsigned int d = 0; d < dim; ++d)
      {
        x[d] = mesh.vertices[v][d];
        fixed[d]
          = !grid.periodic[d]
            && (mesh.lattice[v][d] == 0 || mesh.lattice[v][d] == grid.n[d]);
      }
      double distance = 0;
      if (target(x, fixed))
        for (unsigned int d = 0; d < dim; ++d)
        {
          move[s][d] = fixed[d] ? 0. : x[d] - mesh.vertices[v][d];
          distance += move[s][d] * move[s][d];
        }
      if (distance > 0 && std::sqrt(distance) <= reach)
        scale[s] = 1;
      else
      {
        move[s] = 0;
        ++report.n_kept;
      }
    }

    const double threshold = 0.005 * voxel_volume;

    // Harmonic extension of the wall moves into the solid (Jacobi sweeps of
    // the average over lattice neighbours, the wall held fixed), so that the
    // cells behind the wall share the compression instead of flattening; a
    // vertex on an open sample face keeps its coordinate normal to the face.
    std::vector<char> present(n_slots, 0);
    for (const auto &q : mesh.lattice)
      present[slot_of(q)] = 1;
    const std::size_t stride[3]
      = {1, slot_of.m[0], slot_of.m[0] * slot_of.m[1]};
    for (unsigned int sweep = 0; sweep < 40; ++sweep)
    {
      std::vector<Tensor<1, dim>> next = move;
      for (std::size_t s = 0; s < n_slots; ++s)
      {
        if (!present[s] || wall[s] || held[s])
          continue;
        Tensor<1, dim> sum;
        unsigned int   count = 0;
        for (unsigned int d = 0; d < dim; ++d)
        {
          const std::size_t q = slot_of.coordinate(s, d);
          for (const int step : {-1, 1})
          {
            long long r = static_cast<long long>(q) + step;
            if (grid.periodic[d])
              r = (r + grid.n[d]) % grid.n[d];
            else if (r < 0 || r > static_cast<long long>(grid.n[d]))
              continue;
            const std::size_t t
              = s + (r - static_cast<long long>(q)) * stride[d];
            if (present[t])
            {
              sum += move[t];
              ++count;
            }
          }
        }
        if (count == 0)
          continue;
        next[s] = sum / count;
        for (unsigned int d = 0; d < dim; ++d)
          if (slot_of.on_open_face(s, d))
            next[s][d] = 0;
      }
      move.swap(next);
    }
    for (std::size_t s = 0; s < n_slots; ++s)
      if (!wall[s] && move[s].norm() > 0)
        scale[s] = 1;

    // Halve the moves of the vertices of every cell whose Jacobian falls
    // below 1/200 of the voxel's at a Gauss point, until none does; a cell
    // whose moves have all vanished is its voxel.
    for (bool distorted = true; distorted;)
    {
      // Find all distorted cells first, so the result does not depend on
      // the order of the cells.
      distorted = false;
      std::vector<char> halve(n_slots, 0);
      for (const auto &cell : mesh.cells)
      {
        std::array<Point<dim>, 1 << dim> x;
        for (unsigned int c = 0; c < x.size(); ++c)
        {
          const unsigned int v = cell.vertices[c];
          const std::size_t  s = slot_of(mesh.lattice[v]);
          x[c]                 = mesh.vertices[v] + scale[s] * move[s];
        }
        const auto det = gauss_point_jacobians<dim>(x);
        if (*std::min_element(det.begin(), det.end()) >= threshold)
          continue;
        distorted = true;
        for (const unsigned int v : cell.vertices)
          halve[slot_of(mesh.lattice[v])] = 1;
      }
      for (std::size_t s = 0; s < n_slots; ++s)
        if (halve[s] && scale[s] > 0)
          scale[s] = scale[s] < 1. / 32 ? 0. : scale[s] / 2;
    }

    std::fill(done.begin(), done.end(), 0);
    for (std::size_t v = 0; v < mesh.vertices.size(); ++v)
    {
      const std::size_t s = slot_of(mesh.lattice[v]);
      mesh.vertices[v] += scale[s] * move[s];
      if (!wall[s] || done[s] || move[s].norm() == 0)
        continue;
      done[s] = 1;
      (scale[s] == 1 ? report.n_projected : report.n_shortened) += 1;
      report.max_displacement
        = std::max(report.max_displacement, scale[s] * move[s].norm());
    }
    return report;
  }

  template SmoothingReport
  move_pore_wall_vertices<2>(const VoxelGrid &,
                             const SolidPhases &,
                             const WallTarget &,
                             VoxelMeshDescription<2> &);
  template SmoothingReport
  move_pore_wall_vertices<3>(const VoxelGrid &,
                             const SolidPhases &,
                             const WallTarget &,
                             VoxelMeshDescription<3> &);
} // namespace exsolve
