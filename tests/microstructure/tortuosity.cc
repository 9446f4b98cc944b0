// Tortuosity from a steady diffusion solve through the solid (2 ranks,
// p4est). Exact references, since Q1 reproduces the piecewise-linear
// solutions exactly and the layer interfaces are mesh faces:
//  * a straight solid channel along x (the rest pore): the concentration is
//    linear, D_eff = solid fraction * D, so tau = 1; tolerance 1e-6, as the
//    issue asks (the CG tolerance is 1e-12);
//  * series slabs across x with D = 1 and 0.25 (all solid): D_eff is the
//    harmonic mean L / sum(l_i / D_i) = 0.4, tau = D_bulk / D_eff = 2.5 with
//    D_bulk = 1; tolerance 1e-8 relative; also after a global refinement;
//  * a generated 3D particle structure at porosity 0.4: tau > 1 (a porous
//    path is longer than a straight one) and below 3 (loose sanity bounds;
//    the value is about 1.59 for seed 3).
#include <deal.II/base/mpi.h>

#include <exsolve/core/triangulation_factory.h>
#include <exsolve/microstructure/sphere_structure.h>
#include <exsolve/microstructure/tortuosity.h>
#include <exsolve/microstructure/voxel_mesh.h>

#include "test_utilities.h"

using namespace dealii;
using namespace exsolve;

namespace
{
  const auto unit_diffusivity = [](types::material_id) { return 1.; };

  template <int dim>
  void
  check_channel(testing::Checker &checker)
  {
    // 20 x 10 (x 10) voxels of 10 nm; solid for 3 <= j, k <= 6.
    VoxelGrid grid(dim, {{20, 10, 10}}, {{200., 100., 100.}});
    for (std::size_t v = 0; v < grid.size(); ++v)
    {
      const auto p = grid.position(v);
      for (unsigned int d = 1; d < dim; ++d)
        if (p[d] < 3 || p[d] > 6)
          grid.label[v] = VoxelGrid::pore;
    }
    auto tria = create_triangulation<dim>(MPI_COMM_WORLD);
    create_voxel_mesh(grid, *tria);
    const auto r
      = compute_tortuosity(*tria, grid.lengths, unit_diffusivity, 1.);
    const std::string what = std::to_string(dim) + "D straight channel: ";
    checker.close(r.solid_fraction,
                  std::pow(0.4, dim - 1),
                  1e-12,
                  0,
                  what + "solid fraction");
    checker.close(r.tortuosity, 1., 0, 1e-6, what + "tortuosity");
  }

  template <int dim>
  void
  check_layers(testing::Checker &checker)
  {
    // Four slabs of 30 nm across x, D = 1, 0.25, 1, 0.25 (grain = slab
    // parity): D_eff = 120 / (60 / 1 + 60 / 0.25) = 0.4.
    VoxelGrid grid(dim, {{12, 4, 4}}, {{120., 40., 40.}});
    for (std::size_t v = 0; v < grid.size(); ++v)
      grid.label[v] = (grid.position(v)[0] / 3) % 2;
    auto tria = create_triangulation<dim>(MPI_COMM_WORLD);
    create_voxel_mesh(grid, *tria);
    const auto D = [](types::material_id m) { return m == 0 ? 1. : 0.25; };
    for (unsigned int refinement = 0; refinement < 2; ++refinement)
    {
      const auto        r    = compute_tortuosity(*tria, grid.lengths, D, 1.);
      const std::string what = std::to_string(dim) + "D series slabs, "
                               + std::to_string(refinement)
                               + " refinement(s): ";
      checker.close(
        r.effective_diffusivity, 0.4, 1e-8, 0, what + "D_eff vs harmonic mean");
      checker.close(r.tortuosity, 2.5, 1e-8, 0, what + "tortuosity");
      tria->refine_global(1);
    }
  }

  void
  check_generated(testing::Checker &checker)
  {
    MicrostructureParameters p;
    p.dimension                = 3;
    p.sample_size              = {{200., 200., 200.}};
    p.voxel_size               = 10;
    p.sphere_diameter          = 50;
    p.target_porosity          = 0.4;
    p.seed                     = 3;
    const SphereStructure s    = generate_sphere_structure(p);
    auto                  tria = create_triangulation<3>(MPI_COMM_WORLD);
    create_voxel_mesh(s.grid, *tria);
    const auto r
      = compute_tortuosity(*tria, s.grid.lengths, unit_diffusivity, 1.);
    checker.close(r.solid_fraction,
                  1 - s.porosity,
                  1e-12,
                  0,
                  "generated 3D particles: solid fraction of the mesh");
    checker.within(r.tortuosity,
                   1.0001,
                   3,
                   "generated 3D particles (porosity 0.4): tortuosity ("
                     + std::to_string(r.n_dofs) + " dofs, "
                     + std::to_string(r.cg_iterations) + " CG iterations)");
  }
} // namespace

int
main(int argc, char **argv)
{
  Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                 checker;
  check_channel<2>(checker);
  check_channel<3>(checker);
  check_layers<2>(checker);
  check_layers<3>(checker);
  check_generated(checker);
  return checker.exit_code();
}
