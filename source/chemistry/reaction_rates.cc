#include <exsolve/chemistry/reaction_rates.h>
#include <exsolve/core/physical_constants.h>

#include <cmath>
#include <set>

namespace exsolve
{
  namespace
  {
    constexpr double blakemore_gamma = 0.27;
  }



  ReactionRates::ReactionRates(const DefectChemistry &chemistry,
                               const double           concentration_scale,
                               const double           time_scale)
      : chemistry(chemistry)
      , to_fraction(concentration_scale / chemistry.formula_unit_density)
      , rate_scale(chemistry.formula_unit_density * time_scale
                   / concentration_scale)
  {
    for (const auto &r : chemistry.reactions)
      if (r.rate_constant > 0)
        slow.push_back(&r);
    rate.resize(slow.size());
    log_K.resize(slow.size());
  }



  void
  ReactionRates::set_temperature(const double T)
  {
    temperature = T;
    for (unsigned int r = 0; r < slow.size(); ++r)
    {
      rate[r] = rate_scale * slow[r]->rate_constant
                * std::exp(-slow[r]->rate_activation_energy
                           / (constants::boltzmann_eV * T));
      log_K[r] = slow[r]->log_equilibrium_constant(T);
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
    if (slow.empty())
      return;
    // Called at every quadrature point of the assembly: reuse the scratch
    // vectors instead of allocating them each time.
    thread_local std::vector<double> x, self, d_forward, d_backward;
    x.resize(n);
    for (unsigned int i = 0; i < n; ++i)
      x[i] = c[i] * to_fraction;
    const auto log_a = chemistry.log_activities(x, temperature);
    // d ln a_i / d ln c_i of the carriers (Blakemore), 1 otherwise.
    self.assign(n, 1.);
    if (chemistry.electronic_statistics
        == DefectChemistry::ElectronicStatistics::blakemore)
      for (unsigned int i = 0; i < n; ++i)
        if (chemistry.species[i].kind != KrogerVinkSpecies::Kind::lattice)
        {
          const double states
            = chemistry.species[i].kind == KrogerVinkSpecies::Kind::electron
                ? chemistry.conduction_states(temperature)
                : chemistry.valence_states(temperature);
          self[i] = 1. / (1. - blakemore_gamma * x[i] / states);
        }
    const bool exclusion = chemistry.ionic_statistics
                           == DefectChemistry::IonicStatistics::site_exclusion;

    d_forward.resize(n);
    d_backward.resize(n);
    for (unsigned int r = 0; r < slow.size(); ++r)
    {
      // ln of the forward and backward activity products and their
      // derivatives with respect to ln c_j.
      double log_forward = 0., log_backward = -log_K[r];
      std::fill(d_forward.begin(), d_forward.end(), 0.);
      std::fill(d_backward.begin(), d_backward.end(), 0.);
      for (const auto &t : slow[r]->terms)
      {
        const double m        = std::abs(t.coefficient);
        double      &log_side = t.coefficient < 0 ? log_forward : log_backward;
        auto        &d_side   = t.coefficient < 0 ? d_forward : d_backward;
        if (t.kind == ReactionTerm::Kind::species)
        {
          log_side += m * log_a[t.species_index];
          d_side[t.species_index] += m * self[t.species_index];
        }
        else if (t.kind == ReactionTerm::Kind::regular && exclusion)
        {
          const double log_theta
            = chemistry.log_regular_activity(t.sublattice, x);
          const double theta = std::exp(log_theta);
          log_side += m * log_theta;
          for (unsigned int j = 0; j < n; ++j)
            if (chemistry.species[j].kind == KrogerVinkSpecies::Kind::lattice
                && chemistry.species[j].site == t.sublattice)
              d_side[j]
                -= m * x[j] / (chemistry.sublattices.at(t.sublattice) * theta);
        }
      }
      const double forward  = std::exp(log_forward);
      const double backward = std::exp(log_backward);
      const double R        = rate[r] * (forward - backward);
      for (const auto &t : slow[r]->terms)
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
    for (const auto *r : slow)
    {
      std::set<unsigned int> involved;
      for (const auto &t : r->terms)
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
