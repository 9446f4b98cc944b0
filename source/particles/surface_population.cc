#include <deal.II/base/exceptions.h>

#include <exsolve/core/physical_constants.h>
#include <exsolve/particles/lattice_gas.h>
#include <exsolve/particles/surface_population.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace exsolve::particles
{
  namespace
  {
    constexpr double boltzmann
      = constants::boltzmann_eV * constants::elementary_charge; // J/K
  }



  ParticleModel::ParticleModel(const ParticleParameters &parameters)
      : parameters(parameters)
      , thermodynamics(parameters)
      , classes(parameters, thermodynamics)
      , coalescence(classes)
  {
  }



  SurfacePopulation::SurfacePopulation(
    std::shared_ptr<const ParticleModel> model)
      : shared(std::move(model))
      , K(shared->classes.size())
  {
    // [theta, y_0 .. y_{K-1}, s, supplied]
    y.assign(K + 3, 0.);
    number.resize(K);
    dndt.resize(K);
    velocity.resize(K + 1);
    diffusivity.resize(K);
    base_radius.resize(K);
    for (unsigned int k = 0; k < K; ++k)
      base_radius[k]
        = shared->thermodynamics.base_radius(shared->classes.pivots[k]);
  }



  void
  SurfacePopulation::set_adatom_coverage(const double coverage)
  {
    y[0] = coverage;
  }



  void
  SurfacePopulation::set_state(const std::vector<double> &new_state,
                               const double               time)
  {
    AssertDimension(new_state.size(), y.size());
    y          = new_state;
    clock_time = time;
    step_guess = 0.;
  }



  void
  SurfacePopulation::add_particles(const double number_density,
                                   const double radius,
                                   const double spread)
  {
    const auto         &c  = shared->classes;
    const double        ns = shared->parameters.site_density;
    std::vector<double> weights(K, 0.);
    if (spread <= 0.)
      weights[c.index_of(radius)] = 1.;
    else
      for (unsigned int k = 0; k < K; ++k)
      {
        // Probability of class k under the log-normal distribution.
        const auto cdf = [&](const double r) {
          return 0.5
                 * std::erfc(-std::log(r / radius) / (spread * std::sqrt(2.)));
        };
        weights[k] = cdf(c.edges[k + 1]) - cdf(c.edges[k]);
      }
    const double total = std::accumulate(weights.begin(), weights.end(), 0.);
    for (unsigned int k = 0; k < K; ++k)
      y[1 + k] += number_density * weights[k] / total * c.atoms[k] / ns;
  }



  std::pair<NucleationRate, NucleationRate>
  SurfacePopulation::nucleation_rates(const double           t,
                                      const double           coverage,
                                      const LocalConditions &conditions) const
  {
    const auto  &p      = shared->parameters;
    const auto  &thermo = shared->thermodynamics;
    const double kT     = boltzmann * conditions.temperature;
    // Driving force dmu = mu_ad - mu_p(inf) = kT ln S (S: supersaturation
    // of the lattice gas against a large particle).
    const double dmu = lattice_gas::chemical_potential(coverage, kT)
                       - thermo.bulk_chemical_potential(kT);
    // Fresh nuclei are not socketed.
    const double kappa
      = thermo.capillary_coefficient(conditions.vacancy_fraction, 0.);
    const double k_a = p.attempt_frequency / std::sqrt(p.site_density)
                       * std::exp(-p.attachment_barrier / kT);
    const double per_length = k_a * std::max(coverage, 0.) * p.site_density;
    const double defect_sites
      = conditions.defect_line_density / p.defect_site_spacing
        + conditions.defect_point_density;
    return {classical_nucleation(thermo,
                                 dmu,
                                 kappa,
                                 kT,
                                 p.homogeneous_site_fraction * p.site_density,
                                 1.,
                                 per_length,
                                 t,
                                 p.incubation),
            classical_nucleation(thermo,
                                 dmu,
                                 kappa,
                                 kT,
                                 defect_sites,
                                 p.defect_barrier_factor,
                                 per_length,
                                 t,
                                 p.incubation)};
  }



  std::pair<NucleationRate, NucleationRate>
  SurfacePopulation::nucleation_rates(const LocalConditions &conditions) const
  {
    return nucleation_rates(clock_time, y[0], conditions);
  }



  void
  SurfacePopulation::right_hand_side(const double               t,
                                     const std::vector<double> &state,
                                     std::vector<double>       &dydt,
                                     const LocalConditions     &conditions,
                                     const SupplyFunction      &supply) const
  {
    const auto  &p      = shared->parameters;
    const auto  &thermo = shared->thermodynamics;
    const auto  &c      = shared->classes;
    const double ns     = p.site_density;
    const double kT     = boltzmann * conditions.temperature;
    const double theta  = state[0];
    const double socket = std::clamp(state[K + 1], 0., 1.);
    dydt.assign(state.size(), 0.);

    double total_number = 0.;
    for (unsigned int k = 0; k < K; ++k)
    {
      number[k] = state[1 + k] * ns / c.atoms[k];
      total_number += std::max(number[k], 0.);
      dndt[k] = 0.;
    }

    // Growth and dissolution, interface (perimeter) limited:
    // dn/dt = 2 pi R_b k_a n_s (theta - theta_eq(r)), turned into dr/dt
    // with dn/dr = 3 n / r at the class edges.
    const double k_a = p.attempt_frequency / std::sqrt(ns)
                       * std::exp(-p.attachment_barrier / kT);
    const double kappa
      = thermo.capillary_coefficient(conditions.vacancy_fraction, socket);
    for (unsigned int e = 0; e <= K; ++e)
    {
      const double r = c.edges[e];
      const double dn_dt
        = 2. * M_PI * thermo.base_radius(r) * k_a * ns
          * (theta - thermo.equilibrium_coverage(r, kT, kappa));
      velocity[e] = dn_dt * r / (3. * thermo.atoms(r));
    }
    c.add_growth(velocity, number.data(), dndt.data());

    // Nucleation on plain and defect sites.
    double nucleation = 0.;
    if (p.nucleation)
    {
      const auto [plain, defect] = nucleation_rates(t, theta, conditions);
      c.add_nuclei(plain.rate, plain.insertion_radius, dndt.data());
      c.add_nuclei(defect.rate, defect.insertion_radius, dndt.data());
      nucleation = plain.rate + defect.rate;
    }

    // Migration and coalescence.
    if (p.kernel != ParticleParameters::Kernel::none && total_number > 0.)
    {
      if (p.kernel == ParticleParameters::Kernel::constant)
        kernel.assign(K * K, p.constant_kernel);
      else
      {
        const double mobility = migration_prefactor(socket, conditions);
        for (unsigned int k = 0; k < K; ++k)
          diffusivity[k] = mobility * size_factor(k);
        Coalescence::mobility_kernel(diffusivity,
                                     base_radius,
                                     total_number,
                                     kernel);
      }
      shared->coalescence.add_rates(kernel, number.data(), dndt.data());
    }

    // Metal balance: the adatoms lose exactly what the particles gain.
    const double supplied     = supply ? supply(t, theta) / ns : 0.;
    double       to_particles = 0.;
    for (unsigned int k = 0; k < K; ++k)
    {
      dydt[1 + k] = dndt[k] * c.atoms[k] / ns;
      to_particles += dydt[1 + k];
    }
    dydt[0]     = supplied - to_particles;
    dydt[K + 2] = supplied;

    // Mean relative socket depth: deepens at k_s (1 - s); nuclei dilute it.
    const double k_s
      = p.socketing_prefactor * std::exp(-p.socketing_activation / kT);
    dydt[K + 1] = k_s * (1. - socket)
                  - socket * nucleation / std::max(total_number, 1e-30 * ns);
  }



  AdvanceReport
  SurfacePopulation::advance(const double           dt,
                             const LocalConditions &conditions,
                             const SupplyFunction  &supply)
  {
    AdvanceReport   report;
    const double    before = y[K + 2];
    const auto     &p      = shared->parameters;
    LocalIntegrator integrator(p.relative_tolerance, p.absolute_tolerance);
    report.statistics = integrator.integrate(
      [&](const double t, const std::vector<double> &s, std::vector<double> &f)
      { right_hand_side(t, s, f, conditions, supply); },
      y,
      clock_time,
      clock_time + dt,
      step_guess);
    clock_time += dt;
    report.atoms_consumed = (y[K + 2] - before) * p.site_density;
    return report;
  }



  std::vector<double>
  SurfacePopulation::class_numbers() const
  {
    std::vector<double> n(K);
    for (unsigned int k = 0; k < K; ++k)
      n[k]
        = y[1 + k] * shared->parameters.site_density / shared->classes.atoms[k];
    return n;
  }



  double
  SurfacePopulation::migration_prefactor(
    const double           socket,
    const LocalConditions &conditions) const
  {
    const auto  &p  = shared->parameters;
    const double kT = boltzmann * conditions.temperature;
    return std::pow(p.socketing_mobility_factor, socket)
           * (p.mobility_prefactor * std::exp(-p.mobility_activation / kT)
              + p.redox_mobility * conditions.redox_rate);
  }



  double
  SurfacePopulation::size_factor(const unsigned int k) const
  {
    return std::pow(1e-9 / shared->classes.pivots[k],
                    shared->parameters.mobility_exponent);
  }



  double
  SurfacePopulation::mean_particle_diffusivity(
    const LocalConditions &conditions) const
  {
    const auto &c = shared->classes;
    double      n = 0., nd = 0.;
    for (unsigned int k = 0; k < K; ++k)
    {
      const double number_k = std::max(y[1 + k], 0.) / c.atoms[k];
      n += number_k;
      nd += number_k * size_factor(k);
    }
    return n > 0.
             ? migration_prefactor(std::clamp(y[K + 1], 0., 1.), conditions)
                 * nd / n
             : 0.;
  }



  PopulationSummary
  SurfacePopulation::summary() const
  {
    PopulationSummary s;
    const auto       &c          = shared->classes;
    const double      ns         = shared->parameters.site_density;
    const auto        n          = class_numbers();
    double            radius_sum = 0.;
    for (unsigned int k = 0; k < K; ++k)
    {
      // Moments count the (round-off) negative classes as empty; the metal
      // bookkeeping keeps them, so that it is exact.
      const double N  = std::max(n[k], 0.);
      const double Rb = shared->thermodynamics.base_radius(c.pivots[k]);
      s.number_density += N;
      radius_sum += N * c.pivots[k];
      s.metal_area_fraction += N * M_PI * Rb * Rb;
      s.perimeter_density += N * 2. * M_PI * Rb;
      s.atoms_particles += y[1 + k] * ns;
    }
    s.mean_radius = s.number_density > 0. ? radius_sum / s.number_density : 0.;
    s.adatom_coverage = y[0];
    s.atoms_adatoms   = y[0] * ns;
    s.atoms_supplied  = y[K + 2] * ns;
    s.socket_depth
      = std::clamp(y[K + 1], 0., 1.) * shared->parameters.max_socket_depth;
    return s;
  }
} // namespace exsolve::particles
