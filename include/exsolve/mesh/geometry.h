#pragma once

#include <deal.II/base/parameter_handler.h>
#include <deal.II/grid/tria.h>

#include <exsolve/mesh/boundary_names.h>
#include <exsolve/mesh/material_names.h>
#include <exsolve/microstructure/microstructure_parameters.h>

#include <array>
#include <map>
#include <string>

namespace exsolve
{
  /**
   * The computational domain: an interval, rectangle or box split into
   * near-cubic cells, a Gmsh mesh, or the solid of a generated porous
   * microstructure (section Microstructure, 2D/3D). Lengths are in nm (or in
   * units of the reference length in dimensionless runs); this is also
   * exsolve's internal length unit, so no coordinate is ever rescaled.
   */
  struct GeometryParameters
  {
    enum class Type
    {
      box,
      gmsh,
      microstructure
    };

    unsigned int          dimension = 1;
    Type                  type      = Type::box;
    std::array<double, 3> lengths{{1., 1., 1.}};
    unsigned int          subdivisions = 16;
    std::string           mesh_file;
    /// Renames of boundaries, default name -> user name.
    std::map<std::string, std::string> boundary_renames;
    /// Read only for Type = microstructure.
    MicrostructureParameters microstructure;

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /// @p input_directory resolves relative mesh paths next to the file.
    void
    parse_parameters(dealii::ParameterHandler &prm,
                     const std::string        &input_directory);
  };

  /**
   * Build the coarse mesh into @p tria and return its boundary names. Throws
   * InputError for unreadable meshes or unknown boundary names.
   */
  template <int dim>
  BoundaryNames
  create_coarse_mesh(dealii::Triangulation<dim> &tria,
                     const GeometryParameters   &parameters);

  /**
   * As above, and the names of the mesh's regions into @p materials: for
   * Gmsh the physical groups of dimension dim (material id = physical tag;
   * unnamed tags by their number), for a microstructure each solid phase
   * with its grain ids, for a box the single region "domain" (id 0).
   */
  template <int dim>
  BoundaryNames
  create_coarse_mesh(dealii::Triangulation<dim> &tria,
                     const GeometryParameters   &parameters,
                     MaterialNames              &materials);

  /// Names of the physical groups in a Gmsh file, by dimension and tag.
  std::map<std::pair<int, int>, std::string>
  read_gmsh_physical_names(const std::string &file_name);
} // namespace exsolve
