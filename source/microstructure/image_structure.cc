#include <exsolve/core/input_error.h>
#include <exsolve/microstructure/image_structure.h>
#include <exsolve/microstructure/manifold_contacts.h>
#include <exsolve/microstructure/solid_connectivity.h>
#include <exsolve/microstructure/voronoi_grains.h>
#include <exsolve/microstructure/voxel_image.h>

#include <map>
#include <set>

namespace exsolve
{
  namespace
  {
    constexpr int pore_phase = -1;

    std::string
    labels_text(const VoxelImageParameters &image)
    {
      std::string text;
      for (const auto &[name, value] : image.phase_labels)
        text
          += (text.empty() ? "" : ", ") + name + ": " + std::to_string(value);
      return text;
    }

    /// Phase index per voxel (pore_phase for the pore).
    std::vector<int>
    phases_of_voxels(const VoxelImageParameters       &image,
                     const std::vector<std::uint16_t> &values,
                     SolidPhases                      &phases)
    {
      std::vector<int> phase_of_value(65536, -2);
      phases.names.clear();
      phases.pore_name = image.pore_phase;
      for (const auto &[name, value] : image.phase_labels)
        if (name == image.pore_phase)
          phase_of_value[value] = pore_phase;
        else
        {
          phase_of_value[value] = phases.names.size();
          phases.names.push_back(name);
        }
      std::vector<int>       phase(values.size());
      std::set<unsigned int> unknown;
      std::size_t            first_unknown = 0;
      for (std::size_t v = 0; v < values.size(); ++v)
      {
        phase[v] = phase_of_value[values[v]];
        if (phase[v] == -2 && unknown.insert(values[v]).second
            && unknown.size() == 1)
          first_unknown = v;
      }
      if (!unknown.empty())
      {
        std::string list;
        for (const auto value : unknown)
          list += (list.empty() ? "" : ", ") + std::to_string(value);
        const std::size_t nx = image.size[0], ny = image.size[1];
        throw InputError("Microstructure/Phase labels = " + labels_text(image)
                         + ": the image '" + image.file
                         + "' holds the value(s) " + list
                         + " that no label names (first at voxel i, j, k = "
                         + std::to_string(first_unknown % nx) + ", "
                         + std::to_string(first_unknown / nx % ny) + ", "
                         + std::to_string(first_unknown / (nx * ny))
                         + "); give every value in the image a phase");
      }
      return phase;
    }
  } // namespace



  MicrostructureSample
  read_image_structure(const MicrostructureParameters &parameters,
                       const std::array<bool, 3>      &periodic)
  {
    const VoxelImageParameters &image = parameters.image;
    const auto                  values
      = read_voxel_image(image, image.file, "Microstructure/Image file");
    std::vector<std::uint16_t> grain_values;
    if (!image.grain_file.empty())
      grain_values = read_voxel_image(image,
                                      image.grain_file,
                                      "Microstructure/Grain image file");

    MicrostructureSample sample(
      VoxelGrid(image.dimension, image.size, parameters.sample_size));
    std::vector<int> phase = phases_of_voxels(image, values, sample.phases);
    VoxelGrid       &grid  = sample.grid;
    grid.periodic          = periodic;
    for (std::size_t v = 0; v < grid.size(); ++v)
      grid.label[v] = phase[v] == pore_phase ? VoxelGrid::pore : 0;

    // Filled contact voxels take phase and grain value of a solid face
    // neighbour (sweeps until every one has one).
    sample.contact_voxels_filled = fill_non_manifold_contacts(grid);
    std::vector<std::size_t> pending, neighbours;
    for (std::size_t v = 0; v < grid.size(); ++v)
      if (grid.solid(v) && phase[v] == pore_phase)
        pending.push_back(v);
    while (!pending.empty())
    {
      std::vector<std::size_t>                         left;
      std::vector<std::pair<std::size_t, std::size_t>> copies;
      for (const auto v : pending)
      {
        neighbours.clear();
        grid.face_neighbours(v, neighbours);
        std::size_t from = v;
        for (const auto w : neighbours)
          if (phase[w] != pore_phase)
          {
            from = w;
            break;
          }
        if (from == v)
          left.push_back(v);
        else
          copies.emplace_back(v, from);
      }
      AssertThrow(!copies.empty(),
                  dealii::ExcMessage("filled voxels without solid neighbour"));
      for (const auto &[to, from] : copies)
      {
        phase[to] = phase[from];
        if (!grain_values.empty())
          grain_values[to] = grain_values[from];
      }
      pending.swap(left);
    }

    if (parameters.remove_isolated)
      sample.isolated_voxels_removed = remove_isolated_solid(grid);
    else
    {
      const unsigned int clusters = count_solid_clusters(grid);
      require_input(clusters <= 1,
                    "Microstructure/Remove isolated solid",
                    "false",
                    "the solid of the image '" + image.file + "' falls into "
                      + std::to_string(clusters)
                      + " face-connected clusters, which a diffusion solve "
                        "cannot handle; set it to true (keep the largest "
                        "cluster)");
    }

    unsigned int n_seeds = 0;
    if (grain_values.empty())
      n_seeds = assign_voronoi_grains(grid,
                                      parameters.mean_grain_size,
                                      parameters.seed);
    // A grain is a (phase, seed or grain value) pair; ids in voxel order.
    std::map<std::pair<int, unsigned int>, unsigned int> grain_ids;
    for (std::size_t v = 0; v < grid.size(); ++v)
      if (grid.solid(v))
      {
        const std::pair<int, unsigned int> key{
          phase[v], grain_values.empty() ? grid.label[v] : grain_values[v]};
        const auto [it, added] = grain_ids.emplace(key, grain_ids.size());
        if (added)
          sample.phases.grain_phase.push_back(phase[v]);
        grid.label[v] = it->second;
      }
    sample.n_grains = grain_ids.size();
    sample.description
      = "image " + image.file + " (" + image.size_text() + " voxels, "
        + std::to_string(sample.phases.n_phases()) + " solid phases, "
        + std::to_string(sample.n_grains) + " grains"
        + (grain_values.empty()
             ? " from " + std::to_string(n_seeds) + " Voronoi seeds)"
             : " from the grain image)")
        + ", " + std::to_string(sample.contact_voxels_filled)
        + " contact voxels filled";
    return sample;
  }
} // namespace exsolve
