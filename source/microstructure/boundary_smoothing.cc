#include <exsolve/microstructure/boundary_smoothing.h>

#include <algorithm>
#include <cmath>
#include <limits>

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



    /**
     * The point of the union's surface reached from @p x by alternating
     * projections onto the sphere of least signed distance (the nearest
     * from outside, the deepest from inside), moving only the coordinates
     * that are not @p fixed: the sphere's section with that plane or line
     * is what the point is projected onto. False if no candidate sphere
     * reaches the free subspace or the iteration does not settle.
     */
    bool
    project_onto_union(const SphereUnion              &spheres,
                       const std::vector<std::size_t> &candidates,
                       const std::array<bool, 3>      &fixed,
                       const double                    tolerance,
                       std::array<double, 3>          &x)
    {
      const unsigned int dim = spheres.dimension;
      const double       R   = spheres.radius;
      for (unsigned int iteration = 0; iteration < 200; ++iteration)
      {
        double                least = std::numeric_limits<double>::max();
        std::array<double, 3> best_offset{{0., 0., 0.}};
        double                best_radius = 0, best_distance = 0;
        for (const std::size_t s : candidates)
        {
          const auto offset = spheres.offset(x, s);
          // Section of the sphere with the free subspace: radius r.
          double r2 = R * R, distance2 = 0;
          for (unsigned int d = 0; d < dim; ++d)
            if (fixed[d])
              r2 -= offset[d] * offset[d];
            else
              distance2 += offset[d] * offset[d];
          if (r2 <= 0)
            continue;
          const double radius = std::sqrt(r2), distance = std::sqrt(distance2);
          if (distance - radius < least)
          {
            least         = distance - radius;
            best_offset   = offset;
            best_radius   = radius;
            best_distance = distance;
          }
        }
        if (least == std::numeric_limits<double>::max())
          return false;
        if (least >= -tolerance && least <= tolerance)
          return true;
        if (best_distance == 0)
          return false;
        for (unsigned int d = 0; d < dim; ++d)
          if (!fixed[d])
            x[d] += best_offset[d] * (best_radius / best_distance - 1);
      }
      return false;
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
  project_pore_walls_onto_spheres(const VoxelGrid           &grid,
                                  const SphereUnion         &spheres,
                                  VoxelMeshDescription<dim> &mesh)
  {
    // One slot per lattice point, periodic images sharing one, so that
    // they move alike.
    const std::array<std::size_t, 3> m{
      {grid.n[0] + 1u, grid.n[1] + 1u, dim == 3 ? grid.n[2] + 1u : 1u}};
    auto slot_of = [&](std::array<unsigned int, 3> q)
    {
      for (unsigned int d = 0; d < dim; ++d)
        if (grid.periodic[d] && q[d] == grid.n[d])
          q[d] = 0;
      return q[0] + m[0] * (q[1] + m[1] * q[2]);
    };
    const std::size_t n_slots = m[0] * m[1] * m[2];
    std::vector<char> wall(n_slots, 0);
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
    std::vector<std::size_t>    candidates;
    for (std::size_t v = 0; v < mesh.vertices.size(); ++v)
    {
      const std::size_t s = slot_of(mesh.lattice[v]);
      if (!wall[s] || done[s])
        continue;
      done[s] = 1;
      ++report.n_wall_vertices;
      std::array<double, 3> x{{0., 0., 0.}}, start;
      std::array<bool, 3>   fixed{{true, true, true}};
      for (unsigned int d = 0; d < dim; ++d)
      {
        x[d] = mesh.vertices[v][d];
        fixed[d]
          = !grid.periodic[d]
            && (mesh.lattice[v][d] == 0 || mesh.lattice[v][d] == grid.n[d]);
      }
      start = x;
      candidates.clear();
      for (std::size_t c = 0; c < spheres.centres.size(); ++c)
      {
        const auto offset = spheres.offset(x, c);
        double     r2     = 0;
        for (unsigned int d = 0; d < dim; ++d)
          r2 += offset[d] * offset[d];
        if (r2 <= std::pow(spheres.radius + 2 * h, 2))
          candidates.push_back(c);
      }
      double distance = 0;
      if (project_onto_union(spheres, candidates, fixed, 1e-10 * h, x))
        for (unsigned int d = 0; d < dim; ++d)
        {
          move[s][d] = x[d] - start[d];
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
    auto fixed_of = [&](const std::size_t s, const unsigned int d)
    {
      const std::size_t q = d == 0   ? s % m[0]
                            : d == 1 ? (s / m[0]) % m[1]
                                     : s / (m[0] * m[1]);
      return !grid.periodic[d] && (q == 0 || q == grid.n[d]);
    };
    const std::size_t stride[3] = {1, m[0], m[0] * m[1]};
    for (unsigned int sweep = 0; sweep < 40; ++sweep)
    {
      std::vector<Tensor<1, dim>> next = move;
      for (std::size_t s = 0; s < n_slots; ++s)
      {
        if (!present[s] || wall[s])
          continue;
        Tensor<1, dim> sum;
        unsigned int   count = 0;
        for (unsigned int d = 0; d < dim; ++d)
        {
          const std::size_t q = (s / stride[d]) % m[d];
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
          if (fixed_of(s, d))
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
  project_pore_walls_onto_spheres<2>(const VoxelGrid &,
                                     const SphereUnion &,
                                     VoxelMeshDescription<2> &);
  template SmoothingReport
  project_pore_walls_onto_spheres<3>(const VoxelGrid &,
                                     const SphereUnion &,
                                     VoxelMeshDescription<3> &);
} // namespace exsolve
