// Gmsh physical groups by name (2 ranks, p4est): meshes/two_phase_block_
// {2,3}d.msh (meshes/make_two_phase_blocks.py) has regions "oxide" (tag 10,
// x < 20 nm) and "metal" (tag 20, 20 < x < 60 nm) and boundaries "surface"
// (x = 0), "contact" (x = 60) and "sides" in a 60 x 20 (x 20) nm bar.
// Read through Geometry/Type = gmsh, each name must give back its tag
// (material ids 10 and 20, boundary ids 1, 2, 3) and exactly the cells and
// faces the file puts there: the volumes 20 x 20 (x 20) and 40 x 20 (x 20)
// and the face measures 20 (400), 20 (400) and 120 (4 x 60 x 20 = 4800 in
// 3D; 2 x 60 = 120 in 2D) to 1e-12 relative (sums of exact binary
// fractions), with every "oxide" cell centre at x < 20 and every "surface"
// face at x = 0; the same after one global refinement (children inherit
// both ids). An unknown region or boundary name is an input error that
// lists the known names.
#include <deal.II/base/mpi.h>

#include <exsolve/core/input_error.h>
#include <exsolve/core/triangulation_factory.h>
#include <exsolve/mesh/geometry.h>

#include "test_utilities.h"

#include <map>

using namespace dealii;
using namespace exsolve;

namespace
{
  template <int dim>
  void
  check_block(testing::Checker &checker)
  {
    ParameterHandler prm;
    testing::geometry_parameters(prm,
                                 dim,
                                 {{"Geometry/Type", "gmsh"},
                                  {"Geometry/Mesh file",
                                   "two_phase_block_" + std::to_string(dim)
                                     + "d.msh"}});
    GeometryParameters geometry;
    geometry.parse_parameters(prm, testing::source_path("meshes"));

    auto          tria = create_triangulation<dim>(MPI_COMM_WORLD);
    MaterialNames materials;
    const auto    boundaries = create_coarse_mesh(*tria, geometry, materials);
    const std::string what   = std::to_string(dim) + "D two_phase_block: ";

    const std::map<std::string, types::material_id> tags{{"oxide", 10},
                                                         {"metal", 20}};
    for (const auto &[name, tag] : tags)
    {
      const auto &ids = materials.ids(name, "test");
      checker.check(ids == std::vector<types::material_id>{tag},
                    what + "region '" + name + "' is material id "
                      + std::to_string(tag) + " (got "
                      + (ids.empty() ? "none" : std::to_string(ids[0])) + ")");
    }
    const std::map<std::string, types::boundary_id> boundary_tags{
      {"surface", 1}, {"contact", 2}, {"sides", 3}};
    for (const auto &[name, tag] : boundary_tags)
      checker.check(boundaries.id(name, "test") == tag,
                    what + "boundary '" + name + "' is id "
                      + std::to_string(tag));

    const double cross = dim == 3 ? 400 : 20;
    for (unsigned int refinement = 0; refinement < 2; ++refinement)
    {
      const std::string step
        = what + (refinement ? "refined once: " : "coarse: ");
      std::map<types::material_id, double> volume;
      std::map<types::boundary_id, double> area;
      bool                                 placed = true;
      for (const auto &cell : tria->active_cell_iterators())
      {
        if (!cell->is_locally_owned())
          continue;
        volume[cell->material_id()] += cell->measure();
        placed
          = placed && (cell->material_id() == 10) == (cell->center()[0] < 20);
        for (const unsigned int f : cell->face_indices())
          if (cell->face(f)->at_boundary())
          {
            const auto id = cell->face(f)->boundary_id();
            area[id] += cell->face(f)->measure();
            const double x = cell->face(f)->center()[0];
            placed         = placed && (id != 1 || std::abs(x) < 1e-9)
                     && (id != 2 || std::abs(x - 60) < 1e-9);
          }
      }
      const auto sum = [&](const double local)
      { return Utilities::MPI::sum(local, MPI_COMM_WORLD); };
      checker.check(Utilities::MPI::min(placed ? 1 : 0, MPI_COMM_WORLD) == 1,
                    step
                      + "oxide cells at x < 20, metal beyond; surface at "
                        "x = 0, contact at x = 60");
      checker.close(sum(volume[materials.ids("oxide", "test")[0]]),
                    20 * cross,
                    1e-12,
                    0,
                    step + "volume of 'oxide'");
      checker.close(sum(volume[materials.ids("metal", "test")[0]]),
                    40 * cross,
                    1e-12,
                    0,
                    step + "volume of 'metal'");
      checker.close(sum(area[boundaries.id("surface", "test")]),
                    cross,
                    1e-12,
                    0,
                    step + "area of 'surface'");
      checker.close(sum(area[boundaries.id("contact", "test")]),
                    cross,
                    1e-12,
                    0,
                    step + "area of 'contact'");
      checker.close(sum(area[boundaries.id("sides", "test")]),
                    dim == 3 ? 4 * 60 * 20 : 2 * 60,
                    1e-12,
                    0,
                    step + "area of 'sides'");
      tria->refine_global(1);
    }

    bool rejected = false;
    try
    {
      materials.ids("zirconia", "Some/Region");
    }
    catch (const InputError &error)
    {
      const std::string message = error.what();
      rejected = message.find("Some/Region = zirconia") != std::string::npos
                 && message.find("metal, oxide") != std::string::npos;
      checker.check(rejected, what + "unknown region: " + message);
    }
    checker.check(rejected, what + "unknown region name rejected");
  }
} // namespace

int
main(int argc, char **argv)
{
  Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                 checker;
  check_block<2>(checker);
  check_block<3>(checker);
  return checker.exit_code();
}
