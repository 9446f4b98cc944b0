// Bulk defect equilibria (verification_cases.md 1.5 and physics.md 2):
// 1. D1 acceptor-doped and D2 donor-doped tables: concentrations to 5e-7
//    relative (the tables print 7 digits), +-0.5-decade slopes to 1e-3.
// 2. D1 against its closed form, the single positive root of
//    n^3 + A n^2 - K_i n - 2 K_red / pO2^(1/2) = 0, to 1e-10 relative over
//    pO2 = 1e-45 .. 1e10; D4 consistency K_ox = K_i^2 / K_red and
//    neutrality to 1e-12.
// 3. Brouwer regime slopes (-1/6, -1/4, 0, +1/4, -1/2 ...) to 0.01 in the
//    middle of each regime, from the exact derivative the solver reports,
//    and the regime boundaries, from the intersection of the fitted
//    asymptotes, within 0.05 decades of the analytic 1e-30 and 1e-6.
// 4. Site exclusion and Blakemore statistics against their closed forms
//    (roots of scalar equations), 1e-10 relative, site fraction < 1.
#include <exsolve/chemistry/brouwer_diagram.h>
#include <exsolve/chemistry/bulk_equilibrium.h>

#include <boost/math/tools/roots.hpp>

#include "../test_utilities.h"

using namespace exsolve;
using exsolve::testing::Checker;

namespace
{
  const double K_red = 5e-25, K_i = 1e-12, A = 1e-3, D = 1e-3, K_S = 2.5e-15;

  std::string
  entropy(const double K)
  {
    std::ostringstream s;
    s << std::setprecision(17) << std::log(K);
    return s.str();
  }

  // Temperature-independent constants (dH = 0), pO2 in Pa as the mass-action
  // variable (reference pressure 1 Pa).
  testing::Overrides
  acceptor_doped(const std::string &statistics = "dilute")
  {
    return {{"Physics/Species/Names", "V_O.., e', h., A_Ti'"},
            {"Defect chemistry/Reactions",
             "red: O_O^x = V_O.. + 2 e' + 1/2 O2, gap: nil = e' + h."},
            {"Defect chemistry/Reaction enthalpies", "red: 0, gap: 0"},
            {"Defect chemistry/Reaction entropies",
             "red: " + entropy(K_red) + ", gap: " + entropy(K_i)},
            {"Defect chemistry/Dopant contents", "A: 1e-3"},
            {"Defect chemistry/Ionic statistics", statistics},
            {"Defect chemistry/Reference pressure", "1"}};
  }

  double
  root(const std::function<double(double)> &f, double lo, double hi)
  {
    std::uintmax_t iterations = 500;
    const auto     bracket    = boost::math::tools::toms748_solve(
      f, lo, hi, boost::math::tools::eps_tolerance<double>(52), iterations);
    return 0.5 * (bracket.first + bracket.second);
  }

  double
  log10_at(const BulkEquilibriumSolver &solver,
           const double                 log10_p,
           const unsigned int           species)
  {
    return std::log10(
      solver.solve(1000., std::pow(10., log10_p)).concentrations[species]);
  }

  void
  check_table(Checker                                &checker,
              const DefectChemistry                  &chemistry,
              const std::string                      &name,
              const std::vector<unsigned int>        &species,
              const std::vector<std::vector<double>> &rows)
  {
    const BulkEquilibriumSolver solver(chemistry);
    for (const auto &row : rows)
    {
      const double log_p = row[0];
      const auto   state = solver.solve(1000., std::pow(10., log_p));
      for (unsigned int k = 0; k < species.size(); ++k)
      {
        const std::string what
          = name + " log pO2 = " + std::to_string(int(log_p)) + " ["
            + chemistry.species[species[k]].name + "]";
        checker.close(
          state.concentrations[species[k]], row[1 + k], 5e-7, 0., what);
        const double slope = log10_at(solver, log_p + 0.5, species[k])
                             - log10_at(solver, log_p - 0.5, species[k]);
        checker.close(
          slope, row[1 + species.size() + k], 0., 1e-3, what + " local slope");
      }
    }
  }
} // namespace

