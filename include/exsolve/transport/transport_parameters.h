#pragma once

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/types.h>

#include <exsolve/electrostatics/poisson_boltzmann_parameters.h>
#include <exsolve/mesh/boundary_names.h>
#include <exsolve/time_stepping/bdf_step_control.h>

#include <exsolve/chemistry/gas_programme.h>
#include <exsolve/defects/extended_defects.h>
#include <exsolve/particles/exsolution_parameters.h>
#include <exsolve/particles/particle_parameters.h>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace exsolve
{
  /**
   * Conditions for the species on named boundaries, written per species as
   * "species@boundary: value". With the outward normal n and the inward flux
   * j = -J.n:
   *  - fixed concentration (Dirichlet):       c = c_b
   *  - prescribed flux (Neumann):             j = j_b
   *  - exchange reaction (Robin):             j = k (c_eq - c)
   *  - surface reaction (mass action):        j_i = nu_i r, see below
   * A species without a condition on a boundary does not cross it (j = 0).
   */
  struct SpeciesBoundaryConditions
  {
    using Key = std::pair<dealii::types::boundary_id, unsigned int>;

    /// Dimensionless values keyed by (boundary id, species index).
    std::map<Key, double>                    fixed;
    std::map<Key, double>                    flux;
    std::map<Key, std::pair<double, double>> exchange; // (k~, c~_eq)
    /// Conditions whose concentration is the bulk defect equilibrium with
    /// the gas at the current T and pO2 (value 'equilibrium').
    std::set<Key> at_equilibrium;
    /// Exchange rate k(T) = k0 exp(-Ea/kT): k0~ and Ea [eV] (0: constant).
    std::map<Key, double> exchange_prefactor, exchange_activation;

    /// A defect reaction on a boundary with the full mass-action rate
    /// r = k(T) N_fu (prod a_reactants - prod a_products / K).
    struct SurfaceReaction
    {
      dealii::types::boundary_id boundary  = 0;
      unsigned int               reaction  = 0;  // index into the chemistry
      double                     prefactor = 0.; // k0 [m/s]
      double                     activation_energy = 0.; // Ea [eV]
    };
    std::vector<SurfaceReaction> surface_reactions;

    /// True if species @p i has a fixed concentration somewhere.
    bool
    has_fixed(const unsigned int species) const;
  };

  /// How the transient starts.
  struct InitialState
  {
    enum class Type
    {
      /// c_i = bulk concentration, potential from the Poisson equation.
      bulk,
      /// The Poisson-Boltzmann equilibrium with the bulk (t -> infinity).
      poisson_boltzmann,
      /// Expressions of x, y, z in the user's units.
      expressions
    };
    Type                     type = Type::bulk;
    std::vector<std::string> concentration_expressions;
    std::string              potential_expression;
    /// Closed sample: the Boltzmann state keeps each mobile species'
    /// amount, its bulk reference adjusting (Initial state/Sample).
    bool closed = false;
  };

  /**
   * Everything a transient Poisson-Nernst-Planck run needs: the equilibrium
   * problem's parameters (mesh, species, electrostatics, solver, output)
   * plus diffusivities, species boundary conditions, the initial state and
   * the time stepping. Times are in seconds in SI runs and are scaled with
   * t_ref = L^2 / D_max, D_max the largest diffusivity at the temperature.
   */
  struct TransportParameters
  {
    PoissonBoltzmannParameters base;
    std::vector<double>        diffusivities;   // dimensionless, D_i / D_max
    double                     time_scale = 1.; // s per dimensionless unit
    /// Raw "species@boundary" maps, resolved against the mesh later.
    std::map<std::string, std::string> fixed_concentrations;
    std::map<std::string, std::string> species_fluxes;
    std::map<std::string, std::string> exchange_rate_constants;
    std::map<std::string, std::string> exchange_concentrations;
    std::map<std::string, std::string> exchange_activation_energies;
    std::map<std::string, std::string> surface_reaction_rate_constants;
    std::map<std::string, std::string> surface_reaction_activation_energies;
    /// Temperature and gas over time (constant without programmes).
    GasProgramme atmosphere;
    /// Grain boundaries, dislocations, ... with their cores.
    ExtendedDefects defects;
    /// D0 [m^2/s] and Ea [eV] of each species; D_max at Physics/Temperature
    /// [m^2/s] (the diffusivity scale).
    std::vector<double>    diffusion_prefactors, diffusion_activation_energies;
    double                 reference_diffusivity = 1.;
    InitialState           initial_state;
    TimeSteppingParameters time_stepping; // dimensionless
    unsigned int           refinement_interval = 0;
    /// Boundary whose mean concentrations are reported, empty for none.
    std::string mean_concentration_boundary;
    /// User concentration unit (m^-3 or site fraction) -> dimensionless.
    double concentration_unit = 1.;
    /// Particles on surfaces (Particles/Exsolution/Surfaces given): the
    /// population model and the exsolution reaction, SI.
    particles::ExsolutionParameters exsolution;
    particles::ParticleParameters   particle_model;
    /// Indices of the exsolving species and of the vacancy (or -1).
    unsigned int exsolving_species = 0;
    int          vacancy_species   = -1;

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm,
                     const std::string        &input_file);

    /// Map "species@boundary" keys to ids and indices, scale the values.
    SpeciesBoundaryConditions
    resolve_species_conditions(const BoundaryNames &names) const;

    /// Dimensionless diffusivities D_i(T) / D_max(Physics/Temperature).
    std::vector<double>
    diffusivities_at(const double temperature) const;

    /// Flux unit in the user's units: m^-2 s^-1 (SI) or 1.
    double
    flux_unit() const;

    /// Rate constant unit: m/s (SI) or 1.
    double
    rate_constant_unit() const;
  };

  /// Value of "Physics/Model": which simulation a parameter file asks for.
  std::string
  simulation_model(dealii::ParameterHandler &prm);
} // namespace exsolve
