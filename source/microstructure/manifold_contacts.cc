#include <exsolve/microstructure/manifold_contacts.h>

#include <array>
#include <vector>

namespace exsolve
{
  namespace
  {
    /// The voxels of a block of 2^dim positions (around a vertex) or 4
    /// (around an edge, 3D); out-of-range positions count as pore, except
    /// in periodic directions, where they wrap around.
    struct Block
    {
      unsigned int                      size = 0;
      std::array<std::array<int, 3>, 8> offsets;
      std::array<long long, 8>          voxel;
      std::array<bool, 8>               solid;
    };

    void
    gather(const VoxelGrid                       &grid,
           const std::array<int, 3>              &base,
           const std::vector<std::array<int, 3>> &offsets,
           Block                                 &block)
    {
      block.size = offsets.size();
      for (unsigned int b = 0; b < block.size; ++b)
      {
        block.offsets[b]          = offsets[b];
        block.voxel[b]            = -1;
        block.solid[b]            = false;
        bool               inside = true;
        std::array<int, 3> p;
        for (unsigned int d = 0; d < 3; ++d)
        {
          const int n = grid.n[d];
          p[d]        = base[d] + offsets[b][d];
          // Across a periodic sample face the block continues on the other
          // side, so contacts through it are found as well.
          if (grid.periodic[d])
            p[d] = (p[d] + n) % n;
          inside = inside && p[d] >= 0 && p[d] < n;
        }
        if (!inside)
          continue;
        block.voxel[b] = grid.index(p[0], p[1], p[2]);
        block.solid[b] = grid.solid(block.voxel[b]);
      }
    }

    /// Are the solid voxels of the block face-connected within it?
    bool
    connected(const Block &block)
    {
      unsigned int n_solid = 0, first = 0;
      for (unsigned int b = 0; b < block.size; ++b)
        if (block.solid[b] && n_solid++ == 0)
          first = b;
      // Most blocks lie inside the solid or the pores.
      if (n_solid <= 1 || n_solid == block.size)
        return true;
      std::array<bool, 8>         reached{};
      std::array<unsigned int, 8> stack;
      unsigned int                top = 0, n_reached = 1;
      reached[first] = true;
      stack[top++]   = first;
      while (top > 0)
      {
        const unsigned int a = stack[--top];
        for (unsigned int b = 0; b < block.size; ++b)
        {
          int differences = 0;
          for (unsigned int d = 0; d < 3; ++d)
            differences += block.offsets[a][d] != block.offsets[b][d];
          if (differences == 1 && block.solid[b] && !reached[b])
          {
            reached[b] = true;
            ++n_reached;
            stack[top++] = b;
          }
        }
      }
      return n_reached == n_solid;
    }
  } // namespace



  std::size_t
  fill_non_manifold_contacts(VoxelGrid &grid)
  {
    const unsigned int dim = grid.dimension;
    // Vertex blocks: the 2^dim voxels around vertex (i, j, k) are at
    // offsets -1 and 0; edge blocks (3D) around the edge along an axis
    // starting at that vertex have offset 0 along it.
    std::vector<std::array<int, 3>> vertex;
    for (int k = (dim == 3 ? -1 : 0); k <= 0; ++k)
      for (int j = -1; j <= 0; ++j)
        for (int i = -1; i <= 0; ++i)
          vertex.push_back({{i, j, k}});
    std::vector<std::vector<std::array<int, 3>>> edges;
    if (dim == 3)
      for (unsigned int axis = 0; axis < 3; ++axis)
      {
        std::vector<std::array<int, 3>> edge;
        for (const auto &o : vertex)
          if (o[axis] == 0)
            edge.push_back(o);
        edges.push_back(edge);
      }

    std::size_t filled  = 0;
    bool        changed = true;
    Block       block;
    auto        repair = [&]()
    {
      if (connected(block))
        return;
      for (unsigned int b = 0; b < block.size; ++b)
        if (block.voxel[b] >= 0 && !block.solid[b])
        {
          grid.label[block.voxel[b]] = 0;
          ++filled;
          changed = true;
        }
    };
    while (changed)
    {
      changed = false;
      for (int k = 0; k <= static_cast<int>(dim == 3 ? grid.n[2] : 0); ++k)
        for (int j = 0; j <= static_cast<int>(grid.n[1]); ++j)
          for (int i = 0; i <= static_cast<int>(grid.n[0]); ++i)
          {
            gather(grid, {{i, j, k}}, vertex, block);
            repair();
            for (const auto &edge : edges)
            {
              gather(grid, {{i, j, k}}, edge, block);
              repair();
            }
          }
    }
    return filled;
  }
} // namespace exsolve
