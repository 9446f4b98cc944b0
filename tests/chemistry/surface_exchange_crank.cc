// Transient oxygen exchange through a surface reaction (verification_cases.md
// 3.2-3.3, Crank, The Mathematics of Diffusion, section 4.3.5): a slab
// 0 < x < 1, no flux at x = 0, exchange j = L (c_eq - c) at x = 1, uniform
// start c0. The uptake (M_t - M_0)/(M_inf - M_0) is the series
//   1 - sum_n 2 L^2 exp(-b_n^2 T) / (b_n^2 (b_n^2 + L^2 + L)),
// b_n tan b_n = L. Checked:
//  1. the eigenvalues b_1..b_4 from our root finder against table S1 (1e-7);
//  2. the series against table S2 (1e-9): the reference is itself verified;
//  3. the PNP solver (a single neutral species, BDF2, Q2) against the series
//     at T = 0.01, 0.1, 0.5, 1, 2 for L = 0.1, 1, 10, 100: within 1 % as the
//     issue asks (the observed error is printed; it is ~1e-4);
//  4. the physical instance in SI units: l = 100 um, D = 1e-9 m^2/s,
//     k = 1e-5 m/s, t = 5 s: M/M_inf = 0.3188954346 within 1 %.
// Serial.
#include <exsolve/core/parameter_utilities.h>
#include <exsolve/linear_algebra/backends.h>
#include <exsolve/transport/transport_problem.h>

#include <boost/math/tools/roots.hpp>

#include "../test_utilities.h"

using namespace exsolve;

namespace
{
  std::vector<double>
  eigenvalues(const double L, const unsigned int count)
  {
    std::vector<double> beta;
    for (unsigned int n = 1; n <= count; ++n)
    {
      std::uintmax_t iterations = 200;
      const auto     bracket    = boost::math::tools::toms748_solve(
        [L](double b) { return b * std::sin(b) - L * std::cos(b); },
        (n - 1) * M_PI,
        (n - 0.5) * M_PI,
        boost::math::tools::eps_tolerance<double>(52),
        iterations);
      beta.push_back(0.5 * (bracket.first + bracket.second));
    }
    return beta;
  }

  double
  uptake(const double L, const double T)
  {
    double sum = 0.;
    for (const double b : eigenvalues(L, 2000))
      sum += 2 * L * L * std::exp(-b * b * T) / (b * b * (b * b + L * L + L));
    return 1. - sum;
  }

