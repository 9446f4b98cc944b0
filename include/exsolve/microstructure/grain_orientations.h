#pragma once

#include <deal.II/base/tensor.h>

#include <array>
#include <cstdint>
#include <vector>

namespace exsolve
{
  /**
   * Crystal orientation of a grain: the rotation from the sample frame to
   * the crystal frame as a unit quaternion (w, x, y, z), w >= 0. Always a 3D
   * rotation (also for a 2D sample, which is a section through 3D crystals),
   * kept for facet-dependent surface properties.
   */
  struct GrainOrientation
  {
    std::array<double, 4> quaternion{{1., 0., 0., 0.}};

    /// Rotation matrix R (crystal = R sample).
    dealii::Tensor<2, 3>
    rotation_matrix() const;

    /// Bunge Euler angles (phi1, Phi, phi2) in radians, z-x-z convention:
    /// R = R_z(phi2) R_x(Phi) R_z(phi1); phi1, phi2 in [0, 2 pi), Phi in
    /// [0, pi].
    std::array<double, 3>
    bunge_euler_angles() const;

    /// Rotation angle omega = 2 acos(w) in [0, pi].
    double
    rotation_angle() const;
  };

  /**
   * @p n orientations uniformly distributed on SO(3) (Haar measure), one
   * per grain id, from the seed's orientation stream (std::mt19937_64):
   * Shoemake's method maps three uniform numbers to a uniform unit
   * quaternion (K. Shoemake, "Uniform random rotations", Graphics Gems III,
   * 1992). The same seed gives the same orientations on every rank.
   */
  std::vector<GrainOrientation>
  random_grain_orientations(const unsigned int n, const std::uint64_t seed);
} // namespace exsolve
