// Volume sources of slow defect reactions (ReactionRates) and their use in
// the transport:
//  1. zero in the bulk equilibrium (relative to a one-way rate: 1e-10),
//     with Boltzmann and Blakemore carriers and site exclusion: the rates
//     use the activities of the equilibrium solver;
//  2. the direction: excess holes are trapped;
//  3. the Jacobian d s_i / d ln c_j against central differences (1e-6);
//  4. a uniform Fe:SrTiO3 sample with slow hole trapping Fe_Ti' + h. =
//     Fe_Ti^x and the fast band gap (electrons and holes in local
//     equilibrium, n p = K_i), started out of equilibrium (neutral),
//     follows the rate law dx/dt = k (x_Fe' x_h - x_FeX / K) with
//     p - n = A - xi, n p = K_i (RK4 reference) to 1e-4, conserves Fe and
//     charge to 1e-10 and ends in the trapping equilibrium.
#include <exsolve/chemistry/bulk_equilibrium.h>
#include <exsolve/chemistry/reaction_rates.h>
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
  const testing::Overrides                 slow_trapping
    = {{"Defect chemistry/Reaction rate constants", "hole trapping: 1e3"},
       {"Defect chemistry/Reaction rate activation energies",
        "hole trapping: 0.2"}};

  for (const std::string statistics : {"Boltzmann", "Blakemore"})
  {
    auto overrides      = slow_trapping;
    overrides[0].second = "hole trapping: 1e3, band gap: 1e2";
    overrides.push_back({"Defect chemistry/Electronic statistics", statistics});
    overrides.push_back(
      {"Defect chemistry/Effective densities of states", "e': 6e25, h.: 6e25"});
    const auto chemistry = testing::defect_chemistry(
      "parameter_files/materials/acceptor_doped_srtio3.prm", overrides);
    const double  c_ref = 1e26, t_ref = 1e-3, T = 1100.;
    ReactionRates rates(chemistry, c_ref, t_ref);
    rates.set_temperature(T);
    const auto          eq = BulkEquilibriumSolver(chemistry).solve(T, 1.);
    std::vector<double> conc(eq.concentrations.size());
    for (unsigned int i = 0; i < conc.size(); ++i)
      conc[i] = eq.concentrations[i] * chemistry.formula_unit_density / c_ref;
    std::vector<double> s, s2;
    rates.evaluate(conc, s, nullptr);
    auto shifted = conc;
    shifted[2] *= 2; // twice the equilibrium holes
    dealii::FullMatrix<double> J;
    rates.evaluate(shifted, s2, &J);
    double largest = 0., scale = 0.;
    for (unsigned int i = 0; i < s.size(); ++i)
    {
      largest = std::max(largest, std::abs(s[i]));
      scale   = std::max(scale, std::abs(s2[i]));
    }
    c.within(largest / scale,
             0.,
             1e-10,
             statistics + ": sources in the bulk equilibrium / one-way rate");
    c.check(s2[2] < 0 && s2[4] > 0,
            statistics
              + ": excess holes are trapped (h. falls, Fe_Ti^x rises)");
    double worst = 0.;
    for (unsigned int j = 0; j < conc.size(); ++j)
    {
      const double h  = 1e-6;
      auto         up = shifted, down = shifted;
      up[j] *= std::exp(h);
      down[j] *= std::exp(-h);
      std::vector<double> su, sd;
      rates.evaluate(up, su, nullptr);
      rates.evaluate(down, sd, nullptr);
      for (unsigned int i = 0; i < conc.size(); ++i)
        worst = std::max(worst,
                         std::abs((su[i] - sd[i]) / (2 * h) - J(i, j)) / scale);
    }
    c.within(worst,
             0.,
             1e-6,
             statistics
               + ": Jacobian vs central differences, relative to the rate");
  }

  // 4. Uniform relaxation by slow trapping in the transport solver.
  {
    const std::string preset
      = "parameter_files/materials/acceptor_doped_srtio3.prm";
    const auto   chemistry = testing::defect_chemistry(preset, slow_trapping);
    const double T = 1000., N = chemistry.formula_unit_density;
    const auto   x
      = BulkEquilibriumSolver(chemistry).solve(T, 2.1e4).concentrations;
    const double        dx = 0.5 * x[4]; // move half of Fe_Ti^x to Fe_Ti' + h.
    std::vector<double> start = x;
    start[2] += dx;
    start[3] += dx;
    start[4] -= dx;
    std::string expressions;
    for (unsigned int i = 0; i < start.size(); ++i)
      expressions += (i ? "; " : "") + parameters::to_string(start[i] * N);
    double K = 0., K_i = 0.;
    for (const auto &r : chemistry.reactions)
      if (r.name == "hole trapping")
        K = std::exp(r.log_equilibrium_constant(T));
      else if (r.name == "band gap")
        K_i = std::exp(r.log_equilibrium_constant(T));
    const double k     = 1e3 * std::exp(-0.2 / (constants::boltzmann_eV * T));
    const double t_end = 40. / (k * (start[2] + start[3]));
    // The fast band gap keeps n p = K_i while p - n falls by the trapped
    // amount xi (species order: V_O.., e', h., Fe_Ti', Fe_Ti^x).
    const double A     = start[2] - start[1];
    auto         holes = [&](double xi)
    { return 0.5 * ((A - xi) + std::sqrt((A - xi) * (A - xi) + 4 * K_i)); };
    auto rate = [&](double y) // y = x_FeX
    {
      const double xi = y - start[4];
      return k * ((start[3] - xi) * holes(xi) - y / K);
    };
    double             y     = start[4];
    const unsigned int steps = 20000;
    for (unsigned int m = 0; m < steps; ++m)
    {
      const double h = t_end / steps, k1 = rate(y), k2 = rate(y + h / 2 * k1),
                   k3 = rate(y + h / 2 * k2), k4 = rate(y + h * k3);
      y += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
    }
    auto overrides = slow_trapping;
    for (const auto &o : testing::Overrides{
           {"Geometry/Dimension", "1"},
           {"Geometry/Lengths", "10"},
           {"Geometry/Subdivisions", "4"},
           {"Geometry/Boundary names", "x_min: surface, x_max: bulk"},
           {"Mesh refinement/Strategy", "uniform"},
           {"Physics/Model", "transport"},
           {"Boundary conditions/Fixed potential", "bulk: 0"},
           {"Initial state/Type", "expressions"},
           {"Initial state/Concentrations", expressions},
           {"Time stepping/Scheme", "BDF2"},
           {"Time stepping/Adaptive", "true"},
           {"Time stepping/Relative tolerance", "1e-6"},
           {"Time stepping/Absolute tolerance", "1e10"},
           {"Time stepping/Initial step", parameters::to_string(t_end * 1e-6)},
           {"Time stepping/Maximum step", parameters::to_string(t_end / 20)},
           {"Time stepping/End time", parameters::to_string(t_end)}})
      overrides.push_back(o);
    const auto parameters = testing::transport_parameters(preset, overrides);
    TransportProblem<1, TrilinosBackend> problem(parameters,
                                                 MPI_COMM_WORLD,
                                                 false);
    problem.initialize();
    const auto before = problem.amounts();
    problem.run();
    const auto   after = problem.amounts();
    const double scale = parameters.base.electrolyte.scales.concentration / N;
    c.close(after[4] * scale / 10.,
            y,
            1e-4,
            0.,
            "[Fe_Ti^x] at t_end vs the RK4 rate law (per formula unit)");
    // Conservation holds to the Newton tolerance (the sources cancel
    // between Fe_Ti' and Fe_Ti^x only in the converged residual).
    c.close((after[3] + after[4]) / (before[3] + before[4]),
            1.,
            1e-10,
            0.,
            "total Fe conserved");
    c.close(problem.total_charge() / before[3],
            0.,
            0.,
            1e-10,
            "total charge stays zero (relative to the acceptor amount)");
    const double xf_p = after[2] * scale / 10., xf_f = after[3] * scale / 10.,
                 xf_x = after[4] * scale / 10.;
    c.close(xf_x / (xf_f * xf_p),
            K,
            1e-3,
            0.,
            "trapping at its equilibrium after 40 relaxation times "
            "([Fe^x]/([Fe'] p) vs K)");
  }
  return c.exit_code();
}
