// A grain boundary in acceptor-doped SrTiO3 (issue: space charge at
// extended defects), SI units, tests/defects/srtio3_grain_boundary.prm:
// oxygen vacancies segregate into the core (segregation energy dg, site
// exclusion on the O sublattice), charge it positively and are depleted in
// the space-charge layers beside it. In the Poisson-Boltzmann equilibrium
// with the bulk at both ends (open sample):
//  - dg = -0.5, -1.0, -1.5 eV give positive barriers Phi_0 of a few tenths
//    of a volt (0.1 .. 0.9 V) that rise monotonically with |dg|;
//  - beside the core (3 nm) the vacancies are depleted below half the
//    bulk value (0.20 at dg = -1 eV);
//  - the segregated and depleted charges compensate (1e-6);
//  - the 1D value at dg = -1 eV is mesh-converged: twice the cells and four
//    times finer cores change Phi_0 by less than 1e-4 (relative), and it
//    is 0.32852 V to 1e-3 (the reference of this model);
//  - in a 2000 nm sample of 100 nm coarse cells without core refinement,
//    the error-driven refinement (Kelly and the Poisson residual with the
//    cores' charge) finds the core and the layers: Phi_0 to 1e-3, with
//    fewer than 2 % of the cells of a uniform mesh of its smallest cell;
//  - a 2D bicrystal (the same boundary across a 200 nm x 4 nm strip, p4est
//    on the test's ranks) has the 1D barrier (1e-3) and excess (1e-3).
// Run on 1 and 2 ranks.
#include <deal.II/base/mpi.h>

#include <exsolve/core/parameter_utilities.h>
#include <exsolve/linear_algebra/backends.h>
#include <exsolve/transport/transport_problem.h>

#include "../test_utilities.h"

using namespace exsolve;

namespace
{
  const std::string file = "tests/defects/srtio3_grain_boundary.prm";

  testing::Overrides
  segregation(const double dg)
  {
    return {{"Extended defects/Segregation energies",
             "V_O..@gb: " + parameters::to_string(dg)}};
  }
} // namespace

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                         c;

  // The trend with the segregation energy.
  std::vector<double> barriers;
  DefectReport        reference;
  for (const double dg : {-0.5, -1.0, -1.5})
  {
    // The problem keeps a reference to its parameters.
    const auto parameters
      = testing::transport_parameters(file, segregation(dg));
    TransportProblem<1, TrilinosBackend> problem(parameters,
                                                 MPI_COMM_WORLD,
                                                 false);
    problem.initialize();
    const auto report = problem.defect_reports()[0];
    barriers.push_back(report.potential);
    const std::string at = " at dg = " + parameters::to_string(dg) + " eV";
    std::cout << "  Phi_0" << at << ": " << report.potential
              << " V, layer width " << report.width << " nm, vacancy excess "
              << report.excess[0] << " m^-2" << std::endl;
    c.within(report.potential,
             0.1,
             0.9,
             "Phi_0 of a few tenths of a volt" + at);
    c.within(std::abs(2 * report.excess[0] - report.excess[1]
                      + report.excess[2])
               / (2 * report.excess[0]),
             0.,
             1e-6,
             "segregated and depleted charge compensate" + at);
    if (dg == -1.0)
    {
      reference = report;
      c.within(problem.concentration_at(dealii::Point<1>(103.), 0) / 8.4e25,
               0.,
               0.5,
               "vacancies depleted 3 nm from the core (c / c_bulk)" + at);
      c.close(report.potential,
              0.32852,
              1e-3,
              0.,
              "Phi_0 at dg = -1 eV vs the mesh-converged 1D reference");
    }
  }
  c.check(barriers[0] < barriers[1] && barriers[1] < barriers[2],
          "Phi_0 rises monotonically with the segregation energy");

  // Mesh convergence of the 1D reference.
  {
    const auto parameters = testing::transport_parameters(
      file,
      {{"Geometry/Subdivisions", "200"},
       {"Extended defects/Core refinement levels", "8"}});
    TransportProblem<1, TrilinosBackend> problem(parameters,
                                                 MPI_COMM_WORLD,
                                                 false);
    problem.initialize();
    c.close(problem.defect_reports()[0].potential,
            reference.potential,
            1e-4,
            0.,
            "Phi_0 at dg = -1 eV: finer mesh and cores vs the 1D value");
  }

  // A micrometre sample, 100 nm coarse cells and no core refinement: the
  // error-driven refinement alone (Kelly plus the charge residual) must
  // find the 0.5 nm core and the 1 nm Debye layers.
  {
    const auto parameters = testing::transport_parameters(
      file,
      {{"Geometry/Lengths", "2000"},
       {"Geometry/Subdivisions", "20"},
       {"Extended defects/Planes", "gb: 1000 / 1"},
       {"Extended defects/Core refinement levels", "0"},
       {"Mesh refinement/Strategy", "adaptive"},
       {"Mesh refinement/Refinement cycles", "26"},
       {"Mesh refinement/Refine fraction", "0.3"},
       {"Mesh refinement/Coarsen fraction", "0"}});
    TransportProblem<1, TrilinosBackend> problem(parameters,
                                                 MPI_COMM_WORLD,
                                                 false);
    problem.initialize();
    double smallest = 1e300;
    for (const auto &cell : problem.get_triangulation().active_cell_iterators())
      smallest = std::min(smallest, cell->diameter());
    const double cells   = problem.get_triangulation().n_global_active_cells();
    const double uniform = 2000. / smallest;
    std::cout << "  adaptive micrometre sample: " << cells
              << " cells, smallest " << smallest << " nm (uniform: " << uniform
              << ")" << std::endl;
    c.close(problem.defect_reports()[0].potential,
            reference.potential,
            1e-3,
            0.,
            "micrometre sample, adaptive: Phi_0 vs the 1D value");
    c.within(cells / uniform,
             0.,
             0.02,
             "micrometre sample, adaptive: cells / uniform cells of the "
             "smallest size");
  }

  // The bicrystal in 2D.
  {
    const auto parameters
      = testing::transport_parameters(file,
                                      {{"Geometry/Dimension", "2"},
                                       {"Geometry/Lengths", "200, 4"},
                                       {"Extended defects/Planes",
                                        "gb: 100 0 / 1 0"}});
    TransportProblem<2, TrilinosBackend> problem(parameters,
                                                 MPI_COMM_WORLD,
                                                 false);
    problem.initialize();
    const auto report = problem.defect_reports()[0];
    c.close(report.potential,
            reference.potential,
            1e-3,
            0.,
            "2D bicrystal: Phi_0 vs the 1D value");
    c.close(report.excess[0],
            reference.excess[0],
            1e-3,
            0.,
            "2D bicrystal: vacancy excess per area vs the 1D value");
    c.close(report.measure, 4., 1e-8, 0., "2D bicrystal: boundary length");
  }
  return c.exit_code();
}
