#pragma once

#include <exsolve/particles/particle_thermodynamics.h>

#include <vector>

namespace exsolve::particles
{
  /**
   * The size classes of the Kampmann-Wagner numerical scheme: K classes
   * between r_min and r_max (edges equally spaced in ln r or r), each with a
   * pivot radius (the centre in ln r or r) and the atoms of a cap at that
   * pivot. A particle "in class k" holds exactly atoms(k) atoms: every
   * transfer between classes is booked with these numbers, so metal is
   * conserved to round-off whatever the velocities.
   */
  class SizeClasses
  {
  public:
    SizeClasses(const ParticleParameters     &parameters,
                const ParticleThermodynamics &thermo);

    unsigned int
    size() const
    {
      return pivots.size();
    }

    std::vector<double> edges;               ///< K + 1 [m]
    std::vector<double> pivots;              ///< K [m]
    std::vector<double> widths;              ///< K [m]
    std::vector<double> atoms;               ///< K, atoms at the pivot [-]
    bool                second_order = true; ///< limited linear reconstruction

    /// The class whose edges hold @p radius (clamped to the first/last).
    unsigned int
    index_of(const double radius) const;

    /**
     * Upwind finite-volume transport in r (KWN step 3): with the growth
     * velocities @p velocity at the K + 1 edges and the class numbers
     * @p number [m^-2], adds the number fluxes F_{k+1/2} = v n_k^+ (v > 0)
     * or v n_{k+1}^- (v < 0) to @p dndt, n = N_k / dr_k reconstructed at
     * the edge (first order: constant; second order: van Leer limited). A
     * particle leaving the first class downward dissolves (its atoms go back to
     * the adatoms through the metal balance); the last edge is closed. Negative
     * numbers (integration round-off) carry no flux.
     */
    void
    add_growth(const std::vector<double> &velocity,
               const double              *number,
               double                    *dndt) const;

    /**
     * Add nuclei at @p rate [m^-2 s^-1] with radius @p radius, split
     * between the two neighbouring pivots linearly in r (so that the rate
     * seen by the integrator is continuous in the insertion radius).
     */
    void
    add_nuclei(const double rate, const double radius, double *dndt) const;
  };
} // namespace exsolve::particles
