// Diagnostics and field output of TransportProblem, included by one .cc file
// per linear-algebra backend.
#pragma once

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q1.h>
#include <deal.II/numerics/data_out.h>
#include <deal.II/numerics/data_postprocessor.h>

#include <exsolve/core/input_error.h>
#include <exsolve/core/physical_constants.h>
#include <exsolve/core/point_evaluation.h>
#include <exsolve/defects/segregation_fields.h>
#include <exsolve/electrostatics/field_output.h>
#include <exsolve/io/cell_id_fields.h>
#include <exsolve/io/partitioned_vtu.h>
#include <exsolve/particles/surface_particle_field.h>
#include <exsolve/transport/transport_problem.h>

#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>

namespace exsolve
{
  namespace transport_internal
  {
    /// Potential, concentrations and charge density (with the cores'
    /// charge) in the user's units from the unknowns (psi, ln c_1, ...).
    template <int dim>
    class TransportFields : public dealii::DataPostprocessor<dim>
    {
    public:
      TransportFields(const Electrolyte     &electrolyte,
                      const ExtendedDefects &defects,
                      const double           thermal_energy)
          : electrolyte(electrolyte)
          , defects(defects)
          , thermal_energy(thermal_energy)
      {
      }

      void
      evaluate_vector_field(
        const dealii::DataPostprocessorInputs::Vector<dim> &inputs,
        std::vector<dealii::Vector<double>> &computed) const override
      {
        const auto        &s = electrolyte.scales;
        const unsigned int n = electrolyte.charges.size();
        const double       charge_unit
          = s.dimensionless ? 1.
                            : constants::elementary_charge * s.concentration;
        ExtendedDefects::Values core;
        for (unsigned int p = 0; p < inputs.solution_values.size(); ++p)
        {
          const auto &w   = inputs.solution_values[p];
          double      rho = electrolyte.fixed_charge;
          computed[p](0)  = w(0) * s.potential();
          for (unsigned int i = 0; i < n; ++i)
          {
            const double c     = std::exp(w(i + 1));
            computed[p](1 + i) = c * s.concentration;
            rho += electrolyte.charges[i] * c;
          }
          if (!defects.empty())
          {
            defects.evaluate(inputs.evaluation_points[p], thermal_energy, core);
            rho += core.charge_density;
          }
          computed[p](1 + n) = rho * charge_unit;
        }
      }

      std::vector<std::string>
      get_names() const override
      {
        std::vector<std::string> names{"phi"};
        for (const auto &n : electrolyte.names)
          names.push_back("c_" + sanitized_field_name(n));
        names.emplace_back("rho");
        return names;
      }

      dealii::UpdateFlags
      get_needed_update_flags() const override
      {
        return dealii::update_values | dealii::update_quadrature_points;
      }

    private:
      const Electrolyte     &electrolyte;
      const ExtendedDefects &defects;
      const double           thermal_energy;
    };
  } // namespace transport_internal



  template <int dim, class LinearAlgebra>
  std::vector<double>
  TransportProblem<dim, LinearAlgebra>::amounts(const BlockVector &u) const
  {
    using namespace dealii;
    BlockVector ghosted(owned_partitioning,
                        relevant_partitioning,
                        communicator);
    ghosted = u;
    const QGauss<dim> quadrature(fe.degree + 1);
    FEValues<dim> fe_values(fe, quadrature, update_values | update_JxW_values);
    std::vector<Vector<double>> values(quadrature.size(),
                                       Vector<double>(n_species + 1));
    std::vector<double>         sums(n_species, 0.);
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
      {
        fe_values.reinit(cell);
        fe_values.get_function_values(ghosted, values);
        for (const unsigned int q : fe_values.quadrature_point_indices())
          for (unsigned int s = 0; s < n_species; ++s)
            sums[s] += std::exp(values[q][s + 1]) * fe_values.JxW(q);
      }
    Utilities::MPI::sum(sums, communicator, sums);
    return sums;
  }



  template <int dim, class LinearAlgebra>
  double
  TransportProblem<dim, LinearAlgebra>::potential_at(
    const dealii::Point<dim> &point) const
  {
    using namespace dealii;
    BlockVector ghosted(owned_partitioning,
                        relevant_partitioning,
                        communicator);
    ghosted = solution;
    return point_value(dof_handler, ghosted, point, 0, communicator)
           * electrolyte.scales.potential();
  }



