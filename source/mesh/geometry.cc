#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/grid_in.h>

#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_utilities.h>
#include <exsolve/mesh/geometry.h>
#include <exsolve/microstructure/microstructure_mesh.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace exsolve
{
  using namespace dealii;

  void
  GeometryParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Geometry");
    {
      prm.declare_entry("Dimension",
                        "1",
                        Patterns::Integer(1, 3),
                        "[-] Spatial dimension of the model: 1, 2 or 3.");
      prm.declare_entry(
        "Type",
        "box",
        Patterns::Selection("box|gmsh|microstructure"),
        "[-] 'box': an interval, rectangle or box [0, Lx] x [0, Ly] x [0, Lz] "
        "with boundaries x_min, x_max, y_min, y_max, z_min, z_max. 'gmsh': "
        "the mesh in 'Mesh file', whose physical groups name boundaries. "
        "'microstructure' (2D/3D): the solid of the porous sample of section "
        "Microstructure (Lengths and Subdivisions are not used), one cell "
        "per voxel, material id = grain id, boundaries x_min .. z_max and "
        "pore_surface.");
      prm.declare_entry(
        "Lengths",
        "100, 100, 100",
        Patterns::List(Patterns::Double(), 1, 3),
        "[nm] Box edge lengths Lx, Ly, Lz (trailing entries beyond the "
        "dimension are ignored; in the dimensionless unit system, in units of "
        "the reference length). Each must be positive.");
      prm.declare_entry(
        "Subdivisions",
        "16",
        Patterns::Integer(1, 100000),
        "[-] Number of coarse cells along x; the other directions get as many "
        "cells as keep them closest to cubic (at least one). 1..100000.");
      prm.declare_entry(
        "Mesh file",
        "",
        Patterns::Anything(),
        "[-] Gmsh .msh file (ASCII, format 2.2 or 4.1) for Type = gmsh, with "
        "coordinates in nm. Physical groups of dimension dim - 1 name the "
        "boundaries, those of dimension dim the regions (material ids). A "
        "relative path is looked up in the working directory, then next to "
        "the parameter file.");
      prm.declare_entry(
        "Boundary names",
        "",
        Patterns::Anything(),
        "[-] Renames boundaries, as 'default name: new name, ...', for example "
        "'x_min: surface, x_max: bulk'. Boundary conditions refer to the new "
        "names.");
    }
    prm.leave_subsection();
    MicrostructureParameters::declare_parameters(prm);
  }



  void
  GeometryParameters::parse_parameters(ParameterHandler  &prm,
                                       const std::string &input_directory)
  {
    prm.enter_subsection("Geometry");
    {
      dimension                   = prm.get_integer("Dimension");
      const std::string type_name = prm.get("Type");
      type                        = type_name == "gmsh"             ? Type::gmsh
                                    : type_name == "microstructure" ? Type::microstructure
                                                                    : Type::box;
      const auto length_list
        = parameters::parse_doubles(prm.get("Lengths"), "Geometry/Lengths");
      for (unsigned int d = 0; d < 3; ++d)
        lengths[d]
          = d < length_list.size() ? length_list[d] : length_list.back();
      for (unsigned int d = 0; d < dimension; ++d)
        require_input(d < length_list.size(),
                      "Geometry/Lengths",
                      prm.get("Lengths"),
                      "needs one length per dimension ("
                        + std::to_string(dimension) + ")");
      for (unsigned int d = 0; d < dimension; ++d)
        require_input(lengths[d] > 0,
                      "Geometry/Lengths",
                      prm.get("Lengths"),
                      "every length must be positive");
      subdivisions = prm.get_integer("Subdivisions");

      mesh_file = prm.get("Mesh file");
      if (type == Type::gmsh)
      {
        require_input(!mesh_file.empty(),
                      "Geometry/Mesh file",
                      "(empty)",
                      "Geometry/Type = gmsh needs a mesh file");
        namespace fs = std::filesystem;
        if (!fs::exists(mesh_file) && fs::path(mesh_file).is_relative()
            && fs::exists(fs::path(input_directory) / mesh_file))
          mesh_file = (fs::path(input_directory) / mesh_file).string();
        require_input(fs::is_regular_file(mesh_file),
                      "Geometry/Mesh file",
                      prm.get("Mesh file"),
                      "no such file (looked in the working directory and "
                      "in '"
                        + input_directory + "')");
      }
      boundary_renames = parameters::parse_map(prm.get("Boundary names"),
                                               "Geometry/Boundary names");
    }
    prm.leave_subsection();
    if (type == Type::microstructure)
    {
      microstructure.parse_parameters(prm, input_directory);
      lengths = microstructure.sample_size;
      MicrostructureMeshOptions options;
      options.parse_parameters(prm, dimension);
      require_input(!options.any_periodic(),
                    "Microstructure/Periodic directions",
                    prm.get({"Microstructure"}, "Periodic directions"),
                    "is not supported with Geometry/Type = microstructure: "
                    "the space-charge and transport solvers do not yet "
                    "constrain periodic degrees of freedom; leave it empty "
                    "(Physics/Model = microstructure supports it)");
      require_input(options.smoothing
                      == MicrostructureMeshOptions::Smoothing::none,
                    "Microstructure/Boundary smoothing",
                    prm.get({"Microstructure"}, "Boundary smoothing"),
                    "is not yet available with Geometry/Type = "
                    "microstructure, which meshes the voxel staircase; set "
                    "it to none (Physics/Model = microstructure supports it)");
    }
  }



  std::map<std::pair<int, int>, std::string>
  read_gmsh_physical_names(const std::string &file_name)
  {
    std::map<std::pair<int, int>, std::string> names;
    std::ifstream                              in(file_name);
    std::string                                line;
    while (std::getline(in, line))
      if (line.rfind("$PhysicalNames", 0) == 0)
      {
        unsigned int n = 0;
        in >> n;
        for (unsigned int i = 0; i < n; ++i)
        {
          int         dim = 0, tag = 0;
          std::string name;
          in >> dim >> tag;
          std::getline(in, name);
          name = Utilities::trim(name);
          name.erase(std::remove(name.begin(), name.end(), '"'), name.end());
          names[{dim, tag}] = name;
        }
        break;
      }
    return names;
  }



  namespace
  {
    template <int dim>
    BoundaryNames
    create_box(Triangulation<dim> &tria, const GeometryParameters &parameters)
    {
      Point<dim>                p1, p2;
      std::vector<unsigned int> repetitions(dim);
      for (unsigned int d = 0; d < dim; ++d)
      {
        p2[d] = parameters.lengths[d];
        repetitions[d]
          = d == 0
              ? parameters.subdivisions
              : std::max<unsigned int>(1,
                                       std::lround(parameters.subdivisions
                                                   * parameters.lengths[d]
                                                   / parameters.lengths[0]));
      }
      GridGenerator::subdivided_hyper_rectangle(
        tria, repetitions, p1, p2, /*colorize=*/true);

      BoundaryNames names;
      const char   *axis[] = {"x", "y", "z"};
      for (unsigned int d = 0; d < dim; ++d)
      {
        names.add(2 * d, std::string(axis[d]) + "_min");
        names.add(2 * d + 1, std::string(axis[d]) + "_max");
      }
      return names;
    }



    template <int dim>
    BoundaryNames
    read_gmsh(Triangulation<dim>       &tria,
              const GeometryParameters &parameters,
              MaterialNames            &materials)
    {
      GridIn<dim> grid_in(tria);
      try
      {
        std::ifstream in(parameters.mesh_file);
        grid_in.read_msh(in);
      }
      catch (const std::exception &exc)
      {
        throw InputError("Geometry/Mesh file = " + parameters.mesh_file
                         + ": could not be read as a " + std::to_string(dim)
                         + "D Gmsh mesh (ASCII format 2.2 or 4.1): "
                         + std::string(exc.what()).substr(0, 600));
      }

      BoundaryNames names;
      const auto    physical = read_gmsh_physical_names(parameters.mesh_file);
      std::set<types::boundary_id> used_ids;
      for (const auto &face : tria.active_face_iterators())
        if (face->at_boundary())
          used_ids.insert(face->boundary_id());
      for (const auto id : used_ids)
      {
        const auto it = physical.find({dim - 1, static_cast<int>(id)});
        names.add(id, it != physical.end() ? it->second : std::to_string(id));
      }
      // GridIn sets the material id of a cell to its physical tag.
      std::set<types::material_id> used_materials;
      for (const auto &cell : tria.active_cell_iterators())
        used_materials.insert(cell->material_id());
      for (const auto id : used_materials)
      {
        const auto it = physical.find({dim, static_cast<int>(id)});
        materials.add(id,
                      it != physical.end() ? it->second : std::to_string(id));
      }
      return names;
    }
  } // namespace



  template <int dim>
  BoundaryNames
  create_coarse_mesh(Triangulation<dim>       &tria,
                     const GeometryParameters &parameters)
  {
    MaterialNames materials;
    return create_coarse_mesh(tria, parameters, materials);
  }



  template <int dim>
  BoundaryNames
  create_coarse_mesh(Triangulation<dim>       &tria,
                     const GeometryParameters &parameters,
                     MaterialNames            &materials)
  {
    require_input(parameters.dimension == dim,
                  "Geometry/Dimension",
                  std::to_string(parameters.dimension),
                  "internal error: mesh requested for dimension "
                    + std::to_string(dim));
    BoundaryNames names;
    if (parameters.type == GeometryParameters::Type::box)
    {
      names = create_box(tria, parameters);
      materials.add(0, "domain");
    }
    else if (parameters.type == GeometryParameters::Type::gmsh)
      names = read_gmsh(tria, parameters, materials);
    else if constexpr (dim > 1)
    {
      // Every rank generates (or reads) the same voxels.
      const auto meshed
        = mesh_microstructure(parameters.microstructure, {}, tria);
      const SolidPhases &phases = meshed.sample.phases;
      names                     = meshed.boundary_names;
      for (unsigned int grain = 0; grain < meshed.sample.n_grains; ++grain)
        materials.add(grain, phases.names[phases.phase(grain)]);
    }
    for (const auto &[old_name, new_name] : parameters.boundary_renames)
      names.rename(old_name, new_name);
    return names;
  }

  template BoundaryNames
  create_coarse_mesh<1>(Triangulation<1> &, const GeometryParameters &);
  template BoundaryNames
  create_coarse_mesh<2>(Triangulation<2> &, const GeometryParameters &);
  template BoundaryNames
  create_coarse_mesh<3>(Triangulation<3> &, const GeometryParameters &);
  template BoundaryNames
  create_coarse_mesh<1>(Triangulation<1> &,
                        const GeometryParameters &,
                        MaterialNames &);
  template BoundaryNames
  create_coarse_mesh<2>(Triangulation<2> &,
                        const GeometryParameters &,
                        MaterialNames &);
  template BoundaryNames
  create_coarse_mesh<3>(Triangulation<3> &,
                        const GeometryParameters &,
                        MaterialNames &);
} // namespace exsolve
