// Residual and exact Jacobian of the Poisson-Nernst-Planck Newton systems,
// included by one .cc file per linear-algebra backend. The species rows of
// a BDF step are multiplied by dt (amounts, not rates): their round-off
// floor then does not grow as the step shrinks.
#pragma once

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/full_matrix.h>

#include <exsolve/particles/surface_particle_field.h>
#include <exsolve/transport/transport_problem.h>

#include <cmath>
#include <limits>
#include <type_traits>

namespace exsolve
{
  namespace transport_internal
  {
    /// Solution values of all components at the quadrature points of a cell.
    template <int dim>
    struct PointValues
    {
      std::vector<dealii::Vector<double>>              values, old, older;
      std::vector<std::vector<dealii::Tensor<1, dim>>> gradients;
      std::vector<dealii::Vector<double>>              sources;

      PointValues(const unsigned int n_points, const unsigned int n_components)
          : values(n_points, dealii::Vector<double>(n_components))
          , old(values)
          , older(values)
          , gradients(n_points,
                      std::vector<dealii::Tensor<1, dim>>(n_components))
          , sources(values)
      {
      }
    };
  } // namespace transport_internal



  template <int dim, class LinearAlgebra>
  template <class CellRows>
  void
  TransportProblem<dim, LinearAlgebra>::eliminate_fast_rates(
    CellRows       &rows,
    const CellRows &constraints) const
  {
    // Row (component, node) of the cell contribution. The combination is
    // the same at every node, so combining cell by cell before the
    // constraints are distributed equals combining the global rows.
    const unsigned int m     = fe.base_element(0).n_dofs_per_cell();
    constexpr bool is_vector = std::is_same_v<CellRows, dealii::Vector<double>>;
    unsigned int   n_columns = 1;
    if constexpr (!is_vector)
      n_columns = rows.n();
    const auto entry =
      [](auto &r, const unsigned int i, const unsigned int j) -> decltype(auto)
    {
      if constexpr (is_vector)
      {
        (void)j;
        return (r(i));
      }
      else
        return (r(i, j));
    };
    for (unsigned int k = 0; k < m; ++k)
    {
      for (unsigned int s = 0; s < n_species; ++s)
        if (elimination.constraint_of[s] < 0)
          for (unsigned int f = 0; f < elimination.pivot.size(); ++f)
          {
            const double factor = elimination.combination(s, f);
            if (factor == 0.)
              continue;
            const unsigned int row = fe.component_to_system_index(s + 1, k);
            const unsigned int pivot_row
              = fe.component_to_system_index(elimination.pivot[f] + 1, k);
            for (unsigned int j = 0; j < n_columns; ++j)
              entry(rows, row, j) -= factor * entry(rows, pivot_row, j);
          }
      for (const unsigned int p : elimination.pivot)
      {
        const unsigned int row = fe.component_to_system_index(p + 1, k);
        for (unsigned int j = 0; j < n_columns; ++j)
          entry(rows, row, j) = entry(constraints, row, j);
      }
    }
  }



