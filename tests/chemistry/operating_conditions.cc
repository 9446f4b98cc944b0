// Temperature and gas programmes and what follows them (issue: defect
// chemistry, item "programmes in time").
//  1. Programme: linear and log-linear interpolation, a jump, time units;
//     the H2/H2O conversion pO2 ~ ratio^-2 and its value at a JANAF node.
//  2. Diffusivities follow T(t): a slab with a fixed surface concentration
//     under a linear heating ramp takes up (M - M0)/(M_inf - M0) =
//     1 - sum 8/((2n-1)^2 pi^2) exp(-(2n-1)^2 pi^2 tau / (4 l^2)) with
//     tau = int D(T(t)) dt; within 1e-3.
//  3. kT and eps(T) follow T(t): after a jump from 1000 K to 1200 K (with a
//     Curie-Weiss permittivity) the transient relaxes to the Poisson-
//     Boltzmann layer of 1200 K: the potential 5 nm below a surface held at
//     0.1 V agrees with the equilibrium computed directly at 1200 K to 1e-6.
//  4. A uniform Fe:SrTiO3 sample in equilibrium with its gas (bulk and
//     surface exchange concentrations 'equilibrium', slow trapping and band
//     gap reactions as volume sources) stays stationary:
//     amounts constant to 1e-12, at most one Newton iteration per step.
//     4b. The same with the band gap fast (local equilibrium), trapping
//     slow and the full mass-action reduction at the surface.
//  5. A pO2 switch: surface concentrations fixed at 'equilibrium' take the
//     bulk equilibrium of the new gas (1e-15 Pa) to 1e-9.
//  6. Reduction through the mass-action surface reaction (fast band gap and
//     trapping): after the switch to 1e-15 Pa the whole sample reaches the
//     bulk equilibrium of the new gas (1e-6), keeping its Fe and its
//     neutrality.
// Serial.
#include <exsolve/chemistry/bulk_equilibrium.h>
#include <exsolve/chemistry/gas_programme.h>
#include <exsolve/core/parameter_utilities.h>
#include <exsolve/core/physical_constants.h>
#include <exsolve/linear_algebra/backends.h>
#include <exsolve/transport/transport_problem.h>

#include "../test_utilities.h"

