#include <exsolve/core/input_error.h>
#include <exsolve/particles/lattice_gas.h>
#include <exsolve/particles/particle_thermodynamics.h>

#include <cmath>

namespace exsolve::particles
{
  double
  cap_shape_factor(const double contact_angle)
  {
    const double c = std::cos(contact_angle);
    return (2. - 3. * c + c * c * c) / 4.;
  }



  CapShape::CapShape(const double contact_angle)
      : contact_angle(contact_angle)
      , cos_theta(std::cos(contact_angle))
      , sin_theta(std::sin(contact_angle))
      , shape_factor(cap_shape_factor(contact_angle))
  {
  }



  CapShape
  CapShape::from_adhesion(const double surface_energy,
                          const double adhesion_energy)
  {
    // Young-Dupre: E_adh = gamma (1 + cos theta).
    return CapShape(std::acos(adhesion_energy / surface_energy - 1.));
  }



  ParticleThermodynamics::ParticleThermodynamics(
    const ParticleParameters &parameters)
      : prm(parameters)
      , cap(CapShape::from_adhesion(parameters.surface_energy,
                                    parameters.adhesion_energy))
  {
  }



  double
  ParticleThermodynamics::atoms(const double radius) const
  {
    return cap.shape_factor * 4. * M_PI * radius * radius * radius
           / (3. * prm.atomic_volume);
  }



  double
  ParticleThermodynamics::adhesion_energy(const double vacancy_fraction,
                                          const double socket) const
  {
    return prm.adhesion_energy + prm.adhesion_derivative * vacancy_fraction
           + prm.socketing_adhesion_gain * socket;
  }



  double
  ParticleThermodynamics::capillary_coefficient(const double vacancy_fraction,
                                                const double socket) const
  {
    const double g = prm.surface_energy;
    const double e = adhesion_energy(vacancy_fraction, socket);
    return (g * (1. - cap.cos_theta)
            + (g - e) * cap.sin_theta * cap.sin_theta / 2.)
           / cap.shape_factor;
  }



  double
  ParticleThermodynamics::bulk_chemical_potential(const double kT) const
  {
    return prm.formation_enthalpy - prm.particle_entropy * kT;
  }



  double
  ParticleThermodynamics::equilibrium_coverage(
    const double radius,
    const double kT,
    const double capillary_coefficient) const
  {
    return lattice_gas::coverage(bulk_chemical_potential(kT)
                                   + capillary_coefficient * prm.atomic_volume
                                       / radius,
                                 kT);
  }
} // namespace exsolve::particles
