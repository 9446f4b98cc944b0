// Structural properties of the transient PNP solver.
//  1. Conservation: a closed 2D box (potential fixed on two sides, no species
//     crosses any boundary) with a non-uniform start, 100 BDF2 steps with
//     the mesh refined and coarsened every 5 steps: the integral of each
//     species stays constant to 1e-10 relative, and the mesh did change.
//  2. Recovery: PNP-T in 1D with a first step of 1 (50 times the whole
//     benchmark interval) and at most 5 Newton iterations per step: the
//     failed step is cut and retried, the run completes, and the end state
//     agrees with an accurate adaptive run (phi_mid to 1e-3: the recovered
//     run keeps BDF1 steps of up to 1, whose time error is ~1e-4).
//  3. Rejection: with adaptive steps, a too large first step is rejected by
//     the local error estimate and the run completes.
// Serial.
#include <exsolve/linear_algebra/backends.h>
#include <exsolve/transport/transport_problem.h>

#include "test_utilities.h"

using namespace exsolve;

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                         c;

  {
    const auto parameters = testing::transport_parameters(
      "",
      {{"Geometry/Dimension", "2"},
       {"Geometry/Lengths", "1, 1, 1"},
       {"Geometry/Subdivisions", "16"},
       {"Mesh refinement/Strategy", "adaptive"},
       {"Mesh refinement/Refinement cycles", "2"},
       {"Mesh refinement/Refine fraction", "0.3"},
       {"Mesh refinement/Coarsen fraction", "0.1"},
       {"Mesh refinement/Maximum level", "3"},
       {"Mesh refinement/Refinement interval", "5"},
       {"Physics/Model", "transport"},
       {"Physics/Unit system", "dimensionless"},
       {"Physics/Dimensionless Debye length", "0.1"},
       {"Physics/Fixed charge density", "-1"},
       {"Physics/Species/Names", "V, e"},
       {"Physics/Species/Charge numbers", "2, -1"},
       {"Physics/Species/Bulk concentrations", "0.6, 0.2"},
       {"Physics/Species/Diffusion prefactors", "1, 5"},
       {"Boundary conditions/Fixed potential", "x_min: 1, x_max: 0"},
       {"Initial state/Type", "expressions"},
       {"Initial state/Concentrations",
        "0.6 + 0.3*sin(pi*x)*cos(pi*y); 0.2*(1 + 0.5*cos(2*pi*y))"},
       {"Time stepping/Scheme", "BDF2"},
       {"Time stepping/Adaptive", "false"},
       {"Time stepping/End time", "0.1"},
       {"Time stepping/Initial step", "1e-3"},
       {"Solver/Newton relative tolerance", "1e-13"},
       {"Solver/Newton absolute tolerance", "1e-14"}});
    TransportProblem<2, TrilinosBackend> problem(parameters,
                                                 MPI_COMM_WORLD,
                                                 false);
    problem.initialize();
    const std::vector<double> initial = problem.amounts();
    problem.run();
    const auto &history = problem.history();
    c.check(history.size() == 100,
            "100 steps taken (" + std::to_string(history.size()) + ")");
    c.check(problem.totals().remeshes >= 19,
            "mesh adapted every 5 steps ("
              + std::to_string(problem.totals().remeshes) + " times)");
    unsigned long long min_dofs = history.front().dofs, max_dofs = min_dofs;
    double             drift[2] = {0, 0};
    for (const auto &r : history)
    {
      min_dofs = std::min(min_dofs, r.dofs);
      max_dofs = std::max(max_dofs, r.dofs);
      for (unsigned int s = 0; s < 2; ++s)
        drift[s] = std::max(drift[s],
                            std::abs(r.amounts[s] - initial[s]) / initial[s]);
    }
    c.check(max_dofs > min_dofs, "the mesh changed during the run");
    c.within(drift[0], 0, 1e-10, "largest relative change of int c_V");
    c.within(drift[1], 0, 1e-10, "largest relative change of int c_e");
  }

  const auto phi_mid
    = [&](const testing::Overrides &extra, TransportTotals &totals)
  {
    testing::Overrides overrides = {{"Geometry/Dimension", "1"},
                                    {"Geometry/Subdivisions", "128"},
                                    {"Time stepping/End time", "1"}};
    for (const auto &e : extra)
      overrides.push_back(e);
    const auto parameters
      = testing::transport_parameters("parameter_files/benchmarks/pnp-t_2d.prm",
                                      overrides);
    TransportProblem<1, TrilinosBackend> problem(parameters,
                                                 MPI_COMM_WORLD,
                                                 false);
    problem.run();
    totals = problem.totals();
    return problem.potential_at(dealii::Point<1>(0.05));
  };
  TransportTotals reference_totals, totals;
  const double    reference
    = phi_mid({{"Time stepping/Adaptive", "true"},
               {"Time stepping/Scheme", "BDF2"},
               {"Time stepping/Initial step", "1e-4"},
               {"Time stepping/Relative tolerance", "1e-6"}},
              reference_totals);

  const double recovered = phi_mid({{"Time stepping/Initial step", "1"},
                                    {"Solver/Maximum Newton iterations", "5"}},
                                   totals);
  c.check(totals.failed_steps >= 1,
          "the step of 1 failed and was cut ("
            + std::to_string(totals.failed_steps) + " cuts)");
  c.close(recovered, reference, 0, 1e-3, "phi_mid after recovery at t = 1");

  const double rejected
    = phi_mid({{"Time stepping/Adaptive", "true"},
               {"Time stepping/Scheme", "BDF2"},
               {"Time stepping/Initial step", "0.5"},
               {"Time stepping/Relative tolerance", "1e-5"}},
              totals);
  c.check(totals.rejected_steps >= 1,
          "the adaptive first step of 0.5 was rejected ("
            + std::to_string(totals.rejected_steps) + " rejections)");
  c.close(rejected, reference, 0, 1e-4, "phi_mid with step rejection at t = 1");
  return c.exit_code();
}