  template <int dim, class LinearAlgebra>
  double
  TransportProblem<dim, LinearAlgebra>::concentration_at(
    const dealii::Point<dim> &point,
    const unsigned int        s) const
  {
    using namespace dealii;
    BlockVector ghosted(owned_partitioning,
                        relevant_partitioning,
                        communicator);
    ghosted = solution;
    return std::exp(
             point_value(dof_handler, ghosted, point, s + 1, communicator))
           * electrolyte.scales.concentration;
  }



  template <int dim, class LinearAlgebra>
  std::vector<double>
  TransportProblem<dim, LinearAlgebra>::boundary_integrals(
    const dealii::types::boundary_id id) const
  {
    using namespace dealii;
    BlockVector ghosted(owned_partitioning,
                        relevant_partitioning,
                        communicator);
    ghosted = solution;
    const QGauss<dim - 1>                    quadrature(fe.degree + 1);
    FEFaceValues<dim>                        fe_face_values(fe,
                                     quadrature,
                                     update_values | update_gradients
                                       | update_normal_vectors
                                       | update_quadrature_points
                                       | update_JxW_values);
    std::vector<Vector<double>>              values(quadrature.size(),
                                       Vector<double>(n_species + 1));
    std::vector<std::vector<Tensor<1, dim>>> gradients(
      quadrature.size(), std::vector<Tensor<1, dim>>(n_species + 1));
    std::vector<double> c(n_species), log_gamma(n_species, 0.), weight;
    // Per species int c dA, then per species int J.n dA, then the area.
    std::vector<double>     sums(2 * n_species + 1, 0.);
    ExtendedDefects::Values core;
    const auto             &defects = extended_defects;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const auto &face : cell->face_iterators())
          if (face->at_boundary() && face->boundary_id() == id)
          {
            fe_face_values.reinit(cell, face);
            fe_face_values.get_function_values(ghosted, values);
            fe_face_values.get_function_gradients(ghosted, gradients);
            for (const unsigned int q :
                 fe_face_values.quadrature_point_indices())
            {
              for (unsigned int s = 0; s < n_species; ++s)
                c[s] = std::exp(values[q][s + 1]);
              if (activities)
                activities->evaluate(c, log_gamma, weight);
              if (!defects.empty())
                defects.evaluate(fe_face_values.quadrature_point(q),
                                 thermal_energy_now(),
                                 core);
              const auto &n = fe_face_values.normal_vector(q);
              for (unsigned int s = 0; s < n_species; ++s)
              {
                // The driving force of the assembly's flux.
                Tensor<1, dim> force
                  = gradients[q][s + 1]
                    + drift_factor * electrolyte.charges[s] * gradients[q][0];
                if (activities && activities->group_of(s) >= 0)
                  for (unsigned int j = 0; j < n_species; ++j)
                    if (activities->group_of(j) == activities->group_of(s))
                      force += weight[j] * gradients[q][j + 1];
                double D = diffusivity_now[s];
                if (!defects.empty())
                {
                  D *= core.diffusivity_factor[s];
                  for (unsigned int d = 0; d < dim; ++d)
                    force[d] += core.potential_gradient[s][d];
                }
                sums[s] += c[s] * fe_face_values.JxW(q);
                sums[n_species + s]
                  -= D * c[s] * (force * n) * fe_face_values.JxW(q);
              }
              sums[2 * n_species] += fe_face_values.JxW(q);
            }
          }
    Utilities::MPI::sum(sums, communicator, sums);
    return sums;
  }



  template <int dim, class LinearAlgebra>
  std::vector<double>
  TransportProblem<dim, LinearAlgebra>::boundary_mean_concentrations(
    const std::string &boundary) const
  {
    const auto sums = boundary_integrals(
      boundary_names.id(boundary, "Postprocess/Mean concentration boundary"));
    std::vector<double> means(n_species);
    for (unsigned int s = 0; s < n_species; ++s)
      means[s]
        = sums[s] / sums[2 * n_species] * electrolyte.scales.concentration;
    return means;
  }



  template <int dim, class LinearAlgebra>
  std::vector<double>
  TransportProblem<dim, LinearAlgebra>::boundary_fluxes(
    const std::string &boundary) const
  {
    const auto sums = boundary_integrals(
      boundary_names.id(boundary, "Postprocess/Flux boundary"));
    return {sums.begin() + n_species, sums.begin() + 2 * n_species};
  }



  template <int dim, class LinearAlgebra>
  double
  TransportProblem<dim, LinearAlgebra>::total_charge() const
  {
    const std::vector<double> m      = amounts(solution);
    double                    q      = electrolyte.fixed_charge;
    double                    volume = 0;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        volume += cell->measure();
    q *= dealii::Utilities::MPI::sum(volume, communicator);
    for (unsigned int s = 0; s < n_species; ++s)
      q += electrolyte.charges[s] * m[s];
    return q + core_charge();
  }



  template <int dim, class LinearAlgebra>
  std::vector<DefectReport>
  TransportProblem<dim, LinearAlgebra>::defect_reports() const
  {
    using namespace dealii;
    const auto               &defects = extended_defects;
    const unsigned int        m       = defects.list().size();
    std::vector<DefectReport> reports(m);
    if (m == 0)
      return reports;
    BlockVector ghosted(owned_partitioning,
                        relevant_partitioning,
                        communicator);
    ghosted = solution;
    const QGauss<dim>           quadrature(fe.degree + 1);
    FEValues<dim>               fe_values(fe,
                            quadrature,
                            update_values | update_quadrature_points
                              | update_JxW_values);
    std::vector<Vector<double>> values(quadrature.size(),
                                       Vector<double>(n_species + 1));
    ExtendedDefects::Values     core;
    // Per defect: int p, int psi p, int |psi| (its share), then per
    // species int (c - c_b) (its share) and int D p.
    const unsigned int  stride = 3 + 2 * n_species;
    std::vector<double> sums(m * stride, 0.);
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
      {
        fe_values.reinit(cell);
        fe_values.get_function_values(ghosted, values);
        for (const unsigned int q : fe_values.quadrature_point_indices())
        {
          const auto  &x  = fe_values.quadrature_point(q);
          const double dx = fe_values.JxW(q), psi = values[q][0];
          defects.evaluate(x, thermal_energy_now(), core);
          unsigned int nearest = 0;
          double       closest = 1e300;
          for (unsigned int k = 0; k < m; ++k)
          {
            const double d = defects.distance(k, x);
            const double p = defects.profile(k, d);
            double      *s = &sums[k * stride];
            s[0] += p * dx;
            s[1] += psi * p * dx;
            for (unsigned int i = 0; i < n_species; ++i)
              s[3 + n_species + i]
                += diffusivity_now[i] * core.diffusivity_factor[i] * p * dx;
            if (d < closest)
            {
              closest = d;
              nearest = k;
            }
          }
          double *s = &sums[nearest * stride];
          s[2] += std::abs(psi) * dx;
          for (unsigned int i = 0; i < n_species; ++i)
            s[3 + i]
              += (std::exp(values[q][i + 1]) - reference_concentrations[i])
                 * dx;
        }
      }
    Utilities::MPI::sum(sums, communicator, sums);
    const auto  &scales = electrolyte.scales;
    const double L      = scales.dimensionless ? 1. : scales.length;
    const double d_unit
      = scales.dimensionless ? 1. : parameters.reference_diffusivity;
    for (unsigned int k = 0; k < m; ++k)
    {
      const auto   &defect = defects.list()[k];
      const double *s      = &sums[k * stride];
      const bool    plane  = defect.kind != ExtendedDefects::Kind::line;
      DefectReport &r      = reports[k];
      r.name               = defect.name;
      const double measure = s[0] / defects.profile_integral(k);
      const double phi0    = s[0] > 0 ? s[1] / s[0] : 0.;
      r.potential          = phi0 * scales.potential();
      // Lengths: L is 1 nm in SI runs, so dimensionless lengths are nm.
      r.measure                = measure;
      r.width                  = std::abs(phi0) > 0 && measure > 0
                                   ? s[2] / (std::abs(phi0) * measure)
                                   : 0.;
      const double per_measure = scales.concentration * (plane ? L : L * L);
      for (unsigned int i = 0; i < n_species; ++i)
      {
        r.excess.push_back(measure > 0 ? s[3 + i] / measure * per_measure : 0.);
        r.core_diffusivity.push_back(
          s[0] > 0 ? s[3 + n_species + i] / s[0] * d_unit : 0.);
      }
    }
    return reports;
  }



  template <int dim, class LinearAlgebra>
  double
  TransportProblem<dim, LinearAlgebra>::core_charge() const
  {
    // The quadrature of the residual: the discrete Gauss law holds with it.
    using namespace dealii;
    if (extended_defects.empty())
      return 0.;
    const QGauss<dim>       quadrature(fe.degree + 1);
    FEValues<dim>           fe_values(fe,
                            quadrature,
                            update_quadrature_points | update_JxW_values);
    ExtendedDefects::Values core;
    double                  q = 0.;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
      {
        fe_values.reinit(cell);
        for (const unsigned int p : fe_values.quadrature_point_indices())
        {
          extended_defects.evaluate(fe_values.quadrature_point(p),
                                    thermal_energy_now(),
                                    core);
          q += core.charge_density * fe_values.JxW(p);
        }
      }
    return Utilities::MPI::sum(q, communicator);
  }



  template <int dim, class LinearAlgebra>
  ErrorNorms
  TransportProblem<dim, LinearAlgebra>::errors(
    dealii::Function<dim> &exact) const
  {
    using namespace dealii;
    exact.set_time(time);
    BlockVector ghosted(owned_partitioning,
                        relevant_partitioning,
                        communicator);
    ghosted = solution;
    const QGauss<dim>                        quadrature(fe.degree + 3);
    FEValues<dim>                            fe_values(fe,
                            quadrature,
                            update_values | update_gradients
                              | update_quadrature_points | update_JxW_values);
    const unsigned int                       n_blocks = n_species + 1;
    std::vector<Vector<double>>              values(quadrature.size(),
                                       Vector<double>(n_blocks));
    std::vector<std::vector<Tensor<1, dim>>> gradients(
      quadrature.size(), std::vector<Tensor<1, dim>>(n_blocks));
    std::vector<Vector<double>>              exact_values(quadrature.size(),
                                             Vector<double>(n_blocks));
    std::vector<std::vector<Tensor<1, dim>>> exact_gradients(
      quadrature.size(), std::vector<Tensor<1, dim>>(n_blocks));
    std::vector<double> l2(n_blocks, 0.), h1(n_blocks, 0.);
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
      {
        fe_values.reinit(cell);
        fe_values.get_function_values(ghosted, values);
        fe_values.get_function_gradients(ghosted, gradients);
        exact.vector_value_list(fe_values.get_quadrature_points(),
                                exact_values);
        exact.vector_gradient_list(fe_values.get_quadrature_points(),
                                   exact_gradients);
        for (const unsigned int q : fe_values.quadrature_point_indices())
          for (unsigned int b = 0; b < n_blocks; ++b)
          {
            // Concentrations are exp(u_h), their gradients exp(u_h) grad u_h.
            const double         factor = b == 0 ? 1. : std::exp(values[q][b]);
            const double         value  = b == 0 ? values[q][b] : factor;
            const double         e      = value - exact_values[q][b];
            const Tensor<1, dim> ge
              = factor * gradients[q][b] - exact_gradients[q][b];
            l2[b] += e * e * fe_values.JxW(q);
            h1[b] += ge.norm_square() * fe_values.JxW(q);
          }
      }
    Utilities::MPI::sum(l2, communicator, l2);
    Utilities::MPI::sum(h1, communicator, h1);
    ErrorNorms result;
    for (unsigned int b = 0; b < n_blocks; ++b)
    {
      result.l2.push_back(std::sqrt(l2[b]));
      result.h1.push_back(std::sqrt(h1[b]));
    }
    return result;
  }



  template <int dim, class LinearAlgebra>
  std::vector<std::pair<double, double>>
  TransportProblem<dim, LinearAlgebra>::concentration_ranges(
    bool &all_finite) const
  {
    std::vector<std::pair<double, double>> ranges;
    bool                                   finite = true;
    for (unsigned int b = 0; b <= n_species; ++b)
    {
      double lo = std::numeric_limits<double>::max(), hi = -lo;
      for (const auto i : owned_partitioning[b])
      {
        const double v = solution.block(b)[i];
        finite         = finite && std::isfinite(v);
        lo             = std::min(lo, v);
        hi             = std::max(hi, v);
      }
      lo = -dealii::Utilities::MPI::max(-lo, communicator);
      hi = dealii::Utilities::MPI::max(hi, communicator);
      if (b > 0)
        ranges.emplace_back(std::exp(lo), std::exp(hi));
    }
    all_finite = dealii::Utilities::MPI::min(finite ? 1 : 0, communicator) == 1;
    return ranges;
  }



  template <int dim, class LinearAlgebra>
  std::vector<double>
  TransportProblem<dim, LinearAlgebra>::electrochemical_potential_spread() const
  {
    // Nodal values: component-wise numbering is not node-aligned between
    // blocks, so evaluate at the support points through the FE values.
    using namespace dealii;
    BlockVector ghosted(owned_partitioning,
                        relevant_partitioning,
                        communicator);
    ghosted = solution;
    const Quadrature<dim>   nodes(fe.base_element(0).get_unit_support_points());
    FEValues<dim>           fe_values(fe,
                            nodes,
                            update_values | update_quadrature_points);
    ExtendedDefects::Values core;
    std::vector<Vector<double>> values(nodes.size(),
                                       Vector<double>(n_species + 1));
    std::vector<double>         lo(n_species, 1e300), hi(n_species, -1e300);
    std::vector<double>         c(n_species), log_gamma(n_species, 0.), weight;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
      {
        fe_values.reinit(cell);
        fe_values.get_function_values(ghosted, values);
        for (unsigned int q = 0; q < nodes.size(); ++q)
        {
          // ln a_s + z_s psi + dg_s p / kT, with the activity coefficients
          // and the cores' potentials at this node.
          if (activities)
          {
            for (unsigned int j = 0; j < n_species; ++j)
              c[j] = std::exp(values[q][j + 1]);
            activities->evaluate(c, log_gamma, weight);
          }
          if (!extended_defects.empty())
            extended_defects.evaluate(fe_values.quadrature_point(q),
                                      thermal_energy_now(),
                                      core);
          for (unsigned int s = 0; s < n_species; ++s)
          {
            const double eta
              = values[q][s + 1] + log_gamma[s]
                + (extended_defects.empty() ? 0. : core.potential[s])
                + drift_factor * electrolyte.charges[s] * values[q][0];
            lo[s] = std::min(lo[s], eta);
            hi[s] = std::max(hi[s], eta);
          }
        }
      }
    std::vector<double> spread(n_species);
    for (unsigned int s = 0; s < n_species; ++s)
      spread[s] = Utilities::MPI::max(hi[s], communicator)
                  + Utilities::MPI::max(-lo[s], communicator);
    return spread;
  }



  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::write_fields(const RunDirectory *output,
                                                     const unsigned int  index,
                                                     CatalystSession *catalyst,
                                                     const unsigned int step)
  {
    using namespace dealii;
    ghosted_work = solution;
    const transport_internal::TransportFields<dim> fields(electrolyte,
                                                          extended_defects,
                                                          thermal_energy_now());
    DataOut<dim>                                   data_out;
    data_out.attach_dof_handler(dof_handler);
    data_out.add_data_vector(ghosted_work, fields);
    const SegregationFields<dim> segregation(extended_defects,
                                             electrolyte.names);
    if (!extended_defects.empty())
      data_out.add_data_vector(ghosted_work, segregation);
    const CellIdFields<dim> ids(*triangulation);
    ids.attach(data_out);
    if (particles_ready)
      particle_field->attach_fields(data_out);
    data_out.build_patches(fe.degree);
    if (catalyst != nullptr)
    {
      // The particle surfaces as a channel of their own (2D, 3D).
      std::map<std::string, std::string> surface;
      if (particles_ready && dim > 1)
        surface["surface"] = particle_field->surface_vtu();
      catalyst->process(data_out, step, time * parameters.time_scale, surface);
    }
    if (output == nullptr)
      return;
    write_partitioned_vtu(data_out,
                          *output,
                          "solution-" + Utilities::int_to_string(index, 4),
                          time * parameters.time_scale,
                          pvd_records,
                          triangulation->locally_owned_subdomain(),
                          communicator);
    if (extended_defects.empty())
      return;
    // One row per defect and output step; the whole file each time, so a
    // killed run keeps a consistent history.
    for (const auto &r : defect_reports())
    {
      std::ostringstream row;
      row << std::setprecision(12) << time * parameters.time_scale << ','
          << r.name << ',' << r.potential << ',' << r.width << ',' << r.measure;
      for (const double e : r.excess)
        row << ',' << e;
      for (const double d : r.core_diffusivity)
        row << ',' << d;
      defect_rows.push_back(row.str());
    }
    if (Utilities::MPI::this_mpi_process(communicator) == 0)
      output->write_atomically("defects.csv",
                               [&](std::ostream &out)
                               {
                                 out << "time,defect,potential,width,measure";
                                 for (const auto &name : electrolyte.names)
                                   out << ",excess[" << name << "]";
                                 for (const auto &name : electrolyte.names)
                                   out << ",core_diffusivity[" << name << "]";
                                 out << '\n';
                                 for (const auto &row : defect_rows)
                                   out << row << '\n';
                               });
    output->synchronize();
  }
} // namespace exsolve