using namespace exsolve;

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                         c;

  // 1. Programmes.
  {
    const Programme T(
      "0: 300, 1 h: 1173, 2 h: 1173, 2 h: 1273", "T", 200, 3000, false);
    c.close(T.value(1800), 736.5, 1e-14, 0., "T half way up the ramp");
    c.close(T.value(5000), 1173, 1e-14, 0., "T on the plateau");
    c.close(T.value(7200), 1273, 1e-14, 0., "T right after the jump");
    c.close(T.value(1e9), 1273, 1e-14, 0., "T after the programme");
    const Programme p("0: 1e-10, 100 s: 1e-20", "p", 1e-40, 1e10, true);
    c.close(p.value(50), 1e-15, 1e-12, 0., "pO2 log-linear half way");
    const double kJ = 8.314462618e-3;
    c.close(GasProgramme::water_equilibrium_pressure(1000., 1.),
            1e5 * std::exp(2 * -192.590 / (kJ * 1000.)),
            1e-12,
            0.,
            "pO2 over H2/H2O = 1 at 1000 K (JANAF dG = -192.590 kJ/mol)");
    c.close(GasProgramme::water_equilibrium_pressure(1173., 10.)
              / GasProgramme::water_equilibrium_pressure(1173., 1.),
            1e-2,
            1e-12,
            0.,
            "pO2 falls as (pH2/pH2O)^-2");
  }

  // 2. D(T(t)) under a heating ramp, neutral species, fixed surface value.
  {
    const double D0 = 1e-9, Ea = 0.5, l = 1e-6, t_end = 0.05;
    auto         D = [&](double t)
    {
      const double T = 1000. + 200. * t / t_end;
      return D0 * std::exp(-Ea / (constants::boltzmann_eV * T));
    };
    double             tau = 0.; // Simpson
    const unsigned int N   = 2000;
    for (unsigned int k = 0; k <= N; ++k)
      tau += (k == 0 || k == N ? 1 : (k % 2 ? 4 : 2)) * D(t_end * k / N);
    tau *= t_end / N / 3;
    double exact = 1.;
    for (unsigned int n = 1; n < 200; ++n)
    {
      const double m = (2. * n - 1) * M_PI;
      exact -= 8. / (m * m) * std::exp(-m * m * tau / (4 * l * l));
    }
    const auto parameters = testing::transport_parameters(
      "",
      {{"Geometry/Dimension", "1"},
       {"Geometry/Lengths", "1000"},
       {"Geometry/Subdivisions", "100"},
       {"Geometry/Boundary names", "x_min: inner, x_max: surface"},
       {"Discretization/Polynomial degree", "2"},
       {"Mesh refinement/Strategy", "uniform"},
       {"Physics/Model", "transport"},
       {"Physics/Temperature", "1000"},
       {"Physics/Species/Names", "O_i^x"},
       {"Physics/Species/Bulk concentrations", "1e26"},
       {"Physics/Species/Diffusion prefactors", "1e-9"},
       {"Physics/Species/Diffusion activation energies", "0.5"},
       {"Boundary conditions/Fixed potential", "surface: 0"},
       {"Boundary conditions/Fixed concentrations", "O_i^x@surface: bulk"},
       {"Initial state/Type", "expressions"},
       {"Initial state/Concentrations", "1e25"},
       {"Atmosphere/Temperature programme", "0: 1000, 0.05: 1200"},
       {"Time stepping/Scheme", "BDF2"},
       {"Time stepping/Adaptive", "false"},
       {"Time stepping/End time", "0.05"},
       {"Time stepping/Initial step", "2.5e-4"}});
    TransportProblem<1, TrilinosBackend> problem(parameters,
                                                 MPI_COMM_WORLD,
                                                 false);
    problem.run();
    const double M
      = (problem.history().back().amounts[0] / 1000. - 1e25) / 9e25;
    c.close(problem.history().back().temperature,
            1200.,
            1e-12,
            0.,
            "T at the end of the ramp");
    c.close(M,
            exact,
            1e-3,
            0.,
            "uptake under the ramp vs the series at tau = int D dt (tau/l^2 = "
              + parameters::to_string(tau / (l * l)) + ")");
  }

  // 3. kT and eps(T): relaxation to the 1200 K Poisson-Boltzmann layer.
  {
    testing::Overrides common
      = {{"Geometry/Dimension", "1"},
         {"Geometry/Lengths", "20"},
         {"Geometry/Subdivisions", "200"},
         {"Geometry/Boundary names", "x_min: surface, x_max: bulk"},
         {"Discretization/Polynomial degree", "2"},
         {"Mesh refinement/Strategy", "uniform"},
         {"Physics/Model", "transport"},
         {"Physics/Curie-Weiss constant", "8e4"},
         {"Physics/Curie-Weiss temperature", "35"},
         {"Physics/Species/Names", "V_O.., e'"},
         {"Physics/Species/Bulk concentrations", "1e25, 2e25"},
         {"Physics/Species/Diffusion prefactors", "1e-6, 1e-6"},
         {"Physics/Species/Diffusion activation energies", "0, 0"},
         {"Boundary conditions/Fixed potential", "surface: 0.1, bulk: 0"},
         {"Boundary conditions/Fixed concentrations",
          "V_O..@bulk: bulk, e'@bulk: bulk"},
         {"Time stepping/Scheme", "BDF2"},
         {"Time stepping/Adaptive", "true"},
         {"Time stepping/End time", "1e-8"},
         {"Time stepping/Initial step", "1e-14"},
         {"Time stepping/Maximum step", "1e-9"},
         {"Time stepping/Minimum step", "1e-18"},
         {"Time stepping/Relative tolerance", "1e-5"}};
    auto jump = common;
    jump.push_back({"Physics/Temperature", "1000"});
    jump.push_back({"Atmosphere/Temperature programme", "0: 1000, 0: 1200"});
    const auto p_jump = testing::transport_parameters("", jump);
    TransportProblem<1, TrilinosBackend> transient(p_jump,
                                                   MPI_COMM_WORLD,
                                                   false);
    transient.run();
    auto direct = common;
    direct.push_back({"Physics/Temperature", "1200"});
    direct.push_back({"Initial state/Type", "poisson-boltzmann"});
    const auto p_direct = testing::transport_parameters("", direct);
    TransportProblem<1, TrilinosBackend> equilibrium(p_direct,
                                                     MPI_COMM_WORLD,
                                                     false);
    equilibrium.initialize();
    const dealii::Point<1> probe(5.);
    c.close(transient.potential_at(probe),
            equilibrium.potential_at(probe),
            1e-6,
            0.,
            "potential 5 nm below the surface after 1000 K -> 1200 K vs the "
            "1200 K equilibrium [V]");
  }

  // 4./5. Fe:SrTiO3 in its gas.
  const auto chemistry_case = [&](const testing::Overrides &extra)
  {
    testing::Overrides o
      = {{"Geometry/Dimension", "1"},
         {"Geometry/Lengths", "50"},
         {"Geometry/Subdivisions", "50"},
         {"Geometry/Boundary names", "x_min: surface, x_max: bulk"},
         {"Mesh refinement/Strategy", "uniform"},
         {"Physics/Model", "transport"},
         {"Boundary conditions/Fixed potential", "bulk: 0"},
         {"Time stepping/Adaptive", "false"},
         {"Time stepping/End time", "1e-6"},
         {"Time stepping/Initial step", "1e-7"}};
    for (const auto &e : extra)
      o.push_back(e);
    return testing::transport_parameters(
      "parameter_files/materials/acceptor_doped_srtio3.prm", o);
  };
  // A uniform sample in equilibrium with its gas: amounts unchanged, at
  // most one Newton iteration per step.
  const auto check_stationary
    = [&](const testing::Overrides &extra, const std::string &label)
  {
    const auto                           parameters = chemistry_case(extra);
    TransportProblem<1, TrilinosBackend> problem(parameters,
                                                 MPI_COMM_WORLD,
                                                 false);
    problem.initialize();
    const auto initial = problem.amounts();
    problem.run();
    const auto   final = problem.amounts();
    double       drift = 0.;
    unsigned int most  = 0;
    for (const auto &r : problem.history())
      most = std::max(most, r.newton_iterations);
    for (unsigned int s = 0; s < initial.size(); ++s)
      drift = std::max(drift, std::abs(final[s] / initial[s] - 1));
    c.within(drift,
             0.,
             1e-12,
             label + ": largest relative change of an amount");
    c.check(most <= 1,
            label + ": at most one Newton iteration per step ("
              + std::to_string(most) + ")");
  };
  check_stationary({{"Defect chemistry/Reaction rate constants",
                     "hole trapping: 1e3, band gap: 1e2"},
                    {"Boundary conditions/Exchange rate constants",
                     "V_O..@surface: 1e-3, e'@surface: 1e-3"},
                    {"Boundary conditions/Exchange concentrations",
                     "V_O..@surface: equilibrium, e'@surface: equilibrium"}},
                   "uniform equilibrium sample");
  // 4b. The same with every kind of reaction active: the band gap fast
  //     (local equilibrium), hole trapping slow, the full mass-action
  //     reduction at the surface, site exclusion in the fluxes.
  check_stationary({{"Defect chemistry/Reaction rate constants",
                     "hole trapping: 1e3"},
                    {"Boundary conditions/Surface reaction rate constants",
                     "reduction@surface: 1e-3"}},
                   "uniform equilibrium sample, fast + slow + surface "
                   "reactions");
  {
    // Without the trapping reaction the surface values are neutral with
    // the immobile Fe_Ti'.
    const auto parameters = chemistry_case(
      {{"Physics/Species/Names", "V_O.., e', h., Fe_Ti'"},
       {"Physics/Species/Diffusion prefactors", "6e-6, 1.7e-6, 8.6e-7, 0"},
       {"Physics/Species/Diffusion activation energies", "0.6, 0, 0, 0"},
       {"Defect chemistry/Reactions",
        "reduction: O_O^x = V_O.. + 2 e' + 1/2 O2, band gap: nil = e' + h."},
       {"Defect chemistry/Reaction enthalpies",
        "reduction: 5.46, band gap: 3.3"},
       {"Defect chemistry/Reaction entropies",
        "reduction: 10, band gap: -0.675"},
       {"Boundary conditions/Fixed concentrations",
        "V_O..@surface: equilibrium, e'@surface: equilibrium, "
        "h.@surface: equilibrium"},
       {"Atmosphere/Oxygen partial pressure programme", "0: 1e-15"},
       {"Geometry/Subdivisions", "20"},
       {"Time stepping/Adaptive", "true"},
       {"Time stepping/Initial step", "1e-15"},
       {"Time stepping/Minimum step", "1e-20"}});
    TransportProblem<1, TrilinosBackend> problem(parameters,
                                                 MPI_COMM_WORLD,
                                                 false);
    problem.run();
    const auto &chemistry = parameters.base.electrolyte.chemistry;
    const auto  expected = BulkEquilibriumSolver(chemistry).solve(1000., 1e-15);
    const auto  surface  = problem.boundary_mean_concentrations("surface");
    for (unsigned int s = 0; s < 3; ++s)
      c.close(surface[s],
              expected.concentrations[s] * chemistry.formula_unit_density,
              1e-9,
              0.,
              "surface " + chemistry.species[s].name
                + " after the switch to 1e-15 Pa [m^-3]");
  }
  {
    // 6. Reduction through the mass-action surface reaction with the band
    //    gap and hole trapping in local equilibrium: after a switch of the
    //    gas to 1e-15 Pa the sample ends in the bulk equilibrium of the new
    //    gas, everywhere (1e-6), having kept its Fe and its neutrality.
    const auto parameters = chemistry_case(
      {{"Boundary conditions/Surface reaction rate constants",
        "reduction@surface: 1e-2"},
       {"Atmosphere/Oxygen partial pressure programme", "0: 1e-15"},
       {"Geometry/Subdivisions", "20"},
       {"Time stepping/Adaptive", "true"},
       {"Time stepping/Initial step", "1e-12"},
       {"Time stepping/Minimum step", "1e-20"},
       {"Time stepping/Relative tolerance", "1e-2"},
       {"Time stepping/End time", "1e-5"}});
    TransportProblem<1, TrilinosBackend> problem(parameters,
                                                 MPI_COMM_WORLD,
                                                 false);
    problem.initialize();
    const auto before = problem.amounts();
    problem.run();
    const auto  after     = problem.amounts();
    const auto &chemistry = parameters.base.electrolyte.chemistry;
    const auto  expected = BulkEquilibriumSolver(chemistry).solve(1000., 1e-15);
    bool        finite   = true;
    const auto  ranges   = problem.concentration_ranges(finite);
    const double scale   = parameters.base.electrolyte.scales.concentration
                         / chemistry.formula_unit_density;
    double worst = 0.;
    for (unsigned int s = 0; s < ranges.size(); ++s)
      for (const double x : {ranges[s].first, ranges[s].second})
        worst = std::max(worst,
                         std::abs(x * scale / expected.concentrations[s] - 1));
    c.within(worst,
             0.,
             1e-6,
             "reduced through the surface reaction: every concentration at "
             "the bulk equilibrium of 1e-15 Pa (largest relative deviation)");
    c.close(after[3] + after[4],
            before[3] + before[4],
            1e-10,
            0.,
            "reduced through the surface reaction: total Fe conserved");
    c.close(problem.total_charge() / before[3],
            0.,
            0.,
            1e-9,
            "reduced through the surface reaction: neutral (relative to the "
            "acceptor amount)");
  }
  return c.exit_code();
}
