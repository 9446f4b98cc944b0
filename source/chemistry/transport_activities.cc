#include <exsolve/chemistry/transport_activities.h>

#include <cmath>

namespace exsolve
{
  TransportActivities::TransportActivities(const DefectChemistry &chemistry,
                                           const double concentration_scale)
      : chemistry(chemistry)
      , to_fraction(concentration_scale / chemistry.formula_unit_density)
      , group(chemistry.n_species(), -1)
  {
    const unsigned int n = chemistry.n_species();
    if (chemistry.ionic_statistics
        == DefectChemistry::IonicStatistics::site_exclusion)
      for (const auto &[site, sites] : chemistry.sublattices)
      {
        Group g;
        for (unsigned int i = 0; i < n; ++i)
          if (chemistry.species[i].kind == KrogerVinkSpecies::Kind::lattice
              && chemistry.species[i].site == site)
          {
            g.members.push_back(i);
            g.alpha.push_back(to_fraction / sites);
          }
        if (g.members.empty())
          continue;
        for (const unsigned int i : g.members)
          group[i] = groups.size();
        groups.push_back(g);
      }
    if (chemistry.electronic_statistics
        == DefectChemistry::ElectronicStatistics::blakemore)
      for (unsigned int i = 0; i < n; ++i)
        if (chemistry.species[i].kind != KrogerVinkSpecies::Kind::lattice)
        {
          Group g;
          g.members = {i};
          g.alpha   = {0.};
          g.carrier = true;
          group[i]  = groups.size();
          groups.push_back(g);
        }
    set_temperature(300.);
  }



  void
  TransportActivities::set_temperature(const double temperature)
  {
    for (auto &g : groups)
      if (g.carrier)
      {
        const auto  &s      = chemistry.species[g.members[0]];
        const double states = s.kind == KrogerVinkSpecies::Kind::electron
                                ? chemistry.conduction_states(temperature)
                                : chemistry.valence_states(temperature);
        g.alpha[0] = DefectChemistry::blakemore_gamma * to_fraction / states;
      }
  }



  bool
  TransportActivities::evaluate(const std::vector<double> &c,
                                std::vector<double>       &log_gamma,
                                std::vector<double>       &weight) const
  {
    log_gamma.assign(c.size(), 0.);
    weight.assign(c.size(), 0.);
    for (const auto &g : groups)
    {
      double taken = 0.;
      for (unsigned int k = 0; k < g.members.size(); ++k)
        taken += g.alpha[k] * c[g.members[k]];
      if (!(taken < 1.))
        return false;
      const double theta = 1. - taken, log_theta = std::log1p(-taken);
      for (unsigned int k = 0; k < g.members.size(); ++k)
      {
        const unsigned int i = g.members[k];
        log_gamma[i]         = -log_theta;
        weight[i]            = g.alpha[k] * c[i] / theta;
      }
    }
    return true;
  }



  std::vector<std::pair<unsigned int, unsigned int>>
  TransportActivities::couplings() const
  {
    std::vector<std::pair<unsigned int, unsigned int>> pairs;
    for (const auto &g : groups)
      for (const unsigned int i : g.members)
        for (const unsigned int j : g.members)
          pairs.emplace_back(i, j);
    return pairs;
  }
} // namespace exsolve
