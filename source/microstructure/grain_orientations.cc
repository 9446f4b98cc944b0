#include <exsolve/microstructure/grain_orientations.h>
#include <exsolve/microstructure/random_numbers.h>

#include <algorithm>
#include <cmath>

namespace exsolve
{
  dealii::Tensor<2, 3>
  GrainOrientation::rotation_matrix() const
  {
    const auto [w, x, y, z] = quaternion;
    dealii::Tensor<2, 3> R;
    R[0][0] = 1 - 2 * (y * y + z * z);
    R[0][1] = 2 * (x * y - w * z);
    R[0][2] = 2 * (x * z + w * y);
    R[1][0] = 2 * (x * y + w * z);
    R[1][1] = 1 - 2 * (x * x + z * z);
    R[1][2] = 2 * (y * z - w * x);
    R[2][0] = 2 * (x * z - w * y);
    R[2][1] = 2 * (y * z + w * x);
    R[2][2] = 1 - 2 * (x * x + y * y);
    return R;
  }



  std::array<double, 3>
  GrainOrientation::bunge_euler_angles() const
  {
    // Bunge's matrix g (crystal = g sample) has g_33 = cos Phi,
    // g_13 = sin phi2 sin Phi, g_23 = cos phi2 sin Phi, g_31 = sin phi1
    // sin Phi, g_32 = -cos phi1 sin Phi.
    const auto   g      = rotation_matrix();
    const double two_pi = 2 * M_PI;
    auto         wrap   = [&](const double a)
    { return a < 0 ? a + two_pi : (a >= two_pi ? a - two_pi : a); };
    const double Phi  = std::acos(std::clamp(g[2][2], -1., 1.));
    double       phi1 = 0, phi2 = 0;
    if (std::sin(Phi) > 1e-12)
    {
      phi1 = std::atan2(g[2][0], -g[2][1]);
      phi2 = std::atan2(g[0][2], g[1][2]);
    }
    else
      // Phi = 0 or pi: only phi1 +- phi2 is defined; put it all in phi1.
      phi1 = std::atan2(g[0][1], g[0][0]);
    return {{wrap(phi1), Phi, wrap(phi2)}};
  }



  double
  GrainOrientation::rotation_angle() const
  {
    return 2 * std::acos(std::clamp(quaternion[0], -1., 1.));
  }



  std::vector<GrainOrientation>
  random_grain_orientations(const unsigned int n, const std::uint64_t seed)
  {
    UniformRandom                 random(seed, /*stream=*/3);
    std::vector<GrainOrientation> orientations(n);
    for (auto &o : orientations)
    {
      const double u1 = random.next(), u2 = random.next(), u3 = random.next();
      const double a = std::sqrt(1 - u1), b = std::sqrt(u1);
      std::array<double, 4> q{{a * std::sin(2 * M_PI * u2),
                               a * std::cos(2 * M_PI * u2),
                               b * std::sin(2 * M_PI * u3),
                               b * std::cos(2 * M_PI * u3)}};
      // q and -q are the same rotation; keep w >= 0.
      if (q[0] < 0)
        for (double &c : q)
          c = -c;
      o.quaternion = q;
    }
    return orientations;
  }
} // namespace exsolve
