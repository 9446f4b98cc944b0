#include <exsolve/chemistry/reaction_rates.h>
#include <exsolve/core/physical_constants.h>

#include <cmath>
#include <set>

namespace exsolve
{
  namespace
  {
    std::vector<ReactionRates::RateLaw>
    slow_reactions(const DefectChemistry &chemistry)
    {
      std::vector<ReactionRates::RateLaw> laws;
      for (const auto &r : chemistry.reactions)
        if (r.rate_constant > 0)
          laws.push_back({&r, r.rate_constant, r.rate_activation_energy});
      return laws;
    }
  } // namespace



  ReactionRates::ReactionRates(const DefectChemistry &chemistry,
                               const double           concentration_scale,
                               const double           time_scale)
      : ReactionRates(chemistry,
                      slow_reactions(chemistry),
                      concentration_scale,
                      concentration_scale / time_scale)
  {
  }



  ReactionRates::ReactionRates(const DefectChemistry      &chemistry,
                               const std::vector<RateLaw> &laws,
                               const double                concentration_scale,
                               const double                source_unit)
      : chemistry(chemistry)
      , laws(laws)
      , to_fraction(concentration_scale / chemistry.formula_unit_density)
      , rate_scale(chemistry.formula_unit_density / source_unit)
  {
    rate.resize(laws.size());
    log_K.resize(laws.size());
    set_temperature(1000.);
  }



  void
  ReactionRates::set_temperature(const double T)
  {
    set_conditions(T, chemistry.oxygen_partial_pressure);
  }



  void
  ReactionRates::set_conditions(const double T, const double pressure)
  {
    temperature  = T;
    log_pressure = std::log(pressure / chemistry.reference_pressure);
    for (unsigned int r = 0; r < laws.size(); ++r)
    {
      rate[r] = rate_scale * laws[r].prefactor
                * std::exp(-laws[r].activation_energy
                           / (constants::boltzmann_eV * T));
      log_K[r] = laws[r].reaction->log_equilibrium_constant(T);
    }
  }



  void
  ReactionRates::evaluate(const std::vector<double>  &c,
                          std::vector<double>        &sources,
                          dealii::FullMatrix<double> *jacobian) const
  {
    const unsigned int n = chemistry.n_species();
    sources.assign(n, 0.);
    if (jacobian)
    {
      jacobian->reinit(n, n);
      *jacobian = 0.;
    }
    if (laws.empty())
      return;
    // Called at every quadrature point of the assembly: reuse the scratch
    // vectors instead of allocating them each time.
    thread_local std::vector<double> x, d_forward, d_backward;
    x.resize(n);
    for (unsigned int i = 0; i < n; ++i)
      x[i] = c[i] * to_fraction;
    for (unsigned int r = 0; r < laws.size(); ++r)
    {
      // ln of the forward and backward activity products and their
      // derivatives with respect to ln c_j.
      const DefectReaction &reaction = *laws[r].reaction;
      d_forward.assign(n, 0.);
      d_backward.assign(n, 0.);
      const double forward = std::exp(chemistry.log_activity_product(
        reaction, false, x, temperature, log_pressure, &d_forward));
      const double backward
        = std::exp(chemistry.log_activity_product(
                     reaction, true, x, temperature, log_pressure, &d_backward)
                   - log_K[r]);
      const double R = rate[r] * (forward - backward);
      for (const auto &t : reaction.terms)
        if (t.kind == ReactionTerm::Kind::species)
        {
          sources[t.species_index] += t.coefficient * R;
          if (jacobian)
            for (unsigned int j = 0; j < n; ++j)
              (*jacobian)(t.species_index, j)
                += t.coefficient * rate[r]
                   * (forward * d_forward[j] - backward * d_backward[j]);
        }
    }
  }



  std::vector<std::pair<unsigned int, unsigned int>>
  ReactionRates::couplings() const
  {
    std::set<std::pair<unsigned int, unsigned int>> pairs;
    for (const auto &law : laws)
    {
      std::set<unsigned int> involved;
      for (const auto &t : law.reaction->terms)
        if (t.kind == ReactionTerm::Kind::species)
          involved.insert(t.species_index);
        else if (t.kind == ReactionTerm::Kind::regular)
          for (unsigned int j = 0; j < chemistry.n_species(); ++j)
            if (chemistry.species[j].site == t.sublattice)
              involved.insert(j);
      for (const unsigned int i : involved)
        for (const unsigned int j : involved)
          pairs.insert({i, j});
    }
    return {pairs.begin(), pairs.end()};
  }
} // namespace exsolve
