#include <exsolve/core/input_error.h>
#include <exsolve/mesh/material_names.h>

#include <algorithm>

namespace exsolve
{
  void
  MaterialNames::add(const dealii::types::material_id id,
                     const std::string               &name)
  {
    auto &ids = ids_by_name[name];
    if (std::find(ids.begin(), ids.end(), id) == ids.end())
      ids.push_back(id);
  }



  const std::vector<dealii::types::material_id> &
  MaterialNames::ids(const std::string &name,
                     const std::string &parameter) const
  {
    const auto it = ids_by_name.find(name);
    require_input(it != ids_by_name.end(),
                  parameter,
                  name,
                  "no region (material) of the mesh has this name; known "
                  "regions: "
                    + known_names());
    return it->second;
  }



  bool
  MaterialNames::contains(const std::string &name) const
  {
    return ids_by_name.count(name) > 0;
  }



  std::string
  MaterialNames::name(const dealii::types::material_id id) const
  {
    for (const auto &[n, ids] : ids_by_name)
      if (std::find(ids.begin(), ids.end(), id) != ids.end())
        return n;
    return std::to_string(id);
  }



  std::string
  MaterialNames::known_names() const
  {
    std::string list;
    for (const auto &entry : ids_by_name)
      list += (list.empty() ? "" : ", ") + entry.first;
    return list;
  }
} // namespace exsolve
