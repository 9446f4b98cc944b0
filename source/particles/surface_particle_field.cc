#include <deal.II/base/quadrature_lib.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/mapping_q1.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/solver_cg.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/sparsity_tools.h>
#include <deal.II/lac/trilinos_precondition.h>

#include <exsolve/core/input_error.h>
#include <exsolve/particles/surface_particle_field.h>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace exsolve::particles
{
  using namespace dealii;

  namespace
  {
    template <int dim>
    bool
    is_distributed(const parallel::TriangulationBase<dim> &tria)
    {
      return dynamic_cast<const parallel::distributed::Triangulation<dim> *>(
               &tria)
             != nullptr;
    }

    /// A full copy of the owned values of @p v on every rank.
    Vector<double>
    replicate(const TrilinosWrappers::MPI::Vector &v, const MPI_Comm comm)
    {
      Vector<double> full(v.size());
      for (const auto i : v.locally_owned_elements())
        full[i] = v[i];
      Utilities::MPI::sum(full, comm, full);
      return full;
    }
  } // namespace



  template <int dim>
  SurfaceParticleField<dim>::SurfaceParticleField(
    const ParticleParameters               &particles,
    const ExsolutionParameters             &exsolution,
    const std::set<types::boundary_id>     &surfaces,
    const parallel::TriangulationBase<dim> &triangulation,
    const Quadrature<dim - 1>              &face_quadrature,
    const double                            length_unit,
    const MPI_Comm                          communicator)
      : exsolution(exsolution)
      , model(std::make_shared<const ParticleModel>(particles))
      , surface_ids(surfaces)
      , triangulation(triangulation)
      , length_unit(length_unit)
      , communicator(communicator)
      , fe(1)
      , dof_handler(triangulation)
      , face_values(fe, face_quadrature, update_values | update_JxW_values)
  {
  }



  template <int dim>
  void
  SurfaceParticleField<dim>::setup_dofs()
  {
    dof_handler.distribute_dofs(fe);
    owned = dof_handler.locally_owned_dofs();
    DoFTools::extract_locally_relevant_dofs(dof_handler, relevant);

    // The surface DoFs: those of the particle surfaces' faces of the owned
    // AND the ghost cells. Every cell around a DoF of an owned cell is owned
    // or a ghost, so all ranks agree on which DoFs are on a surface. (With
    // the owned cells alone, a surface vertex whose surface faces all
    // belong to the neighbour would be constrained to zero on this rank,
    // and the atoms the neighbour delivers there would be lost.)
    std::vector<types::global_dof_index> dofs(fe.n_dofs_per_face());
    std::vector<types::global_dof_index> cell_dofs(fe.n_dofs_per_cell());
    std::set<types::global_dof_index>    on_surface, active;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (!cell->is_artificial())
      {
        if (cell->is_locally_owned())
        {
          cell->get_dof_indices(cell_dofs);
          active.insert(cell_dofs.begin(), cell_dofs.end());
        }
        for (const auto &face : cell->face_iterators())
          if (face->at_boundary() && is_surface(face->boundary_id()))
          {
            face->get_dof_indices(dofs);
            on_surface.insert(dofs.begin(), dofs.end());
          }
      }
    constraints.clear();
    constraints.reinit(relevant);
    DoFTools::make_hanging_node_constraints(dof_handler, constraints);
    for (const auto i : active)
      if (on_surface.count(i) == 0 && !constraints.is_constrained(i))
        constraints.add_line(i); // zero away from the surfaces
    constraints.close();

    population_dofs.clear();
    population_points.clear();
    population_of.clear();
    std::map<types::global_dof_index, Point<dim>> points;
    DoFTools::map_dofs_to_support_points(StaticMappingQ1<dim>::mapping,
                                         dof_handler,
                                         points);
    for (const auto i : owned)
      if (on_surface.count(i) > 0 && !constraints.is_constrained(i))
      {
        population_of[i] = population_dofs.size();
        population_dofs.push_back(i);
        population_points.push_back(points.at(i));
      }

    area.reinit(owned, communicator);
    ghosted_coverage.reinit(owned, relevant, communicator);
    for (auto &v : node_sums)
      v.reinit(owned, communicator);

    DynamicSparsityPattern dsp(relevant);
    DoFTools::make_sparsity_pattern(dof_handler, dsp, constraints, false);
    SparsityTools::distribute_sparsity_pattern(dsp,
                                               owned,
                                               communicator,
                                               relevant);
    stiffness.reinit(owned, owned, dsp, communicator);
    assemble_areas_and_diffusion();
  }



  template <int dim>
  void
  SurfaceParticleField<dim>::assemble_areas_and_diffusion()
  {
    // Lumped areas [m^(dim-1)] and the Laplace-Beltrami stiffness
    // int grad_G phi_i . grad_G phi_j dA [m^(dim-3)], with the tangential
    // gradient grad_G = (1 - n n) grad.
    const QGauss<dim - 1>                quadrature(2);
    FEFaceValues<dim>                    values(fe,
                             quadrature,
                             update_values | update_gradients
                               | update_normal_vectors | update_JxW_values);
    const unsigned int                   n = fe.n_dofs_per_cell();
    FullMatrix<double>                   cell_matrix(n, n);
    dealii::Vector<double>               cell_area(n);
    std::vector<types::global_dof_index> dofs(n);
    std::vector<Tensor<1, dim>>          tangential(n);
    const double area_unit  = std::pow(length_unit, dim - 1);
    const double stiff_unit = std::pow(length_unit, dim - 3);
    area                    = 0.;
    stiffness               = 0.;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
      {
        bool any    = false;
        cell_matrix = 0.;
        cell_area   = 0.;
        for (const unsigned int f : cell->face_indices())
          if (cell->face(f)->at_boundary()
              && is_surface(cell->face(f)->boundary_id()))
          {
            any = true;
            values.reinit(cell, f);
            for (const unsigned int q : values.quadrature_point_indices())
            {
              const Tensor<1, dim> normal = values.normal_vector(q);
              for (unsigned int i = 0; i < n; ++i)
              {
                const Tensor<1, dim> g = values.shape_grad(i, q);
                tangential[i]          = g - (g * normal) * normal;
              }
              const double dA = values.JxW(q);
              for (unsigned int i = 0; i < n; ++i)
              {
                if (!fe.has_support_on_face(i, f))
                  continue;
                cell_area(i) += values.shape_value(i, q) * dA * area_unit;
                for (unsigned int j = 0; j < n; ++j)
                  if (fe.has_support_on_face(j, f))
                    cell_matrix(i, j)
                      += tangential[i] * tangential[j] * dA * stiff_unit;
              }
            }
          }
        if (!any)
          continue;
        cell->get_dof_indices(dofs);
        constraints.distribute_local_to_global(
          cell_matrix, cell_area, dofs, stiffness, area);
      }
    stiffness.compress(VectorOperation::add);
    area.compress(VectorOperation::add);
  }



  template <int dim>
  void
  SurfaceParticleField<dim>::initialize()
  {
    setup_dofs();
    populations.clear();
    populations.reserve(population_dofs.size());
    const auto &p = model->parameters;
    for (unsigned int k = 0; k < population_dofs.size(); ++k)
    {
      populations.emplace_back(model);
      populations.back().set_adatom_coverage(p.initial_coverage);
      if (p.initial_number_density > 0.)
        populations.back().add_particles(p.initial_number_density,
                                         p.initial_mean_radius,
                                         p.initial_radius_spread);
    }
    update_coverage_field();
  }



  template <int dim>
  void
  SurfaceParticleField<dim>::update_coverage_field()
  {
    Vector theta(owned, communicator);
    pack(0, theta);
    constraints.distribute(theta);
    ghosted_coverage = theta;
  }



  template <int dim>
  void
  SurfaceParticleField<dim>::pack(const unsigned int c, Vector &v) const
  {
    v = 0.;
    for (unsigned int p = 0; p < populations.size(); ++p)
      v[population_dofs[p]] = populations[p].state()[c];
    v.compress(VectorOperation::insert);
  }



  template <int dim>
  void
  SurfaceParticleField<dim>::coverage_at(
    const typename Triangulation<dim>::cell_iterator &cell,
    const unsigned int                                face,
    std::vector<double>                              &theta) const
  {
    const typename DoFHandler<dim>::cell_iterator surface_cell(&triangulation,
                                                               cell->level(),
                                                               cell->index(),
                                                               &dof_handler);
    face_values.reinit(surface_cell, face);
    theta.resize(face_values.n_quadrature_points);
    face_values.get_function_values(ghosted_coverage, theta);
  }



  template <int dim>
  void
  SurfaceParticleField<dim>::begin_exchange()
  {
    for (auto &v : node_sums)
      v = 0.;
  }



  template <int dim>
  void
  SurfaceParticleField<dim>::add_face(
    const typename Triangulation<dim>::cell_iterator &cell,
    const unsigned int                                face,
    const std::vector<SurfacePointData>              &data)
  {
    const typename DoFHandler<dim>::cell_iterator surface_cell(&triangulation,
                                                               cell->level(),
                                                               cell->index(),
                                                               &dof_handler);
    face_values.reinit(surface_cell, face);
    AssertDimension(data.size(), face_values.n_quadrature_points);
    const unsigned int n         = fe.n_dofs_per_cell();
    const double       area_unit = std::pow(length_unit, dim - 1);
    std::array<dealii::Vector<double>, 5> local;
    for (auto &v : local)
      v.reinit(n);
    for (const unsigned int q : face_values.quadrature_point_indices())
    {
      const double                dA    = face_values.JxW(q) * area_unit;
      const auto                 &d     = data[q];
      const std::array<double, 5> value = {{d.atoms,
                                            d.vacancy_fraction,
                                            d.redox_rate,
                                            d.line_density,
                                            d.point_density}};
      for (unsigned int i = 0; i < n; ++i)
        if (fe.has_support_on_face(i, face))
          for (unsigned int k = 0; k < 5; ++k)
            local[k](i) += face_values.shape_value(i, q) * value[k] * dA;
    }
    std::vector<types::global_dof_index> dofs(n);
    surface_cell->get_dof_indices(dofs);
    for (unsigned int k = 0; k < 5; ++k)
      constraints.distribute_local_to_global(local[k], dofs, node_sums[k]);
  }



  template <int dim>
  unsigned long long
  SurfaceParticleField<dim>::advance(const double dt, const double temperature)
  {
    for (auto &v : node_sums)
      v.compress(VectorOperation::add);
    unsigned long long steps = 0;
    for (unsigned int p = 0; p < populations.size(); ++p)
    {
      const auto   i = population_dofs[p];
      const double m = area[i];
      Assert(m > 0., ExcInternalError());
      LocalConditions conditions;
      conditions.temperature          = temperature;
      conditions.vacancy_fraction     = std::max(node_sums[1][i] / m, 0.);
      conditions.redox_rate           = std::abs(node_sums[2][i] / m);
      conditions.defect_line_density  = std::max(node_sums[3][i] / m, 0.);
      conditions.defect_point_density = std::max(node_sums[4][i] / m, 0.);
      // What the transport step delivered, at a constant rate over it.
      const double supply = node_sums[0][i] / m / dt;
      const auto   report
        = populations[p].advance(dt,
                                 conditions,
                                 [supply](const double, const double)
                                 { return supply; });
      steps += report.statistics.steps;
    }

    clock += dt;

    // Lateral adatom diffusion, implicit: (M_L + dt D_s K) theta' = M_L theta.
    const double diffusivity = exsolution.adatom_diffusivity(temperature);
    if (diffusivity > 0. && triangulation.n_global_active_cells() > 0
        && dim > 1)
    {
      TrilinosWrappers::SparseMatrix system;
      system.copy_from(stiffness);
      system *= dt * diffusivity;
      Vector rhs(owned, communicator), theta(owned, communicator);
      for (const auto i : owned)
      {
        const auto found = population_of.find(i);
        system.add(i, i, found != population_of.end() ? area[i] : 1.);
        if (found != population_of.end())
          rhs[i] = area[i] * populations[found->second].state()[0];
      }
      system.compress(VectorOperation::add);
      rhs.compress(VectorOperation::insert);
      const double before = rhs.l1_norm();
      if (before > 0.)
      {
        TrilinosWrappers::PreconditionAMG                 amg;
        TrilinosWrappers::PreconditionAMG::AdditionalData data;
        data.elliptic = true;
        amg.initialize(system, data);
        SolverControl    control(1000, 1e-13 * rhs.l2_norm());
        SolverCG<Vector> cg(control);
        cg.solve(system, theta, rhs, amg);
        // Clip round-off below zero and restore sum m_j theta_j exactly.
        double after = 0.;
        for (unsigned int p = 0; p < populations.size(); ++p)
        {
          const auto i = population_dofs[p];
          after += area[i] * std::max(static_cast<double>(theta[i]), 0.);
        }
        after               = Utilities::MPI::sum(after, communicator);
        const double factor = after > 0. ? before / after : 1.;
        for (unsigned int p = 0; p < populations.size(); ++p)
          populations[p].set_adatom_coverage(
            factor
            * std::max(static_cast<double>(theta[population_dofs[p]]), 0.));
      }
    }
    update_coverage_field();
    return Utilities::MPI::sum(steps, communicator);
  }



  template <int dim>
  std::vector<double>
  SurfaceParticleField<dim>::component_totals() const
  {
    const unsigned int  n = model->classes.size() + 3;
    std::vector<double> sum(n, 0.);
    for (unsigned int p = 0; p < populations.size(); ++p)
    {
      const double m = area[population_dofs[p]];
      for (unsigned int c = 0; c < n; ++c)
        sum[c] += m * populations[p].state()[c];
    }
    Utilities::MPI::sum(sum, communicator, sum);
    return sum;
  }



  template <int dim>
  void
  SurfaceParticleField<dim>::prepare_for_coarsening_and_refinement()
  {
    const unsigned int n = model->classes.size() + 3;
    totals_before        = component_totals();
    transfer_fields.assign(n, Vector(owned, communicator));
    for (unsigned int c = 0; c < n; ++c)
    {
      pack(c, transfer_fields[c]);
      constraints.distribute(transfer_fields[c]);
    }
    if (is_distributed(triangulation))
    {
      ghosted_fields.assign(n, Vector(owned, relevant, communicator));
      std::vector<const Vector *> in;
      for (unsigned int c = 0; c < n; ++c)
      {
        ghosted_fields[c] = transfer_fields[c];
        in.push_back(&ghosted_fields[c]);
      }
      distributed_transfer = std::make_unique<
        parallel::distributed::SolutionTransfer<dim, Vector>>(dof_handler);
      distributed_transfer->prepare_for_coarsening_and_refinement(in);
    }
    else
    {
      replicated_fields.clear();
      for (unsigned int c = 0; c < n; ++c)
        replicated_fields.push_back(
          replicate(transfer_fields[c], communicator));
      replicated_transfer
        = std::make_unique<SolutionTransfer<dim, dealii::Vector<double>>>(
          dof_handler);
      replicated_transfer->prepare_for_coarsening_and_refinement(
        replicated_fields);
    }
  }



  template <int dim>
  void
  SurfaceParticleField<dim>::interpolate_after_refinement()
  {
    const unsigned int n = model->classes.size() + 3;
    setup_dofs();
    std::vector<Vector> fields(n, Vector(owned, communicator));
    if (distributed_transfer)
    {
      std::vector<Vector *> out;
      for (auto &v : fields)
        out.push_back(&v);
      distributed_transfer->interpolate(out);
      distributed_transfer.reset();
    }
    else
    {
      std::vector<dealii::Vector<double>> out(
        n, dealii::Vector<double>(dof_handler.n_dofs()));
      replicated_transfer->interpolate(replicated_fields, out);
      replicated_transfer.reset();
      for (unsigned int c = 0; c < n; ++c)
      {
        for (const auto i : owned)
          fields[c][i] = out[c][i];
        fields[c].compress(VectorOperation::insert);
      }
    }
    unpack(fields, true);
    transfer_fields.clear();
    ghosted_fields.clear();
    replicated_fields.clear();
    update_coverage_field();
  }



  template <int dim>
  void
  SurfaceParticleField<dim>::unpack(const std::vector<Vector> &fields,
                                    const bool                 conserve)
  {
    const unsigned int n = fields.size();
    populations.clear();
    populations.reserve(population_dofs.size());
    std::vector<double> state(n);
    for (const auto i : population_dofs)
    {
      for (unsigned int c = 0; c < n; ++c)
        state[c] = std::max(fields[c][i], 0.);
      populations.emplace_back(model);
      populations.back().set_state(state, clock);
    }
    if (!conserve)
      return;
    // Interpolation moves metal between nodes and coarsening drops nodes:
    // a constant factor per component restores each class's metal (and
    // with it its particles), the adatoms and the exsolved total; the
    // socket depth (component K + 1) is an average and is left as it is.
    const std::vector<double> after      = component_totals();
    double                    total_area = area.l1_norm();
    const unsigned int        socket     = model->classes.size() + 1;
    for (unsigned int c = 0; c < n; ++c)
    {
      if (c == socket || totals_before[c] == 0.)
        continue;
      const bool   scale = after[c] > 0.;
      const double value
        = scale ? totals_before[c] / after[c]
                : totals_before[c] / total_area; // spread what vanished
      for (auto &population : populations)
      {
        state    = population.state();
        state[c] = scale ? state[c] * value : state[c] + value;
        population.set_state(state, clock);
      }
    }
  }



  template <int dim>
  SurfaceTotals
  SurfaceParticleField<dim>::totals() const
  {
    const unsigned int K = model->classes.size();
    SurfaceTotals      t;
    t.class_numbers.assign(K, 0.);
    // Area-weighted sums: area, atoms (adatoms, particles, supplied),
    // particles, particles x radius, metal area, perimeter, coverage,
    // socket depth.
    std::vector<double> sum(10, 0.);
    for (unsigned int p = 0; p < populations.size(); ++p)
    {
      const double m = area[population_dofs[p]];
      const auto   s = populations[p].summary();
      sum[0] += m;
      sum[1] += m * s.atoms_adatoms;
      sum[2] += m * s.atoms_particles;
      sum[3] += m * s.atoms_supplied;
      sum[4] += m * s.number_density;
      sum[5] += m * s.number_density * s.mean_radius;
      sum[6] += m * s.metal_area_fraction;
      sum[7] += m * s.perimeter_density;
      sum[8] += m * s.adatom_coverage;
      sum[9] += m * s.socket_depth;
      const auto numbers = populations[p].class_numbers();
      for (unsigned int k = 0; k < K; ++k)
        t.class_numbers[k] += m * numbers[k];
    }
    Utilities::MPI::sum(sum, communicator, sum);
    Utilities::MPI::sum(t.class_numbers, communicator, t.class_numbers);
    t.area            = sum[0];
    t.atoms_adatoms   = sum[1];
    t.atoms_particles = sum[2];
    t.atoms_supplied  = sum[3];
    t.particles       = sum[4];
    if (t.area > 0.)
    {
      t.mean.number_density      = sum[4] / t.area;
      t.mean.mean_radius         = sum[4] > 0. ? sum[5] / sum[4] : 0.;
      t.mean.metal_area_fraction = sum[6] / t.area;
      t.mean.perimeter_density   = sum[7] / t.area;
      t.mean.adatom_coverage     = sum[8] / t.area;
      t.mean.socket_depth        = sum[9] / t.area;
      t.mean.atoms_adatoms       = sum[1] / t.area;
      t.mean.atoms_particles     = sum[2] / t.area;
      t.mean.atoms_supplied      = sum[3] / t.area;
    }
    return t;
  }



  template <int dim>
  void
  SurfaceParticleField<dim>::set_coverage(
    const std::function<double(const Point<dim> &)> &coverage)
  {
    for (unsigned int p = 0; p < populations.size(); ++p)
      populations[p].set_adatom_coverage(coverage(population_points[p]));
    update_coverage_field();
  }



  template <int dim>
  std::vector<std::pair<Point<dim>, PopulationSummary>>
  SurfaceParticleField<dim>::local_summaries() const
  {
    std::vector<std::pair<Point<dim>, PopulationSummary>> result;
    for (unsigned int p = 0; p < populations.size(); ++p)
      result.emplace_back(population_points[p], populations[p].summary());
    return result;
  }



  template class SurfaceParticleField<1>;
  template class SurfaceParticleField<2>;
  template class SurfaceParticleField<3>;
} // namespace exsolve::particles
