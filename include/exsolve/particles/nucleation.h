#pragma once

#include <exsolve/particles/particle_thermodynamics.h>

namespace exsolve::particles
{
  /// Classical nucleation of a cap on one type of site.
  struct NucleationRate
  {
    double critical_radius  = 0.; ///< r* [m]
    double critical_atoms   = 0.; ///< n* [-]
    double barrier          = 0.; ///< dG* [J]
    double zeldovich        = 0.; ///< Z [-]
    double attachment       = 0.; ///< beta* [1/s]
    double incubation_time  = 0.; ///< tau [s]
    double steady_rate      = 0.; ///< Z beta* N0 exp(-dG*/kT) [m^-2 s^-1]
    double rate             = 0.; ///< with exp(-tau/t) if asked [m^-2 s^-1]
    double insertion_radius = 0.; ///< r* + (kT/(pi gamma_eff))^(1/2)/2 [m]
  };

  /**
   * Classical nucleation theory for caps of fixed shape (doc/particles.md):
   * with the driving force dmu = mu_ad - mu_p(inf) = kT ln S and the
   * capillary coefficient kappa (mu_p(r) - mu_p(inf) = kappa Omega / r),
   *   G(n) = -n dmu + B r(n)^2,  B = 2 pi f kappa (= 4 pi f gamma at the
   *   Young angle),  r* = kappa Omega / dmu,  dG* = B r*^2 / 3,
   *   n* = f 4 pi r*^3 / (3 Omega),  Z = (dG* / (3 pi kT n*^2))^(1/2),
   * and the perimeter-limited attachment beta* = 2 pi r* sin(theta) k_a
   * rho_ad. A defect site multiplies f (and so dG* and n*) by
   * @p barrier_factor. Zero rate for S <= 1.
   *
   * @param sites N0 [m^-2]; @p attachment_per_length k_a rho_ad [1/(m s)];
   * @p time t of exp(-tau/t) (<= 0 or incubation off: no factor).
   */
  NucleationRate
  classical_nucleation(const ParticleThermodynamics &thermo,
                       const double                  driving_force,
                       const double                  capillary_coefficient,
                       const double                  kT,
                       const double                  sites,
                       const double                  barrier_factor,
                       const double                  attachment_per_length,
                       const double                  time,
                       const bool                    incubation);
} // namespace exsolve::particles
