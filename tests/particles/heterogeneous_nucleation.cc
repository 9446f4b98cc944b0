// Heterogeneous nucleation where a defect line (grain boundary, APB or
// dislocation trace) meets the surface: two surface elements, one plain and
// one crossed by defect traces (1e7 m per m^2, sites every 0.39 nm, barrier
// factor 0.3), both supersaturated alike.
//  1. Short closed run from S = 8 (depletion 3e-4): the ratio of nuclei
//     in the defect element to the plain one equals the CNT rate ratio
//     (J_plain + J_defect)/J_plain at the initial coverage to 2 % (the
//     small depletion differs between the elements).
//     The ratio is also checked to be >= 10 (nuclei form preferentially at
//     the defect). A supplied nucleation-growth pulse is not part of the
//     test: with incubation and a homogeneous burst it took minutes.
// One rank.
#include <exsolve/particles/lattice_gas.h>

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
  p.adhesion_energy       = 0.5;
  p.formation_enthalpy    = -0.5 * testing::eV;
  p.attachment_barrier    = 1.0 * testing::eV;
  p.defect_barrier_factor = 0.3;
  p.incubation            = false;
  p.min_radius            = 0.2e-9;
  p.max_radius            = 50e-9;
  p.n_classes             = 80;
  const double    T = 1000., kT = testing::kB * T;
  LocalConditions plain, defect;
  plain.temperature = defect.temperature = T;
  defect.defect_line_density             = 1e7; // m/m^2

  {
    const auto   model = testing::particle_model(p);
    const double theta_inf
      = lattice_gas::critical_coverage(p.formation_enthalpy, 1., kT);
    const double      x     = 8. * theta_inf / (1. - theta_inf);
    const double      theta = x / (1. + x);
    SurfacePopulation a(model), b(model);
    a.set_adatom_coverage(theta);
    b.set_adatom_coverage(theta);
    const auto [jp, jd]   = b.nucleation_rates(defect);
    const double expected = (jp.steady_rate + jd.steady_rate) / jp.steady_rate;
    a.advance(2e-8, plain);
    b.advance(2e-8, defect);
    const double ratio
      = b.summary().number_density / a.summary().number_density;
    std::cout << "S = 8: J_plain = " << jp.steady_rate
              << ", J_defect = " << jd.steady_rate << " m^-2 s^-1 (dG*/kT "
              << jp.barrier / kT << " vs " << jd.barrier / kT << "); nuclei "
              << a.summary().number_density << " vs "
              << b.summary().number_density << " m^-2, depletion "
              << 1. - b.summary().adatom_coverage / theta << "\n";
    c.close(
      ratio, expected, 0.02, 0., "early density ratio defect/plain vs CNT");
    c.within(ratio, 10., 1e30, "density ratio defect/plain");
  }
  return c.exit_code();
}
