#pragma once

#include <exsolve/particles/particle_parameters.h>

namespace exsolve::particles
{
  /**
   * A supported spherical cap of curvature radius r and contact angle
   * theta: atoms n = f 4 pi r^3 / (3 Omega), base radius r sin(theta),
   * f = (2 - 3 cos + cos^3)/4. The shape is fixed by Young-Dupre at the
   * reference adhesion (x_V = 0, unsocketed); changes of E_adh then act at
   * fixed shape, as in Campbell, Parker and Starr (Science 298 (2002) 811).
   */
  struct CapShape
  {
    explicit CapShape(const double contact_angle);
    static CapShape
    from_adhesion(const double surface_energy, const double adhesion_energy);

    double contact_angle; ///< [rad]
    double cos_theta, sin_theta;
    double shape_factor; ///< f(theta)
  };

  /// f(theta) = (2 - 3 cos theta + cos^3 theta)/4
  double
  cap_shape_factor(const double contact_angle);

  /**
   * Chemical potential of an atom in a particle of radius r, relative to an
   * isolated adatom (J):
   *   mu_p(r) = Delta h - s_p kT + kappa Omega / r,
   *   kappa = [gamma (1 - cos) + (gamma - E_adh) sin^2/2] / f,
   * from G = gamma A_cap + (gamma - E_adh) A_base at fixed shape; kappa =
   * 2 gamma at the Young angle, 3 gamma - E_adh for a hemisphere (Campbell).
   * E_adh = E_adh0 + dE/dx_V x_V + gain s (s: relative socket depth).
   */
  class ParticleThermodynamics
  {
  public:
    explicit ParticleThermodynamics(const ParticleParameters &parameters);

    const CapShape &
    shape() const
    {
      return cap;
    }

    /// Atoms in a cap of radius r [m].
    double
    atoms(const double radius) const;

    /// Base (contact) radius [m].
    double
    base_radius(const double radius) const
    {
      return radius * cap.sin_theta;
    }

    /// E_adh [J/m^2] at vacancy fraction x_V and relative socket depth s.
    double
    adhesion_energy(const double vacancy_fraction, const double socket) const;

    /// kappa [J/m^2] of mu_p(r) = mu_p(inf) + kappa Omega / r.
    double
    capillary_coefficient(const double vacancy_fraction,
                          const double socket) const;

    /// mu_p(inf) = Delta h - s_p kT [J].
    double
    bulk_chemical_potential(const double kT) const;

    /// Adatom coverage in equilibrium with a particle of radius r.
    double
    equilibrium_coverage(const double radius,
                         const double kT,
                         const double capillary_coefficient) const;

    const ParticleParameters &
    parameters() const
    {
      return prm;
    }

  private:
    ParticleParameters prm;
    CapShape           cap;
  };
} // namespace exsolve::particles
