#include <exsolve/particles/size_distribution.h>

#include <algorithm>
#include <cmath>

namespace exsolve::particles
{
  SizeClasses::SizeClasses(const ParticleParameters     &parameters,
                           const ParticleThermodynamics &thermo)
      : second_order(parameters.second_order_fluxes)
  {
    const unsigned int K  = parameters.n_classes;
    const double       r0 = parameters.min_radius, r1 = parameters.max_radius;
    edges.resize(K + 1);
    for (unsigned int k = 0; k <= K; ++k)
      edges[k] = parameters.logarithmic ? r0 * std::pow(r1 / r0, double(k) / K)
                                        : r0 + (r1 - r0) * double(k) / K;
    for (unsigned int k = 0; k < K; ++k)
    {
      pivots.push_back(parameters.logarithmic
                         ? std::sqrt(edges[k] * edges[k + 1])
                         : 0.5 * (edges[k] + edges[k + 1]));
      widths.push_back(edges[k + 1] - edges[k]);
      atoms.push_back(thermo.atoms(pivots.back()));
    }
  }



  unsigned int
  SizeClasses::index_of(const double radius) const
  {
    const auto it = std::upper_bound(edges.begin(), edges.end(), radius);
    if (it == edges.begin())
      return 0;
    return std::min<unsigned int>(it - edges.begin() - 1, size() - 1);
  }



  void
  SizeClasses::add_growth(const std::vector<double> &velocity,
                          const double              *number,
                          double                    *dndt) const
  {
    const unsigned int K = size();
    // Number per unit radius; negative round-off values carry no flux.
    const auto n = [&](const int k) {
      return (k < 0 || k >= int(K)) ? 0. : std::max(number[k], 0.) / widths[k];
    };
    // Value of n at edge e seen from class k (the upwind class): first
    // order, or linear with the van Leer (harmonic) limited slope, which
    // keeps the face value between the neighbours (positive, no new
    // extrema) and is second order where n is smooth.
    const auto face = [&](const int k, const unsigned int e)
    {
      const double nk = n(k);
      if (!second_order || k == 0 || k + 1 >= int(K))
        return nk;
      const double a     = (nk - n(k - 1)) / (pivots[k] - pivots[k - 1]);
      const double b     = (n(k + 1) - nk) / (pivots[k + 1] - pivots[k]);
      const double slope = a * b > 0. ? 2. * a * b / (a + b) : 0.;
      return std::max(nk + slope * (edges[e] - pivots[k]), 0.);
    };
    // Edge 0 (r_min): only outflow (dissolution); nuclei enter separately.
    if (velocity[0] < 0.)
      dndt[0] += velocity[0] * face(0, 0);
    for (unsigned int e = 1; e < K; ++e)
    {
      const double v = velocity[e];
      const double F = v > 0. ? v * face(e - 1, e) : v * face(e, e);
      dndt[e - 1] -= F;
      dndt[e] += F;
    }
  }



  void
  SizeClasses::add_nuclei(const double rate,
                          const double radius,
                          double      *dndt) const
  {
    if (rate <= 0.)
      return;
    const unsigned int K = size();
    if (radius <= pivots[0])
    {
      dndt[0] += rate;
      return;
    }
    if (radius >= pivots[K - 1])
    {
      dndt[K - 1] += rate;
      return;
    }
    const unsigned int k
      = std::upper_bound(pivots.begin(), pivots.end(), radius) - pivots.begin()
        - 1;
    const double w = (radius - pivots[k]) / (pivots[k + 1] - pivots[k]);
    dndt[k] += (1. - w) * rate;
    dndt[k + 1] += w * rate;
  }
} // namespace exsolve::particles
