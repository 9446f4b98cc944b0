// Space charge at extended defects (issue: space charge at surfaces, grain
// boundaries, dislocations), dimensionless, each in Poisson-Boltzmann
// equilibrium with the bulk (the transport's 'poisson-boltzmann' state,
// with the cores' potentials and charges):
//  1. Mott-Schottky grain boundary (verification_cases.md P2): immobile
//     acceptors (fixed charge -1), mobile V (z = +2, bulk 1/2), a plane
//     with core charge Q = 2 x 6.2449979984 (psi0 = 20 on each side of a
//     sharp core), Gaussian core of half-width 0.02 lambda_A. The potential
//     at 1, 2, 3, 5 lambda_A from the core against the exact solution
//     (1e-3); against the depletion parabola psi0 (1 - xi/w)^2 away from
//     the zone edge (xi = 1, 2) and the width w = (2 psi0)^(1/2) against
//     Q_side / (e c_A), within 2 %.
//  2. Gouy-Chapman through the segregation route (P1): a 1:1 electrolyte
//     (lambda = 1) and a surface core (half-width 0.05) where the anion
//     has the segregation energy -8 kT. Outside the core (xi from the core
//     edge x_c = 0.3) psi = 4 artanh(tanh(psi0/4) e^-xi) with psi0 =
//     psi(x_c) (1e-3), and the Grahame relation: the diffuse charge
//     lambda~^2 (-psi'(x_c)) = 4 sinh(psi0/2) (1e-3).
//  3. Charged dislocation, linearised (P4): a line charge q = 0.05 with a
//     Gaussian core (w = 0.1) in a 1:1 electrolyte (lambda_DH = 1), 2D:
//     psi(r) 2 pi eps / q = exp(w^2/4) K0(r) (Boost.Math), within 2 % at
//     r = 1, 2, 3.
//  4. The per-defect report: excesses that compensate the core charge
//     (1e-6), Phi_0 (1 %), the area or length of the defect.
//  5. Charge neutrality: core charge + integrated space charge = 0 for
//     each defect (relative to the core charge, 1e-6; the samples extend
//     20 screening lengths from the core, so that no field leaves them).
//  7. A plane array (three planes, spacing 10): members, charges and a
//     symmetric barrier pattern.
//  6. A transient run from the uniform bulk (open far end) relaxes to the
//     same segregation layer: the difference to the Boltzmann state, a
//     discretisation error of the core, falls by more than 8 from w/2 to
//     w/8 cells and is below 1e-3 kT/e there.
// Run on 1 and 2 ranks.
#include <exsolve/core/parameter_utilities.h>
#include <exsolve/linear_algebra/backends.h>
#include <exsolve/transport/transport_problem.h>

#include <boost/math/special_functions/bessel.hpp>

#include "../test_utilities.h"

using namespace exsolve;

namespace
{
  testing::Overrides
  with(testing::Overrides base, const testing::Overrides &extra)
  {
    for (const auto &e : extra)
      base.push_back(e);
    return base;
  }

