#pragma once

#include <deal.II/base/types.h>

#include <map>
#include <string>
#include <vector>

namespace exsolve
{
  /**
   * Two-way map between boundary ids of the mesh and the names users write
   * in parameter files ("surface", "bulk", ...). Every lookup of an unknown
   * name is an input error that lists the known names.
   */
  class BoundaryNames
  {
  public:
    void
    add(const dealii::types::boundary_id id, const std::string &name);

    /// Rename the boundary currently called @p old_name.
    void
    rename(const std::string &old_name, const std::string &new_name);

    /// Id of @p name; throws InputError naming @p parameter otherwise.
    dealii::types::boundary_id
    id(const std::string &name, const std::string &parameter) const;

    bool
    contains(const std::string &name) const;

    std::string
    name(const dealii::types::boundary_id id) const;

    /// All names, comma separated, for error messages.
    std::string
    known_names() const;

    std::vector<dealii::types::boundary_id>
    ids() const;

  private:
    std::map<std::string, dealii::types::boundary_id> ids_by_name;
  };
} // namespace exsolve
