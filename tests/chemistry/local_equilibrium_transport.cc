// Transport with the full defect chemistry (issue: defect chemistry, items
// 2, 3 and 5), each against an analytic solution:
//  1. Mass-action surface reaction. Ni enters a slab 0 < x < l through
//     NiO(s) + V_i^x = Ni_i^x + 1/2 O2 at x = l with the rate per area
//     r = k N (1 - x_Ni sqrt(P) / K) (dilute, P = pO2 / p_ref), which is
//     exactly j = k_eff (c_eq - c) with k_eff = k sqrt(P) / K and
//     c_eq = N K / sqrt(P): the uptake follows Crank's series (eigenvalues
//     b tan b = L, L = k_eff l / D). l = 100 um, D = 1e-9 m^2/s,
//     k_eff = 1e-5 m/s: L = 1, M/M_inf = 0.3188954346 at t = 5 s, within
//     1 %.
//  2. Fast trapping in local equilibrium. Add immobile traps V_Sr^x in
//     large excess and Ni_i^x + V_Sr^x = Ni_Sr^x + V_i^x without a rate
//     constant: Ni_Sr = R Ni_i with R = K_t [V_Sr]. The total Ni then
//     follows the same series with D / (1 + R) and k_eff / (1 + R) (L
//     unchanged), so M/M_inf = 0.3188954346 at t = 5 (1 + R) s, within 1 %;
//     Ni_Sr / Ni_i = R everywhere at the end (local equilibrium, 1e-3, the
//     traps being depleted by 3e-4) and the total of Ni and of Sr sites is
//     conserved where it should be.
//  3. Site exclusion in the Nernst-Planck flux. V_O.. compensating Fe_Ti'
//     with a surface held at -0.3 V (1000 K): the dilute Boltzmann factor
//     would put more vacancies on the surface than there are oxygen sites.
//     The transient run, the bulk end held at its concentration, relaxes to
//     ln(x / theta_O) + 2 e phi / kT = const (the lattice-gas equilibrium):
//     the spread falls with the mesh (order > 1.5, below 2e-3 on 160 Q2
//     cells) and the surface site fraction is the analytic
//     1 / (1 + (1 / f_b - 1) e^{2 e phi / kT}) with f_b that where phi = 0
//     (1e-4), above 0.5 and below one, where the dilute model would put
//     3.5 vacancies per site.
// Serial.
#include <exsolve/core/parameter_utilities.h>
#include <exsolve/core/physical_constants.h>
#include <exsolve/linear_algebra/backends.h>
#include <exsolve/transport/transport_problem.h>

#include "../test_utilities.h"

using namespace exsolve;

namespace
{
  const double N      = 1.68e28; // formula units per m^3
  const double T      = 1000.;
  const double kT     = constants::boltzmann_eV * T;
  const double uptake = 0.3188954346; // L = 1, D t / l^2 = 0.5 (table S2)

