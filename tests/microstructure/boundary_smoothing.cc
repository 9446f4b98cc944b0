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

#include "test_utilities.h"

#include <cmath>

using namespace dealii;
using namespace exsolve;

namespace
{
  struct PoreResult
  {
    double voxel_area = 0, smoothed_area = 0, refined_area = 0;
    double solid_volume = 0, min_measure = 0;
  };

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

  template <int dim>
  void
  check_sphere(testing::Checker &checker)
  {
    const std::string shape          = dim == 3 ? "3D sphere" : "2D disk";
    double            previous_error = 1;
    for (const unsigned int r : {4u, 8u, 16u})
    {
      const PoreResult p          = single_pore<dim>(r, 0.5);
      const double     exact_area = dim == 3 ? 4 * M_PI * r * r : 2 * M_PI * r;
      const double     exact_pore
        = dim == 3 ? 4. / 3. * M_PI * r * r * r : M_PI * r * r;
      const double      cube  = std::pow(2 * r + 6., dim);
      const double      error = std::abs(p.smoothed_area / exact_area - 1);
      const std::string what
        = shape + " pore, r = " + std::to_string(r) + " voxels: ";
      checker.within(p.voxel_area / exact_area - 1,
                     dim == 3 ? 0.3 : 0.15,
                     0.7,
                     what + "voxel staircase area error (relative)");
      checker.check(error < previous_error,
                    what + "smoothed area error " + std::to_string(error)
                      + " below the coarser one "
                      + std::to_string(previous_error));
      previous_error = error;
      if (r >= 8)
      {
        checker.close(p.smoothed_area,
                      exact_area,
                      0.02,
                      0,
                      what + "smoothed area vs exact");
        checker.close(cube - p.solid_volume,
                      exact_pore,
                      0.02,
                      0,
                      what + "pore volume of the smoothed mesh vs exact");
      }
      checker.within(p.min_measure,
                     1e-3,
                     1.,
                     what + "smallest cell measure [nm^dim] is positive");
      checker.close(p.refined_area,
                    p.smoothed_area,
                    1e-7,
                    0,
                    what + "area after a global refinement");
    }
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
  check_sphere<2>(checker);
  check_sphere<3>(checker);
  check_cut_pore(checker);
  return checker.exit_code();
}
