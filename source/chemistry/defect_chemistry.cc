#include <deal.II/base/utilities.h>

#include <exsolve/chemistry/defect_chemistry.h>
#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_utilities.h>

#include <algorithm>
#include <cmath>

namespace exsolve
{
  using namespace dealii;

  namespace
  {
    std::string
    list_of(const std::map<std::string, std::string> &map)
    {
      std::string s;
      for (const auto &[key, value] : map)
        s += (s.empty() ? "" : ", ") + key;
      return s.empty() ? "(none)" : s;
    }
  } // namespace



  void
  DefectChemistry::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Defect chemistry");
    {
      prm.declare_entry(
        "Sublattices",
        "Sr: 1, Ti: 1, O: 3",
        Patterns::Anything(),
        "[sites per formula unit] Sublattices of the host as 'name: sites', "
        "e.g. 'Sr: 1, Ti: 1, O: 3' for a perovskite ABO3; add 'i: 1' to allow "
        "interstitials (species X_i). The regular occupant of a sublattice "
        "(Sr_Sr^x, O_O^x) is implied and must not be listed as a species.");
      prm.declare_entry(
        "Reactions",
        "",
        Patterns::Anything(),
        "[-] Defect reactions as 'name: reactants = products', separated by "
        "commas, over the species of Physics/Species, the regular lattice "
        "species, O2 and pure phases written with (s), e.g. 'reduction: O_O^x "
        "= V_O.. + 2 e' + 1/2 O2, band gap: nil = e' + h.'. Charge, sites "
        "and atoms must balance. Empty (with empty Dopant contents): no "
        "defect chemistry; bulk concentrations are then given directly.");
      prm.declare_entry(
        "Reaction enthalpies",
        "",
        Patterns::Anything(),
        "[eV] Reaction enthalpy dH of each reaction, 'name: value'. K = "
        "exp(dS/k) exp(-dH/kT) with concentrations per formula unit and "
        "pressures relative to 'Reference pressure'.");
      prm.declare_entry(
        "Reaction entropies",
        "",
        Patterns::Anything(),
        "[k] Reaction entropy dS of each reaction in units of Boltzmann's "
        "constant, 'name: value' (missing reactions: 0).");
      prm.declare_entry(
        "Reaction rate constants",
        "",
        Patterns::Anything(),
        "[1/s] Forward rate constant prefactor k0 of each slow reaction, "
        "'name: k0': such a reaction is a volume source of the transport "
        "with rate k0 exp(-Ea/kT) N_fu (prod a_reactants - prod a_products / "
        "K). Reactions not listed are fast. A slow reaction may not involve "
        "O2 (gas exchange happens at surfaces).");
      prm.declare_entry(
        "Reaction rate activation energies",
        "",
        Patterns::Anything(),
        "[eV] Ea of the slow reactions' rate constants, 'name: Ea', >= 0 "
        "(missing: 0).");
      prm.declare_entry(
        "Dopant contents",
        "",
        Patterns::Anything(),
        "[per formula unit] Fixed total content of each dopant element, "
        "'element: value', e.g. 'Fe: 0.01' for 1 % Fe on the Ti sites; every "
        "species containing the element counts (Fe_Ti', Fe_Ti^x). 0 < value "
        "<= sites of the sublattice.");
      prm.declare_entry(
        "Ionic statistics",
        "dilute",
        Patterns::Selection("dilute|site exclusion"),
        "[-] 'dilute': ideal dilute defects (regular species have activity "
        "1); 'site exclusion': ideal mixing on each sublattice, so the site "
        "fraction of the defects on a sublattice never exceeds one.");
      prm.declare_entry(
        "Electronic statistics",
        "Boltzmann",
        Patterns::Selection("Boltzmann|Blakemore"),
        "[-] Statistics of e' and h.: 'Boltzmann' (non-degenerate) or "
        "'Blakemore' (Fermi-Dirac in Blakemore's approximation, needs "
        "'Effective densities of states').");
      prm.declare_entry(
        "Effective densities of states",
        "",
        Patterns::Anything(),
        "[m^-3] Effective densities of states at 300 K of the conduction "
        "band (e') and valence band (h.), 'e': value, h.: value', scaled "
        "with (T/300 K)^(3/2) (Blakemore statistics only; SrTiO3: about "
        "1e27 m^-3).");
      prm.declare_entry(
        "Oxygen partial pressure",
        "2.1e4",
        Patterns::Double(0),
        "[Pa] Oxygen partial pressure of the gas in equilibrium with the "
        "bulk, 1e-40 .. 1e10 Pa (2.1e4 Pa: air).");
      prm.declare_entry(
        "Reference pressure",
        "1e5",
        Patterns::Double(0),
        "[Pa] Standard pressure of the mass-action constants (1e5 Pa = 1 "
        "bar), > 0.");
    }
    prm.leave_subsection();
  }



  void
  DefectChemistry::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Physics");
    prm.enter_subsection("Species");
    const auto names = parameters::parse_strings(prm.get("Names"));
    prm.leave_subsection();
    const bool si        = prm.get("Unit system") == "SI";
    const bool fractions = prm.get("Concentration unit") == "site fraction";
    formula_unit_density = prm.get_double("Site density");
    const double fixed   = prm.get_double("Fixed charge density");
    prm.leave_subsection();

    prm.enter_subsection("Defect chemistry");
    const std::string sublattice_text = prm.get("Sublattices");
    const std::string reaction_text   = prm.get("Reactions");
    const std::string enthalpy_text   = prm.get("Reaction enthalpies");
    const std::string entropy_text    = prm.get("Reaction entropies");
    const std::string content_text    = prm.get("Dopant contents");
    const std::string rate_text       = prm.get("Reaction rate constants");
    const std::string rate_ea_text
      = prm.get("Reaction rate activation energies");
    const std::string states_text = prm.get("Effective densities of states");
    ionic_statistics              = prm.get("Ionic statistics") == "dilute"
                                      ? IonicStatistics::dilute
                                      : IonicStatistics::site_exclusion;
    electronic_statistics   = prm.get("Electronic statistics") == "Boltzmann"
                                ? ElectronicStatistics::boltzmann
                                : ElectronicStatistics::blakemore;
    oxygen_partial_pressure = prm.get_double("Oxygen partial pressure");
    reference_pressure      = prm.get_double("Reference pressure");
    prm.leave_subsection();

    const std::string section = "Defect chemistry/";
    const auto        reaction_map
      = parameters::parse_map(reaction_text, section + "Reactions");
    const auto content_map
      = parameters::parse_map(content_text, section + "Dopant contents");
    species.clear();
    reactions.clear();
    dopant_contents.clear();
    if (reaction_map.empty() && content_map.empty())
      return; // no defect chemistry

    require_input(si,
                  "Physics/Unit system",
                  "dimensionless",
                  "defect chemistry (Defect chemistry/Reactions) needs the "
                  "SI unit system");
    require_input(oxygen_partial_pressure >= 1e-40
                    && oxygen_partial_pressure <= 1e10,
                  section + "Oxygen partial pressure",
                  parameters::to_string(oxygen_partial_pressure) + " Pa",
                  "must lie in 1e-40 .. 1e10 Pa");
    require_input(reference_pressure > 0,
                  section + "Reference pressure",
                  parameters::to_string(reference_pressure) + " Pa",
                  "must be positive");
    fixed_charge = fractions ? fixed : fixed / formula_unit_density;

    sublattices.clear();
    for (const auto &[site, value] :
         parameters::parse_map(sublattice_text, section + "Sublattices"))
    {
      const double m = parameters::parse_double(value, section + "Sublattices");
      require_input(m > 0 && m <= 100,
                    section + "Sublattices",
                    site + ": " + value,
                    "sites per formula unit must lie in (0, 100]");
      sublattices[site] = m;
    }

    for (const auto &name : names)
    {
      KrogerVinkSpecies kv;
      std::string       why;
      const bool        parsed = KrogerVinkSpecies::parse(name, kv, why);
      require_input(parsed,
                    "Physics/Species/Names",
                    name,
                    "with defect chemistry every species is written in "
                    "Kroger-Vink notation: "
                      + why);
      require_input(!kv.is_regular(),
                    "Physics/Species/Names",
                    name,
                    "the regular species of a sublattice is implied by "
                    "Defect chemistry/Sublattices; list only defects");
      require_input(kv.kind != KrogerVinkSpecies::Kind::lattice
                      || sublattices.count(kv.site) > 0,
                    "Physics/Species/Names",
                    name,
                    "its site '" + kv.site
                      + "' is not a sublattice of Defect chemistry/"
                        "Sublattices ("
                      + sublattice_text + ")");
      species.push_back(kv);
    }

    // Reactions with their thermodynamics.
    const auto enthalpies
      = parameters::parse_map(enthalpy_text, section + "Reaction enthalpies");
    const auto entropies
      = parameters::parse_map(entropy_text, section + "Reaction entropies");
    for (const auto &[name, equation] : reaction_map)
    {
      DefectReaction r = DefectReaction::parse(
        name, equation, species, sublattices, section + "Reactions");
      const auto h = enthalpies.find(name);
      require_input(h != enthalpies.end(),
                    section + "Reaction enthalpies",
                    enthalpy_text.empty() ? "(empty)" : enthalpy_text,
                    "needs a value for reaction '" + name + "'");
      r.enthalpy
        = parameters::parse_double(h->second, section + "Reaction enthalpies");
      const auto s = entropies.find(name);
      if (s != entropies.end())
        r.entropy
          = parameters::parse_double(s->second, section + "Reaction entropies");
      reactions.push_back(r);
    }
    // Slow reactions: rate constants with their activation energies.
    const auto rates
      = parameters::parse_map(rate_text, section + "Reaction rate constants");
    const auto rate_energies
      = parameters::parse_map(rate_ea_text,
                              section + "Reaction rate activation energies");
    for (auto &r : reactions)
    {
      const auto k = rates.find(r.name);
      if (k == rates.end())
        continue;
      r.rate_constant
        = parameters::parse_double(k->second,
                                   section + "Reaction rate constants");
      require_input(r.rate_constant > 0 && std::isfinite(r.rate_constant),
                    section + "Reaction rate constants",
                    k->first + ": " + k->second,
                    "must be positive (leave a fast reaction out)");
      require_input(r.oxygen_coefficient() == 0.,
                    section + "Reaction rate constants",
                    k->first + ": " + k->second,
                    "reaction '" + r.name
                      + "' involves O2, which exists only at surfaces: it "
                        "cannot be a volume source");
      const auto ea = rate_energies.find(r.name);
      if (ea != rate_energies.end())
      {
        r.rate_activation_energy = parameters::parse_double(
          ea->second, section + "Reaction rate activation energies");
        require_input(r.rate_activation_energy >= 0,
                      section + "Reaction rate activation energies",
                      ea->first + ": " + ea->second,
                      "must be >= 0 eV");
      }
    }
    for (const auto &[name, value] : rates)
      require_input(reaction_map.count(name) > 0,
                    section + "Reaction rate constants",
                    name + ": " + value,
                    "no reaction of that name (reactions: "
                      + list_of(reaction_map) + ")");
    for (const auto &[name, value] : rate_energies)
      require_input(rates.count(name) > 0,
                    section + "Reaction rate activation energies",
                    name + ": " + value,
                    "no rate constant for that reaction in Defect chemistry/"
                    "Reaction rate constants");
    for (const auto &[name, value] : enthalpies)
      require_input(reaction_map.count(name) > 0,
                    section + "Reaction enthalpies",
                    name + ": " + value,
                    "no reaction of that name (reactions: "
                      + list_of(reaction_map) + ")");
    for (const auto &[name, value] : entropies)
      require_input(reaction_map.count(name) > 0,
                    section + "Reaction entropies",
                    name + ": " + value,
                    "no reaction of that name (reactions: "
                      + list_of(reaction_map) + ")");

    // Dopant contents: positive, carried by some species, and fitting on
    // the sublattices their species occupy.
    std::map<std::string, double> occupied;
    for (const auto &[element, value] : content_map)
    {
      const double c
        = parameters::parse_double(value, section + "Dopant contents");
      std::string sites;
      for (const auto &s : species)
        if (s.occupant == element
            && sites.find(s.site + ",") == std::string::npos)
          sites += s.site + ",";
      require_input(!sites.empty(),
                    section + "Dopant contents",
                    element + ": " + value,
                    "no species of Physics/Species/Names contains " + element);
      require_input(c > 0,
                    section + "Dopant contents",
                    element + ": " + value,
                    "must be positive (per formula unit)");
      dopant_contents[element] = c;
      if (std::count(sites.begin(), sites.end(), ',') == 1)
        occupied[sites.substr(0, sites.size() - 1)] += c;
    }
    for (const auto &[site, total] : occupied)
      require_input(total <= sublattices.at(site),
                    section + "Dopant contents",
                    content_text,
                    "the dopants on the " + site + " sublattice add up to "
                      + parameters::to_string(total)
                      + " per formula unit, but it has only "
                      + parameters::to_string(sublattices.at(site))
                      + " site(s): the site fraction would exceed one");

    conduction_states_300K = valence_states_300K = 0.;
    if (electronic_statistics == ElectronicStatistics::blakemore)
    {
      const auto states
        = parameters::parse_map(states_text,
                                section + "Effective densities of states");
      for (const auto &[carrier, value] : states)
      {
        const double n
          = parameters::parse_double(value,
                                     section + "Effective densities of states");
        require_input((carrier == "e'" || carrier == "h.") && n > 0,
                      section + "Effective densities of states",
                      carrier + ": " + value,
                      "expects e': value, h.: value with values > 0 m^-3");
        (carrier == "e'" ? conduction_states_300K : valence_states_300K)
          = n / formula_unit_density;
      }
      for (const auto &s : species)
        require_input(s.kind == KrogerVinkSpecies::Kind::lattice
                        || (s.kind == KrogerVinkSpecies::Kind::electron
                              ? conduction_states_300K
                              : valence_states_300K)
                             > 0,
                      section + "Effective densities of states",
                      states_text.empty() ? "(empty)" : states_text,
                      "Blakemore statistics needs a value for " + s.name);
    }
  }



  double
  DefectChemistry::conduction_states(const double temperature) const
  {
    return conduction_states_300K * std::pow(temperature / 300., 1.5);
  }



  double
  DefectChemistry::valence_states(const double temperature) const
  {
    return valence_states_300K * std::pow(temperature / 300., 1.5);
  }



  double
  DefectChemistry::log_regular_activity(const std::string         &site,
                                        const std::vector<double> &x) const
  {
    if (ionic_statistics == IonicStatistics::dilute)
      return 0.;
    double taken = 0.;
    for (unsigned int i = 0; i < species.size(); ++i)
      if (species[i].kind == KrogerVinkSpecies::Kind::lattice
          && species[i].site == site)
        taken += x[i];
    return std::log1p(-taken / sublattices.at(site));
  }



  double
  DefectChemistry::log_activity(const unsigned int         i,
                                const std::vector<double> &x,
                                const double               temperature,
                                double *const              self) const
  {
    double log_a = std::log(x[i]);
    if (self)
      *self = 1.;
    if (electronic_statistics == ElectronicStatistics::blakemore
        && species[i].kind != KrogerVinkSpecies::Kind::lattice)
    {
      const double states = species[i].kind == KrogerVinkSpecies::Kind::electron
                              ? conduction_states(temperature)
                              : valence_states(temperature);
      const double filled = blakemore_gamma * x[i] / states;
      log_a -= std::log1p(-filled);
      if (self)
        *self = 1. / (1. - filled);
    }
    return log_a;
  }



  std::vector<double>
  DefectChemistry::log_activities(const std::vector<double> &x,
                                  const double               temperature) const
  {
    std::vector<double> result(species.size());
    for (unsigned int i = 0; i < species.size(); ++i)
      result[i] = log_activity(i, x, temperature, nullptr);
    return result;
  }



  double
  DefectChemistry::log_activity_product(const DefectReaction      &reaction,
                                        const bool                 products,
                                        const std::vector<double> &x,
                                        const double               temperature,
                                        const double               log_pressure,
                                        std::vector<double> *derivative) const
  {
    const bool exclusion = ionic_statistics == IonicStatistics::site_exclusion;
    double     sum       = 0.;
    for (const auto &t : reaction.terms)
    {
      if ((t.coefficient > 0) != products)
        continue;
      const double m = std::abs(t.coefficient);
      switch (t.kind)
      {
        case ReactionTerm::Kind::species:
        {
          const unsigned int i    = t.species_index;
          double             self = 1.;
          sum += m * log_activity(i, x, temperature, &self);
          if (derivative)
            (*derivative)[i] += m * self;
          break;
        }
        case ReactionTerm::Kind::regular:
          if (exclusion)
          {
            const double log_theta = log_regular_activity(t.sublattice, x);
            const double sites     = sublattices.at(t.sublattice);
            sum += m * log_theta;
            if (derivative)
              for (unsigned int j = 0; j < species.size(); ++j)
                if (species[j].kind == KrogerVinkSpecies::Kind::lattice
                    && species[j].site == t.sublattice)
                  (*derivative)[j] -= m * x[j] / (sites * std::exp(log_theta));
          }
          break;
        case ReactionTerm::Kind::oxygen_gas:
          sum += m * log_pressure;
          break;
        case ReactionTerm::Kind::pure_phase:
          break;
      }
    }
    return sum;
  }
} // namespace exsolve
