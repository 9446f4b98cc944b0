// Entropy-driven redispersion (seed 002, Zhu et al.): a closed surface with
// one large particle and its adatoms. With the lattice-gas adatom chemical
// potential kT ln(theta/(1-theta)) and the particle's mu_p = Delta h - s_p
// kT + kappa Omega/r (s_p = 1: Zhu's e^N particle entropy), the model
// itself must show the paper's critical coverage
//   c* = 1/(1 + exp(1 - Delta h/kT))
// at the three conditions of the paper (773 K, -0.16 eV: 0.032; 773 K,
// -0.65 eV: 2.1e-5; 300 K, -0.16 eV: 7.6e-4). Pd on CeO2(111): Omega =
// 0.01472 nm^3, n_s = 7.9e18 m^-2; the size effects are in Delta h, so the
// residual capillarity is small (gamma = 0.05 J/m^2: kappa Omega/(r kT) <
// 1 % at r = 30 nm).
// Checks, per condition:
//  - c* of the formula against the paper's numbers to 1.5 % (the paper
//    rounds to two digits; verification_cases.md Z1);
//  - simulated critical coverage (the adatom coverage a particle leaves
//    when the metal is 3 c*, run to equilibrium) within 10 % of c* (the
//    issue's tolerance), and within 1e-3 of theta_eq(r_final) (equilibrium
//    with the particle it left);
//  - total metal 0.9 c*: the particle dissolves completely (particle metal
//    < 1e-6 of the total); 1.1 c*: it persists (> 5 %, the lever rule
//    gives 9 %);
//  - the seed's KMC loading, 50 atoms on 40 x 40 sites (0.03125):
//    dispersed at 773 K / -0.16 eV, sintered at 773 K / -0.65 eV and at
//    300 K / -0.16 eV, as the paper finds;
//  - metal conserved to 1e-10 relative in every run.
// One rank.
#include <deal.II/base/mpi.h>

#include "../test_utilities.h"
#include "particle_test_utilities.h"

#include <cmath>
#include <iostream>

using namespace exsolve;
using namespace exsolve::particles;

namespace
{
  struct Outcome
  {
    double coverage, particle_fraction, mean_radius, balance, theta_eq, time;
  };

