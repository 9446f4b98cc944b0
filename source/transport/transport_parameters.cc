#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_utilities.h>
#include <exsolve/core/physical_constants.h>
#include <exsolve/particles/particle_parameters.h>
#include <exsolve/transport/transport_parameters.h>

#include <algorithm>
#include <cmath>

namespace exsolve
{
  using namespace dealii;

  namespace
  {
    const char *fixed_entry    = "Boundary conditions/Fixed concentrations";
    const char *flux_entry     = "Boundary conditions/Species fluxes";
    const char *rate_entry     = "Boundary conditions/Exchange rate constants";
    const char *exchange_entry = "Boundary conditions/Exchange concentrations";
    const char *activation_entry
      = "Boundary conditions/Exchange activation energies";
    const char *surface_rate_entry
      = "Boundary conditions/Surface reaction rate constants";
    const char *surface_activation_entry
      = "Boundary conditions/Surface reaction activation energies";

    /// Number per m^3 (or site fraction) -> dimensionless concentration.
    double
    concentration_factor(ParameterHandler &prm, const PhysicalScales &scales)
    {
      if (scales.dimensionless)
        return 1.;
      prm.enter_subsection("Physics");
      const bool   fractions = prm.get("Concentration unit") == "site fraction";
      const double site_density = prm.get_double("Site density");
      prm.leave_subsection();
      return (fractions ? site_density : 1.) / scales.concentration;
    }
  } // namespace



  bool
  SpeciesBoundaryConditions::has_fixed(const unsigned int species) const
  {
    return std::any_of(fixed.begin(),
                       fixed.end(),
                       [species](const auto &entry)
                       { return entry.first.second == species; });
  }



  std::string
  simulation_model(ParameterHandler &prm)
  {
    prm.enter_subsection("Physics");
    const std::string model = prm.get("Model");
    prm.leave_subsection();
    return model;
  }



