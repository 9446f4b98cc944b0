// Periodic microstructures (2 ranks, p4est).
//  * Two solid bands, one at the bottom (y < 20 nm) of the left 5/8 of the
//    sample, one at the top (y > 60 nm) of the right 5/8, touch only across
//    the periodic y faces. Periodic in y they form one cluster (two
//    without periodicity), and their tortuosity, pore-wall area and solid
//    volume equal those of the same image rolled by half the sample in y,
//    where the contact is inside the sample and nothing is periodic: the two
//    discrete problems are the same, so the tortuosity agrees to 1e-8
//    relative (CG tolerance 1e-12), the areas and volumes to 1e-12. The
//    periodic mesh also goes through one global refinement (p4est balances
//    across the periodic faces), and its tortuosity then equals that of the
//    refined rolled mesh to 1e-8.
//  * A generated structure periodic in x, y and z (overlapping pores at
//    porosity 0.2): it equals, voxel by voxel, the brute-force union of
//    all 27 periodic images of its spheres (then contact-filled and cleared
//    of isolated solid, which the generator does too), and some voxels are
//    covered through an image only.
//  * A generated particle structure periodic in y and z, with grains and
//    boundary smoothing: rolled by half the sample in y and z (spheres
//    shifted alike) it has the same porosity, pore-wall area before and
//    after smoothing, grain-boundary area (1e-9 relative: the smoothing
//    iterates to 1e-10 of a voxel) and tortuosity along x (1e-7), and
//    p4est refines it.
#include <deal.II/base/mpi.h>

#include <exsolve/core/triangulation_factory.h>
#include <exsolve/microstructure/boundary_smoothing.h>
#include <exsolve/microstructure/manifold_contacts.h>
#include <exsolve/microstructure/microstructure_metrics.h>
#include <exsolve/microstructure/solid_connectivity.h>
#include <exsolve/microstructure/sphere_structure.h>
#include <exsolve/microstructure/tortuosity.h>
#include <exsolve/microstructure/voronoi_grains.h>
#include <exsolve/microstructure/voxel_mesh.h>

#include "test_utilities.h"

#include <cmath>

using namespace dealii;
using namespace exsolve;

namespace
{
  const auto unit_diffusivity = [](types::material_id) { return 1.; };

  /// @p grid with every voxel moved by @p shift voxels (wrapping around).
  VoxelGrid
  roll(const VoxelGrid &grid, const std::array<unsigned int, 3> &shift)
  {
    VoxelGrid rolled = grid;
    for (std::size_t v = 0; v < grid.size(); ++v)
    {
      auto p = grid.position(v);
      for (unsigned int d = 0; d < 3; ++d)
        p[d] = (p[d] + shift[d]) % grid.n[d];
      rolled.label[rolled.index(p[0], p[1], p[2])] = grid.label[v];
    }
    return rolled;
  }

  struct Measured
  {
    MicrostructureMetrics metrics;
    double                tau = 0, tau_refined = 0;
    unsigned int          cells = 0, refined_cells = 0;
  };

  template <int dim>
  Measured
  measure(const VoxelGrid &grid, const VoxelMeshDescription<dim> &mesh)
  {
    auto tria = create_triangulation<dim>(MPI_COMM_WORLD);
    create_voxel_mesh(grid, mesh, *tria);
    Measured m;
    m.metrics = compute_microstructure_metrics(*tria, grid.lengths);
    m.cells   = tria->n_global_active_cells();
    m.tau     = compute_tortuosity(*tria, grid.lengths, unit_diffusivity, 1.)
              .tortuosity;
    tria->refine_global(1);
    m.refined_cells = tria->n_global_active_cells();
    m.tau_refined
      = compute_tortuosity(*tria, grid.lengths, unit_diffusivity, 1.)
          .tortuosity;
    return m;
  }

  void
  compare(const Measured    &a,
          const Measured    &b,
          const double       tolerance,
          const double       tau_tolerance,
          const std::string &what,
          testing::Checker  &checker)
  {
    checker.check(a.cells == b.cells && a.refined_cells == b.refined_cells
                    && a.refined_cells == a.cells * 8,
                  what + ": cells " + std::to_string(a.cells) + " / "
                    + std::to_string(b.cells) + ", refined "
                    + std::to_string(a.refined_cells) + " / "
                    + std::to_string(b.refined_cells));
    checker.close(a.metrics.solid_volume,
                  b.metrics.solid_volume,
                  1e-12,
                  0,
                  what + ": solid volume [nm^3]");
    checker.close(a.metrics.pore_surface,
                  b.metrics.pore_surface,
                  tolerance,
                  0,
                  what + ": pore-wall area [nm^2]");
    checker.close(a.metrics.grain_boundaries,
                  b.metrics.grain_boundaries,
                  tolerance,
                  1e-9,
                  what + ": grain-boundary area [nm^2]");
    checker.close(
      a.tau, b.tau, tau_tolerance, 0, what + ": tortuosity along x");
    checker.close(a.tau_refined,
                  b.tau_refined,
                  tau_tolerance,
                  0,
                  what + ": tortuosity after a refinement");
  }

