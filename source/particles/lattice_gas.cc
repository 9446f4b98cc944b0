#include <exsolve/particles/lattice_gas.h>

#include <algorithm>
#include <cmath>

namespace exsolve::particles::lattice_gas
{
  double
  chemical_potential(const double coverage, const double kT)
  {
    // Clipped so that an empty (or numerically slightly negative) field
    // has a finite, very low chemical potential.
    const double theta = std::clamp(coverage, 1e-300, 1. - 1e-15);
    return kT * (std::log(theta) - std::log1p(-theta));
  }



  double
  coverage(const double chemical_potential, const double kT)
  {
    return 1. / (1. + std::exp(-chemical_potential / kT));
  }



  double
  critical_coverage(const double delta_h, const double s_p, const double kT)
  {
    return coverage(delta_h - s_p * kT, kT);
  }
} // namespace exsolve::particles::lattice_gas
