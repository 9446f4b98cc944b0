// Voxel-image import and triple-phase boundaries (2 ranks, p4est meshes).
//
// tpb_blocks (meshes/make_voxel_images.py, voxel 10 nm): 4 x 3 x 4 voxels,
// oxide (x < 20 nm) and metal (x > 20 nm) below z = 20 nm, pore above.
// Exact values: 12 oxide and 12 metal cells, porosity 0.5, pore wall
// 40 x 30 = 1200 nm^2, phase boundary 20 x 30 = 600 nm^2, no grain boundary
// with one grain per phase, and the triple-phase boundary is the single
// line x = z = 20 nm of length Ly = 30 nm (density 30 / 48000 nm^-2). In
// 2D (4 x 4 PNG) it is one point in 40 x 40 nm^2. Checked to 1e-12
// (relative; sums of a few exact binary fractions) for the raw 8-bit file,
// the 16-bit PNG stack, 16-bit raw files of both byte orders written here
// (labels 300 and 1000 need the high byte), before and after one global
// refinement (cells x 8, measures unchanged) and after refining only the
// oxide (hanging edges along the TPB line). A grain image with grain value
// = y index gives 3 grains per phase and grain boundaries 4 x 20 x 20 nm^2.
// Through Geometry/Type = microstructure the phase names give the regions
// (MaterialNames) of 12 cells each.
//
// The example image meshes/porous_oxide_metal_3d.raw: every voxel value is
// a label; phase cell counts add up to the mesh; TPB, phase-boundary and
// surface densities on the distributed mesh (2 ranks) equal those of a
// serial triangulation of the same sample (1e-12 relative), also after
// refining the metal cells (hanging edges along the TPB), so the
// distributed counting of edges is right; and the TPB
// is positive and below 4 (pore-wall area) / h, the total length of the
// wall-face edges.
#include <deal.II/base/mpi.h>
#include <deal.II/grid/tria.h>

#include <exsolve/core/input_error.h>
#include <exsolve/core/triangulation_factory.h>
#include <exsolve/mesh/geometry.h>
#include <exsolve/microstructure/microstructure_metrics.h>
#include <exsolve/microstructure/microstructure_sample.h>
#include <exsolve/microstructure/voxel_mesh.h>

#include "test_utilities.h"

#include <algorithm>
#include <fstream>

using namespace dealii;
using namespace exsolve;

namespace
{
  MicrostructureParameters
  image_parameters(const unsigned int dim, const testing::Overrides &entries)
  {
    testing::Overrides all
      = {{"Microstructure/Structure", "image"},
         {"Microstructure/Voxel size", "10"},
         {"Microstructure/Phase labels", "pore: 0, oxide: 1, metal: 2"}};
    all.insert(all.end(), entries.begin(), entries.end());
    ParameterHandler prm;
    testing::geometry_parameters(prm, dim, all);
    MicrostructureParameters p;
    p.parse_parameters(prm, testing::source_path("meshes"));
    return p;
  }