int
main(int argc, char *argv[])
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  Checker                                  checker;

  // 1. Tables D1 and D2.
  const auto acceptor = testing::defect_chemistry("", acceptor_doped());
  check_table(
    checker,
    acceptor,
    "D1",
    {1, 2, 0},
    {{-42, 9.966778e-02, 1.003333e-11, 5.033389e-02, -0.1672, 0.1672, -0.1656},
     {-30, 7.548779e-04, 1.324718e-09, 8.774383e-04, -0.2058, 0.2058, -0.0884},
     {-18, 1.000000e-06, 1.000000e-06, 5.000000e-04, -0.2497, 0.2497, -0.0005},
     {-6, 1.618032e-09, 6.180347e-04, 1.909835e-04, -0.1377, 0.1377, -0.2246},
     {0, 1.000998e-09, 9.990030e-04, 4.990035e-07, -0.0005, 0.0005, -0.4989},
     {2, 1.000099e-09, 9.999010e-04, 4.999010e-08, -0.0001, 0.0001, -0.4999}});
  const auto donor = testing::defect_chemistry(
    "",
    {{"Physics/Species/Names", "V_O.., e', h., Nb_Ti., V_Sr''"},
     {"Defect chemistry/Reactions",
      "red: O_O^x = V_O.. + 2 e' + 1/2 O2, gap: nil = e' + h., "
      "Schottky: Sr_Sr^x + O_O^x = V_Sr'' + V_O.. + SrO(s)"},
     {"Defect chemistry/Reaction enthalpies", "red: 0, gap: 0, Schottky: 0"},
     {"Defect chemistry/Reaction entropies",
      "red: " + entropy(K_red) + ", gap: " + entropy(K_i)
        + ", Schottky: " + entropy(K_S)},
     {"Defect chemistry/Dopant contents", "Nb: 1e-3"},
     {"Defect chemistry/Reference pressure", "1"}});
  check_table(
    checker,
    donor,
    "D2",
    {1, 0, 4},
    {{-42, 1.003344e-01, 4.966722e-02, 5.033501e-14, -0.1661, -0.1678, 0.1678},
     {-22, 1.000001e-03, 4.999990e-08, 5.000010e-08, -0.0001, -0.4998, 0.4998},
     {-14, 6.180347e-04, 1.309014e-11, 1.909835e-04, -0.1377, -0.2246, 0.2246},
     {-4, 3.157782e-06, 5.014246e-12, 4.985795e-04, -0.2496, -0.0009, 0.0009}});

  // 2. Closed form of D1 and the D4 consistency.
  {
    const BulkEquilibriumSolver solver(acceptor);
    double                      worst = 0., worst_k = 0., worst_neutral = 0.;
    for (double log_p = -45; log_p <= 10; log_p += 0.5)
    {
      const double s        = std::pow(10., log_p / 2);
      const double n        = root([&](double n)
                            { return ((n + A) * n - K_i) * n - 2 * K_red / s; },
                            1e-20,
                            1.);
      const auto   x        = solver.solve(1000., s * s).concentrations;
      const double exact[3] = {K_red / (n * n * s), n, K_i / n};
      for (unsigned int i = 0; i < 3; ++i)
        worst = std::max(worst, std::abs(x[i] / exact[i] - 1));
      const double K_ox = x[2] * x[2] / (x[0] * s);
      worst_k = std::max(worst_k, std::abs(K_ox / (K_i * K_i / K_red) - 1));
      worst_neutral
        = std::max(worst_neutral,
                   std::abs(2 * x[0] + x[2] - x[1] - x[3]) / (x[1] + x[3]));
    }
    checker.close(
      worst, 0., 0., 1e-10, "D1 vs closed form, worst relative error");
    checker.close(
      worst_k, 0., 0., 1e-12, "D4 K_ox = K_i^2/K_red, worst relative error");
    checker.close(
      worst_neutral, 0., 0., 1e-12, "D4 neutrality residual, worst relative");
  }

  // 3. Regime slopes and boundaries on the computed Brouwer diagram.
  {
    BrouwerDiagramParameters sweep;
    sweep.minimum_pressure  = 1e-45;
    sweep.maximum_pressure  = 1e10;
    sweep.points_per_decade = 4;
    const auto diagram      = compute_brouwer_diagram(acceptor, sweep);
    auto       at           = [&](const double log_p) -> const BulkEquilibrium &
    {
      for (const auto &p : diagram)
        if (std::abs(std::log10(p.oxygen_partial_pressure) - log_p) < 1e-9)
          return p;
      throw std::runtime_error("no point");
    };
    // regime: (middle, slopes of V_O.., e', h.)
    const std::vector<std::pair<double, std::vector<double>>> regimes
      = {{-42, {-1. / 6, -1. / 6, 1. / 6}},
         {-18, {0., -0.25, 0.25}},
         {6, {-0.5, 0., 0.}}};
    for (const auto &[middle, slopes] : regimes)
      for (unsigned int i = 0; i < 3; ++i)
        checker.close(at(middle).slopes[i],
                      slopes[i],
                      0.,
                      0.01,
                      "regime slope of " + acceptor.species[i].name
                        + " at log pO2 = " + std::to_string(int(middle)));
    // Asymptotes through two points in each regime middle, intersected.
    auto line = [&](double a, double b, unsigned int i)
    {
      const double ya = std::log10(at(a).concentrations[i]);
      const double yb = std::log10(at(b).concentrations[i]);
      const double m  = (yb - ya) / (b - a);
      return std::make_pair(m, ya - m * a);
    };
    auto crossing
      = [&](std::pair<double, double> l1, std::pair<double, double> l2)
    { return (l2.second - l1.second) / (l1.first - l2.first); };
    checker.close(crossing(line(-44, -42, 0), line(-19, -17, 0)),
                  -30.,
                  0.,
                  0.05,
                  "regime boundary I/II from the V_O.. asymptotes [log10 Pa]");
    checker.close(crossing(line(-19, -17, 1), line(8, 10, 1)),
                  -6.,
                  0.,
                  0.05,
                  "regime boundary II/III from the e' asymptotes [log10 Pa]");
  }

  // 4a. Site exclusion: no acceptor, n = 2 [V_O..]; with theta = 1 - v/3,
  //     4 v^3 / (1 - v/3) = K_red / pO2^(1/2). At very low pO2 the vacancy
  //     site fraction approaches but never reaches one.
  {
    auto overrides = acceptor_doped("site exclusion");
    overrides[0]   = {"Physics/Species/Names", "V_O.., e', h."};
    overrides[4]   = {"Defect chemistry/Dopant contents", ""};
    // A wide band gap (K_i = 1e-80): holes do not compete with vacancies.
    overrides[3]         = {"Defect chemistry/Reaction entropies",
                            "red: " + entropy(K_red) + ", gap: " + entropy(1e-80)};
    const auto chemistry = testing::defect_chemistry("", overrides);
    const BulkEquilibriumSolver solver(chemistry);
    double                      worst = 0., largest = 0.;
    for (double log_p = -60; log_p <= 5; log_p += 5)
    {
      const double rhs = K_red / std::pow(10., log_p / 2);
      const double v
        = root([&](double v) { return 4 * v * v * v - rhs * (1 - v / 3); },
               0.,
               3.);
      const auto x = solver.solve(1000., std::pow(10., log_p)).concentrations;
      worst        = std::max(worst, std::abs(x[0] / v - 1));
      largest      = std::max(largest, x[0] / 3);
    }
    checker.close(
      worst, 0., 0., 1e-10, "site exclusion vs closed form, worst relative");
    checker.within(largest, 0., 1., "largest O-site fraction of V_O..");
  }

  // 4b. Blakemore: intrinsic carriers only (donor fully compensating is not
  //     needed): with N_c = N_v = N, a = n / (1 - 0.27 n / N) and
  //     a_n a_p = K_i, n = p gives n / (1 - 0.27 n / N) = sqrt(K_i).
  {
    const double N         = 1e-2; // per formula unit at 1000 K
    const double N_300     = N * std::pow(300. / 1000., 1.5) * 1.68e28;
    auto         overrides = acceptor_doped();
    overrides[0]           = {"Physics/Species/Names", "V_O.., e', h."};
    overrides[4]           = {"Defect chemistry/Dopant contents", ""};
    overrides[1]           = {"Defect chemistry/Reactions",
                              "red: O_O^x = V_O.. + 2 e' + 1/2 O2, gap: nil = e' + h."};
    overrides.push_back(
      {"Defect chemistry/Electronic statistics", "Blakemore"});
    std::ostringstream states;
    states << std::setprecision(17) << "e': " << N_300 << ", h.: " << N_300;
    overrides.push_back(
      {"Defect chemistry/Effective densities of states", states.str()});
    // Strong intrinsic band gap constant so that carriers are degenerate.
    overrides[3]         = {"Defect chemistry/Reaction entropies",
                            "red: " + entropy(1e-60) + ", gap: " + entropy(1e-1)};
    const auto chemistry = testing::defect_chemistry("", overrides);
    const BulkEquilibriumSolver solver(chemistry);
    const auto                  x = solver.solve(1000., 1.).concentrations;
    const double n = std::sqrt(1e-1) / (1 + 0.27 * std::sqrt(1e-1) / N);
    checker.close(
      x[1], n, 1e-10, 0., "Blakemore degenerate electrons vs closed form");
    checker.close(
      x[2], n, 1e-10, 0., "Blakemore degenerate holes vs closed form");
    checker.within(x[1] / N,
                   0.,
                   1. / 0.27,
                   "n / N_c below the Blakemore limit 1/0.27");
  }

  // 5. Robustness: the material presets (site exclusion, five species, hole
  //    trapping or Schottky disorder) solved from the default start, without
  //    continuation from a neighbour, on a grid over pO2 = 1e-30 .. 1e5 Pa
  //    and T = 500 .. 1800 K; each solution is neutral, keeps every site
  //    fraction below one and conserves the dopant.
  for (const std::string preset : {"acceptor", "donor"})
  {
    const auto chemistry = testing::defect_chemistry(
      "parameter_files/materials/" + preset + "_doped_srtio3.prm", {});
    const BulkEquilibriumSolver solver(chemistry);
    unsigned int                failures = 0, points = 0, worst_iterations = 0;
    double                      worst_neutral = 0., worst_content = 0.;
    for (double T = 500; T <= 1800; T += 100)
      for (double log_p = -30; log_p <= 5; log_p += 2.5, ++points)
        try
        {
          const auto state = solver.solve(T, std::pow(10., log_p));
          worst_iterations = std::max(worst_iterations, state.iterations);
          const auto &x    = state.concentrations;
          double      plus = 0., minus = 0., dopant = 0., o_sites = 0.;
          for (unsigned int i = 0; i < x.size(); ++i)
          {
            const auto &s = chemistry.species[i];
            (s.charge > 0 ? plus : minus) += std::abs(s.charge) * x[i];
            if (!s.occupant.empty())
              dopant += x[i];
            if (s.site == "O")
              o_sites += x[i];
          }
          worst_neutral
            = std::max(worst_neutral, std::abs(plus - minus) / plus);
          worst_content = std::max(worst_content, std::abs(dopant / 0.01 - 1));
          failures += !(o_sites < 3.);
        }
        catch (const std::exception &e)
        {
          ++failures;
          std::cout << "  " << preset << " T = " << T
                    << " K, log pO2 = " << log_p << ": " << e.what()
                    << std::endl;
        }
    checker.check(failures == 0,
                  preset + "-doped SrTiO3: " + std::to_string(points)
                    + " equilibria over T = 500..1800 K, pO2 = 1e-30..1e5 Pa "
                      "from the default start, failures: "
                    + std::to_string(failures) + " (most Newton iterations "
                    + std::to_string(worst_iterations) + ")");
    checker.close(
      worst_neutral, 0., 0., 1e-12, preset + ": worst neutrality residual");
    checker.close(
      worst_content, 0., 0., 1e-12, preset + ": worst dopant content error");
  }
  return checker.exit_code();
}
