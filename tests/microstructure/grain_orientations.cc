// Grain orientations (1 rank): uniform random rotations by Shoemake's
// method.
//  * Every rotation matrix is orthonormal, R^T R = I, with det R = +1, to
//    1e-12 (rounding only); the Bunge Euler angles rebuild the same matrix
//    to 1e-12, with phi1, phi2 in [0, 2 pi) and Phi in [0, pi].
//  * The same seed gives the same orientations (compared exactly), another
//    seed different ones.
//  * Uniformity on SO(3): for the Haar measure the rotation angle w has the
//    density (1 - cos w) / pi on [0, pi], mean pi/2 + 2/pi = 2.20741 and
//    standard deviation sqrt(pi^2/3 + 2 - mean^2) = 0.6459. For N = 20000
//    rotations the sample mean must lie within 4 standard errors (4 *
//    0.6459 / sqrt(N) = 0.0183) of it, and the Kolmogorov-Smirnov distance
//    to the CDF (w - sin w) / pi below 1.95 / sqrt(N) = 0.0138 (the 0.1 %
//    critical value), so a correct generator fails with probability about
//    1e-3 for one seed; the seed is fixed, so the test is deterministic.
//    Also <cos Phi> = 0 and <cos^2 Phi> = 1/3 (Phi = the Bunge angle, whose
//    cosine is uniform on [-1, 1]) within 4 standard errors (4 *
//    sqrt(1/3 / N) = 0.0163 and 4 * sqrt(4/45 / N) = 0.0084).
#include <deal.II/base/mpi.h>

#include <exsolve/microstructure/grain_orientations.h>

#include "test_utilities.h"

#include <algorithm>
#include <cmath>

using namespace dealii;
using namespace exsolve;

namespace
{
  /// Bunge's matrix from the angles (see GrainOrientation).
  Tensor<2, 3>
  bunge_matrix(const std::array<double, 3> &a)
  {
    const double c1 = std::cos(a[0]), s1 = std::sin(a[0]), c = std::cos(a[1]),
                 s = std::sin(a[1]), c2 = std::cos(a[2]), s2 = std::sin(a[2]);
    Tensor<2, 3> g;
    g[0][0] = c1 * c2 - s1 * s2 * c;
    g[0][1] = s1 * c2 + c1 * s2 * c;
    g[0][2] = s2 * s;
    g[1][0] = -c1 * s2 - s1 * c2 * c;
    g[1][1] = -s1 * s2 + c1 * c2 * c;
    g[1][2] = c2 * s;
    g[2][0] = s1 * s;
    g[2][1] = -c1 * s;
    g[2][2] = c;
    return g;
  }

  void
  check_matrices(const std::vector<GrainOrientation> &o,
                 testing::Checker                    &checker)
  {
    double orthogonality = 0, determinant = 0, euler = 0;
    bool   ranges = true;
    for (const auto &g : o)
    {
      const Tensor<2, 3> R = g.rotation_matrix();
      orthogonality
        = std::max(orthogonality,
                   (transpose(R) * R - unit_symmetric_tensor<3>()).norm());
      determinant = std::max(determinant, std::abs(dealii::determinant(R) - 1));
      const auto a = g.bunge_euler_angles();
      ranges       = ranges && a[0] >= 0 && a[0] < 2 * M_PI && a[1] >= 0
               && a[1] <= M_PI && a[2] >= 0 && a[2] < 2 * M_PI;
      euler = std::max(euler, (bunge_matrix(a) - R).norm());
    }
    checker.within(orthogonality, 0, 1e-12, "max |R^T R - I|");
    checker.within(determinant, 0, 1e-12, "max |det R - 1|");
    checker.within(euler, 0, 1e-12, "max |g(phi1, Phi, phi2) - R|");
    checker.check(ranges, "Euler angles in their ranges");
  }

  void
  check_uniformity(const std::vector<GrainOrientation> &o,
                   testing::Checker                    &checker)
  {
    const double        N = o.size();
    std::vector<double> w;
    double              mean = 0, cos_Phi = 0, cos2_Phi = 0;
    for (const auto &g : o)
    {
      w.push_back(g.rotation_angle());
      mean += w.back() / N;
      const double c = std::cos(g.bunge_euler_angles()[1]);
      cos_Phi += c / N;
      cos2_Phi += c * c / N;
    }
    const double expected = M_PI / 2 + 2 / M_PI;
    const double sd = std::sqrt(M_PI * M_PI / 3 + 2 - expected * expected);
    checker.close(mean,
                  expected,
                  0,
                  4 * sd / std::sqrt(N),
                  "mean rotation angle [rad] vs pi/2 + 2/pi");
    std::sort(w.begin(), w.end());
    double ks = 0;
    for (std::size_t i = 0; i < w.size(); ++i)
    {
      const double F = (w[i] - std::sin(w[i])) / M_PI;
      ks = std::max({ks, std::abs(F - i / N), std::abs(F - (i + 1) / N)});
    }
    checker.within(ks,
                   0,
                   1.95 / std::sqrt(N),
                   "Kolmogorov-Smirnov distance to (w - sin w) / pi");
    checker.close(cos_Phi, 0, 0, 4 * std::sqrt(1. / 3 / N), "<cos Phi>");
    checker.close(
      cos2_Phi, 1. / 3, 0, 4 * std::sqrt(4. / 45 / N), "<cos^2 Phi>");
  }
} // namespace

int
main(int argc, char **argv)
{
  Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                 checker;
  const auto orientations = random_grain_orientations(20000, 11);
  check_matrices(orientations, checker);
  check_uniformity(orientations, checker);
  const auto again = random_grain_orientations(20000, 11);
  const auto other = random_grain_orientations(20000, 12);
  bool       same = true, different = false;
  for (std::size_t g = 0; g < orientations.size(); ++g)
  {
    same      = same && again[g].quaternion == orientations[g].quaternion;
    different = different || other[g].quaternion != orientations[g].quaternion;
  }
  checker.check(same, "seed 11 twice: the same orientations");
  checker.check(different, "seed 12: other orientations");
  return checker.exit_code();
}