  /// M/M_inf at the given times from a PNP run (fixed BDF2 steps that land
  /// on the times).
  std::vector<double>
  computed_uptake(const testing::Overrides  &overrides,
                  const std::vector<double> &times,
                  const double               c0,
                  const double               c_eq,
                  const double               length)
  {
    const auto parameters = testing::transport_parameters("", overrides);
    TransportProblem<1, TrilinosBackend> problem(parameters,
                                                 MPI_COMM_WORLD,
                                                 false);
    problem.run();
    std::vector<double> result;
    for (const double t : times)
    {
      double m = std::numeric_limits<double>::quiet_NaN();
      for (const auto &r : problem.history())
        if (std::abs(r.time - t) < 1e-9 * t)
          m = (r.amounts[0] / length - c0) / (c_eq - c0);
      result.push_back(m);
    }
    return result;
  }
} // namespace

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                         c;

  const std::vector<double>              Ls = {0.1, 1, 10, 100};
  const std::vector<std::vector<double>> s1
    = {{0.31105285, 3.17309718, 6.29905936, 9.43537598},
       {0.86033359, 3.42561846, 6.43729818, 9.52933441},
       {1.42887001, 4.30580141, 7.22810977, 10.20026259},
       {1.55524513, 4.66576514, 7.77637408, 10.88713010}};
  const std::vector<double>              times = {0.01, 0.1, 0.5, 1, 2};
  const std::vector<std::vector<double>> s2
    = {{0.0009925272, 0.0097670232, 0.0474260148, 0.0924129206, 0.1761111473},
       {0.0092948967, 0.0804032525, 0.3188954346, 0.5296027511, 0.7756059962},
       {0.0555962743, 0.2738822788, 0.6849837329, 0.8865043589, 0.9852669257},
       {0.1033993266, 0.3470019907, 0.7557824104, 0.9271313200, 0.9935125373}};
  for (unsigned int l = 0; l < Ls.size(); ++l)
  {
    const auto beta = eigenvalues(Ls[l], 4);
    for (unsigned int n = 0; n < 4; ++n)
      c.close(beta[n],
              s1[l][n],
              0.,
              1e-7,
              "S1 beta_" + std::to_string(n + 1)
                + " for L = " + parameters::to_string(Ls[l]));
    for (unsigned int k = 0; k < times.size(); ++k)
      c.close(uptake(Ls[l], times[k]),
              s2[l][k],
              0.,
              1e-9,
              "S2 series uptake, L = " + parameters::to_string(Ls[l])
                + ", T = " + parameters::to_string(times[k]));
  }

  // 3. The PNP solver, dimensionless: one neutral species (Kroger-Vink
  //    notation gives z = 0), D~ = 1, k~ = L.
  const double c0 = 0.1, c_eq = 1.;
  for (const double L : Ls)
  {
    std::vector<double> computed;
    // Early times with small steps, later ones with larger.
    for (const auto &[end, dt] :
         std::vector<std::pair<double, double>>{{0.1, 5e-4}, {2., 1e-2}})
    {
      const std::string k    = parameters::to_string(L);
      const auto        part = computed_uptake(
        {{"Geometry/Dimension", "1"},
                {"Geometry/Lengths", "1"},
                {"Geometry/Subdivisions", "100"},
                {"Geometry/Boundary names", "x_min: inner, x_max: surface"},
                {"Discretization/Polynomial degree", "2"},
                {"Mesh refinement/Strategy", "uniform"},
                {"Physics/Model", "transport"},
                {"Physics/Unit system", "dimensionless"},
                {"Physics/Species/Names", "O_i^x"},
                {"Physics/Species/Bulk concentrations", "1"},
                {"Physics/Species/Diffusion prefactors", "1"},
                {"Boundary conditions/Fixed potential", "surface: 0"},
                {"Boundary conditions/Exchange rate constants", "O_i^x@surface: " + k},
                {"Boundary conditions/Exchange concentrations", "O_i^x@surface: 1"},
                {"Initial state/Type", "expressions"},
                {"Initial state/Concentrations", "0.1"},
                {"Time stepping/Scheme", "BDF2"},
                {"Time stepping/Adaptive", "false"},
                {"Time stepping/End time", parameters::to_string(end)},
                {"Time stepping/Initial step", parameters::to_string(dt)}},
        times,
        c0,
        c_eq,
        1.);
      for (unsigned int k = 0; k < times.size(); ++k)
        if (times[k] <= end && (end < 1 || times[k] > 0.1))
          computed.push_back(part[k]);
    }
    for (unsigned int k = 0; k < times.size(); ++k)
      c.close(computed[k],
              uptake(L, times[k]),
              1e-2,
              0.,
              "PNP uptake, L = " + parameters::to_string(L)
                + ", T = " + parameters::to_string(times[k]));
  }

  // 4. The physical instance in SI units (lengths in nm, k in m/s).
  {
    const double c0_si = 1e25, c_eq_si = 1e26, l = 1e5;
    const auto   m = computed_uptake(
      {{"Geometry/Dimension", "1"},
         {"Geometry/Lengths", "1e5"},
         {"Geometry/Subdivisions", "100"},
         {"Geometry/Boundary names", "x_min: inner, x_max: surface"},
         {"Discretization/Polynomial degree", "2"},
         {"Mesh refinement/Strategy", "uniform"},
         {"Physics/Model", "transport"},
         {"Physics/Species/Names", "O_i^x"},
         {"Physics/Species/Bulk concentrations", "1e26"},
         {"Physics/Species/Diffusion prefactors", "1e-9"},
         {"Physics/Species/Diffusion activation energies", "0"},
         {"Boundary conditions/Fixed potential", "surface: 0"},
         {"Boundary conditions/Exchange rate constants", "O_i^x@surface: 1e-5"},
         {"Boundary conditions/Exchange concentrations", "O_i^x@surface: bulk"},
         {"Initial state/Type", "expressions"},
         {"Initial state/Concentrations", "1e25"},
         {"Time stepping/Scheme", "BDF2"},
         {"Time stepping/Adaptive", "false"},
         {"Time stepping/End time", "5"},
         {"Time stepping/Initial step", "0.025"}},
      {5.},
      c0_si,
      c_eq_si,
      l);
    c.close(m[0],
            0.3188954346,
            1e-2,
            0.,
            "SI instance (l = 100 um, D = 1e-9 m^2/s, k = 1e-5 m/s): M/M_inf "
            "at t = 5 s");
  }
  return c.exit_code();
}
