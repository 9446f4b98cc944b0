// Defect chemistry of TransportProblem: slow and fast reactions, surface
// reactions, activity coefficients and the couplings they add to the
// Jacobian; included by one .cc file per linear-algebra backend.
#pragma once

#include <exsolve/core/input_error.h>
#include <exsolve/transport/transport_problem.h>

#include <algorithm>

namespace exsolve
{
  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::setup_reactions_and_activities()
  {
    log_bulk_activity        = log_bulk;
    reference_concentrations = electrolyte.bulk_concentrations;
    species_coupled.assign(n_species, std::vector<bool>(n_species, false));
    const auto couple
      = [&](const std::vector<std::pair<unsigned int, unsigned int>> &pairs)
    {
      for (const auto &[i, j] : pairs)
        species_coupled[i][j] = species_coupled[j][i] = true;
    };
    const auto &chemistry = electrolyte.chemistry;
    if (chemistry.active())
    {
      const double c_ref = electrolyte.scales.concentration;
      auto         rates = std::make_unique<ReactionRates>(chemistry,
                                                   c_ref,
                                                   parameters.time_scale);
      if (!rates->empty())
      {
        reaction_couplings = rates->couplings();
        reaction_rates     = std::move(rates);
        couple(reaction_couplings);
      }
      activities = std::make_unique<TransportActivities>(chemistry, c_ref);
      if (activities->ideal())
        activities.reset();
      else
      {
        couple(activities->couplings());
        activities->set_temperature(parameters.atmosphere.temperature(
          parameters.time_stepping.start_time * parameters.time_scale));
        std::vector<double> log_gamma, weight;
        require_input(activities->evaluate(electrolyte.bulk_concentrations,
                                           log_gamma,
                                           weight),
                      "Physics/Species/Bulk concentrations",
                      "(given)",
                      "a sublattice or band of the bulk is overfull under "
                      "the chosen statistics");
        for (unsigned int s = 0; s < n_species; ++s)
          log_bulk_activity[s] += log_gamma[s];
      }
      local_equilibria = std::make_unique<LocalEquilibria>(chemistry, c_ref);
      if (local_equilibria->empty())
        local_equilibria.reset();
      else
      {
        local_equilibria->eliminate(std::vector<double>(n_species, 1.));
        for (unsigned int f = 0; f < local_equilibria->n_reactions(); ++f)
        {
          const auto involved = local_equilibria->species_of(f);
          std::vector<std::pair<unsigned int, unsigned int>> pairs;
          for (const unsigned int i : involved)
            for (const unsigned int j : involved)
              pairs.emplace_back(i, j);
          couple(pairs);
          // The constraint replaces a balance: where one species of the
          // reaction is fixed, all must be, or the reaction's rate there
          // would have no equation.
          for (const auto &[key, value] : species_bc.fixed)
            if (std::find(involved.begin(), involved.end(), key.second)
                != involved.end())
              for (const unsigned int j : involved)
                require_input(species_bc.fixed.count({key.first, j}) > 0,
                              "Boundary conditions/Fixed concentrations",
                              electrolyte.names[key.second] + "@"
                                + boundary_names.name(key.first),
                              "species " + electrolyte.names[key.second]
                                + " takes part in the fast reaction '"
                                + local_equilibria->reaction(f).name
                                + "' (held in local equilibrium), so "
                                + electrolyte.names[j]
                                + " needs a fixed concentration on that "
                                  "boundary too (e.g. 'equilibrium'), or "
                                  "give the reaction a rate constant");
        }
      }
    }
    for (const auto &law : species_bc.surface_reactions)
    {
      auto &rates = surface_reactions[law.boundary];
      std::vector<ReactionRates::RateLaw> laws;
      laws.push_back({&chemistry.reactions[law.reaction],
                      law.prefactor,
                      law.activation_energy});
      if (rates) // a second reaction on the same boundary
        throw InputError(
          "Boundary conditions/Surface reaction rate constants: boundary '"
          + boundary_names.name(law.boundary)
          + "' has more than one surface reaction; combine them into one "
            "overall reaction");
      rates = std::make_unique<ReactionRates>(chemistry,
                                              laws,
                                              electrolyte.scales.concentration,
                                              parameters.flux_unit());
      couple(rates->couplings());
    }
    // The exsolution takes a vacancy with every cation.
    if (parameters.exsolution.enabled() && parameters.vacancy_species >= 0)
      couple({{parameters.exsolving_species,
               static_cast<unsigned int>(parameters.vacancy_species)}});
    if (local_equilibria)
    {
      // A combined balance takes in the pivots' rows: close the couplings.
      for (unsigned int k = 0; k < n_species; ++k)
        for (unsigned int i = 0; i < n_species; ++i)
          for (unsigned int j = 0; j < n_species; ++j)
            if (species_coupled[i][k] && species_coupled[k][j])
              species_coupled[i][j] = true;
    }
  }
} // namespace exsolve