  const testing::Overrides equilibrium
    = {{"Physics/Model", "transport"},
       {"Physics/Unit system", "dimensionless"},
       {"Discretization/Polynomial degree", "2"},
       {"Mesh refinement/Strategy", "uniform"},
       {"Initial state/Type", "poisson-boltzmann"},
       {"Extended defects/Core refinement levels", "14"},
       {"Extended defects/Core resolution", "0.5"}};
  /// A 1:1 electrolyte (bulk 1 each) with lambda~^2 = 2: Debye length 1.
  const testing::Overrides symmetric_electrolyte
    = with(equilibrium,
           {{"Physics/Dimensionless Debye length",
             parameters::to_string(std::sqrt(2.))},
            {"Physics/Species/Names", "cation, anion"},
            {"Physics/Species/Charge numbers", "1, -1"},
            {"Physics/Species/Bulk concentrations", "1, 1"},
            {"Physics/Species/Diffusion prefactors", "1, 1"}});
} // namespace

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                         c;

  // 1. Mott-Schottky grain boundary in the middle of 80 lambda_A.
  {
    const double q_side = 6.2449979984, psi0 = 20.;
    const auto   parameters = testing::transport_parameters(
      "",
      with(equilibrium,
           {{"Geometry/Dimension", "1"},
              {"Geometry/Lengths", "80"},
              {"Geometry/Subdivisions", "160"},
              {"Physics/Dimensionless Debye length", "1"},
              {"Physics/Fixed charge density", "-1"},
              {"Physics/Species/Names", "V"},
              {"Physics/Species/Charge numbers", "2"},
              {"Physics/Species/Bulk concentrations", "0.5"},
              {"Physics/Species/Diffusion prefactors", "1"},
              {"Boundary conditions/Fixed potential", "x_min: 0, x_max: 0"},
              {"Extended defects/Planes", "gb: 40 / 1"},
              {"Extended defects/Core half-widths", "gb: 0.02"},
              {"Extended defects/Core charges",
               "gb: " + parameters::to_string(2 * q_side)}}));
    TransportProblem<1, TrilinosBackend> problem(parameters,
                                                 MPI_COMM_WORLD,
                                                 false);
    problem.initialize();
    const std::vector<std::pair<double, double>> exact
      = {{1, 14.255002}, {2, 9.510004}, {3, 5.7650058}, {5, 1.26772303}};
    for (const auto &[xi, value] : exact)
      for (const double side : {-1., 1.})
        c.close(problem.potential_at(dealii::Point<1>(40 + side * xi)),
                value,
                1e-3,
                0.,
                "Mott-Schottky grain boundary: psi at "
                  + parameters::to_string(side * xi)
                  + " lambda_A vs the exact solution (P2)");
    const double w = std::sqrt(2 * psi0);
    for (const double xi : {1., 2.})
      c.close(problem.potential_at(dealii::Point<1>(40 + xi)),
              psi0 * (1 - xi / w) * (1 - xi / w),
              2e-2,
              0.,
              "Mott-Schottky grain boundary: psi at "
                + parameters::to_string(xi)
                + " lambda_A vs the depletion parabola");
    c.close(q_side,
            w,
            2e-2,
            0.,
            "Mott-Schottky grain boundary: depletion width Q_side/(e c_A) vs "
            "(2 eps Phi_0 / e c_A)^(1/2)");
    c.close(problem.core_charge(),
            2 * q_side,
            1e-8,
            0.,
            "Mott-Schottky grain boundary: integrated core charge");
    c.within(std::abs(problem.total_charge()) / problem.core_charge(),
             0.,
             1e-6,
             "Mott-Schottky grain boundary: core + space charge (relative)");
    // The acceptors as an immobile species instead of a fixed charge:
    // the Boltzmann state leaves them where they are, the same layer.
    {
      const auto immobile = testing::transport_parameters(
        "",
        with(equilibrium,
             {{"Geometry/Dimension", "1"},
              {"Geometry/Lengths", "80"},
              {"Geometry/Subdivisions", "160"},
              {"Physics/Dimensionless Debye length", "1"},
              {"Physics/Species/Names", "V, A"},
              {"Physics/Species/Charge numbers", "2, -1"},
              {"Physics/Species/Bulk concentrations", "0.5, 1"},
              {"Physics/Species/Diffusion prefactors", "1, 0"},
              {"Boundary conditions/Fixed potential", "x_min: 0, x_max: 0"},
              {"Extended defects/Planes", "gb: 40 / 1"},
              {"Extended defects/Core half-widths", "gb: 0.02"},
              {"Extended defects/Core charges",
               "gb: " + parameters::to_string(2 * q_side)}}));
      TransportProblem<1, TrilinosBackend> other(immobile,
                                                 MPI_COMM_WORLD,
                                                 false);
      other.initialize();
      bool       finite = true;
      const auto ranges = other.concentration_ranges(finite);
      c.close(ranges[1].first,
              ranges[1].second,
              1e-12,
              0.,
              "Mott-Schottky grain boundary: immobile acceptors stay uniform "
              "in the Boltzmann state");
      c.close(other.potential_at(dealii::Point<1>(41)),
              problem.potential_at(dealii::Point<1>(41)),
              1e-9,
              0.,
              "Mott-Schottky grain boundary: immobile acceptor species = "
              "fixed charge");
    }
    // The defect's report: the vacancies it expels compensate its charge,
    // and its core potential is the barrier height.
    const auto report = problem.defect_reports()[0];
    c.close(report.excess[0],
            -q_side,
            1e-6,
            0.,
            "Mott-Schottky grain boundary: reported V excess per area vs "
            "-Q / (2 e)");
    c.close(report.potential,
            psi0,
            1e-2,
            0.,
            "Mott-Schottky grain boundary: reported Phi_0 vs psi0");
    c.close(report.measure,
            1.,
            1e-9,
            0.,
            "Mott-Schottky grain boundary: reported area (1D: 1)");
  }

  // 7. A plane array (as for a network of anti-phase boundaries): three
  //    planes 10 apart, each with the array's core charge, reported one by
  //    one; by symmetry the middle one has the highest barrier.
  {
    const auto parameters = testing::transport_parameters(
      "",
      with(symmetric_electrolyte,
           {{"Geometry/Dimension", "1"},
            {"Geometry/Lengths", "60"},
            {"Geometry/Subdivisions", "120"},
            {"Boundary conditions/Fixed potential", "x_min: 0, x_max: 0"},
            {"Extended defects/Plane arrays", "apb: 20 / 1 / 10 / 3"},
            {"Extended defects/Core half-widths", "apb: 0.1"},
            {"Extended defects/Core charges", "apb: 0.5"}}));
    TransportProblem<1, TrilinosBackend> problem(parameters,
                                                 MPI_COMM_WORLD,
                                                 false);
    problem.initialize();
    const auto reports = problem.defect_reports();
    c.check(reports.size() == 3 && reports[0].name == "apb_1"
              && reports[2].name == "apb_3",
            "plane array: three planes apb_1 .. apb_3");
    c.close(problem.core_charge(),
            1.5,
            1e-8,
            0.,
            "plane array: core charge of the three planes");
    c.close(reports[0].potential,
            reports[2].potential,
            1e-9,
            0.,
            "plane array: the outer planes are symmetric");
    c.check(reports[1].potential > reports[0].potential,
            "plane array: the middle plane has the highest barrier");
    c.close(problem.potential_at(dealii::Point<1>(20)),
            problem.potential_at(dealii::Point<1>(40)),
            1e-9,
            0.,
            "plane array: planes at 20 and 40 (spacing 10 from 20)");
  }

  // 2. Gouy-Chapman through segregation at a surface (x = 0).
  {
    const double lambda2    = 2.; // lambda~^2: P1's lambda is 1
    const auto   parameters = testing::transport_parameters(
      "",
      with(symmetric_electrolyte,
           {{"Geometry/Dimension", "1"},
              {"Geometry/Lengths", "20"},
              {"Geometry/Subdivisions", "80"},

              {"Boundary conditions/Fixed potential", "x_max: 0"},
              {"Extended defects/Planes", "surface: 0 / 1"},
              {"Extended defects/Core half-widths", "surface: 0.05"},
              {"Extended defects/Segregation energies", "anion@surface: -8"}}));
    TransportProblem<1, TrilinosBackend> problem(parameters,
                                                 MPI_COMM_WORLD,
                                                 false);
    problem.initialize();
    const double x_c = 0.3;
    const auto   psi = [&](const double x)
    { return problem.potential_at(dealii::Point<1>(x)); };
    const double psi0 = psi(x_c);
    c.check(psi0 < -1,
            "Gouy-Chapman by segregation: the anions' core charges the "
            "surface negatively (psi0 = "
              + parameters::to_string(psi0) + ")");
    for (const double xi : {0.5, 1., 2.})
      c.close(psi(x_c + xi),
              4 * std::atanh(std::tanh(psi0 / 4) * std::exp(-xi)),
              1e-3,
              0.,
              "Gouy-Chapman by segregation: psi at " + parameters::to_string(xi)
                + " lambda beyond the core vs the analytic profile");
    const double h     = 1e-4;
    const double field = -(psi(x_c + h) - psi(x_c - h)) / (2 * h);
    c.close(lambda2 * field,
            4 * std::sinh(psi0 / 2),
            1e-3,
            0.,
            "Gouy-Chapman by segregation: diffuse charge vs the Grahame "
            "relation");
    c.within(std::abs(problem.total_charge()) / std::abs(lambda2 * field),
             0.,
             1e-6,
             "Gouy-Chapman by segregation: core + space charge (relative)");
    // Reported excesses: the segregated anions and the diffuse layer
    // (cation surplus, anion deficit) add up to no net charge; the plane
    // lies on the boundary, so half of it counts.
    const auto report = problem.defect_reports()[0];
    c.check(report.excess[1] > 0,
            "Gouy-Chapman by segregation: anions segregate (excess "
              + parameters::to_string(report.excess[1]) + ")");
    c.within(std::abs(report.excess[0] - report.excess[1]) / report.excess[1],
             0.,
             1e-6,
             "Gouy-Chapman by segregation: reported cation and anion excesses "
             "balance");
    c.close(report.measure,
            0.5,
            1e-6,
            0.,
            "Gouy-Chapman by segregation: reported area of a plane on the "
            "boundary");
  }

  // 6. The space charge follows from the transport: a transient run from
  //    the uniform bulk, open at the far end, relaxes to the same layer.
  {
    const auto setup = [&](const std::string &initial, const double resolution)
    {
      return testing::transport_parameters(
        "",
        with(symmetric_electrolyte,
             {{"Geometry/Dimension", "1"},
              {"Geometry/Lengths", "20"},
              {"Geometry/Subdivisions", "80"},

              {"Boundary conditions/Fixed potential", "x_max: 0"},
              {"Boundary conditions/Fixed concentrations",
               "cation@x_max: bulk, anion@x_max: bulk"},
              {"Extended defects/Planes", "surface: 0 / 1"},
              {"Extended defects/Core half-widths", "surface: 0.05"},
              {"Extended defects/Segregation energies", "anion@surface: -8"},
              {"Initial state/Type", initial},
              {"Extended defects/Core resolution",
               parameters::to_string(resolution)},
              {"Time stepping/Adaptive", "true"},
              {"Time stepping/Initial step", "1e-6"},
              {"Time stepping/End time", "4000"}}));
    };
    // The Boltzmann state holds u + dg p / kT + z psi = const in the L2
    // sense, the transient's steady state in the flux sense; p is not in
    // the finite element space, so the two agree to the discretisation
    // error of the core: it must fall with the core resolution.
    std::vector<double> differences;
    for (const double resolution : {0.5, 0.125})
    {
      const auto reference_parameters = setup("poisson-boltzmann", resolution);
      const auto transient_parameters = setup("bulk", resolution);
      TransportProblem<1, TrilinosBackend> reference(reference_parameters,
                                                     MPI_COMM_WORLD,
                                                     false);
      TransportProblem<1, TrilinosBackend> transient(transient_parameters,
                                                     MPI_COMM_WORLD,
                                                     false);
      reference.initialize();
      transient.run();
      double worst = 0.;
      for (const double x : {0., 0.05, 0.3, 1., 3.})
        worst
          = std::max(worst,
                     std::abs(transient.potential_at(dealii::Point<1>(x))
                              - reference.potential_at(dealii::Point<1>(x))));
      differences.push_back(worst);
      std::cout << "  core resolution " << resolution
                << " half-widths: transient vs Boltzmann state " << worst
                << std::endl;
    }
    c.check(differences[1] < differences[0] / 8,
            "transient from the bulk and Boltzmann state converge together "
            "with the core resolution (ratio "
              + parameters::to_string(differences[0] / differences[1]) + ")");
    c.within(differences[1],
             0.,
             1e-3,
             "transient from the bulk relaxes to the segregation layer "
             "(largest potential difference at w/8 cells, kT/e)");
  }

  // 3. Charged dislocation in 2D, linearised Debye-Hueckel.
  {
    const double lambda2 = 2., q = 0.05, w = 0.1;
    const auto   parameters = testing::transport_parameters(
      "",
      with(symmetric_electrolyte,
           {{"Geometry/Dimension", "2"},
              {"Geometry/Lengths", "40, 40"},
              {"Geometry/Subdivisions", "40"},

              {"Boundary conditions/Fixed potential",
               "x_min: 0, x_max: 0, y_min: 0, y_max: 0"},
              {"Extended defects/Lines", "dislocation: 20 20"},
              {"Extended defects/Core half-widths",
               "dislocation: " + parameters::to_string(w)},
              {"Extended defects/Core charges",
               "dislocation: " + parameters::to_string(q)}}));
    TransportProblem<2, TrilinosBackend> problem(parameters,
                                                 MPI_COMM_WORLD,
                                                 false);
    problem.initialize();
    for (const double r : {1., 2., 3.})
      c.close(problem.potential_at(dealii::Point<2>(20 + r, 20)) * 2 * M_PI
                * lambda2 / q,
              std::exp(w * w / 4) * boost::math::cyl_bessel_k(0, r),
              2e-2,
              0.,
              "dislocation: psi 2 pi eps / q at r = " + parameters::to_string(r)
                + " lambda vs exp(w^2/4) K0(r/lambda)");
    c.close(problem.core_charge(),
            q,
            1e-6,
            0.,
            "dislocation: integrated core charge per length");
    c.within(std::abs(problem.total_charge()) / q,
             0.,
             1e-6,
             "dislocation: core + space charge (relative)");
    const auto report = problem.defect_reports()[0];
    c.close(report.excess[0] - report.excess[1],
            -q,
            1e-6,
            0.,
            "dislocation: reported excess charge per length vs -q");
    std::cout << "  dislocation mesh: " << problem.n_dofs() << " DoFs"
              << std::endl;
  }
  return c.exit_code();
}
