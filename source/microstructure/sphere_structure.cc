#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_utilities.h>
#include <exsolve/microstructure/manifold_contacts.h>
#include <exsolve/microstructure/random_numbers.h>
#include <exsolve/microstructure/solid_connectivity.h>
#include <exsolve/microstructure/sphere_structure.h>

#include <algorithm>
#include <cmath>

namespace exsolve
{
  namespace
  {
    /**
     * Centres of the first @p n spheres: uniform in the sample grown by one
     * radius in open directions (so the walls are not depleted of solid),
     * uniform in the sample in periodic ones (where the images fill in).
     */
    SphereUnion
    random_spheres(const MicrostructureParameters &parameters,
                   const std::array<bool, 3>      &periodic,
                   const unsigned int              n)
    {
      SphereUnion spheres;
      spheres.dimension = parameters.dimension;
      spheres.radius    = parameters.sphere_diameter / 2;
      spheres.lengths   = parameters.sample_size;
      spheres.periodic  = periodic;
      const double  r   = spheres.radius;
      UniformRandom random(parameters.seed, /*stream=*/1);
      spheres.centres.assign(n, {{0., 0., 0.}});
      for (auto &c : spheres.centres)
        for (unsigned int d = 0; d < parameters.dimension; ++d)
        {
          const double L = parameters.sample_size[d];
          c[d]           = periodic[d] ? random.next() * L
                                       : -r + random.next() * (L + 2 * r);
        }
      return spheres;
    }



    /**
     * For each voxel, the index of the first sphere that covers its centre
     * (or max()). Porosity as a function of the number of spheres N then
     * needs one pass: a voxel is in the union of spheres 0..N-1 iff its
     * first index is < N. In periodic directions the images one sample
     * length away are visited as well.
     */
    std::vector<unsigned int>
    first_covering_sphere(const SphereUnion &spheres, const VoxelGrid &grid)
    {
      const unsigned int        dim = spheres.dimension;
      const double              r   = spheres.radius;
      std::vector<unsigned int> first(grid.size(), VoxelGrid::pore);
      for (unsigned int s = 0; s < spheres.centres.size(); ++s)
      {
        std::array<int, 3> images{{0, 0, 0}};
        for (unsigned int d = 0; d < dim; ++d)
          images[d] = spheres.periodic[d] ? 1 : 0;
        for (int sz = -images[2]; sz <= images[2]; ++sz)
          for (int sy = -images[1]; sy <= images[1]; ++sy)
            for (int sx = -images[0]; sx <= images[0]; ++sx)
            {
              const int                   shift[3] = {sx, sy, sz};
              std::array<double, 3>       c        = spheres.centres[s];
              std::array<unsigned int, 3> lo{{0, 0, 0}}, hi{{0, 0, 0}};
              bool                        inside = true;
              for (unsigned int d = 0; d < dim; ++d)
              {
                const double h = grid.spacing(d);
                c[d] += shift[d] * grid.lengths[d];
                // Voxels whose centre (i + 1/2) h lies in [c - r, c + r].
                const double a = std::ceil((c[d] - r) / h - 0.5);
                const double b = std::floor((c[d] + r) / h - 0.5);
                if (b < 0 || a > grid.n[d] - 1. || b < a)
                  inside = false;
                lo[d] = static_cast<unsigned int>(std::max(0., a));
                hi[d] = static_cast<unsigned int>(
                  std::max(0., std::min<double>(grid.n[d] - 1., b)));
              }
              if (!inside)
                continue;
              for (unsigned int k = lo[2]; k <= hi[2]; ++k)
                for (unsigned int j = lo[1]; j <= hi[1]; ++j)
                  for (unsigned int i = lo[0]; i <= hi[0]; ++i)
                  {
                    const std::size_t v  = grid.index(i, j, k);
                    const auto        x  = grid.centre(v);
                    double            r2 = 0;
                    for (unsigned int d = 0; d < dim; ++d)
                      r2 += (x[d] - c[d]) * (x[d] - c[d]);
                    if (r2 <= r * r && first[v] == VoxelGrid::pore)
                      first[v] = s;
                  }
            }
      }
      return first;
    }



