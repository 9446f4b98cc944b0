#include <deal.II/base/utilities.h>

#include <exsolve/chemistry/bulk_equilibrium.h>
#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_utilities.h>
#include <exsolve/electrostatics/electrolyte.h>

#include <algorithm>
#include <cmath>

namespace exsolve
{
  using namespace dealii;

  void
  Electrolyte::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Physics");
    {
      prm.declare_entry(
        "Unit system",
        "SI",
        Patterns::Selection("SI|dimensionless"),
        "[-] 'SI': lengths in nm, temperature in K, potentials in V, "
        "concentrations per m^3 (or site fractions), surface charge in C/m^2. "
        "'dimensionless': the scaled equations of doc/physics.md with "
        "potential in kT/e, concentrations and lengths in reference units and "
        "the Debye length given by 'Dimensionless Debye length'.");
      prm.declare_entry("Temperature",
                        "1000",
                        Patterns::Double(),
                        "[K] Temperature, 1 .. 5000 K (SI only).");
      prm.declare_entry(
        "Relative permittivity",
        "83",
        Patterns::Double(1),
        "[-] Relative permittivity eps_r >= 1 of the oxide (SrTiO3: about 83 "
        "at 1000 K) (SI only).");
      prm.declare_entry(
        "Curie-Weiss constant",
        "0",
        Patterns::Double(0),
        "[K] C of a Curie-Weiss permittivity eps_r(T) = C / (T - T0), which "
        "then replaces 'Relative permittivity' and follows a temperature "
        "programme (SrTiO3: C = 8e4 K, T0 = 35 K). 0: constant eps_r.");
      prm.declare_entry("Curie-Weiss temperature",
                        "35",
                        Patterns::Double(0),
                        "[K] T0 of the Curie-Weiss law, below every "
                        "temperature of the run.");
      prm.declare_entry(
        "Dimensionless Debye length",
        "0.05",
        Patterns::Double(),
        "[-] lambda~ = sqrt(eps kT/(e^2 c_ref L^2)) > 0 (dimensionless unit "
        "system only).");
      prm.declare_entry(
        "Concentration unit",
        "per cubic metre",
        Patterns::Selection("per cubic metre|site fraction"),
        "[-] Unit of 'Bulk concentrations' and 'Fixed charge density': number "
        "per m^3, or fraction of the sites given by 'Site density' (SI only).");
      prm.declare_entry("Site density",
                        "1.68e28",
                        Patterns::Double(),
                        "[m^-3] Density of lattice sites for site fractions "
                        "(SrTiO3: 1.68e28 per formula unit), > 0.");
      prm.declare_entry(
        "Fixed charge density",
        "0",
        Patterns::Double(),
        "[e m^-3 or e per site] Immobile background charge in units of the "
        "elementary charge, e.g. -[A'] for ionised acceptors.");
      prm.enter_subsection("Species");
      {
        prm.declare_entry("Names",
                          "V_O.., e'",
                          Patterns::List(Patterns::Anything(), 1),
                          "[-] Names of the mobile charged species, e.g. "
                          "'V_O.., e'''.");
        prm.declare_entry(
          "Charge numbers",
          "",
          Patterns::List(Patterns::Integer(-6, 6), 0),
          "[-] Charge number z of each species, -6..6, non-zero. Empty: "
          "derived from the Kroger-Vink names (V_O.. +2, e' -1, Fe_Ti' -1); "
          "when given for Kroger-Vink names it must agree with them.");
        prm.declare_entry(
          "Bulk concentrations",
          "1e25, 2e25",
          Patterns::Anything(),
          "[m^-3 or site fraction] Concentration of each species where the "
          "potential is zero (the bulk), > 0; or 'equilibrium': the bulk "
          "defect equilibrium of section Defect chemistry at Physics/"
          "Temperature and Defect chemistry/Oxygen partial pressure.");
      }
      prm.leave_subsection();
    }
    prm.leave_subsection();
    DefectChemistry::declare_parameters(prm);
  }



  void
  Electrolyte::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Physics");
    const bool   si          = prm.get("Unit system") == "SI";
    const double temperature = prm.get_double("Temperature");
    constant_permittivity    = prm.get_double("Relative permittivity");
    curie_constant           = prm.get_double("Curie-Weiss constant");
    curie_temperature        = prm.get_double("Curie-Weiss temperature");
    const double lambda      = prm.get_double("Dimensionless Debye length");
    const bool   fractions   = prm.get("Concentration unit") == "site fraction";
    const double site_density = prm.get_double("Site density");
    double       fixed        = prm.get_double("Fixed charge density");
    prm.enter_subsection("Species");
    names                         = parameters::parse_strings(prm.get("Names"));
    const std::string charge_text = prm.get("Charge numbers");
    const std::string bulk_text   = prm.get("Bulk concentrations");
    prm.leave_subsection();
    prm.leave_subsection();

    require_input(temperature >= 1 && temperature <= 5000,
                  "Physics/Temperature",
                  parameters::to_string(temperature) + " K",
                  "must lie in 1 .. 5000 K");
    require_input(curie_constant == 0 || curie_temperature < 0.9 * temperature,
                  "Physics/Curie-Weiss temperature",
                  parameters::to_string(curie_temperature) + " K",
                  "must lie well below the temperature ("
                    + parameters::to_string(temperature) + " K)");
    const double eps_r = relative_permittivity(temperature);
    require_input(eps_r >= 1,
                  "Physics/Curie-Weiss constant",
                  parameters::to_string(curie_constant) + " K",
                  "gives eps_r = " + parameters::to_string(eps_r)
                    + " < 1 at the temperature");
    require_input(lambda > 0,
                  "Physics/Dimensionless Debye length",
                  parameters::to_string(lambda),
                  "must be positive");
    require_input(site_density > 0,
                  "Physics/Site density",
                  parameters::to_string(site_density) + " m^-3",
                  "must be positive");

    chemistry.parse_parameters(prm);

    charges.clear();
    for (const auto &z : Utilities::split_string_list(charge_text, ','))
    {
      charges.push_back(Utilities::string_to_int(z));
      require_input(charges.back() != 0,
                    "Physics/Species/Charge numbers",
                    charge_text,
                    "every species must be charged (z != 0); a neutral "
                    "defect is written in Kroger-Vink notation (Fe_Ti^x) "
                    "with the charge numbers left empty");
    }
    if (charges.empty())
      for (const auto &name : names)
      {
        KrogerVinkSpecies kv;
        std::string       why;
        const bool        parsed = KrogerVinkSpecies::parse(name, kv, why);
        require_input(parsed,
                      "Physics/Species/Charge numbers",
                      "(empty)",
                      "charges can only be derived from Kroger-Vink names, "
                      "but '"
                        + name + "' is not one (" + why
                        + "); give the charge numbers");
        charges.push_back(kv.charge);
      }
    require_input(charges.size() == names.size(),
                  "Physics/Species/Charge numbers",
                  charge_text,
                  "needs one entry per species in Physics/Species/Names ("
                    + std::to_string(names.size()) + ")");
    for (unsigned int i = 0; i < names.size(); ++i)
    {
      KrogerVinkSpecies kv;
      std::string       why;
      if (KrogerVinkSpecies::parse(names[i], kv, why))
        require_input(kv.charge == charges[i],
                      "Physics/Species/Charge numbers",
                      charge_text,
                      "the charge " + std::to_string(charges[i]) + " of "
                        + names[i] + " contradicts its Kroger-Vink charge "
                        + std::to_string(kv.charge)
                        + " (leave the entry empty to derive the charges)");
    }

    std::vector<double> bulk;
    if (Utilities::trim(bulk_text) == "equilibrium")
    {
      require_input(chemistry.active(),
                    "Physics/Species/Bulk concentrations",
                    bulk_text,
                    "needs the reactions of Defect chemistry/Reactions");
      const BulkEquilibriumSolver solver(chemistry);
      bulk = solver.solve(temperature, chemistry.oxygen_partial_pressure)
               .concentrations;
      if (!fractions)
        for (double &c : bulk)
          c *= site_density;
    }
    else
      bulk = parameters::parse_doubles(bulk_text,
                                       "Physics/Species/Bulk concentrations");
    require_input(bulk.size() == names.size(),
                  "Physics/Species/Bulk concentrations",
                  bulk_text,
                  "needs one entry per species in Physics/Species/Names ("
                    + std::to_string(names.size()) + ")");
    for (const double c : bulk)
      require_input(c > 0,
                    "Physics/Species/Bulk concentrations",
                    bulk_text,
                    "every concentration must be positive");
    if (si && fractions)
    {
      for (double &c : bulk)
      {
        require_input(c <= 1,
                      "Physics/Species/Bulk concentrations",
                      bulk_text,
                      "site fractions must not exceed one");
        c *= site_density;
      }
      fixed *= site_density;
    }

    const double c_ref = si ? *std::max_element(bulk.begin(), bulk.end()) : 1.;
    scales             = si ? PhysicalScales::si(temperature, eps_r, c_ref)
                            : PhysicalScales::unit(lambda);
    bulk_concentrations.clear();
    for (const double c : bulk)
      bulk_concentrations.push_back(c / scales.concentration);
    fixed_charge = fixed / scales.concentration;
  }



  double
  Electrolyte::relative_permittivity(const double temperature) const
  {
    return curie_constant > 0
             ? curie_constant / (temperature - curie_temperature)
             : constant_permittivity;
  }



  double
  Electrolyte::charge_density(const double psi) const
  {
    double rho = fixed_charge;
    for (unsigned int i = 0; i < charges.size(); ++i)
      rho += charges[i] * bulk_concentrations[i] * std::exp(-charges[i] * psi);
    return rho;
  }



  double
  Electrolyte::charge_density_derivative(const double psi) const
  {
    double d = 0;
    for (unsigned int i = 0; i < charges.size(); ++i)
      d -= charges[i] * charges[i] * bulk_concentrations[i]
           * std::exp(-charges[i] * psi);
    return d;
  }



  double
  Electrolyte::negative_charge_integral(const double psi) const
  {
    // -int_0^psi z c e^{-z s} ds = c (e^{-z psi} - 1); with a neutral bulk the
    // linear terms cancel, so sum c (e^{x} - 1 - x), x = -z psi, which is
    // evaluated by its series where it would suffer cancellation.
    double sum = 0;
    for (unsigned int i = 0; i < charges.size(); ++i)
    {
      const double x = -charges[i] * psi;
      double       g;
      if (std::abs(x) < 1e-2)
        g = x * x
            * (1. / 2
               + x * (1. / 6 + x * (1. / 24 + x * (1. / 120 + x / 720))));
      else
        g = std::expm1(x) - x;
      sum += bulk_concentrations[i] * g;
    }
    return sum;
  }



  double
  Electrolyte::debye_length() const
  {
    return std::sqrt(scales.lambda_squared / -charge_density_derivative(0.));
  }



  double
  Electrolyte::charge_scale() const
  {
    double s = std::abs(fixed_charge);
    for (unsigned int i = 0; i < charges.size(); ++i)
      s += std::abs(charges[i]) * bulk_concentrations[i];
    return s;
  }
} // namespace exsolve
