// Exact metal bookkeeping of one surface element with every process on:
// supply from the lattice (then closed), homogeneous and defect nucleation
// with incubation, growth and dissolution, Ostwald ripening, migration and
// coalescence with the Arrhenius and the redox-driven mobility, socketing,
// a vacancy-dependent adhesion, and a temperature that steps between 900,
// 1100 and 800 K. After every advance():
//   adatoms + particles - supplied = initial metal
// to 1e-10 relative (the figure; the state is in monolayers and
// every transfer is booked with the class atom counts, so only round-off
// remains); the atoms reported as consumed from the lattice add up to the
// booked supply (1e-12) and to the integral of the prescribed supply
// within the integrator tolerance (1e-7). One rank.
#include <deal.II/base/mpi.h>

#include "../test_utilities.h"
#include "particle_test_utilities.h"

#include <cmath>
#include <iostream>

using namespace exsolve;
using namespace exsolve::particles;

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                         c;

  ParticleParameters p;
  p.surface_energy        = 0.5;
  p.adhesion_energy       = 0.6;
  p.adhesion_derivative   = -1.0; // oxophilic
  p.formation_enthalpy    = -0.5 * testing::eV;
  p.attachment_barrier    = 1.0 * testing::eV;
  p.kernel                = ParticleParameters::Kernel::mobility;
  p.mobility_prefactor    = 1e-6;
  p.mobility_activation   = 1.0 * testing::eV;
  p.redox_mobility        = 1e-40;
  p.socketing_prefactor   = 1e9;
  p.socketing_activation  = 2.0 * testing::eV;
  p.min_radius            = 0.25e-9;
  p.max_radius            = 100e-9;
  p.n_classes             = 60;
  const auto        model = testing::particle_model(p);
  SurfacePopulation s(model);
  s.set_adatom_coverage(1e-3);
  s.add_particles(1e15, 2e-9, 0.3);
  const double metal0 = testing::metal(s);

  LocalConditions conditions;
  conditions.vacancy_fraction    = 0.05;
  conditions.defect_line_density = 1e6;
  conditions.redox_rate          = 1e18;
  const double         rate = 2e17, supply_end = 2.;
  const SupplyFunction supply
    = [&](const double t, const double) { return t < supply_end ? rate : 0.; };
  double        worst = 0., consumed = 0.;
  unsigned long steps = 0;
  for (unsigned int i = 0; i < 30; ++i)
  {
    conditions.temperature = i < 10 ? 900. : i < 20 ? 1100. : 800.;
    // Steps (binary fractions) end on the supply switch-off at 2 s, so its
    // integral is exact.
    const auto report
      = s.advance(i < 8 ? 0.25 : 0.25 * (1 + i % 3), conditions, supply);
    consumed += report.atoms_consumed;
    steps += report.statistics.steps;
    const auto m = s.summary();
    worst        = std::max(worst,
                     std::abs(m.atoms_adatoms + m.atoms_particles
                              - m.atoms_supplied - metal0)
                       / (metal0 + m.atoms_supplied));
  }
  const auto m = s.summary();
  std::cout << steps << " Rosenbrock steps; end: " << m.number_density
            << " particles/m^2, <R> " << m.mean_radius * 1e9 << " nm, coverage "
            << m.adatom_coverage << ", socket depth " << m.socket_depth * 1e9
            << " nm; metal " << metal0 << " + " << m.atoms_supplied
            << " supplied = " << m.atoms_adatoms << " adatoms + "
            << m.atoms_particles << " in particles [m^-2]\n";
  c.within(worst, 0., 1e-10, "worst relative metal balance error");
  // The supply integral is a state of the integration, so it carries the
  // integrator's relative tolerance (1e-7), measured 7e-9.
  c.close(consumed,
          rate * supply_end,
          1e-7,
          0.,
          "atoms consumed from the lattice vs supply integral [m^-2]");
  c.close(consumed,
          m.atoms_supplied,
          1e-12,
          0.,
          "sum of the reported consumption vs the booked supply [m^-2]");
  c.check(m.number_density > 0. && m.socket_depth > 0.,
          "particles present and socketed");
  return c.exit_code();
}
