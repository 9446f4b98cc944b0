// Method of manufactured solutions for the transient PNP equations (case P5
// of doc/verification_cases.md), Dirichlet data on every boundary.
//  1. The sources of the test reproduce the published check values (1D, 2D,
//     3D at t = 0.5) to 1e-12.
//  2. Space: BDF2 with a step small enough that the time error is far below
//     the spatial one (dt = 1e-3, t_end = 0.02); observed rates of the L2 error
//     of c1, c2 and psi within [p + 0.8, p + 1.3] and of the H1 error within [p
//     - 0.2, p + 0.5] for Q1 and Q2 in 1D, 2D and 3D, from the two finest
//     meshes.
//  3. Time: 1D Q2 on 256 cells (spatial error < 1e-9), t_end = 0.5, fixed
//     steps 0.1 .. 0.0125: observed rates of the L2 error of c1 within
//     [0.85, 1.2] for BDF1 and [1.8, 2.3] for BDF2.
// Serial.
#include <exsolve/core/parameter_utilities.h>
#include <exsolve/linear_algebra/backends.h>
#include <exsolve/transport/transport_problem.h>

#include "pnp_manufactured_solution.h"
#include "test_utilities.h"

using namespace exsolve;

template <int dim>
ErrorNorms
solve(const unsigned int n,
      const unsigned int degree,
      const std::string &scheme,
      const double       dt,
      const double       end_time)
{
  const char *faces[] = {"x_min", "x_max", "y_min", "y_max", "z_min", "z_max"};
  std::string potential, concentrations;
  for (unsigned int f = 0; f < 2 * dim; ++f)
  {
    potential += std::string(f ? ", " : "") + faces[f] + ": 0";
    concentrations += std::string(f ? ", " : "") + "c1@" + faces[f] + ": 1, c2@"
                      + faces[f] + ": 1";
  }
  const auto setup = testing::transport_parameters(
    "",
    {{"Geometry/Dimension", std::to_string(dim)},
     {"Geometry/Lengths", "1, 1, 1"},
     {"Geometry/Subdivisions", std::to_string(n)},
     {"Mesh refinement/Strategy", "uniform"},
     {"Physics/Model", "transport"},
     {"Physics/Unit system", "dimensionless"},
     {"Physics/Dimensionless Debye length", "0.5"},
     {"Physics/Fixed charge density", "-1"},
     {"Physics/Species/Names", "c1, c2"},
     {"Physics/Species/Charge numbers", "2, -1"},
     {"Physics/Species/Bulk concentrations", "1, 1"},
     {"Physics/Species/Diffusion prefactors", "1, 2"},
     {"Boundary conditions/Fixed potential", potential},
     {"Boundary conditions/Fixed concentrations", concentrations},
     {"Discretization/Polynomial degree", std::to_string(degree)},
     {"Time stepping/Scheme", scheme},
     {"Time stepping/Adaptive", "false"},
     {"Time stepping/End time", parameters::to_string(end_time)},
     {"Time stepping/Initial step", parameters::to_string(dt)},
     {"Solver/Newton relative tolerance", "1e-10"},
     {"Solver/Newton absolute tolerance", "1e-13"}});
  TransportProblem<dim, TrilinosBackend> problem(setup, MPI_COMM_WORLD, false);
  auto exact = std::make_shared<testing::ManufacturedSolution<dim>>();
  problem.set_manufactured_solution(
    exact, std::make_shared<testing::ManufacturedSources<dim>>());
  problem.run();
  return problem.errors(*exact);
}

template <int dim>
void
check_sources(testing::Checker          &c,
              const dealii::Point<dim>  &p,
              const std::vector<double> &expected)
{
  testing::ManufacturedSources<dim> f;
  f.set_time(0.5);
  const char *names[] = {"f_psi", "f1", "f2"};
  for (unsigned int k = 0; k < 3; ++k)
    c.close(f.value(p, k),
            expected[k],
            1e-12,
            1e-13,
            std::to_string(dim) + "D source " + names[k]
              + " at the check point");
}

double
rate(const double coarse, const double fine, const double ratio)
{
  return std::log(coarse / fine) / std::log(ratio);
}

template <int dim>
void
check_space_rates(testing::Checker                &c,
                  const unsigned int               degree,
                  const std::vector<unsigned int> &sizes)
{
  std::vector<ErrorNorms> e;
  for (const unsigned int n : sizes)
  {
    e.push_back(solve<dim>(n, degree, "BDF2", 1e-3, 0.02));
    std::cout << "  " << dim << "D Q" << degree << " n = " << n
              << ": L2(psi, c1, c2) = " << e.back().l2[0] << ", "
              << e.back().l2[1] << ", " << e.back().l2[2]
              << "; H1 = " << e.back().h1[0] << ", " << e.back().h1[1] << ", "
              << e.back().h1[2] << std::endl;
  }
  const auto  &coarse  = e[e.size() - 2];
  const auto  &fine    = e.back();
  const double ratio   = double(sizes.back()) / sizes[sizes.size() - 2];
  const char  *names[] = {"psi", "c1", "c2"};
  for (unsigned int k = 0; k < 3; ++k)
  {
    const std::string what
      = std::to_string(dim) + "D Q" + std::to_string(degree) + " " + names[k];
    c.within(rate(coarse.l2[k], fine.l2[k], ratio),
             degree + 0.8,
             degree + 1.3,
             what + " L2 rate");
    c.within(rate(coarse.h1[k], fine.h1[k], ratio),
             degree - 0.2,
             degree + 0.5,
             what + " H1 rate");
  }
}

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                         c;

  check_sources<1>(c,
                   dealii::Point<1>(0.3),
                   {0.567213892742749, 12.6664693817470, -2.57487886091992});
  check_sources<2>(c,
                   dealii::Point<2>(0.3, 0.7),
                   {-0.601459967036319, -10.3156666684083, 14.4812565534522});
  check_sources<3>(c,
                   dealii::Point<3>(0.3, 0.7, 0.4),
                   {-0.345637610033561, -5.52915809670222, 6.00941165105157});

  check_space_rates<1>(c, 1, {32, 64, 128});
  check_space_rates<1>(c, 2, {8, 16, 32});
  check_space_rates<2>(c, 1, {8, 16, 32});
  check_space_rates<2>(c, 2, {4, 8, 16});
  check_space_rates<3>(c, 1, {4, 8, 16});
  check_space_rates<3>(c, 2, {2, 4, 8});

  for (const std::string scheme : {"BDF1", "BDF2"})
  {
    std::vector<double> error;
    for (const double dt : {0.1, 0.05, 0.025, 0.0125})
    {
      error.push_back(solve<1>(256, 2, scheme, dt, 0.5).l2[1]);
      std::cout << "  " << scheme << " dt = " << dt
                << ": L2(c1) = " << error.back() << std::endl;
    }
    const double order = scheme == "BDF1" ? 1 : 2;
    for (unsigned int k = 1; k < error.size(); ++k)
      c.within(rate(error[k - 1], error[k], 2.),
               order == 1 ? 0.85 : 1.8,
               order == 1 ? 1.2 : 2.3,
               scheme + " time rate dt = " + std::to_string(0.1 / (1 << k)));
  }
  return c.exit_code();
}
