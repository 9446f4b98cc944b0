#pragma once

#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/function.h>
#include <deal.II/base/index_set.h>
#include <deal.II/base/timer.h>
#include <deal.II/distributed/tria_base.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/lac/affine_constraints.h>

#include <exsolve/chemistry/bulk_equilibrium.h>
#include <exsolve/chemistry/local_equilibria.h>
#include <exsolve/chemistry/reaction_rates.h>
#include <exsolve/chemistry/transport_activities.h>
#include <exsolve/core/physical_constants.h>
#include <exsolve/electrostatics/boundary_conditions.h>
#include <exsolve/io/catalyst_session.h>
#include <exsolve/io/checkpoint_store.h>
#include <exsolve/io/run_directory.h>
#include <exsolve/linear_algebra/backends.h>
#include <exsolve/mesh/boundary_names.h>
#include <exsolve/transport/transport_parameters.h>

#include <array>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace exsolve
{
  namespace particles
  {
    template <int dim>
    class SurfaceParticleField;
    struct SurfaceTotals;
  } // namespace particles

  /// One accepted time step.
  struct StepRecord
  {
    unsigned int        step                    = 0;
    double              time                    = 0; // user units (s)
    double              step_size               = 0; // user units (s)
    double              temperature             = 0; // K (SI)
    double              oxygen_partial_pressure = 0; // Pa (SI)
    unsigned long long  dofs                    = 0;
    unsigned int        newton_iterations       = 0;
    unsigned int        linear_iterations       = 0;
    double              error_estimate          = 0; // weighted norm, <= 1
    std::vector<double> amounts; // integral of each c, user units
    /// With particles on surfaces: mean density [m^-2], mean radius [nm],
    /// metal area fraction, adatom coverage, and the metal in the
    /// lattice, the adatoms and the particles (atoms per m^(3-dim)).
    std::vector<double> particle_moments;
    double              wall_time = 0; // s since the run started
  };

  /// What one extended defect holds (TransportProblem::defect_reports()),
  /// in the user's units (SI: V, nm, m^-2 or m^-1, m^2/s).
  struct DefectReport
  {
    std::string name;
    /// Core average of the potential, int phi p / int p: Phi_0.
    double potential = 0.;
    /// int |phi| dV / (|Phi_0| area or length) over the defect's share of
    /// the sample: the width of the space-charge layer (2 lambda for a
    /// Debye layer on both sides of a plane).
    double width = 0.;
    /// Area (planes) or length (lines) of the defect in the sample.
    double measure = 0.;
    /// int (c_i - c_i^bulk) dV per area or length over its share.
    std::vector<double> excess;
    /// Core average of D_i(x), the diffusivity along the fast path.
    std::vector<double> core_diffusivity;
  };

  /// Totals of a transient run.
  struct TransportTotals
  {
    unsigned int accepted_steps    = 0;
    unsigned int rejected_steps    = 0; // error too large
    unsigned int failed_steps      = 0; // Newton or Krylov failed, step cut
    unsigned int newton_iterations = 0;
    unsigned int linear_iterations = 0;
    unsigned int remeshes          = 0;
  };

  /// L2 and H1-seminorm errors of psi and of every concentration.
  struct ErrorNorms
  {
    std::vector<double> l2; // psi, c_1, ..., c_N
    std::vector<double> h1;
  };

  /**
   * Transient Poisson-Nernst-Planck transport of N charged species,
   * dimensionless (doc/transport.md):
   *   d c_i/dt = div(D_i c_i grad(ln a_i + z_i psi)) + R_i + f_i,
   *   -lambda^2 Laplace psi = sum_i z_i c_i + rho_fixed + f_psi,
   * with the activities a_i = gamma_i c_i of TransportActivities (a_i = c_i
   * for dilute defects), the sources R_i of the slow reactions and, for the
   * fast ones, local equilibrium (LocalEquilibria). Unknowns are psi and
   * the log-densities u_i = ln c_i, so that every concentration is positive
   * by construction. The mass term is (a0 c^{n+1} + a1 c^n
   * + a2 c^{n-1})/dt on c itself (variable-step BDF1/BDF2), which makes the
   * discrete amount of every species exactly conserved in a closed domain.
   * Each step is one monolithic Newton solve with the exact Jacobian and
   * FGMRES preconditioned by BlockSchurPreconditioner.
   */
  template <int dim, class LinearAlgebra>
  class TransportProblem
  {
  public:
    using BlockVector = typename LinearAlgebra::BlockVector;
    using BlockMatrix = typename LinearAlgebra::BlockSparseMatrix;

    /// Builds and checks the mesh and all boundary conditions; throws
    /// InputError before anything is written.
    TransportProblem(const TransportParameters &parameters,
                     const MPI_Comm             communicator,
                     const bool                 verbose = true);
    ~TransportProblem();

    /**
     * Replace the data by a manufactured solution (tests): @p exact has the
     * components (psi, c_1, ..., c_N) and gives the initial state and all
     * Dirichlet values; @p sources has (f_psi, f_1, ..., f_N). Both are
     * dimensionless and evaluated at the current time.
     */
    void
    set_manufactured_solution(std::shared_ptr<dealii::Function<dim>> exact,
                              std::shared_ptr<dealii::Function<dim>> sources);

    /// Mesh, initial state and initial mesh adaptation.
    void
    initialize();

    /// Instead of initialize(): restore mesh, solution history, step-size
    /// control and output records from the checkpoint in @p directory
    /// (CheckpointStore), also on another number of ranks; run() then
    /// continues where that run stood. Throws InputError if the checkpoint
    /// does not fit these parameters (geometry, species, elements).
    void
    resume(const std::string &directory);

    /// initialize() if needed, then integrate to the end time, writing
    /// fields, timeseries.csv (a row per step, flushed) and checkpoints
    /// (Output/Checkpoints) into @p output and handing the fields to
    /// @p catalyst (when due) if given.
    void
    run(const RunDirectory *output   = nullptr,
        CatalystSession    *catalyst = nullptr);

    /// The steps taken since the start, or since the checkpoint of a
    /// resumed run (the earlier ones are in its timeseries.csv).
    const std::vector<StepRecord> &
    history() const
    {
      return step_records;
    }

    const TransportTotals &
    totals() const
    {
      return run_totals;
    }

    /// Integral of each concentration (dimensionless) of @p u.
    std::vector<double>
    amounts(const BlockVector &u) const;

    std::vector<double>
    amounts() const
    {
      return amounts(solution);
    }

    /// Potential at @p point in user units (V or kT/e), point in user units.
    double
    potential_at(const dealii::Point<dim> &point) const;

    /// Concentration of species @p s at @p point, user units.
    double
    concentration_at(const dealii::Point<dim> &point,
                     const unsigned int        s) const;

    /// Mean concentration of every species over a boundary, user units.
    std::vector<double>
    boundary_mean_concentrations(const std::string &boundary) const;

    /// Outward flux of every species through a boundary, int J_i . n dA
    /// with J_i = -D_i c_i grad(ln a_i + dg_i p / kT + z_i psi),
    /// dimensionless (in 1D per area, in 2D per length).
    std::vector<double>
    boundary_fluxes(const std::string &boundary) const;

    /// Integral of the total charge sum_i z_i c_i + rho_fixed plus the
    /// cores' charge, dimensionless.
    double
    total_charge() const;

    /// Integral of the extended defects' core charge, dimensionless.
    double
    core_charge() const;

    /// The particles on the surfaces (null without Particles/Exsolution).
    const particles::SurfaceParticleField<dim> *
    surface_particles() const
    {
      return particles_ready ? particle_field.get() : nullptr;
    }

    /// Metal of the exsolving species in the lattice, atoms per
    /// m^(3 - dim) (0 without particles).
    double
    lattice_metal() const;

    /// The bulk concentrations (user units); in a closed sample those left
    /// by segregation and space charge.
    std::vector<double>
    bulk_reference() const
    {
      std::vector<double> c(reference_concentrations);
      for (double &value : c)
        value *= electrolyte.scales.concentration;
      return c;
    }

    /// Potential, layer width, excesses and core diffusivities of every
    /// extended defect; each point of the sample belongs to the nearest
    /// defect.
    std::vector<DefectReport>
    defect_reports() const;

    /// Errors against (psi, c_1, ...) of @p exact (dimensionless) at the
    /// current time.
    ErrorNorms
    errors(dealii::Function<dim> &exact) const;

    /// Largest and smallest concentration of each species (dimensionless)
    /// and whether every value of the solution is finite.
    std::vector<std::pair<double, double>>
    concentration_ranges(bool &all_finite) const;

    /// max - min over the mesh of the electrochemical potential
    /// u_i + z_i psi of each species (zero in equilibrium).
    std::vector<double>
    electrochemical_potential_spread() const;

    double
    current_time() const
    {
      return time;
    }

    dealii::types::global_dof_index
    n_dofs() const
    {
      return dof_handler.n_dofs();
    }

    const dealii::Triangulation<dim> &
    get_triangulation() const
    {
      return *triangulation;
    }

    dealii::TimerOutput &
    get_timer()
    {
      return *timer;
    }

    const BlockVector &
    current_solution() const
    {
      return solution;
    }

    /// Start a BDF1 step of size @p dt from the current state without
    /// solving it (tests of the residual and Jacobian).
    void
    begin_step_for_testing(const double dt);

    /// Discrete residual F(u) of the current step, returns its l2 norm.
    double
    compute_residual(const BlockVector &u, BlockVector &residual)
    {
      return assemble_residual(u, residual);
    }

    /// J(u) v with constrained rows zeroed like the residual's.
    void
    jacobian_vmult(const BlockVector &u, const BlockVector &v, BlockVector &Jv);

    /// Zero @p v where values are prescribed, interpolate hanging nodes.
    void
    constrain_direction(BlockVector &v) const
    {
      update_constraints.distribute(v);
    }

  private:
    /// What the species rows of the residual say.
    enum class SpeciesEquation
    {
      frozen,    // c = c_old: solve only for the potential
      boltzmann, // u_i + z_i psi = ln c_i^b: Poisson-Boltzmann equilibrium
      transport  // the BDF step of the Nernst-Planck equation
    };

    void
    setup_dofs();
    void
    apply_dirichlet_values(BlockVector &u) const;
    void
    set_initial_state();
    double
    assemble_residual(const BlockVector &u, BlockVector &residual);
    void
    assemble_jacobian(const BlockVector &u);
    /// Combine the rows of a cell residual (Vector) or matrix (FullMatrix)
    /// so that the fast reactions' rates cancel, and put the constraints
    /// of @p constraints into the pivots' rows (LocalEquilibria).
    template <class CellRows>
    void
    eliminate_fast_rates(CellRows &rows, const CellRows &constraints) const;
    unsigned int
    solve_linearized(const BlockVector &u,
                     const BlockVector &rhs,
                     BlockVector       &du,
                     const double       tolerance);
    /// Newton solve of the current equation; returns false (on all ranks)
    /// when Newton or the Krylov solver fails.
    bool
    solve_nonlinear(unsigned int &newton_iterations,
                    unsigned int &linear_iterations);
    void
    update_row_scaling();
    /// Temperature, gas and what follows them at the current time.
    void
    update_conditions();
    void
    adapt_mesh();
    double
    weighted_error_norm(const BlockVector &error,
                        const BlockVector &reference) const;
    /// VTU number @p index (and defects.csv rows) into @p output and step
    /// @p step to Catalyst, each if not null.
    void
    write_fields(const RunDirectory *output,
                 const unsigned int  index,
                 CatalystSession    *catalyst,
                 const unsigned int  step);
    /// kT now in eV (SI) or 1 (dimensionless): the unit of segregation
    /// energies.
    double
    thermal_energy_now() const
    {
      return electrolyte.scales.dimensionless
               ? 1.
               : constants::boltzmann_eV * current_temperature;
    }
    /// Reactions (slow, fast, surface), activity coefficients and the
    /// species couplings they bring (constructor).
    void
    setup_reactions_and_activities();
    /// The Boltzmann state of a closed sample (Initial state/Sample).
    void
    solve_closed_sample(unsigned int &newton_iterations,
                        unsigned int &linear_iterations);

    /// Particles on surfaces: the field (constructor), the exsolution
    /// flux at a face point (dimensionless inflow of the cation; its
    /// derivatives by ln c of the cation and the vacancy), and the
    /// exchange after an accepted step of @p dt (dimensionless).
    void
    setup_particles();
    particles::ExsolutionRate
    exsolution_inflow(const std::vector<double> &c, const double theta) const;
    void
    exchange_with_particles(const double dt);
    /// The particle columns of timeseries.csv and particles.csv.
    std::string
    particle_header() const;
    std::string
    particle_row(const StepRecord               &record,
                 const particles::SurfaceTotals &totals) const;
    /// Rows of size_distribution.csv (one per size class) at the current
    /// time; empty on ranks other than 0.
    std::string
    size_distribution_rows(const unsigned int              step_number,
                           const particles::SurfaceTotals &totals) const;

    /// Over boundary @p id: int c_i dA, int J_i . n dA and the area.
    std::vector<double>
    boundary_integrals(const dealii::types::boundary_id id) const;

    /// Add the Poisson equation's element residual (the space charge) to
    /// the Kelly indicators of the locally owned cells.
    void
    add_charge_residual(dealii::Vector<float> &indicators) const;

    /// The time loop between two steps: with the mesh and the solution
    /// history, what a checkpoint holds.
    struct LoopState
    {
      double       dt = 0., previous_dt = 0., second_previous_dt = 0.;
      unsigned int accepted = 0, since_remesh = 0, n_output = 0;
      /// Wall time of the run's earlier segments (resumed runs), s.
      double wall_offset = 0.;
      /// Step of the last checkpoint and the wall time it was written at.
      unsigned int checkpoint_step = 0;
      double       checkpoint_wall = 0.;
    };

    /// Header and row of timeseries.csv.
    std::string
    time_series_header() const;
    std::string
    time_series_row(const StepRecord &record) const;

    /// Write a checkpoint of the state after step loop.accepted.
    void
    write_checkpoint(const CheckpointStore &store, const double wall_time);
    /// Mesh and solution history into / from @p directory: p4est's own
    /// files with the vectors attached to the cells, or for a replicated
    /// (1D) mesh its refinement tree and the cells' values.
    void
    save_mesh_and_solutions(const std::string &directory) const;
    void
    load_mesh_and_solutions(const std::string &directory);
    /// Go on from the mesh and state as loaded from @p checkpoint (after
    /// writing it), so that a resumed run takes the same steps.
    void
    continue_from(const std::string &checkpoint);
    /// The particles' time in the checkpoint @p directory (InputError if
    /// it holds no particles).
    double
    particle_checkpoint_time(const std::string &directory) const;
    /// resume() without its clean-up on failure.
    void
    restore(const std::string &directory);

    /// Global refinement of the coarse mesh (initialize(), not resume()).
    void
    refine_initial_mesh();

    /// Refine the mesh towards the cores of the extended defects.
    void
    refine_near_cores();
    /// (L/pi)^2 for the extent L of the domain: the slowest diffusion mode.
    double
    length_scale_squared() const;

    const TransportParameters           &parameters;
    const Electrolyte                   &electrolyte;
    const MPI_Comm                       communicator;
    dealii::ConditionalOStream           pcout;
    std::unique_ptr<dealii::TimerOutput> timer;

    std::unique_ptr<dealii::parallel::TriangulationBase<dim>> triangulation;
    BoundaryNames                                             boundary_names;
    ElectrostaticBoundaryConditions::Resolved                 potential_bc;
    SpeciesBoundaryConditions                                 species_bc;
    const unsigned int                                        n_species;
    dealii::FESystem<dim>                                     fe;
    dealii::DoFHandler<dim>                                   dof_handler;

    std::vector<dealii::IndexSet>     owned_partitioning;
    std::vector<dealii::IndexSet>     relevant_partitioning;
    dealii::IndexSet                  locally_relevant_dofs;
    dealii::AffineConstraints<double> hanging_node_constraints;
    dealii::AffineConstraints<double> update_constraints;

    BlockMatrix jacobian;
    /// Only the (0, 0) block is used: the Schur complement approximation.
    BlockMatrix schur_approximation;
    std::vector<std::unique_ptr<typename LinearAlgebra::Preconditioner>> amg;

    /// 1 / c^n on the species rows: every species equation then measures
    /// relative changes, so that ln c is resolved (and Newton converges)
    /// where c is 1e-20 as well as where it is 1; 1 on the psi rows.
    BlockVector row_scaling;
    BlockVector solution; // u^{n+1}, locally owned
    BlockVector old_solution, older_solution, oldest_solution; // u^n, ...
    BlockVector ghosted_work, ghosted_old, ghosted_older;

    SpeciesEquation       equation = SpeciesEquation::transport;
    std::array<double, 3> bdf      = {{1., -1., 0.}};
    double                time     = 0.;
    double                step     = 0.;
    std::vector<double>   log_bulk;
    bool                  initialized = false;
    /// length_scale_squared() of the domain, fixed by the coarse mesh.
    double domain_scale_squared = 1.;

    /// The conditions at the current time (update_conditions()).
    double              current_temperature = 0., current_pressure = 0.;
    std::vector<double> diffusivity_now;
    double              drift_factor        = 1.;
    double              permittivity_factor = 1.;
    std::unique_ptr<BulkEquilibriumSolver> equilibrium_solver;
    /// Volume sources of the slow reactions (null without any).
    std::unique_ptr<ReactionRates>                     reaction_rates;
    std::vector<std::pair<unsigned int, unsigned int>> reaction_couplings;
    /// Activity coefficients of the fluxes (null when all are ideal).
    std::unique_ptr<TransportActivities> activities;
    /// ln a_i of the bulk: the Boltzmann equilibrium's reference.
    std::vector<double> log_bulk_activity;
    /// The extended defects of the parameters, with the mesh's grain
    /// boundaries attached.
    ExtendedDefects extended_defects;
    /// Bulk concentrations, adjusted in a closed sample (dimensionless).
    std::vector<double> reference_concentrations;
    /// Fast reactions in local equilibrium (null without any) and the
    /// current choice of pivots (update_row_scaling()).
    std::unique_ptr<LocalEquilibria> local_equilibria;
    LocalEquilibria::Elimination     elimination;
    /// Mass-action surface reactions, per boundary (inward fluxes).
    std::map<dealii::types::boundary_id, std::unique_ptr<ReactionRates>>
      surface_reactions;
    /// Species blocks that couple in the Jacobian (beyond psi and the
    /// diagonal), from all of the above.
    std::vector<std::vector<bool>> species_coupled;
    /// Diagonal blocks of the balances that fast reactions combine, with
    /// the pivots eliminated (preconditioner).
    std::vector<std::unique_ptr<typename LinearAlgebra::SparseMatrix>>
                        condensed_blocks;
    std::vector<double> last_equilibrium;

    std::shared_ptr<dealii::Function<dim>> exact_solution;
    std::shared_ptr<dealii::Function<dim>> source_terms;

    LoopState                                   loop;
    bool                                        resumed = false;
    std::vector<StepRecord>                     step_records;
    TransportTotals                             run_totals;
    std::vector<std::pair<double, std::string>> pvd_records;
    /// Rows of defects.csv written so far.
    std::vector<std::string> defect_rows;

    /// Particles on surfaces (last member: released before the mesh).
    std::unique_ptr<particles::SurfaceParticleField<dim>> particle_field;
    bool particles_ready = false;
  };
} // namespace exsolve
