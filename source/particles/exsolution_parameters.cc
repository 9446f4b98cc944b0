#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_utilities.h>
#include <exsolve/core/physical_constants.h>
#include <exsolve/particles/exsolution_parameters.h>

#include <algorithm>
#include <cmath>

namespace exsolve::particles
{
  using namespace dealii;

  namespace
  {
    constexpr double  eV      = constants::elementary_charge;
    const std::string section = "Particles/Exsolution/";

    double
    checked(ParameterHandler  &prm,
            const std::string &entry,
            const bool         positive,
            const std::string &unit)
    {
      const double v  = prm.get_double(entry);
      const bool   ok = std::isfinite(v) && (positive ? v > 0. : v >= 0.);
      require_input(ok,
                    section + entry,
                    prm.get(entry),
                    std::string("must be finite and ")
                      + (positive ? "> 0" : ">= 0") + " " + unit);
      return v;
    }
  } // namespace



  void
  ExsolutionParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Particles");
    prm.enter_subsection("Exsolution");
    {
      prm.declare_entry(
        "Surfaces",
        "",
        Patterns::Anything(),
        "[-] Boundaries of a transport run (names, comma separated) on which "
        "the cation exsolves into adatoms and particles form; empty: no "
        "particles. Needs the SI unit system and Time stepping/Scheme = BDF1 "
        "(the coupling is a first-order splitting). Every surface point starts "
        "with the adatoms and particles of Particles/Surface element.");
      prm.declare_entry("Cation",
                        "Ni_Ti''",
                        Patterns::Anything(),
                        "[-] The reducible lattice species (Physics/Species/"
                        "Names) that leaves the lattice as a metal adatom.");
      prm.declare_entry("Vacancy",
                        "V_O..",
                        Patterns::Anything(),
                        "[-] The species whose activity drives the reduction "
                        "with order 'Vacancy order' (its concentration also "
                        "sets the surface vacancy fraction of the adhesion), "
                        "or empty for none.");
      prm.declare_entry("Vacancy order",
                        "1",
                        Patterns::Double(0.),
                        "[-] m in the rate (c_V/c_V^b)^m, >= 0; 1 for "
                        "M + V_O -> M_adatom, which keeps the lattice "
                        "neutral when M is doubly negative (Ni_Ti'').");
      prm.declare_entry("Rate constant",
                        "1e16",
                        Patterns::Double(0.),
                        "[m^-2 s^-1] nu of the exsolution rate per area at the "
                        "bulk composition and an empty surface, > 0.");
      prm.declare_entry("Activation energy",
                        "0",
                        Patterns::Double(0.),
                        "[eV] E_a of nu exp(-E_a/kT), >= 0.");
      prm.declare_entry(
        "Exsolution energy",
        "-0.3",
        Patterns::Double(),
        "[eV] dE: energy of an adatom relative to a cation of the lattice at "
        "the bulk composition; equilibrium theta/(1 - theta) = a exp(-dE/kT). "
        "Negative: reducing conditions drive the metal out. Between -5 and "
        "5 eV.");
      prm.declare_entry("Adatom diffusion prefactor",
                        "1e-7",
                        Patterns::Double(0.),
                        "[m^2/s] D0 of the adatom surface diffusivity D_s = D0 "
                        "exp(-E/kT), >= 0 (0: no lateral transport).");
      prm.declare_entry("Adatom diffusion activation energy",
                        "0.5",
                        Patterns::Double(0.),
                        "[eV] E of the adatom surface diffusivity, >= 0.");
      prm.declare_entry("Oxygen site density",
                        "5.04e28",
                        Patterns::Double(0.),
                        "[m^-3] Oxygen sites per volume (SrTiO3: 3 x 1.68e28); "
                        "the surface vacancy fraction x_V = c_V / this enters "
                        "the adhesion energy, > 0.");
    }
    prm.leave_subsection();
    prm.leave_subsection();
  }



  void
  ExsolutionParameters::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Particles");
    prm.enter_subsection("Exsolution");
    surfaces = parameters::parse_strings(prm.get("Surfaces"));
    cation   = prm.get("Cation");
    vacancy  = prm.get("Vacancy");
    cation.erase(std::remove(cation.begin(), cation.end(), ' '), cation.end());
    vacancy.erase(std::remove(vacancy.begin(), vacancy.end(), ' '),
                  vacancy.end());
    vacancy_order     = checked(prm, "Vacancy order", false, "");
    rate_constant     = checked(prm, "Rate constant", true, "m^-2 s^-1");
    activation_energy = checked(prm, "Activation energy", false, "eV") * eV;
    const double de   = prm.get_double("Exsolution energy");
    require_input(std::abs(de) <= 5.,
                  section + "Exsolution energy",
                  prm.get("Exsolution energy"),
                  "must be between -5 and 5 eV");
    exsolution_energy = de * eV;
    adatom_diffusion_prefactor
      = checked(prm, "Adatom diffusion prefactor", false, "m^2/s");
    adatom_diffusion_activation
      = checked(prm, "Adatom diffusion activation energy", false, "eV") * eV;
    oxygen_site_density = checked(prm, "Oxygen site density", true, "m^-3");
    prm.leave_subsection();
    prm.leave_subsection();
    require_input(!enabled() || !cation.empty(),
                  section + "Cation",
                  "(empty)",
                  "must name the exsolving species");
  }



  double
  ExsolutionParameters::adatom_diffusivity(const double temperature) const
  {
    return adatom_diffusion_prefactor
           * std::exp(-adatom_diffusion_activation
                      / (constants::boltzmann_eV * eV * temperature));
  }



  ExsolutionRate
  exsolution_rate(const ExsolutionParameters &p,
                  const double                temperature,
                  const double                cation_ratio,
                  const double                vacancy_ratio,
                  const double                coverage)
  {
    const double kT    = constants::boltzmann_eV * eV * temperature;
    const double nu    = p.rate_constant * std::exp(-p.activation_energy / kT);
    const double theta = std::clamp(coverage, 0., 1.);
    const double forward = nu * cation_ratio
                           * std::pow(vacancy_ratio, p.vacancy_order)
                           * (1. - theta);
    ExsolutionRate r;
    r.rate         = forward - nu * theta * std::exp(p.exsolution_energy / kT);
    r.d_ln_cation  = forward;
    r.d_ln_vacancy = p.vacancy_order * forward;
    return r;
  }
} // namespace exsolve::particles