  void
  TransportParameters::declare_parameters(ParameterHandler &prm)
  {
    // Only the entries beyond the equilibrium problem's, which
    // PoissonBoltzmannParameters::declare_parameters adds.
    prm.enter_subsection("Physics");
    {
      prm.declare_entry(
        "Model",
        "equilibrium",
        Patterns::Selection("equilibrium|transport|microstructure|particles"),
        "[-] 'equilibrium': the steady Poisson-Boltzmann space-charge layer "
        "(mobile species in Boltzmann equilibrium with the bulk). "
        "'transport': transient Poisson-Nernst-Planck drift-diffusion of "
        "every species with the potential (sections Time stepping and "
        "Initial state). 'microstructure': generate the porous sample of "
        "section Microstructure and write its metrics and tortuosity. "
        "'particles': the population balance of metal particles on one "
        "surface element (section Particles).");
      prm.enter_subsection("Species");
      {
        prm.declare_entry(
          "Diffusion prefactors",
          "1e-8, 1e-8",
          Patterns::List(Patterns::Double(), 1),
          "[m^2/s, or dimensionless D~] D0 of D = D0 exp(-Ea/kT) for each "
          "species, >= 0 (0: immobile); transport only.");
        prm.declare_entry(
          "Diffusion activation energies",
          "0, 0",
          Patterns::List(Patterns::Double(), 1),
          "[eV] Ea of D = D0 exp(-Ea/kT) for each species, >= 0; SI "
          "transport only.");
      }
      prm.leave_subsection();
    }
    prm.leave_subsection();

    prm.enter_subsection("Boundary conditions");
    {
      prm.declare_entry(
        "Fixed concentrations",
        "",
        Patterns::Anything(),
        "[m^-3, site fraction, or dimensionless] Dirichlet condition c = c_b "
        "for one species on one boundary, as 'species@boundary: value, ...'; "
        "the value 'bulk' takes the species' bulk concentration, "
        "'equilibrium' the bulk defect equilibrium with the gas at the "
        "current T and pO2 (Atmosphere). Transport only.");
      prm.declare_entry(
        "Species fluxes",
        "",
        Patterns::Anything(),
        "[m^-2 s^-1, or dimensionless] Prescribed inward flux j = -J.n as "
        "'species@boundary: j, ...'. Transport only.");
      prm.declare_entry(
        "Exchange rate constants",
        "",
        Patterns::Anything(),
        "[m/s, or dimensionless] Exchange reaction j = k (c_eq - c) with the "
        "surroundings, as 'species@boundary: k, ...', k > 0; with an "
        "activation energy, k is the prefactor of k0 exp(-Ea/kT). Transport "
        "only.");
      prm.declare_entry(
        "Exchange activation energies",
        "",
        Patterns::Anything(),
        "[eV] Ea of the exchange rate constants, 'species@boundary: Ea, "
        "...', >= 0 (missing: k does not depend on T). SI only.");
      prm.declare_entry(
        "Exchange concentrations",
        "",
        Patterns::Anything(),
        "[m^-3, site fraction, or dimensionless] c_eq of the exchange "
        "reactions, as 'species@boundary: value, ...'; default and 'bulk': "
        "the species' bulk concentration; 'equilibrium': the bulk defect "
        "equilibrium at the current T and pO2 of the gas (Atmosphere), "
        "which makes the condition the linearised oxygen exchange.");
      prm.declare_entry(
        "Surface reaction rate constants",
        "",
        Patterns::Anything(),
        "[m/s] Defect reactions of Defect chemistry/Reactions that run on a "
        "boundary with the full mass-action rate per area r = k N_fu (prod "
        "a_reactants - prod a_products / K), O2 at the current pO2, as "
        "'reaction@boundary: k0, ...', k0 > 0 (k = k0 exp(-Ea/kT)); species "
        "i then enters with the flux nu_i r, e.g. 'reduction@surface: 1e-8' "
        "for O_O^x = V_O.. + 2 e' + 1/2 O2. SI with defect chemistry only.");
      prm.declare_entry("Surface reaction activation energies",
                        "",
                        Patterns::Anything(),
                        "[eV] Ea of the surface reaction rate constants, "
                        "'reaction@boundary: Ea, ...', >= 0 (missing: 0).");
    }
    prm.leave_subsection();

    prm.enter_subsection("Initial state");
    {
      prm.declare_entry(
        "Type",
        "bulk",
        Patterns::Selection("bulk|poisson-boltzmann|expressions"),
        "[-] 'bulk': every species at its bulk concentration everywhere; "
        "'poisson-boltzmann': the equilibrium space-charge layer (the t -> "
        "infinity limit with the bulk); 'expressions': the functions below. "
        "The potential always follows from the Poisson equation.");
      prm.declare_entry(
        "Concentrations",
        "",
        Patterns::Anything(),
        "[m^-3, site fraction, or dimensionless] One expression of x, y, z "
        "(nm, or dimensionless) per species, separated by ';', each > 0 "
        "everywhere; for Type = expressions.");
      prm.declare_entry(
        "Potential",
        "0",
        Patterns::Anything(),
        "[V, or kT/e] Expression of x, y, z: the first guess of the "
        "potential (only a starting point for Newton's method).");
      prm.declare_entry(
        "Sample",
        "open",
        Patterns::Selection("open|closed"),
        "[-] For Type = poisson-boltzmann: 'open': in equilibrium with a "
        "reservoir at the bulk concentrations (far from the defects the "
        "sample is bulk); 'closed': every mobile species keeps the amount "
        "of the uniform bulk composition (a single grain, a film on a "
        "blocking substrate), and its bulk reference adjusts to what "
        "segregation and space charge leave. A closed sample may not fix "
        "concentrations on a boundary.");
    }
    prm.leave_subsection();

    TimeSteppingParameters::declare_parameters(prm);
    GasProgramme::declare_parameters(prm);
    ExtendedDefects::declare_parameters(prm);
    particles::ParticleParameters::declare_parameters(prm);
    particles::ExsolutionParameters::declare_parameters(prm);

    prm.enter_subsection("Mesh refinement");
    prm.declare_entry(
      "Refinement interval",
      "0",
      Patterns::Integer(0),
      "[steps] Transport with Strategy = adaptive: refine and coarsen every "
      "this many accepted time steps (0: never); the species amounts are "
      "conserved across each transfer.");
    prm.leave_subsection();

    prm.enter_subsection("Postprocess");
    prm.declare_entry(
      "Mean concentration boundary",
      "",
      Patterns::Anything(),
      "[-] Boundary over which the mean concentration of every species is "
      "reported (transport), e.g. 'surface'; empty for none.");
    prm.leave_subsection();
  }



