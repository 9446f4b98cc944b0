#include <exsolve/microstructure/voxel_grid.h>

#include <algorithm>

namespace exsolve
{
  VoxelGrid::VoxelGrid(const unsigned int                 dimension,
                       const std::array<unsigned int, 3> &n_in,
                       const std::array<double, 3>       &lengths_in)
      : dimension(dimension)
      , n(n_in)
      , lengths(lengths_in)
  {
    for (unsigned int d = dimension; d < 3; ++d)
      n[d] = 1;
    label.assign(std::size_t(n[0]) * n[1] * n[2], 0);
  }



  std::array<unsigned int, 3>
  VoxelGrid::position(const std::size_t v) const
  {
    return {{static_cast<unsigned int>(v % n[0]),
             static_cast<unsigned int>((v / n[0]) % n[1]),
             static_cast<unsigned int>(v / (std::size_t(n[0]) * n[1]))}};
  }



  std::array<double, 3>
  VoxelGrid::centre(const std::size_t v) const
  {
    const auto            p = position(v);
    std::array<double, 3> x{{0., 0., 0.}};
    for (unsigned int d = 0; d < dimension; ++d)
      x[d] = (p[d] + 0.5) * spacing(d);
    return x;
  }



  double
  VoxelGrid::porosity() const
  {
    const auto pores = std::count(label.begin(), label.end(), pore);
    return static_cast<double>(pores) / label.size();
  }



  void
  VoxelGrid::face_neighbours(const std::size_t         v,
                             std::vector<std::size_t> &out) const
  {
    const auto        p         = position(v);
    const std::size_t stride[3] = {1, n[0], std::size_t(n[0]) * n[1]};
    for (unsigned int d = 0; d < dimension; ++d)
    {
      if (p[d] > 0)
        out.push_back(v - stride[d]);
      else if (periodic[d] && n[d] > 1)
        out.push_back(v + (n[d] - 1) * stride[d]);
      if (p[d] + 1 < n[d])
        out.push_back(v + stride[d]);
      else if (periodic[d] && n[d] > 1)
        out.push_back(v - (n[d] - 1) * stride[d]);
    }
  }
} // namespace exsolve