  /// One particle of radius 30 nm on the area that makes the total metal
  /// coverage @p total, no adatoms at t = 0; run in intervals growing by
  /// 1.5x until equilibrium, which is detected, not waited for:
  ///  - the coverage changes by less than 1e-8 relative over an interval
  ///    (the particle has dissolved, or everything has settled), or
  ///  - a particle holding more than 1e-3 of the metal coexists with
  ///    adatoms whose coverage changed by less than 1e-3 relative over the
  ///    last interval (half the time run so far): the dissolution has
  ///    stopped. What would follow is only the self-ripening of the one
  ///    particle's classes, smeared over neighbours by the size-space
  ///    fluxes (a discretisation artefact: one particle has one size). It
  ///    moves the coverage through the size term alone, by < 1 % (1.0051
  ///    -> 1.0017 c* at 773 K, 1.0135 -> 1.0045 c* at 300 K), ever more
  ///    slowly, until the metal sits in the closed last class; following
  ///    it to the 1e-8 criterion took > 95 % of the former 275 s run time
  ///    for no physics the checks need. A dispersing particle cannot stop
  ///    the run early: while it holds > 1e-3 of the metal it still
  ///    dissolves fast (coverage up by > 3 % per interval, measured).
  Outcome
  equilibrate(const double T, const double delta_h, const double total)
  {
    ParticleParameters p;
    p.atomic_volume         = 1.472e-29;
    p.surface_energy        = 0.05;
    p.adhesion_energy       = 0.05;
    p.site_density          = 7.9e18;
    p.formation_enthalpy    = delta_h * testing::eV;
    p.particle_entropy      = 1.;
    p.attachment_barrier    = 0.5 * testing::eV;
    p.n_classes             = 100;
    p.min_radius            = 0.3e-9;
    p.max_radius            = 100e-9;
    const auto        model = testing::particle_model(p);
    SurfacePopulation s(model);
    const double      r0    = 30e-9;
    const double      atoms = model->classes.atoms[model->classes.index_of(r0)];
    // N atoms / (N n_s) ... one particle per area atoms / (total n_s).
    s.add_particles(total * p.site_density / atoms, r0, 0.);
    const double    metal0 = testing::metal(s);
    LocalConditions conditions;
    conditions.temperature = T;
    Outcome o{0., 0., 0., 0., 0., 0.};
    double  dt = 1e-6, previous = -1.;
    for (unsigned int i = 0; i < 150; ++i, dt *= 1.5)
    {
      s.advance(dt, conditions);
      const auto m = s.summary();
      o.balance
        = std::max(o.balance, std::abs(testing::metal(s) / metal0 - 1.));
      const double change = std::abs(m.adatom_coverage - previous);
      if ((change < 1e-8 * m.adatom_coverage && i > 20)
          || (m.atoms_particles > 1e-3 * metal0
              && change < 1e-3 * m.adatom_coverage))
        break;
      previous = m.adatom_coverage;
    }
    const auto m        = s.summary();
    o.coverage          = m.adatom_coverage;
    o.particle_fraction = m.atoms_particles / metal0;
    o.mean_radius       = m.mean_radius;
    o.time              = s.time();
    const double kT     = testing::kB * T;
    o.theta_eq          = m.number_density > 0.
                            ? model->thermodynamics.equilibrium_coverage(
                     m.mean_radius,
                     kT,
                     model->thermodynamics.capillary_coefficient(0., 0.))
                            : 0.;
    return o;
  }
} // namespace

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                         c;
  struct Condition
  {
    double T, delta_h, paper;
    bool   kmc_dispersed;
  };
  for (const Condition &k : {Condition{773., -0.16, 0.032, true},
                             Condition{773., -0.65, 2.1e-5, false},
                             Condition{300., -0.16, 7.6e-4, false}})
  {
    const double kT = testing::kB * k.T;
    const double cstar
      = 1. / (1. + std::exp(1. - k.delta_h * testing::eV / kT));
    const std::string name = std::to_string(int(k.T)) + " K, "
                             + std::to_string(k.delta_h).substr(0, 5) + " eV: ";
    c.close(cstar, k.paper, 0.015, 0., name + "c* of the formula vs the paper");

    const Outcome coexist = equilibrate(k.T, k.delta_h, 3. * cstar);
    std::cout << name << "c* = " << cstar << ", simulated critical coverage "
              << coexist.coverage << " (ratio " << coexist.coverage / cstar
              << "), particle keeps " << coexist.particle_fraction
              << " of the metal at <R> = " << coexist.mean_radius * 1e9
              << " nm (equilibrium at t = " << coexist.time << " s)\n";
    c.close(coexist.coverage,
            cstar,
            0.10,
            0.,
            name + "simulated critical coverage vs c*");
    c.close(coexist.coverage,
            coexist.theta_eq,
            1e-3,
            0.,
            name + "adatoms in equilibrium with the remaining particle");

    const Outcome below = equilibrate(k.T, k.delta_h, 0.9 * cstar);
    const Outcome above = equilibrate(k.T, k.delta_h, 1.1 * cstar);
    c.within(below.particle_fraction,
             -1e-6,
             1e-6,
             name + "metal 0.9 c*: particle metal fraction (dispersed)");
    c.within(above.particle_fraction,
             0.05,
             1.,
             name + "metal 1.1 c*: particle metal fraction (sintered)");

    const Outcome kmc = equilibrate(k.T, k.delta_h, 50. / 1600.);
    std::cout << name << "seed KMC loading 0.03125: particle metal fraction "
              << kmc.particle_fraction << "\n";
    if (k.kmc_dispersed)
      c.within(kmc.particle_fraction,
               -1e-6,
               1e-6,
               name + "KMC loading: dispersed");
    else
      c.within(kmc.particle_fraction, 0.5, 1., name + "KMC loading: sintered");
    for (const Outcome *o : {&coexist, &below, &above, &kmc})
      c.within(o->balance, 0., 1e-10, name + "relative metal balance error");
  }
  return c.exit_code();
}
