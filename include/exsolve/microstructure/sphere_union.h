#pragma once

#include <array>
#include <cstddef>
#include <vector>

namespace exsolve
{
  /**
   * The union of equal spheres (disks in 2D) that generated a structure, in
   * a sample box that may be periodic in some directions. Its surface is the
   * pore wall the voxel staircase approximates; in a periodic direction a
   * sphere acts through its nearest image (the diameter is at most the
   * sample edge, so no other image can reach a point of the sample).
   */
  struct SphereUnion
  {
    unsigned int                       dimension = 3;
    double                             radius    = 0;
    std::vector<std::array<double, 3>> centres;
    std::array<double, 3>              lengths{{1., 1., 1.}};
    std::array<bool, 3>                periodic{{false, false, false}};

    /// x - centre of sphere @p s, taken to the nearest image in periodic
    /// directions.
    std::array<double, 3>
    offset(const std::array<double, 3> &x, const std::size_t s) const;

    /// Is @p x inside (or on) any sphere?
    bool
    covers(const std::array<double, 3> &x) const;
  };
} // namespace exsolve