  testing::Overrides
  nickel_slab(const bool traps)
  {
    // K = exp(-dH / kT) with dH = 1.095 eV; P = 1e3 / 1e5.
    const double       K = std::exp(-1.095 / kT), root_P = 0.1;
    const double       k0   = 1e-5 * K / root_P; // k_eff = 1e-5 m/s
    const double       x_eq = K / root_P;
    const double       c0   = 0.1 * x_eq * N;
    const double       K_t = 10., x_traps = 0.3, R = K_t * x_traps;
    testing::Overrides o
      = {{"Geometry/Dimension", "1"},
         {"Geometry/Lengths", "1e5"},
         {"Geometry/Subdivisions", "100"},
         {"Geometry/Boundary names", "x_min: inner, x_max: surface"},
         {"Discretization/Polynomial degree", "2"},
         {"Mesh refinement/Strategy", "uniform"},
         {"Physics/Model", "transport"},
         {"Physics/Temperature", "1000"},
         {"Physics/Site density", "1.68e28"},
         {"Defect chemistry/Sublattices", "Sr: 1, Ti: 1, O: 3, i: 1"},
         {"Defect chemistry/Oxygen partial pressure", "1e3"},
         {"Defect chemistry/Ionic statistics", "dilute"},
         {"Boundary conditions/Fixed potential", "surface: 0"},
         {"Boundary conditions/Surface reaction rate constants",
          "uptake@surface: " + parameters::to_string(k0)},
         {"Initial state/Type", "expressions"},
         {"Time stepping/Scheme", "BDF2"},
         {"Time stepping/Adaptive", "false"}};
    if (!traps)
    {
      o.push_back({"Physics/Species/Names", "Ni_i^x"});
      o.push_back({"Physics/Species/Bulk concentrations",
                   parameters::to_string(x_eq * N)});
      o.push_back({"Physics/Species/Diffusion prefactors", "1e-9"});
      o.push_back({"Physics/Species/Diffusion activation energies", "0"});
      o.push_back({"Defect chemistry/Reactions",
                   "uptake: NiO(s) + V_i^x = Ni_i^x + 1/2 O2"});
      o.push_back({"Defect chemistry/Reaction enthalpies", "uptake: 1.095"});
      o.push_back({"Initial state/Concentrations", parameters::to_string(c0)});
      o.push_back({"Time stepping/End time", "5"});
      o.push_back({"Time stepping/Initial step", "0.025"});
    }
    else
    {
      o.push_back({"Physics/Species/Names", "Ni_i^x, V_Sr^x, Ni_Sr^x"});
      o.push_back({"Physics/Species/Bulk concentrations",
                   parameters::to_string(x_eq * N) + ", "
                     + parameters::to_string(x_traps * N) + ", "
                     + parameters::to_string(R * x_eq * N)});
      o.push_back({"Physics/Species/Diffusion prefactors", "1e-9, 0, 0"});
      o.push_back({"Physics/Species/Diffusion activation energies", "0, 0, 0"});
      o.push_back({"Defect chemistry/Reactions",
                   "uptake: NiO(s) + V_i^x = Ni_i^x + 1/2 O2, "
                   "trap: Ni_i^x + V_Sr^x = Ni_Sr^x + V_i^x"});
      o.push_back(
        {"Defect chemistry/Reaction enthalpies", "uptake: 1.095, trap: 0"});
      o.push_back({"Defect chemistry/Reaction entropies",
                   "trap: " + parameters::to_string(std::log(K_t))});
      // Traps in a consistent start: the consistent initialisation then
      // changes nothing.
      o.push_back({"Initial state/Concentrations",
                   parameters::to_string(c0) + "; "
                     + parameters::to_string(x_traps * N) + "; "
                     + parameters::to_string(R * c0)});
      o.push_back(
        {"Time stepping/End time", parameters::to_string(5. * (1 + R))});
      o.push_back(
        {"Time stepping/Initial step", parameters::to_string(0.025 * (1 + R))});
    }
    return o;
  }
} // namespace

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                         c;
  const double                             l    = 1e-4; // m
  const double                             x_eq = std::exp(-1.095 / kT) / 0.1;

  // 1. Mass-action surface reaction against Crank.
  {
    const auto parameters
      = testing::transport_parameters("", nickel_slab(false));
    TransportProblem<1, TrilinosBackend> problem(parameters,
                                                 MPI_COMM_WORLD,
                                                 false);
    problem.initialize();
    const double unit = parameters.base.electrolyte.scales.concentration
                        * parameters.base.electrolyte.scales.length;
    const double m0 = problem.amounts()[0] * unit;
    problem.run();
    const double m = problem.amounts()[0] * unit;
    c.close(
      (m - m0) / (x_eq * N * l - m0),
      uptake,
      1e-2,
      0.,
      "mass-action surface reaction: M/M_inf at t = 5 s vs Crank (L = 1)");
  }

  // 2. Fast trapping: the same series with D / (1 + R).
  {
    const double R = 3.;
    const auto   parameters
      = testing::transport_parameters("", nickel_slab(true));
    TransportProblem<1, TrilinosBackend> problem(parameters,
                                                 MPI_COMM_WORLD,
                                                 false);
    problem.initialize();
    const double unit = parameters.base.electrolyte.scales.concentration
                        * parameters.base.electrolyte.scales.length;
    const auto   before = problem.amounts();
    const double m0     = (before[0] + before[2]) * unit;
    problem.run();
    const auto   after = problem.amounts();
    const double m     = (after[0] + after[2]) * unit;
    c.close((m - m0) / ((1 + R) * x_eq * N * l - m0),
            uptake,
            1e-2,
            0.,
            "fast trapping: total Ni uptake at t = 5 (1 + R) s vs Crank with "
            "D / (1 + R)");
    c.close(after[1] + after[2],
            before[1] + before[2],
            1e-12,
            0.,
            "fast trapping: Sr sites (V_Sr^x + Ni_Sr^x) conserved");
    const auto ranges_ok = [&]()
    {
      bool       finite = true;
      const auto ranges = problem.concentration_ranges(finite);
      // Local equilibrium: Ni_Sr / Ni_i = K_t [V_Sr] at the extremes of
      // the monotone profiles.
      const double low  = ranges[2].first / ranges[0].first;
      const double high = ranges[2].second / ranges[0].second;
      return std::make_pair(low, high);
    }();
    c.close(ranges_ok.first,
            R,
            1e-3,
            0.,
            "fast trapping: Ni_Sr / Ni_i = K_t [V_Sr] where Ni is lowest");
    c.close(ranges_ok.second,
            R,
            1e-3,
            0.,
            "fast trapping: Ni_Sr / Ni_i = K_t [V_Sr] where Ni is highest");
  }

  // 3. Site exclusion in the flux: lattice-gas equilibrium at a charged
  //    surface, on three meshes (ln gamma is not in the finite element
  //    space, so the discrete equilibrium holds it only to the
  //    discretisation error).
  {
    std::vector<double> spreads, errors;
    double              dilute = 0., lattice_gas = 0.;
    for (const unsigned int cells : {40u, 80u, 160u})
    {
      const testing::Overrides o
        = {{"Geometry/Dimension", "1"},
           {"Geometry/Lengths", "5"},
           {"Geometry/Subdivisions", std::to_string(cells)},
           {"Geometry/Boundary names", "x_min: surface, x_max: bulk"},
           {"Discretization/Polynomial degree", "2"},
           {"Mesh refinement/Strategy", "uniform"},
           {"Physics/Model", "transport"},
           {"Physics/Temperature", "1000"},
           {"Physics/Species/Names", "V_O.., Fe_Ti'"},
           {"Physics/Species/Bulk concentrations", "1.68e26, 3.36e26"},
           {"Physics/Species/Diffusion prefactors", "1e-8, 0"},
           {"Physics/Species/Diffusion activation energies", "0, 0"},
           {"Defect chemistry/Ionic statistics", "site exclusion"},
           {"Defect chemistry/Dopant contents", "Fe: 0.02"},
           {"Boundary conditions/Fixed potential", "surface: -0.3, bulk: 0"},
           {"Boundary conditions/Fixed concentrations", "V_O..@bulk: bulk"},
           {"Initial state/Type", "bulk"},
           {"Time stepping/Scheme", "BDF2"},
           {"Time stepping/Adaptive", "true"},
           {"Time stepping/Initial step", "1e-16"},
           {"Time stepping/Minimum step", "1e-22"},
           {"Time stepping/End time", "1e-4"}};
      const auto parameters = testing::transport_parameters("", o);
      TransportProblem<1, TrilinosBackend> problem(parameters,
                                                   MPI_COMM_WORLD,
                                                   false);
      problem.run();
      spreads.push_back(problem.electrochemical_potential_spread()[0]);
      // The constant is that of the bulk end (phi = 0, c fixed).
      const double sites = 3., psi_s = -0.3 / kT;
      const double f_ref
        = problem.boundary_mean_concentrations("bulk")[0] / N / sites;
      lattice_gas = 1. / (1. + (1. / f_ref - 1.) * std::exp(2. * psi_s));
      dilute      = f_ref * std::exp(-2. * psi_s);
      errors.push_back(
        std::abs(problem.boundary_mean_concentrations("surface")[0] / N / sites
                 - lattice_gas)
        / lattice_gas);
      std::cout << "  " << cells << " cells: spread " << spreads.back()
                << ", surface site fraction error " << errors.back()
                << " (lattice gas " << lattice_gas << ")" << std::endl;
    }
    c.within(spreads.back(),
             0.,
             2e-3,
             "site exclusion: spread of ln(x/theta) + 2 e phi / kT on 160 Q2 "
             "cells");
    c.within(errors.back(),
             0.,
             1e-4,
             "site exclusion: surface site fraction vs the lattice-gas value "
             "on 160 Q2 cells (relative)");
    for (unsigned int k = 1; k < spreads.size(); ++k)
      c.check(std::log2(spreads[k - 1] / spreads[k]) > 1.5,
              "site exclusion: the spread falls with the mesh size, observed "
              "order "
                + parameters::to_string(
                  std::log2(spreads[k - 1] / spreads[k])));
    c.check(dilute > 1. && lattice_gas < 1. && lattice_gas > 0.5,
            "site exclusion: the O sites fill to "
              + parameters::to_string(lattice_gas)
              + " where the dilute Boltzmann factor would put "
              + parameters::to_string(dilute) + " per site");
  }
  return c.exit_code();
}
