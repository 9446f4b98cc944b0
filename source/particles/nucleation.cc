#include <exsolve/particles/nucleation.h>

#include <algorithm>
#include <cmath>

namespace exsolve::particles
{
  NucleationRate
  classical_nucleation(const ParticleThermodynamics &thermo,
                       const double                  driving_force,
                       const double                  capillary_coefficient,
                       const double                  kT,
                       const double                  sites,
                       const double                  barrier_factor,
                       const double                  attachment_per_length,
                       const double                  time,
                       const bool                    incubation)
  {
    NucleationRate r;
    // A vanishing or negative capillarity (adhesion beyond 3 gamma on a
    // hemisphere) has no barrier in this model: no nucleation rather than
    // an unbounded rate.
    if (driving_force <= 0. || capillary_coefficient <= 0. || sites <= 0.)
      return r;
    const double omega = thermo.parameters().atomic_volume;
    const double f     = thermo.shape().shape_factor * barrier_factor;
    r.critical_radius  = capillary_coefficient * omega / driving_force;
    const double B     = 2. * M_PI * f * capillary_coefficient;
    r.barrier          = B * r.critical_radius * r.critical_radius / 3.;
    r.critical_atoms
      = f * 4. * M_PI * std::pow(r.critical_radius, 3) / (3. * omega);
    r.zeldovich = std::sqrt(
      r.barrier / (3. * M_PI * kT * r.critical_atoms * r.critical_atoms));
    r.attachment = 2. * M_PI * thermo.base_radius(r.critical_radius)
                   * attachment_per_length;
    r.steady_rate
      = r.zeldovich * r.attachment * sites * std::exp(-r.barrier / kT);
    r.incubation_time = r.attachment > 0.
                          ? 1. / (2. * r.attachment * r.zeldovich * r.zeldovich)
                          : 0.;
    r.rate            = r.steady_rate;
    if (incubation && time > 0.)
      r.rate *= std::exp(-r.incubation_time / time);
    else if (incubation)
      r.rate = 0.;
    // Nuclei enter where dG has fallen by kT below the top of the barrier.
    r.insertion_radius
      = r.critical_radius
        + 0.5 * std::sqrt(kT / (M_PI * capillary_coefficient / 2.));
    return r;
  }
} // namespace exsolve::particles