  void
  TransportParameters::parse_parameters(ParameterHandler  &prm,
                                        const std::string &input_file)
  {
    base.parse_parameters(prm, input_file);
    const auto        &scales = base.electrolyte.scales;
    const unsigned int n      = base.electrolyte.names.size();

    prm.enter_subsection("Physics");
    const double temperature = prm.get_double("Temperature");
    prm.enter_subsection("Species");
    const std::string d0_text = prm.get("Diffusion prefactors");
    const std::string ea_text = prm.get("Diffusion activation energies");
    prm.leave_subsection();
    prm.leave_subsection();
    const std::vector<double> d0
      = parameters::parse_doubles(d0_text,
                                  "Physics/Species/Diffusion prefactors");
    const std::vector<double> ea = parameters::parse_doubles(
      ea_text, "Physics/Species/Diffusion activation energies");
    const std::string per_species
      = "needs one entry per species in Physics/Species/Names ("
        + std::to_string(n) + ")";
    require_input(d0.size() == n,
                  "Physics/Species/Diffusion prefactors",
                  d0_text,
                  per_species);
    require_input(scales.dimensionless || ea.size() == n,
                  "Physics/Species/Diffusion activation energies",
                  ea_text,
                  per_species);
    diffusion_prefactors          = d0;
    diffusion_activation_energies = ea;
    diffusion_activation_energies.resize(n, 0.);
    diffusivities.assign(n, 0.);
    for (unsigned int i = 0; i < n; ++i)
    {
      require_input(d0[i] >= 0 && std::isfinite(d0[i]),
                    "Physics/Species/Diffusion prefactors",
                    d0_text,
                    "must be finite and >= 0");
      if (!scales.dimensionless)
        require_input(ea[i] >= 0,
                      "Physics/Species/Diffusion activation energies",
                      ea_text,
                      "must be >= 0 eV");
      diffusivities[i]
        = scales.dimensionless
            ? d0[i]
            : d0[i]
                * std::exp(-ea[i] / (constants::boltzmann_eV * temperature));
    }
    const double d_max
      = *std::max_element(diffusivities.begin(), diffusivities.end());
    require_input(d_max > 0,
                  "Physics/Species/Diffusion prefactors",
                  d0_text,
                  "at least one species must be mobile (D0 > 0)");
    reference_diffusivity = d_max;
    if (!scales.dimensionless)
    {
      time_scale = scales.length * scales.length / d_max;
      for (double &d : diffusivities)
        d /= d_max;
    }
    else
      time_scale = 1.;

    prm.enter_subsection("Boundary conditions");
    fixed_concentrations
      = parameters::parse_map(prm.get("Fixed concentrations"), fixed_entry);
    species_fluxes
      = parameters::parse_map(prm.get("Species fluxes"), flux_entry);
    exchange_rate_constants
      = parameters::parse_map(prm.get("Exchange rate constants"), rate_entry);
    exchange_concentrations
      = parameters::parse_map(prm.get("Exchange concentrations"),
                              exchange_entry);
    exchange_activation_energies
      = parameters::parse_map(prm.get("Exchange activation energies"),
                              activation_entry);
    surface_reaction_rate_constants
      = parameters::parse_map(prm.get("Surface reaction rate constants"),
                              surface_rate_entry);
    surface_reaction_activation_energies
      = parameters::parse_map(prm.get("Surface reaction activation energies"),
                              surface_activation_entry);
    prm.leave_subsection();
    atmosphere.parse_parameters(prm);
    defects.parse_parameters(prm,
                             base.electrolyte.names,
                             scales,
                             base.geometry.dimension);
    require_input(!scales.dimensionless || !atmosphere.time_dependent(),
                  "Atmosphere/Temperature programme",
                  "(given)",
                  "temperature and gas programmes need the SI unit system");

    prm.enter_subsection("Initial state");
    const std::string type = prm.get("Type");
    initial_state.type     = type == "bulk" ? InitialState::Type::bulk
                             : type == "poisson-boltzmann"
                               ? InitialState::Type::poisson_boltzmann
                               : InitialState::Type::expressions;
    const std::string concentration_text = prm.get("Concentrations");
    initial_state.potential_expression   = prm.get("Potential");
    initial_state.closed                 = prm.get("Sample") == "closed";
    prm.leave_subsection();
    initial_state.concentration_expressions.clear();
    if (initial_state.type == InitialState::Type::expressions)
    {
      for (const auto &e :
           Utilities::split_string_list(concentration_text, ';'))
        initial_state.concentration_expressions.push_back(e);
      require_input(initial_state.concentration_expressions.size() == n,
                    "Initial state/Concentrations",
                    concentration_text,
                    "needs one expression per species, separated by ';' ("
                      + std::to_string(n) + ")");
    }
    require_input(!initial_state.closed
                    || initial_state.type
                         == InitialState::Type::poisson_boltzmann,
                  "Initial state/Sample",
                  "closed",
                  "applies to Initial state/Type = poisson-boltzmann (a "
                  "transient run is closed where its boundaries are)");
    require_input(!initial_state.closed || fixed_concentrations.empty(),
                  "Initial state/Sample",
                  "closed",
                  "a closed sample exchanges no species, but Boundary "
                  "conditions/Fixed concentrations connects it to a "
                  "reservoir; remove them or use Sample = open");

    time_stepping.parse_parameters(prm);
    // Seconds (SI) -> dimensionless times; concentrations -> c~.
    time_stepping.start_time /= time_scale;
    time_stepping.end_time /= time_scale;
    time_stepping.initial_step /= time_scale;
    time_stepping.minimum_step /= time_scale;
    time_stepping.maximum_step /= time_scale;
    time_stepping.absolute_tolerance *= concentration_factor(prm, scales);

    prm.enter_subsection("Mesh refinement");
    refinement_interval = prm.get_integer("Refinement interval");
    prm.leave_subsection();
    prm.enter_subsection("Postprocess");
    mean_concentration_boundary = prm.get("Mean concentration boundary");
    prm.leave_subsection();

    concentration_unit = concentration_factor(prm, scales);
    require_input(refinement_interval == 0
                    || base.refinement.strategy
                         == RefinementParameters::Strategy::adaptive,
                  "Mesh refinement/Refinement interval",
                  std::to_string(refinement_interval),
                  "needs Mesh refinement/Strategy = adaptive (or 0)");

    exsolution.parse_parameters(prm);
    if (exsolution.enabled())
    {
      const std::string surfaces = "Particles/Exsolution/Surfaces";
      particle_model.parse_parameters(prm);
      require_input(!scales.dimensionless,
                    surfaces,
                    prm.get({"Particles", "Exsolution"}, "Surfaces"),
                    "particles on surfaces need Physics/Unit system = SI");
      require_input(time_stepping.order == 1,
                    "Time stepping/Scheme",
                    "BDF2",
                    "must be BDF1 with particles on surfaces (the transport "
                    "and the particles are split to first order, and BDF1 "
                    "makes the lattice lose exactly the metal the surface "
                    "gains)");
      const auto &names = base.electrolyte.names;
      const auto  index
        = [&](const std::string &name, const std::string &entry) -> int
      {
        const auto  found = std::find(names.begin(), names.end(), name);
        std::string known;
        for (const auto &n : names)
          known += (known.empty() ? "" : ", ") + n;
        require_input(found != names.end(),
                      "Particles/Exsolution/" + entry,
                      name,
                      "must be one of Physics/Species/Names (" + known + ")");
        return found - names.begin();
      };
      exsolving_species = index(exsolution.cation, "Cation");
      vacancy_species   = exsolution.vacancy.empty()
                            ? -1
                            : index(exsolution.vacancy, "Vacancy");
      require_input(vacancy_species != int(exsolving_species),
                    "Particles/Exsolution/Vacancy",
                    exsolution.vacancy,
                    "must differ from Particles/Exsolution/Cation");
      require_input(diffusion_prefactors[exsolving_species] > 0.,
                    "Physics/Species/Diffusion prefactors",
                    d0_text,
                    "the exsolving species " + exsolution.cation
                      + " must be mobile (D0 > 0)");
    }
  }



