// Checks shared by the boundary-smoothing tests of a single spherical pore
// (a disk in 2D) of radius r = 4, 8, 16 voxels (1 nm) in a solid cube of
// edge 2 r + 6 voxels.
#pragma once

#include "test_utilities.h"

#include <cmath>
#include <functional>
#include <limits>
#include <string>

namespace exsolve::testing
{
  struct PoreResult
  {
    /// Staircase and smoothed pore-wall area [nm^(dim-1)].
    double voxel_area = 0, smoothed_area = 0;
    /// Pore-wall area after a global refinement (NaN: not measured).
    double refined_area = std::numeric_limits<double>::quiet_NaN();
    double solid_volume = 0, min_measure = 0;
  };

  /**
   * For r = 4, 8, 16: the staircase overestimates the area by 30-70 % (3D;
   * the mean of |n_x| + |n_y| + |n_z|, 3/2) or 15-70 % (2D; 4 / pi); the
   * smoothed area error falls from each resolution to the next and is
   * within @p area_tolerance (relative) from r = 8 on, the pore volume
   * within 2 % there; every cell measure is positive (at least 1e-3 of the
   * voxel's); a global refinement keeps the area to 1e-7 (no manifold:
   * children lie on the smoothed coarse cells) where it was measured.
   */
  template <int dim>
  void
  check_spherical_pores_in(Checker           &checker,
                           const std::string &what,
                           const double       area_tolerance,
                           const std::function<PoreResult(unsigned int)> &pore)
  {
    const std::string shape          = dim == 3 ? "3D sphere" : "2D disk";
    double            previous_error = 1;
    for (const unsigned int r : {4u, 8u, 16u})
    {
      const PoreResult p          = pore(r);
      const double     exact_area = dim == 3 ? 4 * M_PI * r * r : 2 * M_PI * r;
      const double     exact_pore
        = dim == 3 ? 4. / 3. * M_PI * r * r * r : M_PI * r * r;
      const double      cube  = std::pow(2 * r + 6., dim);
      const double      error = std::abs(p.smoothed_area / exact_area - 1);
      const std::string name
        = shape + " " + what + ", r = " + std::to_string(r) + " voxels: ";
      checker.within(p.voxel_area / exact_area - 1,
                     dim == 3 ? 0.3 : 0.15,
                     0.7,
                     name + "voxel staircase area error (relative)");
      checker.check(error < previous_error,
                    name + "smoothed area error " + std::to_string(error)
                      + " below the coarser one "
                      + std::to_string(previous_error));
      previous_error = error;
      if (r >= 8)
      {
        checker.close(p.smoothed_area,
                      exact_area,
                      area_tolerance,
                      0,
                      name + "smoothed area vs exact");
        checker.close(cube - p.solid_volume,
                      exact_pore,
                      0.02,
                      0,
                      name + "pore volume of the smoothed mesh vs exact");
      }
      checker.within(p.min_measure,
                     1e-3,
                     1.,
                     name + "smallest cell measure [nm^dim] is positive");
      if (!std::isnan(p.refined_area))
        checker.close(p.refined_area,
                      p.smoothed_area,
                      1e-7,
                      0,
                      name + "area after a global refinement");
    }
  }

  /// check_spherical_pores_in 2D (disk) and 3D (sphere), with the pore of
  /// radius r made by @p pore_2d and @p pore_3d.
  inline void
  check_spherical_pores(Checker           &checker,
                        const std::string &what,
                        const double       area_tolerance,
                        const std::function<PoreResult(unsigned int)> &pore_2d,
                        const std::function<PoreResult(unsigned int)> &pore_3d)
  {
    check_spherical_pores_in<2>(checker, what, area_tolerance, pore_2d);
    check_spherical_pores_in<3>(checker, what, area_tolerance, pore_3d);
  }
} // namespace exsolve::testing