  template <int dim, class LinearAlgebra>
  double
  TransportProblem<dim, LinearAlgebra>::assemble_residual(const BlockVector &u,
                                                          BlockVector &residual)
  {
    using namespace dealii;
    TimerOutput::Scope t(*timer, "assemble residual");
    ghosted_work = u;
    residual     = 0;

    const QGauss<dim>     quadrature(fe.degree + 1);
    const QGauss<dim - 1> face_quadrature(fe.degree + 1);
    FEValues<dim>         fe_values(fe,
                            quadrature,
                            update_values | update_gradients
                              | update_quadrature_points | update_JxW_values);
    FEFaceValues<dim>     fe_face_values(fe,
                                     face_quadrature,
                                     update_values | update_JxW_values);
    const unsigned int    n        = fe.n_dofs_per_cell();
    const unsigned int    n_blocks = n_species + 1;
    const double          lambda2
      = electrolyte.scales.lambda_squared * permittivity_factor;
    const auto                          &D   = diffusivity_now;
    const double                         tau = drift_factor; // T_ref / T
    const auto                          &z   = electrolyte.charges;
    Vector<double>                       cell_residual(n);
    std::vector<types::global_dof_index> dofs(n);
    transport_internal::PointValues<dim> at(quadrature.size(), n_blocks);
    std::vector<Vector<double>>          face_values(face_quadrature.size(),
                                            Vector<double>(n_blocks));
    std::vector<double>                  c(n_species), mass(n_species);
    std::vector<double>                  reaction(n_species, 0.);
    std::vector<double>                  log_gamma(n_species, 0.);
    std::vector<double>                  weight(n_species, 0.);
    std::vector<double>         rho, surface_flux, c_face(n_species), coverage;
    std::vector<Tensor<1, dim>> drift(n_species);
    const bool transport   = equation == SpeciesEquation::transport;
    const bool constrained = local_equilibria && transport;
    // Rows of the pivots: the local-equilibrium constraints.
    Vector<double> constraint_residual(n);
    bool           admissible = true;
    // Extended defects: core potentials, fast paths and core charge.
    const auto             &defects = extended_defects;
    ExtendedDefects::Values core;
    std::vector<double>     D_local(D);
    const double            thermal_energy = thermal_energy_now();
    if (source_terms)
      source_terms->set_time(time);

    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
      {
        fe_values.reinit(cell);
        fe_values.get_function_values(ghosted_work, at.values);
        fe_values.get_function_gradients(ghosted_work, at.gradients);
        fe_values.get_function_values(ghosted_old, at.old);
        if (equation == SpeciesEquation::transport && bdf[2] != 0.)
          fe_values.get_function_values(ghosted_older, at.older);
        if (source_terms && equation == SpeciesEquation::transport)
          source_terms->vector_value_list(fe_values.get_quadrature_points(),
                                          at.sources);
        else
          for (auto &s : at.sources)
            s = 0;
        cell_residual       = 0;
        constraint_residual = 0;
        for (const unsigned int q : fe_values.quadrature_point_indices())
        {
          const Vector<double>              &w    = at.values[q];
          const std::vector<Tensor<1, dim>> &grad = at.gradients[q];
          double charge = electrolyte.fixed_charge + at.sources[q][0];
          for (unsigned int s = 0; s < n_species; ++s)
          {
            c[s] = std::exp(w[s + 1]);
            charge += z[s] * c[s];
            if (equation == SpeciesEquation::transport)
            {
              mass[s] = bdf[0] * c[s] + bdf[1] * std::exp(at.old[q][s + 1]);
              if (bdf[2] != 0.)
                mass[s] += bdf[2] * std::exp(at.older[q][s + 1]);
            }
          }
          if (reaction_rates && transport)
            reaction_rates->evaluate(c, reaction, nullptr);
          if (!defects.empty())
          {
            defects.evaluate(fe_values.quadrature_point(q),
                             thermal_energy,
                             core);
            charge += core.charge_density;
            for (unsigned int s = 0; s < n_species; ++s)
              D_local[s] = D[s] * core.diffusivity_factor[s];
          }
          // Driving forces grad(ln a_i + dg_i / kT + z_i psi) of the fluxes.
          if (activities)
            admissible
              = activities->evaluate(c, log_gamma, weight) && admissible;
          for (unsigned int s = 0; s < n_species; ++s)
          {
            drift[s] = grad[s + 1] + tau * z[s] * grad[0];
            if (activities && activities->group_of(s) >= 0)
              for (unsigned int j = 0; j < n_species; ++j)
                if (activities->group_of(j) == activities->group_of(s))
                  drift[s] += weight[j] * grad[j + 1];
            if (!defects.empty())
              for (unsigned int d = 0; d < dim; ++d)
                drift[s][d] += core.potential_gradient[s][d];
          }
          if (constrained)
            local_equilibria->evaluate(c, rho, nullptr);
          const double dx = fe_values.JxW(q);
          for (unsigned int i = 0; i < n; ++i)
          {
            const unsigned int comp = fe.system_to_component_index(i).first;
            const double       phi  = fe_values.shape_value(i, q);
            const auto        &gphi = fe_values.shape_grad(i, q);
            if (comp == 0)
            {
              cell_residual(i)
                += (lambda2 * (grad[0] * gphi) - charge * phi) * dx;
              continue;
            }
            const unsigned int s = comp - 1;
            switch (equation)
            {
              case SpeciesEquation::transport:
                cell_residual(i)
                  += (mass[s] * phi
                      + step
                          * (D_local[s] * c[s] * (drift[s] * gphi)
                             - (at.sources[q][comp] + reaction[s]) * phi))
                     * dx;
                if (constrained && elimination.constraint_of[s] >= 0)
                {
                  // sum_f B^{-1}_fq rho_f for pivot q of this species.
                  const unsigned int pivot_of = elimination.constraint_of[s];
                  double             value    = 0.;
                  for (unsigned int f = 0; f < rho.size(); ++f)
                    value
                      += elimination.constraint_weights(f, pivot_of) * rho[f];
                  constraint_residual(i) += value * phi * dx;
                }
                break;
              case SpeciesEquation::boltzmann:
                // Immobile species (dopants) keep their distribution.
                if (D[s] == 0.)
                  cell_residual(i)
                    += (c[s] - std::exp(at.old[q][comp])) * phi * dx;
                else
                  cell_residual(i)
                    += (w[comp] + log_gamma[s]
                        + (defects.empty() ? 0. : core.potential[s])
                        + z[s] * w[0] - log_bulk_activity[s])
                       * phi * dx;
                break;
              case SpeciesEquation::frozen:
                cell_residual(i)
                  += (c[s] - std::exp(at.old[q][comp])) * phi * dx;
                break;
            }
          }
        }
        for (const unsigned int f : cell->face_indices())
          if (cell->face(f)->at_boundary())
          {
            const auto id = cell->face(f)->boundary_id();
            fe_face_values.reinit(cell, f);
            fe_face_values.get_function_values(ghosted_work, face_values);
            const bool exsolving
              = transport && particles_ready && particle_field->is_surface(id);
            if (exsolving)
              particle_field->coverage_at(cell, f, coverage);
            for (const unsigned int q :
                 fe_face_values.quadrature_point_indices())
            {
              // Inward fluxes: the charge on the surface for psi, the
              // species that cross the boundary for the others.
              std::vector<double> inflow(n_blocks, 0.);
              const auto          neumann = potential_bc.neumann.find(id);
              const auto          robin   = potential_bc.robin.find(id);
              if (neumann != potential_bc.neumann.end())
                inflow[0] = neumann->second;
              else if (robin != potential_bc.robin.end())
                inflow[0] = robin->second.first
                            * (robin->second.second - face_values[q][0]);
              if (equation == SpeciesEquation::transport)
                for (unsigned int s = 0; s < n_species; ++s)
                {
                  const auto key  = std::make_pair(id, s);
                  const auto flux = species_bc.flux.find(key);
                  const auto exch = species_bc.exchange.find(key);
                  if (flux != species_bc.flux.end())
                    inflow[s + 1] = step * flux->second;
                  else if (exch != species_bc.exchange.end())
                    inflow[s + 1] = step * exch->second.first
                                    * (exch->second.second
                                       - std::exp(face_values[q][s + 1]));
                }
              const auto surface = surface_reactions.find(id);
              if (transport && surface != surface_reactions.end())
              {
                for (unsigned int s = 0; s < n_species; ++s)
                  c_face[s] = std::exp(face_values[q][s + 1]);
                surface->second->evaluate(c_face, surface_flux, nullptr);
                for (unsigned int s = 0; s < n_species; ++s)
                  inflow[s + 1] += step * surface_flux[s];
              }
              if (exsolving)
              {
                // The cation (and a vacancy with it) leaves into the
                // adatoms (Particles/Exsolution).
                for (unsigned int s = 0; s < n_species; ++s)
                  c_face[s] = std::exp(face_values[q][s + 1]);
                const double r = exsolution_inflow(c_face, coverage[q]).rate;
                inflow[parameters.exsolving_species + 1] -= step * r;
                if (parameters.vacancy_species >= 0)
                  inflow[parameters.vacancy_species + 1] -= step * r;
              }
              for (unsigned int i = 0; i < n; ++i)
              {
                const unsigned int comp = fe.system_to_component_index(i).first;
                cell_residual(i) -= inflow[comp]
                                    * fe_face_values.shape_value(i, q)
                                    * fe_face_values.JxW(q);
              }
            }
          }
        if (constrained)
          eliminate_fast_rates(cell_residual, constraint_residual);
        cell->get_dof_indices(dofs);
        update_constraints.distribute_local_to_global(cell_residual,
                                                      dofs,
                                                      residual);
      }
    residual.compress(VectorOperation::add);
    residual.scale(row_scaling);
    // A state with an overfull sublattice or band has no activities:
    // Newton's line search then backs off from it.
    if (Utilities::MPI::logical_or(!admissible, communicator))
      return std::numeric_limits<double>::quiet_NaN();
    return residual.l2_norm();
  }



  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::assemble_jacobian(const BlockVector &u)
  {
    using namespace dealii;
    TimerOutput::Scope t(*timer, "assemble Jacobian");
    ghosted_work        = u;
    jacobian            = 0;
    schur_approximation = 0;

    const QGauss<dim>     quadrature(fe.degree + 1);
    const QGauss<dim - 1> face_quadrature(fe.degree + 1);
    FEValues<dim>         fe_values(fe,
                            quadrature,
                            update_values | update_gradients
                              | update_quadrature_points | update_JxW_values);
    FEFaceValues<dim>     fe_face_values(fe,
                                     face_quadrature,
                                     update_values | update_JxW_values);
    const unsigned int    n        = fe.n_dofs_per_cell();
    const unsigned int    n_blocks = n_species + 1;
    const double          lambda2
      = electrolyte.scales.lambda_squared * permittivity_factor;
    const auto                          &D   = diffusivity_now;
    const double                         tau = drift_factor; // T_ref / T
    const auto                          &z   = electrolyte.charges;
    FullMatrix<double>                   cell_matrix(n, n);
    std::vector<types::global_dof_index> dofs(n), psi_dofs;
    std::vector<unsigned int>            component(n), psi_local;
    for (unsigned int i = 0; i < n; ++i)
    {
      component[i] = fe.system_to_component_index(i).first;
      if (component[i] == 0)
        psi_local.push_back(i);
    }
    FullMatrix<double> schur_matrix(psi_local.size(), psi_local.size());
    psi_dofs.resize(psi_local.size());
    transport_internal::PointValues<dim> at(quadrature.size(), n_blocks);
    std::vector<Vector<double>>          face_values(face_quadrature.size(),
                                            Vector<double>(n_blocks));
    std::vector<double>                  c(n_species), reaction;
    FullMatrix<double>                   d_reaction, d_rho, d_surface;
    std::vector<Tensor<1, dim>>          drift(n_species), shared(n_species);
    std::vector<double>                  log_gamma(n_species, 0.);
    std::vector<double>                  weight(n_species, 0.);
    std::vector<double>     rho, surface_flux, c_face(n_species), coverage;
    const bool              transport = equation == SpeciesEquation::transport;
    const bool              constrained = local_equilibria && transport;
    FullMatrix<double>      constraint_matrix(n, n);
    const auto             &defects = extended_defects;
    ExtendedDefects::Values core;
    std::vector<double>     D_local(D);
    const double            thermal_energy = thermal_energy_now();
    // d(constraint of pivot q)/d ln c_j = sum_f B^{-1}_fq d rho_f/d ln c_j.
    FullMatrix<double> d_constraint;
    // Local index of scalar shape function k of each component.
    const unsigned int m = fe.base_element(0).n_dofs_per_cell();
    std::vector<std::vector<unsigned int>> index(n_blocks,
                                                 std::vector<unsigned int>(m));
    for (unsigned int b = 0; b < n_blocks; ++b)
      for (unsigned int k = 0; k < m; ++k)
        index[b][k] = fe.component_to_system_index(b, k);
    std::vector<double>              sv(m);
    std::vector<Tensor<1, dim>>      sg(m);
    std::vector<std::vector<double>> drift_test(n_species,
                                                std::vector<double>(m));
    std::vector<std::vector<double>> shared_test(drift_test);

    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
      {
        fe_values.reinit(cell);
        fe_values.get_function_values(ghosted_work, at.values);
        fe_values.get_function_gradients(ghosted_work, at.gradients);
        cell_matrix       = 0;
        schur_matrix      = 0;
        constraint_matrix = 0;
        // Schur complement of the species blocks, mode by mode: a species
        // that relaxes over the length l (l^2 = D dt / a0) screens psi by
        // z^2 c on scales above l and stiffens it by z^2 c l^2 below.
        const double h2         = cell->diameter() * cell->diameter() / dim;
        double       stiffening = 0, screening = 0;
        for (const unsigned int q : fe_values.quadrature_point_indices())
        {
          const Vector<double>              &w    = at.values[q];
          const std::vector<Tensor<1, dim>> &grad = at.gradients[q];
          const double                       dx   = fe_values.JxW(q);
          for (unsigned int s = 0; s < n_species; ++s)
            c[s] = std::exp(w[s + 1]);
          // Activity coefficients: the fluxes follow grad ln a_i, and
          // d(grad ln gamma_i)/d ln c_m = w_m grad(phi) + w_m phi
          // (grad u_m + sum_{j in G} w_j grad u_j) for m in i's group G.
          if (activities)
            activities->evaluate(c, log_gamma, weight);
          for (unsigned int s = 0; s < n_species; ++s)
          {
            shared[s] = Tensor<1, dim>();
            if (activities && activities->group_of(s) >= 0)
              for (unsigned int j = 0; j < n_species; ++j)
                if (activities->group_of(j) == activities->group_of(s))
                  shared[s] += weight[j] * grad[j + 1];
          }
          if (!defects.empty())
          {
            defects.evaluate(fe_values.quadrature_point(q),
                             thermal_energy,
                             core);
            for (unsigned int s = 0; s < n_species; ++s)
              D_local[s] = D[s] * core.diffusivity_factor[s];
          }
          for (unsigned int s = 0; s < n_species; ++s)
          {
            drift[s] = grad[s + 1] + shared[s] + tau * z[s] * grad[0];
            if (!defects.empty())
              for (unsigned int d = 0; d < dim; ++d)
                drift[s][d] += core.potential_gradient[s][d];
            double l2 = 0;
            if (equation == SpeciesEquation::transport)
              l2 = D_local[s] * step / bdf[0];
            else if (equation == SpeciesEquation::boltzmann && D[s] != 0.)
              l2 = 1e300;
            const double z2c = z[s] * z[s] * c[s] * dx;
            stiffening += z2c * std::min(l2, h2);
            screening
              += z2c * (l2 >= 1e300 ? 1. : l2 / (domain_scale_squared + l2));
          }
          const bool reacting = reaction_rates && transport;
          if (reacting)
            reaction_rates->evaluate(c, reaction, &d_reaction);
          if (constrained)
          {
            local_equilibria->evaluate(c, rho, &d_rho);
            d_constraint.reinit(rho.size(), n_species);
            elimination.constraint_weights.Tmmult(d_constraint, d_rho);
          }
          // All components share the scalar shape functions: form the
          // scalar mass, stiffness and drift products once per point and
          // add them to the blocks with their coefficients.
          for (unsigned int k = 0; k < m; ++k)
          {
            sv[k] = fe_values.shape_value(index[0][k], q);
            sg[k] = fe_values.shape_grad(index[0][k], q);
            for (unsigned int s = 0; s < n_species; ++s)
            {
              drift_test[s][k]  = drift[s] * sg[k];
              shared_test[s][k] = (grad[s + 1] + shared[s]) * sg[k];
            }
          }
          for (unsigned int k = 0; k < m; ++k)   // test function
            for (unsigned int l = 0; l < m; ++l) // trial function
            {
              const double mass      = sv[k] * sv[l] * dx;
              const double stiffness = (sg[k] * sg[l]) * dx;
              cell_matrix(index[0][k], index[0][l]) += lambda2 * stiffness;
              // d(-step s_i)/d ln c_j of the slow reactions.
              if (reacting)
                for (const auto &[i, j] : reaction_couplings)
                  cell_matrix(index[i + 1][k], index[j + 1][l])
                    -= step * d_reaction(i, j) * mass;
              if (constrained)
                for (unsigned int q2 = 0; q2 < elimination.pivot.size(); ++q2)
                  for (unsigned int j = 0; j < n_species; ++j)
                    constraint_matrix(index[elimination.pivot[q2] + 1][k],
                                      index[j + 1][l])
                      += d_constraint(q2, j) * mass;
              if (activities)
                for (unsigned int s = 0; s < n_species; ++s)
                  if (activities->group_of(s) >= 0)
                    for (unsigned int j = 0; j < n_species; ++j)
                      if (activities->group_of(j) == activities->group_of(s))
                      {
                        const unsigned int row = index[s + 1][k],
                                           col = index[j + 1][l];
                        if (transport)
                          cell_matrix(row, col)
                            += step * D_local[s] * c[s] * weight[j]
                               * (stiffness + sv[l] * shared_test[j][k] * dx);
                        else if (equation == SpeciesEquation::boltzmann
                                 && D[s] != 0.)
                          cell_matrix(row, col) += weight[j] * mass;
                      }
              for (unsigned int s = 0; s < n_species; ++s)
              {
                const unsigned int row = index[s + 1][k], col = index[s + 1][l];
                cell_matrix(index[0][k], col) -= z[s] * c[s] * mass;
                switch (equation)
                {
                  case SpeciesEquation::transport:
                  {
                    const double flow = step * D_local[s] * c[s];
                    cell_matrix(row, index[0][l])
                      += flow * tau * z[s] * stiffness;
                    cell_matrix(row, col)
                      += bdf[0] * c[s] * mass
                         + flow * (sv[l] * drift_test[s][k] * dx + stiffness);
                    break;
                  }
                  case SpeciesEquation::boltzmann:
                    if (D[s] == 0.)
                      cell_matrix(row, col) += c[s] * mass;
                    else
                    {
                      cell_matrix(row, index[0][l]) += z[s] * mass;
                      cell_matrix(row, col) += mass;
                    }
                    break;
                  case SpeciesEquation::frozen:
                    cell_matrix(row, col) += c[s] * mass;
                    break;
                }
              }
            }
        }
        // Cell averages of the Schur terms, spread with the psi shape
        // functions (the coefficients vary slowly within a cell).
        const double volume = cell->measure();
        for (const unsigned int q : fe_values.quadrature_point_indices())
        {
          const double dx = fe_values.JxW(q);
          for (unsigned int i = 0; i < psi_local.size(); ++i)
            for (unsigned int j = 0; j < psi_local.size(); ++j)
            {
              const unsigned int I = psi_local[i], J = psi_local[j];
              schur_matrix(i, j)
                += ((lambda2 + stiffening / volume)
                      * (fe_values.shape_grad(J, q)
                         * fe_values.shape_grad(I, q))
                    + screening / volume * fe_values.shape_value(J, q)
                        * fe_values.shape_value(I, q))
                   * dx;
            }
        }
        for (const unsigned int f : cell->face_indices())
          if (cell->face(f)->at_boundary())
          {
            const auto id      = cell->face(f)->boundary_id();
            const auto robin   = potential_bc.robin.find(id);
            bool       any     = robin != potential_bc.robin.end();
            const auto surface = surface_reactions.find(id);
            const bool reacting_surface
              = transport && surface != surface_reactions.end();
            const bool exsolving
              = transport && particles_ready && particle_field->is_surface(id);
            if (transport)
              for (unsigned int s = 0; s < n_species; ++s)
                any = any || species_bc.exchange.count({id, s}) > 0;
            if (!any && !reacting_surface && !exsolving)
              continue;
            fe_face_values.reinit(cell, f);
            fe_face_values.get_function_values(ghosted_work, face_values);
            if (exsolving)
              particle_field->coverage_at(cell, f, coverage);
            for (const unsigned int q :
                 fe_face_values.quadrature_point_indices())
            {
              // d(-inflow)/d(unknown) on the diagonal blocks.
              std::vector<double> coefficient(n_blocks, 0.);
              if (robin != potential_bc.robin.end())
                coefficient[0] = robin->second.first;
              if (equation == SpeciesEquation::transport)
                for (unsigned int s = 0; s < n_species; ++s)
                {
                  const auto exch = species_bc.exchange.find({id, s});
                  if (exch != species_bc.exchange.end())
                    coefficient[s + 1] = step * exch->second.first
                                         * std::exp(face_values[q][s + 1]);
                }
              if (reacting_surface)
              {
                // d(-step nu_i r)/d ln c_j of the surface reaction.
                for (unsigned int s = 0; s < n_species; ++s)
                  c_face[s] = std::exp(face_values[q][s + 1]);
                surface->second->evaluate(c_face, surface_flux, &d_surface);
                for (unsigned int i = 0; i < n; ++i)
                  for (unsigned int j = 0; j < n; ++j)
                    if (component[i] > 0 && component[j] > 0)
                      cell_matrix(i, j)
                        -= step * d_surface(component[i] - 1, component[j] - 1)
                           * fe_face_values.shape_value(i, q)
                           * fe_face_values.shape_value(j, q)
                           * fe_face_values.JxW(q);
              }
              if (exsolving)
              {
                // d(-inflow)/d ln c of the exsolution, for the cation and
                // the vacancy rows alike (both leave at the rate r).
                for (unsigned int s = 0; s < n_species; ++s)
                  c_face[s] = std::exp(face_values[q][s + 1]);
                const auto         r = exsolution_inflow(c_face, coverage[q]);
                const unsigned int M = parameters.exsolving_species + 1;
                const int          V = parameters.vacancy_species >= 0
                                         ? parameters.vacancy_species + 1
                                         : -1;
                for (unsigned int i = 0; i < n; ++i)
                  if (component[i] == M || int(component[i]) == V)
                    for (unsigned int j = 0; j < n; ++j)
                    {
                      const double d = component[j] == M        ? r.d_ln_cation
                                       : int(component[j]) == V ? r.d_ln_vacancy
                                                                : 0.;
                      if (d != 0.)
                        cell_matrix(i, j) += step * d
                                             * fe_face_values.shape_value(i, q)
                                             * fe_face_values.shape_value(j, q)
                                             * fe_face_values.JxW(q);
                    }
              }
              for (unsigned int i = 0; i < n; ++i)
                for (unsigned int j = 0; j < n; ++j)
                  if (component[i] == component[j])
                  {
                    const double value = coefficient[component[i]]
                                         * fe_face_values.shape_value(i, q)
                                         * fe_face_values.shape_value(j, q)
                                         * fe_face_values.JxW(q);
                    cell_matrix(i, j) += value;
                  }
              if (robin != potential_bc.robin.end())
                for (unsigned int i = 0; i < psi_local.size(); ++i)
                  for (unsigned int j = 0; j < psi_local.size(); ++j)
                    schur_matrix(i, j)
                      += coefficient[0]
                         * fe_face_values.shape_value(psi_local[i], q)
                         * fe_face_values.shape_value(psi_local[j], q)
                         * fe_face_values.JxW(q);
            }
          }
        if (constrained)
          eliminate_fast_rates(cell_matrix, constraint_matrix);
        cell->get_dof_indices(dofs);
        update_constraints.distribute_local_to_global(cell_matrix,
                                                      dofs,
                                                      jacobian);
        for (unsigned int i = 0; i < psi_local.size(); ++i)
          psi_dofs[i] = dofs[psi_local[i]];
        update_constraints.distribute_local_to_global(schur_matrix,
                                                      psi_dofs,
                                                      schur_approximation);
      }
    jacobian.compress(VectorOperation::add);
    LinearAlgebra::scale_rows(jacobian, row_scaling);
    schur_approximation.compress(VectorOperation::add);
  }
} // namespace exsolve
