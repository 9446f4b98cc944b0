// Strongly nonlinear layers and the non-Dirichlet boundary conditions.
//
// 1. Mott-Schottky depletion (verification_cases.md P2): immobile acceptors
//    (rho~ = -1), doubly charged vacancies with bulk 1/2, lambda~ = 1, so
//    -psi'' = exp(-2 psi) - 1. For psi0 = 10 and 20 (Boltzmann factors up to
//    e^40): psi at xi = 1, 2, 3, 5 from the table, and the surface charge
//    -psi'(0) = (2 psi0 - 1 + e^{-2 psi0})^{1/2}. Tolerance 1e-3 relative
//    (adaptive Q1 error is a few 1e-5 here).
// 2. Surface charge (Neumann) in 1D: z = 1, lambda~ = sqrt(2) (Debye length
//    1), sigma~ = 2 x 2 sinh(2) = 14.5074416314 must give psi(0) = 4 and
//    psi(1) = 1.1514871517 (Gouy-Chapman inverted through Grahame).
// 3. Stern layer (Robin) in 2D (p4est mesh): C~ = 7.2537208157 with
//    psi_s = 6 has the same solution psi(0) = 4.
// Serial.
#include <exsolve/electrostatics/poisson_boltzmann_problem.h>
#include <exsolve/linear_algebra/backends.h>

#include <exsolve/core/parameter_utilities.h>

#include "test_utilities.h"

using namespace exsolve;

namespace
{
  template <int dim>
  dealii::Point<dim>
  at(const double x)
  {
    dealii::Point<dim> p;
    p[0] = x;
    for (unsigned int d = 1; d < dim; ++d)
      p[d] = 0.5;
    return p;
  }

  void
  mott_schottky(testing::Checker          &c,
                const double               psi0,
                const std::vector<double> &table)
  {
    const auto parameters = testing::default_parameters(
      {{"Geometry/Lengths", "40"},
       {"Geometry/Subdivisions", "40"},
       {"Geometry/Boundary names", "x_min: surface, x_max: bulk"},
       {"Mesh refinement/Refinement cycles", "11"},
       {"Mesh refinement/Refine fraction", "0.6"},
       {"Physics/Unit system", "dimensionless"},
       {"Physics/Dimensionless Debye length", "1"},
       {"Physics/Fixed charge density", "-1"},
       {"Physics/Species/Names", "V_O.."},
       {"Physics/Species/Charge numbers", "2"},
       {"Physics/Species/Bulk concentrations", "0.5"},
       {"Boundary conditions/Fixed potential",
        "surface: " + std::to_string(psi0) + ", bulk: 0"}});
    PoissonBoltzmannProblem<1, TrilinosBackend> problem(parameters,
                                                        MPI_COMM_WORLD,
                                                        false);
    problem.run();
    const std::string tag   = "Mott-Schottky psi0 = " + std::to_string(psi0);
    const double      xi[4] = {1., 2., 3., 5.};
    for (unsigned int k = 0; k < table.size(); ++k)
      c.close(problem.potential_at(at<1>(xi[k])),
              table[k],
              1e-3,
              1e-6,
              tag + ": psi(" + std::to_string(xi[k]) + ")");
    c.close(problem.boundary_charge_density("surface"),
            std::sqrt(2 * psi0 - 1 + std::exp(-2 * psi0)),
            1e-3,
            0,
            tag + ": surface charge -psi'(0)");
  }

  template <int dim>
  void
  charged_surface(testing::Checker         &c,
                  const testing::Overrides &bc,
                  const std::string        &tag)
  {
    testing::Overrides o
      = {{"Geometry/Dimension", std::to_string(dim)},
         {"Geometry/Lengths", "20, 1, 1"},
         {"Geometry/Subdivisions", "20"},
         {"Geometry/Boundary names", "x_min: surface, x_max: bulk"},
         {"Mesh refinement/Refinement cycles", dim == 1 ? "10" : "8"},
         {"Mesh refinement/Refine fraction", "0.6"},
         {"Physics/Unit system", "dimensionless"},
         {"Physics/Dimensionless Debye length",
          parameters::to_string(std::sqrt(2.))},
         {"Physics/Species/Names", "cation, anion"},
         {"Physics/Species/Charge numbers", "1, -1"},
         {"Physics/Species/Bulk concentrations", "1, 1"}};
    o.insert(o.end(), bc.begin(), bc.end());
    const auto parameters = testing::default_parameters(o);
    PoissonBoltzmannProblem<dim, TrilinosBackend> problem(parameters,
                                                          MPI_COMM_WORLD,
                                                          false);
    problem.run();
    c.close(problem.potential_at(at<dim>(0.)),
            4.,
            1e-3,
            0,
            tag + ": surface potential psi(0)");
    c.close(problem.potential_at(at<dim>(1.)),
            1.1514871517,
            1e-3,
            0,
            tag + ": psi(1)");
  }
} // namespace

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                         c;
  mott_schottky(c, 10., {6.14110097, 3.28215096, 1.41847655, 0.12816416});
  mott_schottky(c, 20., {14.255002, 9.510004, 5.7650058, 1.26772303});
  charged_surface<1>(c,
                     {{"Boundary conditions/Fixed potential", "bulk: 0"},
                      {"Boundary conditions/Surface charge density",
                       "surface: 14.5074416314"}},
                     "1D surface charge");
  charged_surface<2>(c,
                     {{"Boundary conditions/Fixed potential", "bulk: 0"},
                      {"Boundary conditions/Stern layer",
                       "surface: 7.2537208157; 6"}},
                     "2D Stern layer");
  return c.exit_code();
}
