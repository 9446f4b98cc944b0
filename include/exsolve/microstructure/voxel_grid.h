#pragma once

#include <array>
#include <cstddef>
#include <limits>
#include <vector>

namespace exsolve
{
  /**
   * A regular 2D or 3D voxel image of a sample [0, Lx] x [0, Ly] (x [0, Lz]):
   * each voxel is pore or solid, and a solid voxel carries a grain id. The
   * generators work on this cheap structure; the mesh is built from it once.
   * Voxels are stored x-fastest. In a periodic direction the image wraps
   * around: the last layer of voxels is the face neighbour of the first.
   */
  struct VoxelGrid
  {
    static constexpr unsigned int pore
      = std::numeric_limits<unsigned int>::max();

    unsigned int                dimension = 3;
    std::array<unsigned int, 3> n{{1, 1, 1}};
    std::array<double, 3>       lengths{{1., 1., 1.}};
    /// Grain id of each solid voxel, or `pore`.
    std::vector<unsigned int> label;
    /// Directions in which the sample tiles space.
    std::array<bool, 3> periodic{{false, false, false}};

    /// An all-solid grid (grain 0) of n[d] voxels over lengths[d].
    VoxelGrid(const unsigned int                 dimension,
              const std::array<unsigned int, 3> &n,
              const std::array<double, 3>       &lengths);

    std::size_t
    size() const
    {
      return label.size();
    }

    std::size_t
    index(const unsigned int i,
          const unsigned int j,
          const unsigned int k) const
    {
      return i + std::size_t(n[0]) * (j + std::size_t(n[1]) * k);
    }

    /// (i, j, k) of voxel @p v.
    std::array<unsigned int, 3>
    position(const std::size_t v) const;

    /// Centre of voxel @p v in nm.
    std::array<double, 3>
    centre(const std::size_t v) const;

    double
    spacing(const unsigned int d) const
    {
      return lengths[d] / n[d];
    }

    bool
    solid(const std::size_t v) const
    {
      return label[v] != pore;
    }

    /// Pore voxels / all voxels.
    double
    porosity() const;

    /// Face neighbours (2 dim at most) of voxel @p v, appended to @p out;
    /// across the sample faces only in periodic directions.
    void
    face_neighbours(const std::size_t v, std::vector<std::size_t> &out) const;
  };
} // namespace exsolve
