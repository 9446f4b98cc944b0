#include <exsolve/microstructure/random_numbers.h>
#include <exsolve/microstructure/voronoi_grains.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace exsolve
{
  unsigned int
  assign_voronoi_grains(VoxelGrid          &grid,
                        const double        mean_grain_size,
                        const std::uint64_t seed)
  {
    const unsigned int dim    = grid.dimension;
    double             volume = 1;
    for (unsigned int d = 0; d < dim; ++d)
      volume *= grid.lengths[d];
    const unsigned int n_grains
      = std::max<long>(1, std::lround(volume / std::pow(mean_grain_size, dim)));

    UniformRandom                      random(seed, /*stream=*/2);
    std::vector<std::array<double, 3>> seeds(n_grains, {{0., 0., 0.}});
    for (auto &s : seeds)
      for (unsigned int d = 0; d < dim; ++d)
        s[d] = random.next() * grid.lengths[d];

    for (std::size_t v = 0; v < grid.size(); ++v)
    {
      if (!grid.solid(v))
        continue;
      const auto   x       = grid.centre(v);
      double       nearest = std::numeric_limits<double>::max();
      unsigned int grain   = 0;
      for (unsigned int g = 0; g < n_grains; ++g)
      {
        double r2 = 0;
        for (unsigned int d = 0; d < dim; ++d)
        {
          double dx = x[d] - seeds[g][d];
          // Nearest image, so the grains tile with the sample.
          if (grid.periodic[d])
            dx -= grid.lengths[d] * std::round(dx / grid.lengths[d]);
          r2 += dx * dx;
        }
        if (r2 < nearest)
        {
          nearest = r2;
          grain   = g;
        }
      }
      grid.label[v] = grain;
    }
    return n_grains;
  }
} // namespace exsolve
