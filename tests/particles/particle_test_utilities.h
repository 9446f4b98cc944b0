// Helpers of the particle tests: a population from parameters set in SI
// units directly (the ParameterHandler path is tested by the 0D model and
// the input tests).
#pragma once

#include <exsolve/core/physical_constants.h>
#include <exsolve/particles/surface_population.h>

#include <memory>

namespace exsolve::testing
{
  inline constexpr double eV = constants::elementary_charge;
  inline constexpr double kB = constants::boltzmann_eV * eV; // J/K

  inline std::shared_ptr<const particles::ParticleModel>
  particle_model(const particles::ParticleParameters &p)
  {
    return std::make_shared<const particles::ParticleModel>(p);
  }

  /// Metal per area in adatoms and particles [m^-2].
  inline double
  metal(const particles::SurfacePopulation &s)
  {
    const auto m = s.summary();
    return m.atoms_adatoms + m.atoms_particles;
  }
} // namespace exsolve::testing
