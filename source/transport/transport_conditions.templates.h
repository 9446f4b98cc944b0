// The operating conditions of a transient at the current time: temperature
// and gas from the Atmosphere programmes, and everything that follows them.
#pragma once

#include <exsolve/core/physical_constants.h>
#include <exsolve/transport/transport_problem.h>

#include <cmath>

namespace exsolve
{
  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::update_conditions()
  {
    const double t_physical  = time * parameters.time_scale;
    const double temperature = parameters.atmosphere.temperature(t_physical);
    const double pressure
      = parameters.atmosphere.oxygen_partial_pressure(t_physical);
    const auto &scales  = electrolyte.scales;
    current_temperature = temperature;
    current_pressure    = pressure;

    // The scales stay those of Physics/Temperature (T_ref): psi is phi in
    // units of kT_ref/e, so the drift carries T_ref/T; the Poisson operator
    // carries eps(T)/eps(T_ref); D_i(T) is relative to D_max(T_ref).
    diffusivity_now = parameters.diffusivities_at(temperature);
    if (reaction_rates)
      reaction_rates->set_temperature(temperature);
    if (activities)
      activities->set_temperature(temperature);
    if (local_equilibria)
      local_equilibria->set_temperature(temperature);
    for (auto &[id, rates] : surface_reactions)
      rates->set_conditions(temperature, pressure);
    drift_factor = scales.dimensionless ? 1. : scales.temperature / temperature;
    permittivity_factor = scales.dimensionless
                            ? 1.
                            : electrolyte.relative_permittivity(temperature)
                                / scales.relative_permittivity;

    for (const auto &[key, k0] : species_bc.exchange_prefactor)
    {
      const auto ea = species_bc.exchange_activation.find(key);
      species_bc.exchange[key].first
        = ea == species_bc.exchange_activation.end()
            ? k0
            : k0
                * std::exp(-ea->second
                           / (constants::boltzmann_eV * temperature));
    }

    if (species_bc.at_equilibrium.empty())
      return;
    if (!equilibrium_solver)
      equilibrium_solver
        = std::make_unique<BulkEquilibriumSolver>(electrolyte.chemistry);
    // Each solve starts from the previous one (the programme moves slowly).
    const auto state
      = equilibrium_solver->solve(temperature, pressure, last_equilibrium);
    last_equilibrium = state.concentrations;
    const double per_formula_unit
      = electrolyte.chemistry.formula_unit_density / scales.concentration;
    for (const auto &key : species_bc.at_equilibrium)
    {
      const double c = per_formula_unit * state.concentrations[key.second];
      if (species_bc.fixed.count(key) > 0)
        species_bc.fixed[key] = c;
      else
        species_bc.exchange[key].second = c;
    }
  }
} // namespace exsolve
