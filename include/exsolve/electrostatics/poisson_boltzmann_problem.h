#pragma once

#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/function.h>
#include <deal.II/base/index_set.h>
#include <deal.II/base/timer.h>
#include <deal.II/distributed/tria_base.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/lac/affine_constraints.h>

#include <exsolve/electrostatics/boundary_conditions.h>
#include <exsolve/electrostatics/planar_layer_reference.h>
#include <exsolve/electrostatics/poisson_boltzmann_parameters.h>
#include <exsolve/io/catalyst_session.h>
#include <exsolve/io/run_directory.h>
#include <exsolve/mesh/boundary_names.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace exsolve
{
  /// What one refinement cycle of a steady solve produced.
  struct CycleStatistics
  {
    unsigned int                  cycle              = 0;
    unsigned long long            active_cells       = 0;
    unsigned long long            dofs               = 0;
    unsigned int                  newton_iterations  = 0;
    unsigned int                  linear_iterations  = 0;
    double                        final_residual     = 0;
    double                        potential_probe    = 0; // user units
    double                        potential_integral = 0;
    double                        l2_error           = -1; // < 0: not computed
    std::map<std::string, double> boundary_charge;         // C/m^2 or scaled
    double                        wall_time = 0;           // s, cumulative
  };

  /**
   * The equilibrium space-charge layer: the nonlinear Poisson-Boltzmann
   * equation for mobile defects in Boltzmann equilibrium with the bulk,
   *   -lambda~^2 Laplace(psi) = sum_i z_i c~_i^b exp(-z_i psi) + rho~_fixed,
   * with Dirichlet, surface-charge and Stern-layer conditions, solved by
   * damped Newton on adaptive distributed meshes with Q_p elements and
   * AMG-preconditioned CG. @p LinearAlgebra is TrilinosBackend or
   * PETScBackend.
   */
  template <int dim, class LinearAlgebra>
  class PoissonBoltzmannProblem
  {
  public:
    using VectorType = typename LinearAlgebra::Vector;
    using MatrixType = typename LinearAlgebra::SparseMatrix;

    /// Builds and checks the mesh and boundary conditions; throws InputError
    /// before anything is written.
    PoissonBoltzmannProblem(const PoissonBoltzmannParameters &parameters,
                            const MPI_Comm                    communicator,
                            const bool                        verbose = true);
    ~PoissonBoltzmannProblem();

    /// Run all refinement cycles; write files into @p output and hand the
    /// fields to @p catalyst (when due) if given.
    void
    run(const RunDirectory *output   = nullptr,
        CatalystSession    *catalyst = nullptr);

    const std::vector<CycleStatistics> &
    statistics() const
    {
      return cycle_statistics;
    }

    /// Potential at @p point, in V (SI) or kT/e (dimensionless).
    double
    potential_at(const dealii::Point<dim> &point) const;

    /// Integral of the potential over the domain, user units.
    double
    potential_integral() const;

    /// L2 norm of psi_h - exact, with exact the dimensionless potential.
    double
    l2_error(const dealii::Function<dim> &exact) const;

    /// Mean surface charge density on a boundary held at fixed potential
    /// (C/m^2 or scaled), from the consistent (variational) boundary flux.
    double
    boundary_charge_density(const std::string &boundary_name) const;

    /// Discrete residual F(u), returns its l2 norm (exposed for tests).
    double
    compute_residual(const VectorType &u, VectorType &residual)
    {
      return assemble_residual(u, residual);
    }

    /// Make @p v a valid Newton direction: zero where the potential is
    /// prescribed, hanging nodes interpolated (for tests).
    void
    constrain_direction(VectorType &v) const
    {
      update_constraints.distribute(v);
    }

    /// Jacobian-vector product J(u) v with rows of constrained degrees of
    /// freedom zeroed, like the residual's (for tests).
    void
    jacobian_vmult(const VectorType &u, const VectorType &v, VectorType &Jv);

    /// The locally owned solution vector of the last solve.
    const VectorType &
    current_solution() const
    {
      return solution;
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

  private:
    void
    setup_dofs();
    void
    apply_dirichlet_values(VectorType &u) const;
    double
    assemble_residual(const VectorType &u, VectorType &residual);
    void
    assemble_jacobian(const VectorType &u);
    unsigned int
    solve_linearized(const VectorType &u,
                     const VectorType &rhs,
                     VectorType       &du,
                     const double      tolerance);
    void
    refine_mesh();
    void
    compute_statistics(CycleStatistics &stats) const;
    /// VTU into @p output and Catalyst, each if not null.
    void
    write_fields(const RunDirectory *output,
                 CatalystSession    *catalyst,
                 const unsigned int  cycle);

    const PoissonBoltzmannParameters &parameters;
    const Electrolyte                &electrolyte;
    const MPI_Comm                    communicator;
    dealii::ConditionalOStream        pcout;
    /// Created after all input checks: a TimerOutput destroyed while an
    /// exception unwinds prints a warning that would bury the message.
    std::unique_ptr<dealii::TimerOutput> timer;

    std::unique_ptr<dealii::parallel::TriangulationBase<dim>> triangulation;
    BoundaryNames                                             boundary_names;
    ElectrostaticBoundaryConditions::Resolved                 bc;
    dealii::FE_Q<dim>                                         fe;
    dealii::DoFHandler<dim>                                   dof_handler;

    dealii::IndexSet                  locally_owned_dofs;
    dealii::IndexSet                  locally_relevant_dofs;
    dealii::AffineConstraints<double> hanging_node_constraints;
    dealii::AffineConstraints<double> update_constraints;

    MatrixType jacobian;
    /// AMG hierarchy of an earlier Jacobian of this mesh: Newton steps only
    /// change the screening (mass) term, so it stays a good preconditioner
    /// and its setup, the dominant cost in 3D, is done once per mesh.
    std::unique_ptr<typename LinearAlgebra::Preconditioner> amg;
    unsigned int amg_reference_iterations = 0;
    VectorType   solution;         // locally owned
    VectorType   ghosted_solution; // with ghost entries
    VectorType   ghosted_work;

    /// Semi-analytic planar layer, if Postprocess asks for the error.
    std::unique_ptr<PlanarLayerReference> planar_reference;

    std::vector<CycleStatistics>                cycle_statistics;
    std::vector<std::pair<double, std::string>> pvd_records;
  };
} // namespace exsolve
