#include <exsolve/microstructure/sphere_union.h>

#include <cmath>

namespace exsolve
{
  std::array<double, 3>
  SphereUnion::offset(const std::array<double, 3> &x, const std::size_t s) const
  {
    std::array<double, 3> r{{0., 0., 0.}};
    for (unsigned int d = 0; d < dimension; ++d)
    {
      r[d] = x[d] - centres[s][d];
      if (periodic[d])
        r[d] -= lengths[d] * std::round(r[d] / lengths[d]);
    }
    return r;
  }



  bool
  SphereUnion::covers(const std::array<double, 3> &x) const
  {
    for (std::size_t s = 0; s < centres.size(); ++s)
    {
      const auto r  = offset(x, s);
      double     r2 = 0;
      for (unsigned int d = 0; d < dimension; ++d)
        r2 += r[d] * r[d];
      if (r2 <= radius * radius)
        return true;
    }
    return false;
  }
} // namespace exsolve
