// Grain boundaries taken from the mesh (Extended defects/Grain boundaries
// from mesh; issue: space charge at extended defects, "grain boundaries of
// polycrystals taken from the mesh"):
//  1. The spatial index: on a generated 2D polycrystal (Voronoi grains of
//     a porous sample, Geometry/Type = microstructure) the nearest grain
//     boundary found through the R-tree is the one of a search over all
//     faces, for 2000 points (1e-12), and the faces are those between
//     cells of different grain id.
//  2. The physics: the SrTiO3 grain boundary of srtio3_grain_boundary.prm
//     (vacancy segregation -1 eV) on Gmsh bicrystals whose grains are two
//     material ids (meshes/make_bicrystal_2d.py). The boundary from the
//     mesh gives the barrier and excess of the same boundary given as a
//     plane (1e-6) for a boundary along the mesh axes; tilted by 14
//     degrees, 2e-4 (the plane runs on beyond the sample's oblique sides,
//     observed 1e-5 and 5e-5); and the 1D reference barrier 0.32852 V
//     (1e-3); its length is the boundary's (1e-6 and 2e-4).
// Run on 1 and 2 ranks.
#include <deal.II/base/mpi.h>

#include <exsolve/core/parameter_utilities.h>
#include <exsolve/defects/mesh_grain_boundaries.h>
#include <exsolve/linear_algebra/backends.h>
#include <exsolve/transport/transport_problem.h>

#include <random>

#include "../test_utilities.h"

using namespace exsolve;

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                         c;

  // 1. The index against a search over all faces.
  {
    const auto parameters = testing::transport_parameters(
      "",
      {{"Physics/Model", "transport"},
       {"Physics/Unit system", "dimensionless"},
       {"Physics/Species/Names", "cation, anion"},
       {"Physics/Species/Charge numbers", "1, -1"},
       {"Physics/Species/Bulk concentrations", "1, 1"},
       {"Physics/Species/Diffusion prefactors", "1, 1"},
       {"Geometry/Dimension", "2"},
       {"Geometry/Type", "microstructure"},
       {"Microstructure/Sample size", "400, 400"},
       {"Microstructure/Voxel size", "5"},
       {"Microstructure/Sphere diameter", "40"},
       {"Microstructure/Target porosity", "0.3"},
       {"Microstructure/Mean grain size", "40"},
       {"Boundary conditions/Fixed potential", "pore_surface: 0"}});
    TransportProblem<2, TrilinosBackend> problem(parameters,
                                                 MPI_COMM_WORLD,
                                                 false);
    const auto                          &mesh = problem.get_triangulation();
    const MeshGrainBoundaries            boundaries(mesh);
    unsigned int                         faces = 0;
    for (const auto &cell : mesh.cell_iterators_on_level(0))
      for (const unsigned int f : cell->face_indices())
        faces += !cell->at_boundary(f)
                 && cell->neighbor(f)->material_id() != cell->material_id();
    c.check(boundaries.n_faces() == faces / 2 && faces > 1000,
            "index: the faces between grains (" + std::to_string(faces / 2)
              + ")");
    std::mt19937_64                        random(7);
    std::uniform_real_distribution<double> uniform(-20., 420.);
    double                                 largest = 0.;
    for (unsigned int k = 0; k < 2000; ++k)
    {
      const dealii::Point<3> x(uniform(random), uniform(random), 0.);
      largest = std::max(largest,
                         (boundaries.perpendicular(x)
                          - boundaries.perpendicular_by_search(x))
                           .norm());
    }
    c.within(largest, 0., 1e-12, "index: nearest boundary vs all faces");
  }

  // 2. The SrTiO3 boundary from the mesh and as a plane.
  for (const bool tilted : {false, true})
  {
    const std::string mesh = testing::source_path(
      tilted ? "meshes/bicrystal_tilted_2d.msh" : "meshes/bicrystal_2d.msh");
    const std::string normal = tilted ? "1 -0.25" : "1 0";
    const std::string what   = tilted ? "tilted bicrystal: " : "bicrystal: ";
    // The plane runs on beyond the sample; the mesh's boundary ends at its
    // sides, which cut a tilted boundary obliquely: near the two ends the
    // nearest face point is the end, not the foot of the normal.
    const double              same = tilted ? 2e-4 : 1e-6;
    std::vector<DefectReport> reports;
    for (const bool from_mesh : {true, false})
    {
      testing::Overrides overrides = {{"Geometry/Dimension", "2"},
                                      {"Geometry/Type", "gmsh"},
                                      {"Geometry/Lengths", "200, 20"},
                                      {"Geometry/Mesh file", mesh}};
      if (from_mesh)
      {
        overrides.push_back({"Extended defects/Planes", ""});
        overrides.push_back(
          {"Extended defects/Grain boundaries from mesh", "gb"});
      }
      else
        overrides.push_back(
          {"Extended defects/Planes", "gb: 100 10 / " + normal});
      const auto parameters = testing::transport_parameters(
        "tests/defects/srtio3_grain_boundary.prm", overrides);
      TransportProblem<2, TrilinosBackend> problem(parameters,
                                                   MPI_COMM_WORLD,
                                                   false);
      problem.initialize();
      reports.push_back(problem.defect_reports()[0]);
    }
    c.close(reports[0].potential,
            reports[1].potential,
            same,
            0.,
            what + "Phi_0, boundary from the mesh vs plane");
    c.close(reports[0].excess[0],
            reports[1].excess[0],
            same,
            0.,
            what + "vacancy excess, boundary from the mesh vs plane");
    c.close(reports[0].potential,
            0.32852,
            1e-3,
            0.,
            what + "Phi_0 vs the 1D reference");
    c.close(reports[0].measure,
            20. * std::sqrt(1 + (tilted ? 0.0625 : 0.)),
            same,
            0.,
            what + "boundary length");
  }
  return c.exit_code();
}