  void
  check_bands(testing::Checker &checker)
  {
    VoxelGrid grid(3, {{16, 8, 4}}, {{160., 80., 40.}});
    for (std::size_t v = 0; v < grid.size(); ++v)
    {
      const auto p     = grid.position(v);
      const bool lower = p[1] < 2 && p[0] < 10, upper = p[1] >= 6 && p[0] >= 6;
      grid.label[v] = lower ? 0 : upper ? 1 : VoxelGrid::pore;
    }
    checker.check(count_solid_clusters(grid) == 2,
                  "bands, not periodic: two solid clusters");
    grid.periodic = {{false, true, false}};
    checker.check(count_solid_clusters(grid) == 1,
                  "bands, periodic in y: one solid cluster");
    VoxelGrid rolled = roll(grid, {{0, 4, 0}});
    rolled.periodic  = {{false, false, false}};
    checker.close(voxel_pore_wall_area(grid),
                  voxel_pore_wall_area(rolled),
                  1e-12,
                  0,
                  "bands: staircase pore-wall area, periodic vs rolled");
    const auto periodic = measure<3>(grid, describe_voxel_mesh<3>(grid));
    const auto open     = measure<3>(rolled, describe_voxel_mesh<3>(rolled));
    compare(
      periodic, open, 1e-12, 1e-8, "bands periodic in y vs rolled", checker);
    checker.within(periodic.tau, 1.0001, 10, "bands: tortuosity");
  }

  void
  check_sphere_images(testing::Checker &checker)
  {
    MicrostructureParameters p;
    p.structure       = MicrostructureParameters::Structure::overlapping_pores;
    p.sample_size     = {{160., 160., 160.}};
    p.voxel_size      = 10;
    p.sphere_diameter = 60;
    p.target_porosity = 0.2;
    p.seed            = 5;
    const SphereStructure s
      = generate_sphere_structure(p, {{true, true, true}});
    const auto  &g          = s.grid;
    const double r          = p.sphere_diameter / 2;
    unsigned int mismatches = 0, through_image = 0;
    VoxelGrid    reference = g;
    for (std::size_t v = 0; v < g.size(); ++v)
    {
      const auto x      = g.centre(v);
      bool       direct = false, any = false;
      for (const auto &c : s.spheres.centres)
        for (int i = -1; i <= 1; ++i)
          for (int j = -1; j <= 1; ++j)
            for (int k = -1; k <= 1; ++k)
            {
              const double dx = x[0] - c[0] - i * g.lengths[0],
                           dy = x[1] - c[1] - j * g.lengths[1],
                           dz = x[2] - c[2] - k * g.lengths[2];
              if (dx * dx + dy * dy + dz * dz <= r * r)
              {
                any    = true;
                direct = direct || (i == 0 && j == 0 && k == 0);
              }
            }
      reference.label[v] = any ? VoxelGrid::pore : 0;
      through_image += any && !direct;
    }
    // The generator then fills edge and vertex contacts and removes
    // isolated solid, both across the periodic faces.
    fill_non_manifold_contacts(reference);
    remove_isolated_solid(reference);
    for (std::size_t v = 0; v < g.size(); ++v)
      mismatches += reference.solid(v) != g.solid(v);
    checker.check(mismatches == 0,
                  "periodic pores (" + std::to_string(s.n_spheres)
                    + " spheres, porosity " + std::to_string(s.porosity)
                    + "): voxels differing from the brute-force union of "
                      "all images: "
                    + std::to_string(mismatches));
    checker.check(through_image > 0,
                  "periodic pores: voxels covered through an image only: "
                    + std::to_string(through_image));
  }

  void
  check_rolled_structure(testing::Checker &checker)
  {
    MicrostructureParameters p;
    p.sample_size     = {{160., 160., 160.}};
    p.voxel_size      = 10;
    p.sphere_diameter = 50;
    p.target_porosity = 0.4;
    p.mean_grain_size = 60;
    p.seed            = 2;
    SphereStructure s = generate_sphere_structure(p, {{false, true, true}});
    assign_voronoi_grains(s.grid, p.mean_grain_size, p.seed);
    VoxelGrid   rolled  = roll(s.grid, {{0, 8, 8}});
    SphereUnion shifted = s.spheres;
    for (auto &c : shifted.centres)
      for (unsigned int d = 1; d < 3; ++d)
        c[d] = std::fmod(c[d] + 80., 160.);

    auto       mesh  = describe_voxel_mesh<3>(s.grid);
    auto       moved = describe_voxel_mesh<3>(rolled);
    const auto report
      = project_pore_walls_onto_spheres(s.grid, s.spheres, mesh);
    project_pore_walls_onto_spheres(rolled, shifted, moved);
    const auto a = measure<3>(s.grid, mesh);
    const auto b = measure<3>(rolled, moved);
    checker.close(voxel_pore_wall_area(s.grid),
                  voxel_pore_wall_area(rolled),
                  1e-12,
                  0,
                  "periodic particles: staircase area, rolled");
    compare(
      a, b, 1e-9, 1e-7, "periodic particles, smoothed, vs rolled", checker);
    checker.within(a.metrics.pore_surface / voxel_pore_wall_area(s.grid),
                   0.5,
                   0.9,
                   "periodic particles: smoothed / staircase area ("
                     + std::to_string(report.n_projected) + " of "
                     + std::to_string(report.n_wall_vertices)
                     + " wall vertices projected)");
  }
} // namespace

int
main(int argc, char **argv)
{
  Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                 checker;
  check_bands(checker);
  check_sphere_images(checker);
  check_rolled_structure(checker);
  return checker.exit_code();
}
