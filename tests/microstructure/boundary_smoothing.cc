// Boundary smoothing by projection onto the generating spheres (1 rank).
//  * A single spherical pore of radius r in the centre of a solid cube, at
//    r = 4, 8 and 16 voxels: the voxel staircase overestimates the area
//    4 pi r^2 by about 50 % (its area tends to 3/2 of the sphere's, the
//    mean of |n_x| + |n_y| + |n_z| over the sphere, not to the sphere's);
//    the smoothed pore wall must be within 2 % of 4 pi r^2 from r = 8
//    voxels on (the "moderate resolution"), its error must fall
//    from each resolution to the next, the pore volume of the mesh must be
//    within 2 % of 4/3 pi r^3 there, and every cell keeps a positive
//    measure. One global refinement leaves the area unchanged to 1e-7 (no
//    manifold is attached: children lie on the bilinear faces of the
//    smoothed coarse cells; deal.II measures a warped face approximately,
//    which is what differs, by up to 1.5e-8).
//  * The same for a disk in 2D: perimeter 2 pi r (staircase: 8 r, +27 %).
//  * A vertex on a sample face stays on it: a pore centred on the face
//    x = 0 gives half the sphere's area (2 pi r^2) within 2 % at r = 8.
#include <deal.II/base/mpi.h>

#include <exsolve/core/triangulation_factory.h>
#include <exsolve/microstructure/boundary_smoothing.h>
#include <exsolve/microstructure/microstructure_metrics.h>

#include "spherical_pore_checks.h"
#include "test_utilities.h"

#include <cmath>

using namespace dealii;
using namespace exsolve;

namespace
{
  using testing::PoreResult;

  /// A pore of radius r_voxels voxels (h = 1 nm) centred at c (in units of
  /// the cube edge L = 2 r + 6 h) in a solid cube.
  template <int dim>
  PoreResult
  single_pore(const unsigned int r_voxels, const double centre_x)
  {
    const unsigned int n = 2 * r_voxels + 6;
    const double       L = n;
    VoxelGrid          grid(dim, {{n, n, n}}, {{L, L, L}});
    SphereUnion        sphere;
    sphere.dimension = dim;
    sphere.radius    = r_voxels;
    sphere.lengths   = grid.lengths;
    // Centre slightly off the voxel lattice, so no symmetry helps.
    sphere.centres = {{{centre_x * L + 0.1234,
                        L / 2 + 0.0567,
                        dim == 3 ? L / 2 - 0.0891 : 0.}}};
    for (std::size_t v = 0; v < grid.size(); ++v)
      if (sphere.covers(grid.centre(v)))
        grid.label[v] = VoxelGrid::pore;

    PoreResult result;
    result.voxel_area = voxel_pore_wall_area(grid);
    auto       mesh   = describe_voxel_mesh<dim>(grid);
    const auto report = project_pore_walls_onto_spheres(grid, sphere, mesh);
    std::cout << "  (" << dim << "D, r = " << r_voxels << ": "
              << report.n_projected << " of " << report.n_wall_vertices
              << " wall vertices projected, " << report.n_shortened
              << " moved part of the way)" << std::endl;
    auto tria = create_triangulation<dim>(MPI_COMM_WORLD);
    create_voxel_mesh(grid, mesh, *tria);
    auto m               = compute_microstructure_metrics(*tria, grid.lengths);
    result.smoothed_area = m.pore_surface;
    result.solid_volume  = m.solid_volume;
    result.min_measure   = L;
    for (const auto &cell : tria->active_cell_iterators())
      result.min_measure = std::min(result.min_measure, cell->measure());
    tria->refine_global(1);
    result.refined_area
      = compute_microstructure_metrics(*tria, grid.lengths).pore_surface;
    return result;
  }

  void
  check_cut_pore(testing::Checker &checker)
  {
    // Centre on the face x = 0 (less the small lattice offset).
    const unsigned int r = 8;
    const PoreResult   p = single_pore<3>(r, -0.1234 / (2 * r + 6));
    checker.close(p.smoothed_area,
                  2 * M_PI * r * r,
                  0.02,
                  0,
                  "3D sphere cut by the sample face x = 0, r = 8 voxels: "
                  "smoothed pore-wall area vs 2 pi r^2");
  }
} // namespace

int
main(int argc, char **argv)
{
  Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                 checker;
  testing::check_spherical_pores(
    checker,
    "pore",
    0.02,
    [](const unsigned int r) { return single_pore<2>(r, 0.5); },
    [](const unsigned int r) { return single_pore<3>(r, 0.5); });
  check_cut_pore(checker);
  return checker.exit_code();
}
