#pragma once

#include <exsolve/particles/coalescence.h>
#include <exsolve/particles/local_integrator.h>
#include <exsolve/particles/nucleation.h>
#include <exsolve/particles/particle_parameters.h>
#include <exsolve/particles/particle_thermodynamics.h>
#include <exsolve/particles/size_distribution.h>

#include <functional>
#include <memory>
#include <vector>

namespace exsolve::particles
{
  /**
   * What a surface element sees of its surroundings during one step; in
   * the coupled model these come from the PNP solution and the defect
   * geometry at the boundary quadrature point.
   */
  struct LocalConditions
  {
    double temperature          = 1000.; ///< [K]
    double vacancy_fraction     = 0.;    ///< surface V_O site fraction x_V
    double defect_line_density  = 0.;    ///< defect traces [m/m^2]
    double defect_point_density = 0.;    ///< dislocation outcrops [m^-2]
    double redox_rate           = 0.;    ///< [m^-2 s^-1]
  };

  /**
   * Metal atoms arriving from the lattice into the adatom field [m^-2
   * s^-1] at time t [s] and adatom coverage theta (negative: atoms leave
   * to the lattice). The future PNP boundary flux of reducible cations.
   */
  using SupplyFunction
    = std::function<double(const double time, const double adatom_coverage)>;

  /// The shared, immutable part of the model: parameters, thermodynamics,
  /// size classes and coalescence tables (one per run, not per element).
  struct ParticleModel
  {
    explicit ParticleModel(const ParticleParameters &parameters);

    ParticleParameters     parameters;
    ParticleThermodynamics thermodynamics;
    SizeClasses            classes;
    Coalescence            coalescence;
  };

  /// Moments and metal bookkeeping of one element (per m^2 of surface).
  struct PopulationSummary
  {
    double number_density      = 0.; ///< [m^-2]
    double mean_radius         = 0.; ///< [m]
    double metal_area_fraction = 0.; ///< projected (base) area [-]
    double perimeter_density   = 0.; ///< [m/m^2]
    double adatom_coverage     = 0.; ///< [-]
    double socket_depth        = 0.; ///< [m]
    double atoms_supplied      = 0.; ///< from the lattice since t = 0 [m^-2]
    double atoms_adatoms       = 0.; ///< [m^-2]
    double atoms_particles     = 0.; ///< [m^-2]
  };

  /// What one advance() did.
  struct AdvanceReport
  {
    double               atoms_consumed = 0.; ///< taken from the lattice [m^-2]
    IntegratorStatistics statistics;
  };

  /**
   * The particle population of ONE surface element (a boundary quadrature
   * point or surface cell): adatom coverage theta, the number of particles
   * in every size class, and their mean relative socket depth s. The
   * state is kept in monolayers (atoms per adsorption site): theta, the
   * metal in each class y_k = N_k atoms_k / n_s, s, and the metal
   * supplied from the lattice; then
   *   theta + sum_k y_k - supplied = const
   * exactly (to round-off), because every right-hand side books the atoms
   * that leave one pool into another. The transport holds one object per
   * element and calls advance(dt, conditions, supply) once per step.
   */
  class SurfacePopulation
  {
  public:
    explicit SurfacePopulation(std::shared_ptr<const ParticleModel> model);

    /// Set the adatom coverage (no bookkeeping: an initial condition).
    void
    set_adatom_coverage(const double coverage);

    /// Replace the whole state (moved from another mesh or a checkpoint;
    /// the layout of state()) and the element's clock [s] (incubation).
    void
    set_state(const std::vector<double> &new_state, const double time);

    /// Add @p number_density particles [m^-2] with log-normal radii
    /// (median @p radius [m], @p spread of ln r; 0: the class of radius).
    void
    add_particles(const double number_density,
                  const double radius,
                  const double spread);

    /**
     * Integrate over [t, t + dt] at fixed @p conditions with the supply
     * @p supply (empty: closed surface); returns the atoms taken from the
     * lattice [m^-2] (the time integral of the supply, which the transport
     * imposes as a boundary flux averaged over its step).
     */
    AdvanceReport
    advance(const double           dt,
            const LocalConditions &conditions,
            const SupplyFunction  &supply = SupplyFunction());

    PopulationSummary
    summary() const;

    /// Particles per class [m^-2].
    std::vector<double>
    class_numbers() const;

    /// Time of the element [s].
    double
    time() const
    {
      return clock_time;
    }

    const ParticleModel &
    model() const
    {
      return *shared;
    }

    /// The raw state (monolayers; see the class documentation).
    const std::vector<double> &
    state() const
    {
      return y;
    }

    /// The right-hand side of the state (public for tests).
    void
    right_hand_side(const double               t,
                    const std::vector<double> &state,
                    std::vector<double>       &dydt,
                    const LocalConditions     &conditions,
                    const SupplyFunction      &supply) const;

    /// Nucleation on plain and on defect sites at the current state.
    std::pair<NucleationRate, NucleationRate>
    nucleation_rates(const LocalConditions &conditions) const;

    /// Number-weighted mean particle diffusivity D(R) [m^2/s] of the
    /// migration-coalescence kernel at the current state (0: no particles).
    double
    mean_particle_diffusivity(const LocalConditions &conditions) const;

  private:
    /// The particle diffusivity is D(R_k) = migration_prefactor *
    /// size_factor(k): m^s [D0 exp(-E_m/kT) + chi r_redox], the same for
    /// all classes (once per right-hand side), times (1 nm/R_k)^p.
    double
    migration_prefactor(const double           socket,
                        const LocalConditions &conditions) const;

    double
    size_factor(const unsigned int k) const;

    std::pair<NucleationRate, NucleationRate>
    nucleation_rates(const double           t,
                     const double           coverage,
                     const LocalConditions &conditions) const;

    std::shared_ptr<const ParticleModel> shared;
    std::vector<double>                  y;
    double                               clock_time = 0.;
    double                               step_guess = 0.;
    unsigned int                         K;
    // Scratch space of the right-hand side.
    mutable std::vector<double> number, dndt, velocity, diffusivity,
      base_radius, kernel;
  };
} // namespace exsolve::particles