  /// 16-bit raw copy of tpb_blocks with labels 0, 300, 1000 (rank 0 writes).
  std::string
  write_16_bit_blocks(const bool big_endian)
  {
    const std::string name = std::string("tpb_blocks_16bit_")
                             + (big_endian ? "big" : "little") + ".raw";
    if (Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
    {
      std::ifstream      in(testing::source_path("meshes/tpb_blocks_3d.raw"),
                       std::ios::binary);
      std::ofstream      out(name, std::ios::binary);
      const unsigned int label[] = {0, 300, 1000};
      for (int c = in.get(); c != EOF; c = in.get())
      {
        const unsigned char hi = label[c] >> 8, lo = label[c] & 255;
        out.put(big_endian ? hi : lo).put(big_endian ? lo : hi);
      }
    }
    MPI_Barrier(MPI_COMM_WORLD);
    return name;
  }

  template <int dim>
  void
  check_blocks(testing::Checker         &checker,
               const std::string        &what,
               const testing::Overrides &entries,
               const unsigned int        grains_per_phase = 1)
  {
    const MicrostructureSample sample
      = generate_microstructure(image_parameters(dim, entries));
    auto tria = create_triangulation<dim>(MPI_COMM_WORLD);
    create_voxel_mesh(sample.grid, *tria);
    checker.check(sample.phases.names
                    == std::vector<std::string>{"oxide", "metal"},
                  what + ": solid phases oxide, metal");
    const double L = 40, Ly = dim == 3 ? 30 : 40;
    const double volume = dim == 3 ? L * Ly * L : L * L;
    for (unsigned int cycle = 0; cycle < 3; ++cycle)
    {
      const std::string step = what
                               + (cycle == 0   ? ""
                                  : cycle == 1 ? ", refined once"
                                               : ", oxide refined again")
                               + ": ";
      const auto               m      = compute_microstructure_metrics(*tria,
                                                    sample.grid.lengths,
                                                    sample.phases);
      const auto               phases = measure_phases(*tria, sample.phases);
      const unsigned long long coarse = dim == 3 ? 12 : 4;
      if (cycle < 2)
      {
        const unsigned long long cells = coarse << (dim * cycle);
        checker.check(phases.cells
                        == std::vector<unsigned long long>{cells, cells},
                      step + "oxide and metal cells "
                        + std::to_string(phases.cells[0]) + ", "
                        + std::to_string(phases.cells[1]) + " (expected "
                        + std::to_string(cells) + " each)");
      }
      checker.check(phases.grains
                      == std::vector<unsigned int>{grains_per_phase,
                                                   grains_per_phase},
                    step + std::to_string(grains_per_phase)
                      + " grain(s) per phase");
      checker.close(m.porosity, 0.5, 1e-12, 0, step + "porosity");
      checker.close(m.specific_surface_area,
                    (dim == 3 ? L * Ly : L) / volume,
                    1e-12,
                    0,
                    step + "specific surface [1/nm]");
      checker.close(m.phase_boundary_density,
                    (dim == 3 ? 20 * Ly : 20) / volume,
                    1e-12,
                    0,
                    step + "phase-boundary density [1/nm]");
      const double grain_boundary
        = grains_per_phase == 1 ? 0 : 4 * 20 * 20 / volume;
      checker.close(m.grain_boundary_density,
                    grain_boundary,
                    1e-12,
                    1e-15,
                    step + "grain-boundary density [1/nm]");
      checker.close(m.triple_phase_boundary_density,
                    (dim == 3 ? Ly : 1) / volume,
                    1e-12,
                    0,
                    step
                      + (dim == 3 ? "TPB length per volume [1/nm^2]"
                                  : "TPB points per area [1/nm^2]"));
      if (cycle == 0)
        tria->refine_global(1);
      else
      {
        for (const auto &cell : tria->active_cell_iterators())
          if (cell->is_locally_owned()
              && sample.phases.phase(cell->material_id()) == 0)
            cell->set_refine_flag();
        tria->execute_coarsening_and_refinement();
      }
    }
  }

  /// Geometry/Type = microstructure on the image: the phases name the
  /// regions (MaterialNames), 12 cells each.
  void
  check_regions(testing::Checker &checker)
  {
    ParameterHandler prm;
    GeometryParameters::declare_parameters(prm);
    for (const auto &[path, value] :
         testing::Overrides{{"Geometry/Dimension", "3"},
                            {"Geometry/Type", "microstructure"},
                            {"Microstructure/Structure", "image"},
                            {"Microstructure/Image file", "tpb_blocks_3d.raw"},
                            {"Microstructure/Image size", "4, 3, 4"},
                            {"Microstructure/Voxel size", "10"},
                            {"Microstructure/Phase labels",
                             "pore: 0, oxide: 1, metal: 2"}})
      apply_parameter_override(prm, path, value);
    GeometryParameters geometry;
    geometry.parse_parameters(prm, testing::source_path("meshes"));
    auto          tria = create_triangulation<3>(MPI_COMM_WORLD);
    MaterialNames materials;
    create_coarse_mesh(*tria, geometry, materials);
    for (const std::string name : {"oxide", "metal"})
    {
      const auto  &ids   = materials.ids(name, "test");
      unsigned int cells = 0;
      for (const auto &cell : tria->active_cell_iterators())
        if (cell->is_locally_owned()
            && std::find(ids.begin(), ids.end(), cell->material_id())
                 != ids.end())
          ++cells;
      cells = Utilities::MPI::sum(cells, MPI_COMM_WORLD);
      checker.check(cells == 12,
                    "Geometry/Type = microstructure, image: region '" + name
                      + "' has " + std::to_string(cells)
                      + " cells (expected 12)");
    }
  }



  void
  check_example(testing::Checker &checker)
  {
    const MicrostructureSample sample = generate_microstructure(
      image_parameters(3,
                       {{"Microstructure/Image file",
                         "porous_oxide_metal_3d.raw"},
                        {"Microstructure/Image size", "32, 32, 32"},
                        {"Microstructure/Voxel size", "5"},
                        {"Microstructure/Mean grain size", "40"}}));
    auto distributed = create_triangulation<3>(MPI_COMM_WORLD);
    create_voxel_mesh(sample.grid, *distributed);
    Triangulation<3> serial;
    create_voxel_mesh(sample.grid, serial);
    for (unsigned int cycle = 0; cycle < 2; ++cycle)
    {
      const std::string what = std::string("porous_oxide_metal_3d.raw")
                               + (cycle ? ", metal refined" : "") + ": ";
      const auto m      = compute_microstructure_metrics(*distributed,
                                                    sample.grid.lengths,
                                                    sample.phases);
      const auto s      = compute_microstructure_metrics(serial,
                                                    sample.grid.lengths,
                                                    sample.phases);
      const auto phases = measure_phases(*distributed, sample.phases);
      checker.check(phases.cells.size() == 2
                      && phases.cells[0] + phases.cells[1]
                           == distributed->n_global_active_cells(),
                    what + "oxide " + std::to_string(phases.cells[0])
                      + " + metal " + std::to_string(phases.cells[1])
                      + " cells = all "
                      + std::to_string(distributed->n_global_active_cells()));
      const std::pair<double MicrostructureMetrics::*, const char *> measures[]
        = {{&MicrostructureMetrics::triple_phase_boundary, "TPB length [nm]"},
           {&MicrostructureMetrics::phase_boundaries, "phase-boundary area"},
           {&MicrostructureMetrics::grain_boundaries, "grain-boundary area"},
           {&MicrostructureMetrics::pore_surface, "pore-wall area"}};
      for (const auto &[measure, name] : measures)
        checker.close(m.*measure,
                      s.*measure,
                      1e-12,
                      0,
                      what + name + ", 2 ranks vs serial mesh");
      // Every TPB edge is an edge of a pore-wall face (4 edges of length
      // h, area h^2 each): TPB <= 4 (wall area) / h.
      checker.within(m.triple_phase_boundary,
                     1e-9,
                     4 * m.pore_surface / (5. / (1 << cycle)),
                     what + "TPB length [nm] positive and below its bound");
      // Refine the metal only: hanging edges along most of the TPB.
      for (const auto &cell : distributed->active_cell_iterators())
        if (cell->is_locally_owned()
            && sample.phases.phase(cell->material_id()) == 1)
          cell->set_refine_flag();
      for (const auto &cell : serial.active_cell_iterators())
        if (sample.phases.phase(cell->material_id()) == 1)
          cell->set_refine_flag();
      distributed->execute_coarsening_and_refinement();
      serial.execute_coarsening_and_refinement();
    }
  }
} // namespace

int
main(int argc, char **argv)
{
  Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                 checker;
  const testing::Overrides         raw_3d{{"Microstructure/Image file",
                                           "tpb_blocks_3d.raw"},
                                  {"Microstructure/Image size", "4, 3, 4"}};
  check_blocks<3>(checker, "3D raw 8 bit", raw_3d);
  check_blocks<3>(checker,
                  "3D PNG stack 16 bit",
                  {{"Microstructure/Image file", "tpb_blocks_3d_%d.png"},
                   {"Microstructure/Image format", "png"},
                   {"Microstructure/Image bit depth", "16"},
                   {"Microstructure/Image size", "4, 3, 4"}});
  for (const bool big_endian : {false, true})
    check_blocks<3>(
      checker,
      std::string("3D raw 16 bit ") + (big_endian ? "big" : "little")
        + " endian",
      {{"Microstructure/Image file", write_16_bit_blocks(big_endian)},
       {"Microstructure/Image size", "4, 3, 4"},
       {"Microstructure/Image bit depth", "16"},
       {"Microstructure/Image byte order",
        big_endian ? "big endian" : "little endian"},
       {"Microstructure/Phase labels", "pore: 0, oxide: 300, metal: 1000"}});
  // Grain image: grain value = y index (0, 1, 2), written by rank 0.
  if (Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
  {
    std::ofstream out("tpb_blocks_grains.raw", std::ios::binary);
    for (unsigned int k = 0; k < 4; ++k)
      for (unsigned int j = 0; j < 3; ++j)
        for (unsigned int i = 0; i < 4; ++i)
          out.put(static_cast<char>(j));
  }
  MPI_Barrier(MPI_COMM_WORLD);
  auto with_grains = raw_3d;
  with_grains.emplace_back("Microstructure/Grain image file",
                           "tpb_blocks_grains.raw");
  check_blocks<3>(checker, "3D raw with grain image", with_grains, 3);
  check_blocks<2>(checker,
                  "2D PNG 8 bit",
                  {{"Microstructure/Image file", "tpb_blocks_2d.png"},
                   {"Microstructure/Image format", "png"},
                   {"Microstructure/Image size", "4, 4"}});
  check_regions(checker);
  check_example(checker);
  return checker.exit_code();
}
