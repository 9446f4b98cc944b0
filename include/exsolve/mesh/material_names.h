#pragma once

#include <deal.II/base/types.h>

#include <map>
#include <string>
#include <vector>

namespace exsolve
{
  /**
   * Names of the regions of a mesh, each a set of material ids: a Gmsh
   * physical volume (surface in 2D) names its tag; a solid phase of a
   * microstructure names all its grain ids. Looking up an unknown name is
   * an input error that lists the known names.
   */
  class MaterialNames
  {
  public:
    void
    add(const dealii::types::material_id id, const std::string &name);

    /// Material ids of @p name; throws InputError naming @p parameter.
    const std::vector<dealii::types::material_id> &
    ids(const std::string &name, const std::string &parameter) const;

    bool
    contains(const std::string &name) const;

    /// Name of the region holding @p id, or the id as text.
    std::string
    name(const dealii::types::material_id id) const;

    /// All names, comma separated, for error messages.
    std::string
    known_names() const;

  private:
    std::map<std::string, std::vector<dealii::types::material_id>> ids_by_name;
  };
} // namespace exsolve