    /// Enough spheres to cover the grown sample but a fraction e^-10.
    unsigned int
    saturating_sphere_count(const MicrostructureParameters &parameters)
    {
      const double r      = parameters.sphere_diameter / 2;
      double       volume = 1;
      for (unsigned int d = 0; d < parameters.dimension; ++d)
        volume *= parameters.sample_size[d] + 2 * r;
      const double sphere
        = parameters.dimension == 2 ? M_PI * r * r : 4. / 3. * M_PI * r * r * r;
      return static_cast<unsigned int>(std::ceil(10. * volume / sphere)) + 1;
    }



  } // namespace



  SphereStructure
  generate_sphere_structure(const MicrostructureParameters &parameters,
                            const std::array<bool, 3>      &periodic)
  {
    parameters.validate();
    std::array<unsigned int, 3> n{{1, 1, 1}};
    for (unsigned int d = 0; d < parameters.dimension; ++d)
      n[d] = parameters.n_voxels(d);
    VoxelGrid empty(parameters.dimension, n, parameters.sample_size);
    empty.periodic           = periodic;
    const unsigned int n_max = saturating_sphere_count(parameters);
    const SphereUnion  all   = random_spheres(parameters, periodic, n_max);
    const auto         first = first_covering_sphere(all, empty);
    const bool         particles
      = parameters.structure
        == MicrostructureParameters::Structure::overlapping_particles;

    auto build = [&](const unsigned int n_spheres)
    {
      SphereStructure result{empty, n_spheres, 0, 0, all};
      result.spheres.centres.resize(n_spheres);
      for (std::size_t v = 0; v < empty.size(); ++v)
        if ((first[v] < n_spheres) != particles)
          result.grid.label[v] = VoxelGrid::pore;
      fill_non_manifold_contacts(result.grid);
      if (parameters.remove_isolated)
        result.isolated_voxels_removed = remove_isolated_solid(result.grid);
      result.porosity = result.grid.porosity();
      return result;
    };
    // Porosity falls with N for particles and rises for pores; bisect for
    // the first N at which it has crossed the target.
    auto crossed = [&](const SphereStructure &s)
    {
      return particles ? s.porosity <= parameters.target_porosity
                       : s.porosity >= parameters.target_porosity;
    };
    unsigned int    lo = 0, hi = n_max;
    SphereStructure at_lo = build(lo), at_hi = build(hi);
    while (hi - lo > 1)
    {
      const unsigned int mid    = lo + (hi - lo) / 2;
      SphereStructure    at_mid = build(mid);
      if (crossed(at_mid))
      {
        hi    = mid;
        at_hi = std::move(at_mid);
      }
      else
      {
        lo    = mid;
        at_lo = std::move(at_mid);
      }
    }
    const bool      lo_usable = at_lo.porosity < 1;
    SphereStructure result
      = lo_usable
            && std::abs(at_lo.porosity - parameters.target_porosity)
                 < std::abs(at_hi.porosity - parameters.target_porosity)
          ? std::move(at_lo)
          : std::move(at_hi);

    require_input(std::abs(result.porosity - parameters.target_porosity)
                    <= parameters.porosity_tolerance,
                  "Microstructure/Target porosity",
                  parameters::to_string(parameters.target_porosity),
                  "the closest porosity reached is "
                    + parameters::to_string(result.porosity) + " ("
                    + std::to_string(result.n_spheres) + " spheres), more than "
                    + parameters::to_string(parameters.porosity_tolerance)
                    + " away; use a smaller Voxel size, a larger Sample size "
                      "or a smaller Sphere diameter");
    if (!parameters.remove_isolated)
    {
      const unsigned int clusters = count_solid_clusters(result.grid);
      require_input(clusters == 1,
                    "Microstructure/Remove isolated solid",
                    "false",
                    "the generated solid falls into " + std::to_string(clusters)
                      + " face-connected clusters, which a diffusion solve "
                        "cannot handle; set it to true (keep the largest "
                        "cluster) or lower the Target porosity");
    }
    return result;
  }
} // namespace exsolve
