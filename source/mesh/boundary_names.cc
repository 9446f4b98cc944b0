#include <exsolve/core/input_error.h>
#include <exsolve/mesh/boundary_names.h>

namespace exsolve
{
  void
  BoundaryNames::add(const dealii::types::boundary_id id,
                     const std::string               &name)
  {
    ids_by_name[name] = id;
  }



  void
  BoundaryNames::rename(const std::string &old_name,
                        const std::string &new_name)
  {
    const auto it = ids_by_name.find(old_name);
    require_input(it != ids_by_name.end(),
                  "Geometry/Boundary names",
                  old_name + ": " + new_name,
                  "the mesh has no boundary called '" + old_name
                    + "'; known boundaries: " + known_names());
    require_input(!contains(new_name),
                  "Geometry/Boundary names",
                  old_name + ": " + new_name,
                  "the name '" + new_name + "' is already used");
    const auto id = it->second;
    ids_by_name.erase(it);
    ids_by_name[new_name] = id;
  }



  dealii::types::boundary_id
  BoundaryNames::id(const std::string &name, const std::string &parameter) const
  {
    const auto it = ids_by_name.find(name);
    require_input(it != ids_by_name.end(),
                  parameter,
                  name,
                  "no boundary of the mesh has this name; known boundaries: "
                    + known_names());
    return it->second;
  }



  bool
  BoundaryNames::contains(const std::string &name) const
  {
    return ids_by_name.count(name) > 0;
  }



  std::string
  BoundaryNames::name(const dealii::types::boundary_id id) const
  {
    for (const auto &[n, i] : ids_by_name)
      if (i == id)
        return n;
    return std::to_string(id);
  }



  std::string
  BoundaryNames::known_names() const
  {
    std::string list;
    for (const auto &entry : ids_by_name)
      list += (list.empty() ? "" : ", ") + entry.first;
    return list;
  }



  std::vector<dealii::types::boundary_id>
  BoundaryNames::ids() const
  {
    std::vector<dealii::types::boundary_id> result;
    for (const auto &entry : ids_by_name)
      result.push_back(entry.second);
    return result;
  }
} // namespace exsolve