  std::vector<double>
  TransportParameters::diffusivities_at(const double temperature) const
  {
    if (base.electrolyte.scales.dimensionless)
      return diffusivities;
    std::vector<double> d(diffusion_prefactors.size());
    for (unsigned int i = 0; i < d.size(); ++i)
      d[i] = diffusion_prefactors[i]
             * std::exp(-diffusion_activation_energies[i]
                        / (constants::boltzmann_eV * temperature))
             / reference_diffusivity;
    return d;
  }



  double
  TransportParameters::flux_unit() const
  {
    const auto &s = base.electrolyte.scales;
    return s.dimensionless ? 1. : s.concentration * s.length / time_scale;
  }



  double
  TransportParameters::rate_constant_unit() const
  {
    const auto &s = base.electrolyte.scales;
    return s.dimensionless ? 1. : s.length / time_scale;
  }



  SpeciesBoundaryConditions
  TransportParameters::resolve_species_conditions(
    const BoundaryNames &boundaries) const
  {
    const auto &names = base.electrolyte.names;
    const auto  key   = [&](const std::string &text, const char *entry)
    {
      const auto at = text.rfind('@');
      require_input(at != std::string::npos && at > 0 && at + 1 < text.size(),
                    entry,
                    text,
                    "keys are written 'species@boundary'");
      const std::string species  = text.substr(0, at);
      const std::string boundary = text.substr(at + 1);
      const auto        found = std::find(names.begin(), names.end(), species);
      if (found == names.end())
      {
        std::string known;
        for (const auto &n : names)
          known += (known.empty() ? "" : ", ") + n;
        throw InputError(std::string(entry) + " = " + text
                         + ": unknown species '" + species
                         + "' (known: " + known + ")");
      }
      return SpeciesBoundaryConditions::Key(boundaries.id(boundary, entry),
                                            static_cast<unsigned int>(
                                              found - names.begin()));
    };
    const auto concentration = [&](const SpeciesBoundaryConditions::Key &k,
                                   const std::string                    &value,
                                   const char                           *entry)
    {
      if (value == "bulk")
        return base.electrolyte.bulk_concentrations[k.second];
      if (value == "equilibrium")
      {
        require_input(base.electrolyte.chemistry.active(),
                      entry,
                      value,
                      "'equilibrium' needs the reactions of Defect "
                      "chemistry/Reactions");
        // The value follows T and pO2; the problem sets it at each time.
        return base.electrolyte.bulk_concentrations[k.second];
      }
      const double c = parameters::parse_double(value, entry);
      require_input(c > 0 && std::isfinite(c),
                    entry,
                    value,
                    "concentrations must be positive");
      return c * concentration_unit;
    };

    SpeciesBoundaryConditions result;
    for (const auto &[text, value] : fixed_concentrations)
    {
      const auto k    = key(text, fixed_entry);
      result.fixed[k] = concentration(k, value, fixed_entry);
      if (value == "equilibrium")
        result.at_equilibrium.insert(k);
    }
    for (const auto &[text, value] : species_fluxes)
    {
      const auto k = key(text, flux_entry);
      require_input(result.fixed.count(k) == 0,
                    flux_entry,
                    text,
                    "this species already has a fixed concentration there");
      result.flux[k]
        = parameters::parse_double(value, flux_entry) / flux_unit();
    }
    for (const auto &[text, value] : exchange_rate_constants)
    {
      const auto k = key(text, rate_entry);
      require_input(result.fixed.count(k) == 0 && result.flux.count(k) == 0,
                    rate_entry,
                    text,
                    "this species already has a condition on that boundary");
      const double rate = parameters::parse_double(value, rate_entry);
      require_input(rate > 0, rate_entry, value, "must be positive");
      result.exchange[k]           = {rate / rate_constant_unit(),
                                      base.electrolyte.bulk_concentrations[k.second]};
      result.exchange_prefactor[k] = result.exchange[k].first;
    }
    for (const auto &[text, value] : exchange_activation_energies)
    {
      const auto k = key(text, activation_entry);
      require_input(result.exchange.count(k) > 0,
                    activation_entry,
                    text,
                    "has no exchange rate constant in "
                      + std::string(rate_entry));
      const double ea = parameters::parse_double(value, activation_entry);
      require_input(ea >= 0 && !base.electrolyte.scales.dimensionless,
                    activation_entry,
                    value,
                    "must be >= 0 eV (SI unit system only)");
      result.exchange_activation[k] = ea;
    }
    for (const auto &[text, value] : exchange_concentrations)
    {
      const auto k     = key(text, exchange_entry);
      const auto found = result.exchange.find(k);
      require_input(found != result.exchange.end(),
                    exchange_entry,
                    text,
                    "has no exchange rate constant in "
                      + std::string(rate_entry));
      found->second.second = concentration(k, value, exchange_entry);
      if (value == "equilibrium")
        result.at_equilibrium.insert(k);
    }

    // Mass-action surface reactions, keyed 'reaction@boundary'.
    const auto                         &chemistry = base.electrolyte.chemistry;
    std::map<std::string, unsigned int> surface_index;
    for (const auto &[text, value] : surface_reaction_rate_constants)
    {
      const auto at = text.rfind('@');
      require_input(at != std::string::npos && at > 0 && at + 1 < text.size(),
                    surface_rate_entry,
                    text,
                    "keys are written 'reaction@boundary'");
      const std::string name = text.substr(0, at);
      std::string       known;
      int               index = -1;
      for (unsigned int r = 0; r < chemistry.reactions.size(); ++r)
      {
        known += (known.empty() ? "" : ", ") + chemistry.reactions[r].name;
        if (chemistry.reactions[r].name == name)
          index = r;
      }
      require_input(index >= 0,
                    surface_rate_entry,
                    text,
                    "no reaction '" + name
                      + "' in Defect chemistry/Reactions (reactions: "
                      + (known.empty() ? std::string("none") : known) + ")");
      require_input(chemistry.reactions[index].rate_constant == 0.,
                    surface_rate_entry,
                    text,
                    "reaction '" + name
                      + "' is a slow volume reaction (it has a Defect "
                        "chemistry/Reaction rate constant); declare a "
                        "separate reaction for the surface");
      const double k0 = parameters::parse_double(value, surface_rate_entry);
      require_input(k0 > 0 && std::isfinite(k0),
                    surface_rate_entry,
                    text + ": " + value,
                    "must be positive [m/s]");
      SpeciesBoundaryConditions::SurfaceReaction law;
      law.boundary  = boundaries.id(text.substr(at + 1), surface_rate_entry);
      law.reaction  = index;
      law.prefactor = k0;
      for (const auto &other : result.surface_reactions)
        require_input(other.boundary != law.boundary
                        || other.reaction != law.reaction,
                      surface_rate_entry,
                      text,
                      "this reaction is already given on that boundary");
      surface_index[text] = result.surface_reactions.size();
      result.surface_reactions.push_back(law);
    }
    for (const auto &[text, value] : surface_reaction_activation_energies)
    {
      const auto found = surface_index.find(text);
      require_input(found != surface_index.end(),
                    surface_activation_entry,
                    text,
                    "has no rate constant in "
                      + std::string(surface_rate_entry));
      const double ea
        = parameters::parse_double(value, surface_activation_entry);
      require_input(ea >= 0,
                    surface_activation_entry,
                    text + ": " + value,
                    "must be >= 0 eV");
      result.surface_reactions[found->second].activation_energy = ea;
    }
    return result;
  }
} // namespace exsolve
