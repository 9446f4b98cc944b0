// The transient PNP solver and its t -> infinity limit.
//  1. Equilibrium: PNP-T in 1D (n = 256, blocking surface, bulk reservoir)
//     integrated with adaptive BDF2 to t = 30 relaxes to the steady
//     Poisson-Boltzmann solution of PB-S computed by the foundation's solver
//     on the same mesh: the discrete steady states coincide, so the
//     potentials agree to 1e-6 kT/e at x = 0.02, 0.05, 0.2, and the
//     electrochemical potentials ln c_i + z_i psi are uniform to 1e-6. A
//     run started with Initial state/Type = poisson-boltzmann stays at that
//     solution (1e-8).
//  2. Positivity: the same layer driven by psi = 20 kT/e at the surface
//     (Boltzmann factor exp(-40) ~ 4e-18 for the vacancies): after the
//     transient every concentration is finite and positive and the
//     vacancy concentration spans more than 15 orders of magnitude.
// Serial.
#include <exsolve/electrostatics/poisson_boltzmann_problem.h>
#include <exsolve/linear_algebra/backends.h>
#include <exsolve/transport/transport_problem.h>

#include "test_utilities.h"

using namespace exsolve;

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                         c;
  const testing::Overrides                 one_d
    = {{"Geometry/Dimension", "1"},
       {"Geometry/Subdivisions", "256"},
       {"Time stepping/Scheme", "BDF2"},
       {"Time stepping/Adaptive", "true"},
       {"Time stepping/Relative tolerance", "1e-5"},
       {"Time stepping/End time", "30"},
       {"Solver/Newton relative tolerance", "1e-10"},
       {"Solver/Newton absolute tolerance", "1e-11"}};

  {
    const auto transport
      = testing::transport_parameters("parameter_files/benchmarks/pnp-t_2d.prm",
                                      one_d);
    TransportProblem<1, TrilinosBackend> pnp(transport, MPI_COMM_WORLD, false);
    pnp.run();
    const auto steady
      = testing::load_parameters("parameter_files/benchmarks/pb-s_1d.prm",
                                 {{"Geometry/Subdivisions", "256"},
                                  {"Mesh refinement/Refinement cycles", "1"},
                                  {"Solver/Newton relative tolerance",
                                   "1e-14"}});
    PoissonBoltzmannProblem<1, TrilinosBackend> pb(steady,
                                                   MPI_COMM_WORLD,
                                                   false);
    pb.run();
    for (const double x : {0.02, 0.05, 0.2})
      c.close(pnp.potential_at(dealii::Point<1>(x)),
              pb.potential_at(dealii::Point<1>(x)),
              0,
              1e-6,
              "PNP at t = 30 vs Poisson-Boltzmann, psi(" + std::to_string(x)
                + ")");
    // Started from the Poisson-Boltzmann state, the transient stays there.
    testing::Overrides from_pb = one_d;
    from_pb.push_back({"Initial state/Type", "poisson-boltzmann"});
    from_pb.push_back({"Time stepping/End time", "0.01"});
    const auto started_parameters
      = testing::transport_parameters("parameter_files/benchmarks/pnp-t_2d.prm",
                                      from_pb);
    TransportProblem<1, TrilinosBackend> started(started_parameters,
                                                 MPI_COMM_WORLD,
                                                 false);
    started.run();
    for (const double x : {0.02, 0.05})
      c.close(started.potential_at(dealii::Point<1>(x)),
              pb.potential_at(dealii::Point<1>(x)),
              0,
              1e-8,
              "PNP started in Poisson-Boltzmann equilibrium, psi("
                + std::to_string(x) + ") at t = 0.01");
    const auto spread = pnp.electrochemical_potential_spread();
    for (unsigned int s = 0; s < spread.size(); ++s)
      c.within(spread[s],
               0,
               1e-6,
               "spread of ln c + z psi of species " + std::to_string(s));
    std::cout << "  " << pnp.totals().accepted_steps << " steps, "
              << pnp.totals().rejected_steps << " rejected" << std::endl;
  }

  {
    testing::Overrides strong = one_d;
    strong.push_back(
      {"Boundary conditions/Fixed potential", "surface: 20, bulk: 0"});
    strong.push_back({"Time stepping/End time", "0.5"});
    const auto transport
      = testing::transport_parameters("parameter_files/benchmarks/pnp-t_2d.prm",
                                      strong);
    TransportProblem<1, TrilinosBackend> pnp(transport, MPI_COMM_WORLD, false);
    pnp.run();
    bool       finite = false;
    const auto ranges = pnp.concentration_ranges(finite);
    c.check(finite, "all unknowns finite at psi_s = 20 kT/e");
    c.within(ranges[0].first,
             1e-300,
             1,
             "smallest vacancy concentration is positive");
    c.within(std::log10(ranges[0].second / ranges[0].first),
             15,
             30,
             "log10 of the vacancy concentration ratio in the layer");
  }
  return c.exit_code();
}
