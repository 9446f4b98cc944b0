#include <exsolve/microstructure/boundary_smoothing.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace exsolve
{
  using namespace dealii;

  namespace
  {
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



  } // namespace



  template <int dim>
  SmoothingReport
  project_pore_walls_onto_spheres(const VoxelGrid           &grid,
                                  const SphereUnion         &spheres,
                                  VoxelMeshDescription<dim> &mesh)
  {
    double h = 0;
    for (unsigned int d = 0; d < dim; ++d)
      h = std::max(h, grid.spacing(d));
    std::vector<std::size_t> candidates;
    const WallTarget         onto_spheres
      = [&](std::array<double, 3> &x, const std::array<bool, 3> &fixed)
    {
      // Only spheres within two voxels can hold the nearest surface point.
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
      return project_onto_union(spheres, candidates, fixed, 1e-10 * h, x);
    };
    // Generated structures have one solid phase: nothing is held.
    return move_pore_wall_vertices(grid, SolidPhases(), onto_spheres, mesh);
  }



  template <int dim>
  SmoothingReport
  project_pore_walls_onto_implicit_surface(const VoxelGrid           &grid,
                                           const SolidPhases         &phases,
                                           const double               sigma,
                                           VoxelMeshDescription<dim> &mesh)
  {
    const ImplicitSurface surface(grid, sigma);
    double                h = 0;
    for (unsigned int d = 0; d < dim; ++d)
      h = std::max(h, grid.spacing(d));
    const double     reach = std::sqrt(double(dim)) / 2 * h;
    const WallTarget onto_surface
      = [&](std::array<double, 3> &x, const std::array<bool, 3> &fixed)
    { return surface.project(x, fixed, reach); };
    return move_pore_wall_vertices(grid, phases, onto_surface, mesh);
  }



  template SmoothingReport
  project_pore_walls_onto_spheres<2>(const VoxelGrid &,
                                     const SphereUnion &,
                                     VoxelMeshDescription<2> &);
  template SmoothingReport
  project_pore_walls_onto_spheres<3>(const VoxelGrid &,
                                     const SphereUnion &,
                                     VoxelMeshDescription<3> &);
  template SmoothingReport
  project_pore_walls_onto_implicit_surface<2>(const VoxelGrid &,
                                              const SolidPhases &,
                                              double,
                                              VoxelMeshDescription<2> &);
  template SmoothingReport
  project_pore_walls_onto_implicit_surface<3>(const VoxelGrid &,
                                              const SolidPhases &,
                                              double,
                                              VoxelMeshDescription<3> &);
} // namespace exsolve
