#pragma once

#include <exsolve/particles/size_distribution.h>

#include <vector>

namespace exsolve::particles
{
  /**
   * Smoluchowski coagulation on the size classes with the fixed-pivot
   * technique of Kumar and Ramkrishna (Chem. Eng. Sci. 51 (1996) 1311):
   * the merged particle of atoms(i) + atoms(j) atoms is shared between the
   * two pivots that bracket it so that number and atoms are both
   * preserved. Beyond the last pivot it is booked to the last class by
   * atoms (metal preserved, number not): keep r_max large.
   */
  class Coalescence
  {
  public:
    explicit Coalescence(const SizeClasses &classes);

    /**
     * Add the coagulation rates to @p dndt for the symmetric kernel
     * @p kernel (K x K, row-major, [m^2/s]) and class numbers @p number
     * [m^-2]:
     * dN_k/dt = sum_{i<=j} (1 - delta_ij/2) eta_ijk K_ij N_i N_j
     *           - N_k sum_j K_kj N_j.
     */
    void
    add_rates(const std::vector<double> &kernel,
              const double              *number,
              double                    *dndt) const;

    /**
     * The 2D Brownian kernel K_ij = 2 pi (D_i + D_j) / ln(L / (R_i + R_j))
     * for particle diffusivities @p diffusivity and base radii
     * @p base_radius, L = (pi N)^(-1/2) the half distance between particles
     * (the logarithm kept >= 1, as for touching particles).
     */
    static void
    mobility_kernel(const std::vector<double> &diffusivity,
                    const std::vector<double> &base_radius,
                    const double               total_number,
                    std::vector<double>       &kernel);

  private:
    unsigned int K;
    /// For each pair i <= j: the lower target class and its share; the
    /// upper class (target + 1) receives 1 - share (or, at the top, the
    /// atoms ratio).
    std::vector<unsigned int> target;
    std::vector<double>       lower_share, upper_share;
  };
} // namespace exsolve::particles
