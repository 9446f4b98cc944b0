#pragma once

#include <deal.II/base/quadrature.h>
#include <deal.II/distributed/solution_transfer.h>
#include <deal.II/distributed/tria_base.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_vector.h>
#include <deal.II/numerics/data_out.h>
#include <deal.II/numerics/solution_transfer.h>

#include <exsolve/particles/exsolution_parameters.h>
#include <exsolve/particles/surface_population.h>

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace exsolve::particles
{
  /// What a surface point hands to the particles after a transport step.
  struct SurfacePointData
  {
    double atoms            = 0.; ///< exsolved over the step [m^-2]
    double vacancy_fraction = 0.; ///< x_V [-]
    double redox_rate       = 0.; ///< [m^-2 s^-1]
    double line_density     = 0.; ///< defect traces [m/m^2]
    double point_density    = 0.; ///< defect outcrops [m^-2]
  };

  /// Metal and moments over all particle surfaces (per m^(3 - dim) of the
  /// dimensions the mesh leaves out, like the transport's amounts).
  struct SurfaceTotals
  {
    double area            = 0.; ///< [m^(dim-1)]
    double atoms_adatoms   = 0.;
    double atoms_particles = 0.;
    double atoms_supplied  = 0.; ///< exsolved since t = 0
    double particles       = 0.; ///< number
    /// Area averages, per m^2 of surface.
    PopulationSummary mean;
    /// Particles per size class (number, as particles).
    std::vector<double> class_numbers;
  };

  /**
   * The adatom field and the particle populations on the particle surfaces
   * (boundary ids) of the transport mesh. Surface finite elements are the
   * traces of a continuous Q1 field of the bulk mesh: its DoFs on the
   * surfaces carry the adatom coverage theta, and every locally owned,
   * unconstrained surface DoF j carries the SurfacePopulation of its
   * lumped area m_j = int_Gamma phi_j dA. One step (Lie splitting after
   * the transport step, doc/particles.md):
   *  1. each population takes the atoms the surface reaction delivered to
   *     its node, sum_q phi_j(x_q) r_q dt w_q (the same quadrature as the
   *     transport's boundary flux, so that the lattice loses exactly what
   *     the surface gains), and integrates nucleation, growth, ripening,
   *     coalescence and socketing over dt (Rosenbrock, SurfacePopulation);
   *  2. the adatoms diffuse along the surface: (M_L + dt D_s K) theta' =
   *     M_L theta with the lumped mass M_L and the Laplace-Beltrami
   *     stiffness K of the tangential gradients, CG with AMG, then a
   *     rescaling that restores sum_j m_j theta_j exactly.
   * The populations move to a refined mesh as interpolated monolayer
   * fields (SolutionTransfer) followed by a constant factor per class
   * that restores each class's metal, so that metal is conserved to
   * round-off across refinement.
   */
  template <int dim>
  class SurfaceParticleField
  {
  public:
    using Vector = dealii::TrilinosWrappers::MPI::Vector;

    /// @p length_unit: metres per mesh unit; @p face_quadrature: the one
    /// the transport integrates its boundary fluxes with.
    SurfaceParticleField(
      const ParticleParameters                       &particles,
      const ExsolutionParameters                     &exsolution,
      const std::set<dealii::types::boundary_id>     &surfaces,
      const dealii::parallel::TriangulationBase<dim> &triangulation,
      const dealii::Quadrature<dim - 1>              &face_quadrature,
      const double                                    length_unit,
      const MPI_Comm                                  communicator);

    /// DoFs, lumped areas and the diffusion matrix on the current mesh,
    /// and at every surface point the initial adatoms and particles of
    /// Particles/Surface element.
    void
    initialize();

    bool
    is_surface(const dealii::types::boundary_id id) const
    {
      return surface_ids.count(id) > 0;
    }

    /// theta at the quadrature points of face @p face of @p cell (any
    /// iterator of the transport's mesh).
    void
    coverage_at(const typename dealii::Triangulation<dim>::cell_iterator &cell,
                const unsigned int                                        face,
                std::vector<double> &theta) const;

    /// Start collecting the transport's step (clears the node sums).
    void
    begin_exchange();
    /// Add face @p face of the locally owned @p cell: one SurfacePointData
    /// per quadrature point.
    void
    add_face(const typename dealii::Triangulation<dim>::cell_iterator &cell,
             const unsigned int                                        face,
             const std::vector<SurfacePointData>                      &data);
    /// Integrate all populations over @p dt [s] at @p temperature [K] with
    /// what was collected, then let the adatoms diffuse; returns the
    /// number of local integrator steps (summed over ranks).
    unsigned long long
    advance(const double dt, const double temperature);

    /// Before the triangulation's execute_coarsening_and_refinement():
    /// attach the populations (after the cells have been flagged).
    void
    prepare_for_coarsening_and_refinement();
    /// After it: rebuild and move the populations (conservatively).
    void
    interpolate_after_refinement();

    SurfaceTotals
    totals() const;

    /// Time of the populations [s] (their nucleation incubation clock).
    double
    time() const
    {
      return clock;
    }

    /// Checkpoints on a distributed mesh: attach the populations to the
    /// forest before its save(), after the transport's vectors; and after
    /// the forest's load() and the transport's deserialize(), rebuild them
    /// exactly as saved, at time @p time.
    void
    prepare_for_serialization() const;
    void
    deserialize(const double time);
    /// Checkpoints on a replicated (1D) mesh: every population by the
    /// position of its node, as text (collective; the text on rank 0),
    /// and back on the loaded mesh.
    std::string
    serialize_by_position() const;
    void
    deserialize_by_position(const std::string &text, const double time);
    /// Start every population's integrator afresh (what a resumed run
    /// does), keeping its state and time.
    void
    restart_integrators();

    /// Set the adatom coverage of every population to @p coverage at its
    /// node (initial conditions, tests).
    void
    set_coverage(
      const std::function<double(const dealii::Point<dim> &)> &coverage);

    /// The node and the summary of every population this rank owns.
    std::vector<std::pair<dealii::Point<dim>, PopulationSummary>>
    local_summaries() const;

    /// Size classes of the model (radius pivots, widths).
    const SizeClasses &
    classes() const
    {
      return model->classes;
    }

    /// Attach the surface fields (number density, mean radius, metal
    /// area fraction, perimeter density, coverage, socket depth) to
    /// @p data_out; valid until the next call or advance().
    void
    attach_fields(dealii::DataOut<dim> &data_out);

    /// This rank's particle surfaces with the surface fields of
    /// attach_fields() as VTU text (uncompressed; 2D and 3D): the
    /// Catalyst channel "surface".
    std::string
    surface_vtu();

    const dealii::DoFHandler<dim> &
    get_dof_handler() const
    {
      return dof_handler;
    }

  private:
    void
    setup_dofs();
    void
    assemble_areas_and_diffusion();
    /// Copy theta of the populations into the ghosted field.
    void
    update_coverage_field();
    /// The state component @p c of every population into @p v (owned).
    void
    pack(const unsigned int c, Vector &v) const;
    /// Populations from the state fields @p fields (owned rows); with
    /// @p conserve, restore each component's total of before the
    /// refinement.
    void
    unpack(const std::vector<Vector> &fields, const bool conserve);
    /// sum_j m_j y_jc for every component of the state.
    std::vector<double>
    component_totals() const;

    const ExsolutionParameters                      exsolution;
    std::shared_ptr<const ParticleModel>            model;
    const std::set<dealii::types::boundary_id>      surface_ids;
    const dealii::parallel::TriangulationBase<dim> &triangulation;
    const double                                    length_unit;
    const MPI_Comm                                  communicator;
    dealii::FE_Q<dim>                               fe;
    dealii::DoFHandler<dim>                         dof_handler;
    mutable dealii::FEFaceValues<dim>               face_values;
    dealii::IndexSet                                owned, relevant;
    dealii::AffineConstraints<double>               constraints;
    /// Lumped areas m_j [m^(dim-1)] (owned) and the stiffness K [m^(dim-3)].
    Vector                                 area;
    dealii::TrilinosWrappers::SparseMatrix stiffness;
    /// theta with ghosts, for coverage_at().
    Vector ghosted_coverage;
    /// The populations of the owned, unconstrained surface DoFs.
    std::vector<SurfacePopulation>                          populations;
    std::vector<dealii::types::global_dof_index>            population_dofs;
    std::vector<dealii::Point<dim>>                         population_points;
    std::map<dealii::types::global_dof_index, unsigned int> population_of;
    /// Per-node sums of the step: int phi_j (atoms, x_V, redox, lines,
    /// points) dA [m^(dim-1) times the unit].
    std::array<Vector, 5> node_sums;
    /// Refinement: the state fields and their totals before it.
    std::vector<Vector>                 transfer_fields;
    std::vector<dealii::Vector<double>> replicated_fields;
    std::vector<double>                 totals_before;
    std::vector<Vector>                 ghosted_fields;
    std::unique_ptr<
      dealii::parallel::distributed::SolutionTransfer<dim, Vector>>
      distributed_transfer;
    std::unique_ptr<dealii::SolutionTransfer<dim, dealii::Vector<double>>>
      replicated_transfer;
    /// Checkpoint: the vectors attached to the forest until it is saved.
    mutable std::vector<Vector> serialized_fields;
    mutable std::unique_ptr<
      dealii::parallel::distributed::SolutionTransfer<dim, Vector>>
           serialization;
    double clock = 0.;
    /// Surface output fields (attach_fields()).
    std::vector<Vector> output_fields;
  };
} // namespace exsolve::particles
