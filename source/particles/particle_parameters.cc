#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_utilities.h>
#include <exsolve/core/physical_constants.h>
#include <exsolve/particles/particle_parameters.h>

#include <cmath>

namespace exsolve::particles
{
  using namespace dealii;

  namespace
  {
    constexpr double eV = constants::elementary_charge;
    constexpr double nm = constants::nanometre;

    /// Read a double of the current subsection and check lo <(=) v <(=) hi;
    /// the message names "Particles/<section>/<entry>", the value and the
    /// allowed range with its unit.
    double
    get(ParameterHandler  &prm,
        const std::string &section,
        const std::string &entry,
        const double       lo,
        const double       hi,
        const bool         strict_lo,
        const std::string &unit)
    {
      const double v = prm.get_double(entry);
      const bool   ok
        = std::isfinite(v) && (strict_lo ? v > lo : v >= lo) && v <= hi;
      require_input(ok,
                    "Particles/" + section + "/" + entry,
                    prm.get(entry),
                    std::string("must be ") + (strict_lo ? "> " : ">= ")
                      + parameters::to_string(lo)
                      + " and <= " + parameters::to_string(hi) + " " + unit);
      return v;
    }
  } // namespace



  void
  ParticleParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Particles");
    prm.enter_subsection("Metal");
    {
      prm.declare_entry("Atomic volume",
                        "0.01472",
                        Patterns::Double(0.),
                        "[nm^3] Volume per metal atom Omega in the particle, "
                        "> 0 (Pd 0.01472, Ni 0.01094).");
      prm.declare_entry("Surface energy",
                        "2.0",
                        Patterns::Double(0.),
                        "[J/m^2] Metal surface energy gamma_m, > 0; sets the "
                        "Gibbs-Thomson term and the nucleation barrier. An "
                        "effective (small) value when the formation enthalpy "
                        "already contains the size effects (seed 002).");
      prm.declare_entry(
        "Adhesion energy",
        "2.0",
        Patterns::Double(0.),
        "[J/m^2] Work of adhesion E_adh of metal and oxide at a "
        "stoichiometric surface (x_V = 0), 0 < E_adh < 2 gamma_m; fixes the "
        "cap shape by Young-Dupre, cos(theta) = E_adh/gamma_m - 1 (E_adh = "
        "gamma_m: hemisphere).");
      prm.declare_entry(
        "Adhesion vacancy derivative",
        "0",
        Patterns::Double(),
        "[J/m^2 per site fraction] dE_adh/dx_V: E_adh(x_V) = E_adh + dE_adh/"
        "dx_V x_V with the surface oxygen-vacancy site fraction x_V. Negative "
        "for oxophilic metals (Ni, Fe: fewer metal-oxygen bonds, weaker "
        "binding, seed 001), positive for noble metals (Pt, Au).");
      prm.declare_entry(
        "Formation enthalpy",
        "-0.16",
        Patterns::Double(-20., 20.),
        "[eV] Enthalpy per atom of a large particle relative to an isolated "
        "adatom, Delta h of seed 002 (-20 .. 20 eV; negative: particles "
        "energetically favoured). Equivalently the adatom energy E_ad = "
        "-Delta h relative to the particle.");
      prm.declare_entry(
        "Particle entropy",
        "1",
        Patterns::Double(0., 10.),
        "[k per atom] Entropy s_p per atom of a particle, 0 .. 10: 1 is Zhu's "
        "e^N configurations (critical coverage c* = 1/(1+exp(1 - Delta "
        "h/kT))), 0 a plain lattice gas.");
      prm.declare_entry("Site density",
                        "1.5e19",
                        Patterns::Double(0.),
                        "[m^-2] Adsorption sites n_s of the support, > 0; "
                        "coverages are per site.");
      prm.declare_entry("Attempt frequency",
                        "1e13",
                        Patterns::Double(0.),
                        "[1/s] nu of the attachment rate, > 0.");
      prm.declare_entry(
        "Attachment barrier",
        "1.0",
        Patterns::Double(0., 20.),
        "[eV] Barrier E_att of adatom attachment at the particle perimeter, "
        "0 .. 20 eV: attachment velocity k_a = nu a exp(-E_att/kT), a = "
        "n_s^(-1/2).");
    }
    prm.leave_subsection();
    prm.enter_subsection("Nucleation");
    {
      prm.declare_entry("Enabled",
                        "true",
                        Patterns::Bool(),
                        "[-] Classical nucleation of new particles.");
      prm.declare_entry("Homogeneous site fraction",
                        "1",
                        Patterns::Double(0., 1.),
                        "[-] Homogeneous nucleation sites per adsorption site, "
                        "0 .. 1 (N0 = fraction n_s).");
      prm.declare_entry(
        "Defect site spacing",
        "0.39",
        Patterns::Double(0.),
        "[nm] Spacing of nucleation sites along a defect line (grain "
        "boundary, anti-phase boundary or dislocation trace) meeting the "
        "surface, > 0: N0_defect = line density / spacing + point density.");
      prm.declare_entry(
        "Defect barrier factor",
        "0.3",
        Patterns::Double(0., 1.),
        "[-] Barrier at defect sites relative to the homogeneous one, 0 < "
        "factor <= 1 (a smaller effective cap shape factor f(theta) there).");
      prm.declare_entry("Incubation",
                        "true",
                        Patterns::Bool(),
                        "[-] Multiply the rate by exp(-tau/t), tau = 1/(2 "
                        "beta* Z^2), t the time of the surface element.");
    }
    prm.leave_subsection();
    prm.enter_subsection("Size classes");
    {
      prm.declare_entry("Number of classes",
                        "100",
                        Patterns::Integer(4, 2000),
                        "[-] Size classes of the distribution, 4 .. 2000.");
      prm.declare_entry("Minimum radius",
                        "0.3",
                        Patterns::Double(0.),
                        "[nm] Lower edge r_min of the first class, > 0; "
                        "particles shrinking below it dissolve into adatoms.");
      prm.declare_entry("Maximum radius",
                        "100",
                        Patterns::Double(0.),
                        "[nm] Upper edge r_max of the last class, > r_min "
                        "(closed: particles do not grow beyond it).");
      prm.declare_entry("Spacing",
                        "logarithmic",
                        Patterns::Selection("logarithmic|linear"),
                        "[-] Class edges equally spaced in ln r or in r.");
      prm.declare_entry("Second-order fluxes",
                        "true",
                        Patterns::Bool(),
                        "[-] Fluxes in size space from a van Leer limited "
                        "linear reconstruction (true) or first-order upwind "
                        "(false, more numerical diffusion).");
    }
    prm.leave_subsection();
    prm.enter_subsection("Mobility");
    {
      prm.declare_entry(
        "Coalescence kernel",
        "none",
        Patterns::Selection("none|constant|mobility"),
        "[-] Migration and coalescence (Smoluchowski): 'none'; 'constant' "
        "(kernel K); 'mobility': K_ij = 2 pi (D_i + D_j) / ln(L/(R_i+R_j)) "
        "with the particle diffusivities D(R).");
      prm.declare_entry("Constant kernel",
                        "1e-20",
                        Patterns::Double(0.),
                        "[m^2/s] K of the constant kernel, >= 0.");
      prm.declare_entry(
        "Mobility prefactor",
        "1e-7",
        Patterns::Double(0.),
        "[m^2/s] D0 of D(R) = D0 (1 nm/R)^p exp(-E_m/kT) (surface-diffusion "
        "mediated particle migration), >= 0.");
      prm.declare_entry("Mobility activation energy",
                        "1.5",
                        Patterns::Double(0., 20.),
                        "[eV] E_m of the particle diffusivity, 0 .. 20 eV.");
      prm.declare_entry("Mobility size exponent",
                        "4",
                        Patterns::Double(0., 10.),
                        "[-] p of (1 nm/R)^p, 0 .. 10 (4: Gruber).");
      prm.declare_entry(
        "Redox mobility coefficient",
        "0",
        Patterns::Double(0.),
        "[m^4] chi of the reaction-driven mobility D_redox = chi r_redox (1 "
        "nm/R)^p, r_redox the local redox rate [m^-2 s^-1] (looping "
        "metal-support interaction, seed 003), >= 0.");
    }
    prm.leave_subsection();
    prm.enter_subsection("Socketing");
    {
      prm.declare_entry(
        "Rate prefactor",
        "0",
        Patterns::Double(0.),
        "[1/s] k0 of the socketing rate k_s = k0 exp(-E_s/kT), >= 0 (0: no "
        "socketing); the mean relative depth s = depth/max depth grows as "
        "ds/dt = k_s (1 - s), fresh nuclei are unsocketed.");
      prm.declare_entry("Activation energy",
                        "2.0",
                        Patterns::Double(0., 20.),
                        "[eV] E_s of the socketing rate, 0 .. 20 eV.");
      prm.declare_entry("Maximum depth",
                        "1",
                        Patterns::Double(0.),
                        "[nm] Depth of a fully socketed particle, > 0.");
      prm.declare_entry("Adhesion gain",
                        "0.5",
                        Patterns::Double(0.),
                        "[J/m^2] Increase of E_adh at full depth, >= 0.");
      prm.declare_entry("Mobility factor",
                        "0.01",
                        Patterns::Double(0., 1.),
                        "[-] Particle diffusivity factor at full depth, 0 < "
                        "factor <= 1 (D scales as factor^s).");
    }
    prm.leave_subsection();
    prm.enter_subsection("Integrator");
    {
      prm.declare_entry("Relative tolerance",
                        "1e-7",
                        Patterns::Double(0., 1e-2),
                        "[-] Of the Rosenbrock local integration, 0 .. 1e-2.");
      prm.declare_entry("Absolute tolerance",
                        "1e-14",
                        Patterns::Double(0., 1e-4),
                        "[monolayers] Of the local integration (coverages and "
                        "particle metal per site), 0 .. 1e-4.");
    }
    prm.leave_subsection();
    prm.enter_subsection("Surface element");
    {
      prm.declare_entry("End time",
                        "3600",
                        Patterns::Double(0.),
                        "[s] Physics/Model = particles: duration of the run, "
                        "> 0 (the temperature follows Atmosphere/Temperature "
                        "programme).");
      prm.declare_entry("Output times",
                        "50",
                        Patterns::Integer(1, 100000),
                        "[-] Rows of particles.csv after the initial one.");
      prm.declare_entry("Logarithmic output times",
                        "false",
                        Patterns::Bool(),
                        "[-] Output times equally spaced in log t (from End "
                        "time/1e6) instead of t.");
      prm.declare_entry("Initial adatom coverage",
                        "0",
                        Patterns::Double(0., 1.),
                        "[-] Adatoms per site at t = 0, 0 .. 1.");
      prm.declare_entry("Initial number density",
                        "0",
                        Patterns::Double(0.),
                        "[m^-2] Particles at t = 0, >= 0.");
      prm.declare_entry("Initial mean radius",
                        "2",
                        Patterns::Double(0.),
                        "[nm] Median radius of the initial log-normal "
                        "distribution, inside the size classes.");
      prm.declare_entry("Initial radius spread",
                        "0.2",
                        Patterns::Double(0., 2.),
                        "[-] sigma of ln r of the initial distribution, 0 .. "
                        "2 (0: one class).");
      prm.declare_entry("Metal supply rate",
                        "0",
                        Patterns::Double(),
                        "[m^-2 s^-1] Reducible cations arriving from the "
                        "lattice as adatoms (the future bulk boundary flux); "
                        "0: closed surface.");
      prm.declare_entry("Supply duration",
                        "0",
                        Patterns::Double(0.),
                        "[s] The supply stops after this time, >= 0 (0: "
                        "supplied during the whole run).");
      prm.declare_entry("Surface vacancy site fraction",
                        "0",
                        Patterns::Double(0., 1.),
                        "[-] x_V of the support surface, 0 .. 1 (in the "
                        "coupled model: the PNP trace).");
      prm.declare_entry("Defect line density",
                        "0",
                        Patterns::Double(0.),
                        "[m/m^2] Length of grain-boundary, APB or dislocation "
                        "traces per surface area, >= 0.");
      prm.declare_entry("Defect point density",
                        "0",
                        Patterns::Double(0.),
                        "[m^-2] Dislocation outcrops per area, >= 0.");
      prm.declare_entry("Redox rate",
                        "0",
                        Patterns::Double(0.),
                        "[m^-2 s^-1] Physics/Model = particles: prefactor "
                        "r0 of the local reduction/re-oxidation rate of the "
                        "redox-driven mobility, r_k = r0 exp(-E_r/kT), >= 0 "
                        "(in the coupled model the rate is the vacancy "
                        "exchange flux).");
      prm.declare_entry("Redox activation energy",
                        "0",
                        Patterns::Double(0., 20.),
                        "[eV] E_r of the redox rate (the support's lattice "
                        "oxygen release), 0 .. 20 eV (0: constant rate).");
      prm.declare_entry("Redox supply limit",
                        "0",
                        Patterns::Double(0.),
                        "[m^-2 s^-1] Prefactor r_s0 of the rate at which the "
                        "gas supplies the reductant (H2 dissociated on the "
                        "metal, seed 003), r_s = r_s0 exp(-E_s/kT), in series "
                        "with r_k: r = r_k r_s / (r_k + r_s); 0: no limit.");
      prm.declare_entry("Redox supply activation energy",
                        "0",
                        Patterns::Double(0., 20.),
                        "[eV] E_s of the supply limit, 0 .. 20 eV (H2 "
                        "dissociation on NiFe: 0.11 eV, seed 003).");
    }
    prm.leave_subsection();
    prm.leave_subsection();
  }



  void
  ParticleParameters::parse_parameters(ParameterHandler &prm)
  {
    constexpr double inf = 1e300;
    prm.enter_subsection("Particles");
    prm.enter_subsection("Metal");
    {
      const std::string s = "Metal";
      atomic_volume
        = get(prm, s, "Atomic volume", 0., 1., true, "nm^3") * nm * nm * nm;
      surface_energy  = get(prm, s, "Surface energy", 0., 100., true, "J/m^2");
      adhesion_energy = get(prm,
                            s,
                            "Adhesion energy",
                            0.,
                            2. * surface_energy,
                            true,
                            "J/m^2 (0 < E_adh < 2 gamma_m: a cap wets partly)");
      require_input(adhesion_energy < 2. * surface_energy,
                    "Particles/Metal/Adhesion energy",
                    prm.get("Adhesion energy"),
                    "must be < 2 Surface energy (complete wetting is not a "
                    "cap)");
      adhesion_derivative = prm.get_double("Adhesion vacancy derivative");
      formation_enthalpy
        = get(prm, s, "Formation enthalpy", -20., 20., false, "eV") * eV;
      particle_entropy = get(prm, s, "Particle entropy", 0., 10., false, "k");
      site_density     = get(prm, s, "Site density", 1e15, 1e21, false, "m^-2");
      attempt_frequency
        = get(prm, s, "Attempt frequency", 0., 1e18, true, "1/s");
      attachment_barrier
        = get(prm, s, "Attachment barrier", 0., 20., false, "eV") * eV;
    }
    prm.leave_subsection();
    prm.enter_subsection("Nucleation");
    {
      const std::string s = "Nucleation";
      nucleation          = prm.get_bool("Enabled");
      homogeneous_site_fraction
        = get(prm, s, "Homogeneous site fraction", 0., 1., false, "");
      defect_site_spacing
        = get(prm, s, "Defect site spacing", 0., 1e3, true, "nm") * nm;
      defect_barrier_factor
        = get(prm, s, "Defect barrier factor", 0., 1., true, "");
      incubation = prm.get_bool("Incubation");
    }
    prm.leave_subsection();
    prm.enter_subsection("Size classes");
    {
      const std::string s = "Size classes";
      n_classes           = prm.get_integer("Number of classes");
      min_radius = get(prm, s, "Minimum radius", 0.01, 1e4, false, "nm") * nm;
      max_radius = get(prm, s, "Maximum radius", 0.01, 1e6, false, "nm") * nm;
      require_input(max_radius > 1.5 * min_radius,
                    "Particles/Size classes/Maximum radius",
                    prm.get("Maximum radius"),
                    "must be > 1.5 Minimum radius (" + prm.get("Minimum radius")
                      + " nm)");
      logarithmic         = prm.get("Spacing") == "logarithmic";
      second_order_fluxes = prm.get_bool("Second-order fluxes");
    }
    prm.leave_subsection();
    prm.enter_subsection("Mobility");
    {
      const std::string s = "Mobility";
      const std::string k = prm.get("Coalescence kernel");
      kernel              = k == "none"       ? Kernel::none
                            : k == "constant" ? Kernel::constant
                                              : Kernel::mobility;
      constant_kernel = get(prm, s, "Constant kernel", 0., 1., false, "m^2/s");
      mobility_prefactor
        = get(prm, s, "Mobility prefactor", 0., 1., false, "m^2/s");
      mobility_activation
        = get(prm, s, "Mobility activation energy", 0., 20., false, "eV") * eV;
      mobility_exponent
        = get(prm, s, "Mobility size exponent", 0., 10., false, "");
      redox_mobility
        = get(prm, s, "Redox mobility coefficient", 0., inf, false, "m^4");
    }
    prm.leave_subsection();
    prm.enter_subsection("Socketing");
    {
      const std::string s = "Socketing";
      socketing_prefactor
        = get(prm, s, "Rate prefactor", 0., inf, false, "1/s");
      socketing_activation
        = get(prm, s, "Activation energy", 0., 20., false, "eV") * eV;
      max_socket_depth = get(prm, s, "Maximum depth", 0., 1e3, true, "nm") * nm;
      socketing_adhesion_gain
        = get(prm, s, "Adhesion gain", 0., 100., false, "J/m^2");
      socketing_mobility_factor
        = get(prm, s, "Mobility factor", 0., 1., true, "");
    }
    prm.leave_subsection();
    prm.enter_subsection("Integrator");
    {
      const std::string s = "Integrator";
      relative_tolerance
        = get(prm, s, "Relative tolerance", 0., 1e-2, true, "");
      absolute_tolerance
        = get(prm, s, "Absolute tolerance", 0., 1e-4, true, "monolayers");
    }
    prm.leave_subsection();
    prm.enter_subsection("Surface element");
    {
      const std::string s = "Surface element";
      end_time            = get(prm, s, "End time", 0., inf, true, "s");
      n_outputs           = prm.get_integer("Output times");
      logarithmic_outputs = prm.get_bool("Logarithmic output times");
      initial_coverage
        = get(prm, s, "Initial adatom coverage", 0., 1., false, "");
      initial_number_density
        = get(prm, s, "Initial number density", 0., 1e20, false, "m^-2");
      initial_mean_radius
        = get(prm, s, "Initial mean radius", 0., 1e6, true, "nm") * nm;
      initial_radius_spread
        = get(prm, s, "Initial radius spread", 0., 2., false, "");
      if (initial_number_density > 0.)
        require_input(initial_mean_radius > min_radius
                        && initial_mean_radius < max_radius,
                      "Particles/Surface element/Initial mean radius",
                      prm.get("Initial mean radius"),
                      "must lie inside the size classes, Minimum radius .. "
                      "Maximum radius (nm)");
      supply_rate = prm.get_double("Metal supply rate");
      require_input(std::isfinite(supply_rate) && std::abs(supply_rate) < 1e30,
                    "Particles/Surface element/Metal supply rate",
                    prm.get("Metal supply rate"),
                    "must be finite, |rate| < 1e30 m^-2 s^-1");
      supply_duration = get(prm, s, "Supply duration", 0., inf, false, "s");
      vacancy_fraction
        = get(prm, s, "Surface vacancy site fraction", 0., 1., false, "");
      defect_line_density
        = get(prm, s, "Defect line density", 0., 1e12, false, "m/m^2");
      defect_point_density
        = get(prm, s, "Defect point density", 0., 1e20, false, "m^-2");
      redox_rate = get(prm, s, "Redox rate", 0., inf, false, "m^-2 s^-1");
      redox_activation
        = get(prm, s, "Redox activation energy", 0., 20., false, "eV") * eV;
      redox_supply_limit
        = get(prm, s, "Redox supply limit", 0., inf, false, "m^-2 s^-1");
      redox_supply_activation
        = get(prm, s, "Redox supply activation energy", 0., 20., false, "eV")
          * eV;
    }
    prm.leave_subsection();
    prm.leave_subsection();
  }


  double
  ParticleParameters::redox_rate_at(const double temperature) const
  {
    const double kT      = constants::boltzmann_eV * eV * temperature;
    const double kinetic = redox_rate * std::exp(-redox_activation / kT);
    if (redox_supply_limit == 0. || kinetic == 0.)
      return kinetic;
    const double supply
      = redox_supply_limit * std::exp(-redox_supply_activation / kT);
    return kinetic * supply / (kinetic + supply);
  }
} // namespace exsolve::particles
