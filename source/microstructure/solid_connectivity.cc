#include <exsolve/microstructure/solid_connectivity.h>

#include <vector>

namespace exsolve
{
  namespace
  {
    constexpr unsigned int unvisited = VoxelGrid::pore;

    /// Cluster number of each solid voxel (flood fill with an explicit
    /// stack, so large clusters cannot overflow the call stack); returns the
    /// size of each cluster.
    std::vector<std::size_t>
    label_clusters(const VoxelGrid &grid, std::vector<unsigned int> &cluster)
    {
      cluster.assign(grid.size(), unvisited);
      std::vector<std::size_t> sizes, stack, neighbours;
      for (std::size_t start = 0; start < grid.size(); ++start)
      {
        if (!grid.solid(start) || cluster[start] != unvisited)
          continue;
        const unsigned int c = sizes.size();
        sizes.push_back(0);
        cluster[start] = c;
        stack.push_back(start);
        while (!stack.empty())
        {
          const std::size_t v = stack.back();
          stack.pop_back();
          ++sizes[c];
          neighbours.clear();
          grid.face_neighbours(v, neighbours);
          for (const std::size_t w : neighbours)
            if (grid.solid(w) && cluster[w] == unvisited)
            {
              cluster[w] = c;
              stack.push_back(w);
            }
        }
      }
      return sizes;
    }
  } // namespace



  unsigned int
  count_solid_clusters(const VoxelGrid &grid)
  {
    std::vector<unsigned int> cluster;
    return label_clusters(grid, cluster).size();
  }



  std::size_t
  remove_isolated_solid(VoxelGrid &grid)
  {
    std::vector<unsigned int> cluster;
    const auto                sizes = label_clusters(grid, cluster);
    if (sizes.size() <= 1)
      return 0;
    // The first largest cluster, so ties are broken reproducibly.
    unsigned int largest = 0;
    for (unsigned int c = 1; c < sizes.size(); ++c)
      if (sizes[c] > sizes[largest])
        largest = c;
    std::size_t removed = 0;
    for (std::size_t v = 0; v < grid.size(); ++v)
      if (grid.solid(v) && cluster[v] != largest)
      {
        grid.label[v] = VoxelGrid::pore;
        ++removed;
      }
    return removed;
  }
} // namespace exsolve
