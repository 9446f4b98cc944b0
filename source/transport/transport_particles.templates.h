// Particles on the surfaces of a transport run (Particles/Exsolution):
// the exsolution flux of the transport's boundary condition and the
// exchange with the SurfaceParticleField after each accepted step,
// included by one .cc file per linear-algebra backend.
#pragma once

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>

#include <exsolve/core/input_error.h>
#include <exsolve/particles/surface_particle_field.h>
#include <exsolve/transport/transport_problem.h>

#include <cmath>
#include <iomanip>
#include <sstream>

namespace exsolve
{
  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::setup_particles()
  {
    const auto &exsolution = parameters.exsolution;
    if (!exsolution.enabled())
      return;
    const std::string entry = "Particles/Exsolution/Surfaces";
    std::set<dealii::types::boundary_id> ids;
    for (const auto &name : exsolution.surfaces)
    {
      const auto id = boundary_names.id(name, entry);
      require_input(!species_bc.fixed.count({id, parameters.exsolving_species}),
                    entry,
                    name,
                    "the exsolving species " + exsolution.cation
                      + " has a fixed concentration on this boundary; "
                        "particles need it to leave through the surface");
      ids.insert(id);
    }
    particle_field = std::make_unique<particles::SurfaceParticleField<dim>>(
      parameters.particle_model,
      exsolution,
      ids,
      *triangulation,
      dealii::QGauss<dim - 1>(fe.degree + 1),
      electrolyte.scales.length,
      communicator);
  }



  template <int dim, class LinearAlgebra>
  particles::ExsolutionRate
  TransportProblem<dim, LinearAlgebra>::exsolution_inflow(
    const std::vector<double> &c,
    const double               theta) const
  {
    // r [m^-2 s^-1] at the lattice ratios c/c^b of the face point, in the
    // transport's flux unit. The reverse rate (adatoms back into the
    // lattice) uses theta of the step's start and is capped at half the
    // adatoms per step, so that the split step cannot take more adatoms
    // than there are.
    const auto        &p   = parameters.exsolution;
    const unsigned int M   = parameters.exsolving_species;
    const int          V   = parameters.vacancy_species;
    const double       c_M = c[M] / electrolyte.bulk_concentrations[M];
    const double c_V = V < 0 ? 1. : c[V] / electrolyte.bulk_concentrations[V];
    particles::ExsolutionRate r
      = particles::exsolution_rate(p, current_temperature, c_M, c_V, theta);
    const double dt_seconds = step * parameters.time_scale;
    if (dt_seconds > 0.)
    {
      const double cap
        = 0.5 * theta * parameters.particle_model.site_density / dt_seconds;
      const double reverse = r.d_ln_cation - r.rate;
      if (reverse > cap)
        r.rate = r.d_ln_cation - cap;
    }
    const double unit = parameters.flux_unit();
    r.rate /= unit;
    r.d_ln_cation /= unit;
    r.d_ln_vacancy /= unit;
    return r;
  }



  template <int dim, class LinearAlgebra>
  void
  TransportProblem<dim, LinearAlgebra>::exchange_with_particles(const double dt)
  {
    using namespace dealii;
    if (!particles_ready)
      return;
    TimerOutput::Scope                       t(*timer, "particles");
    const QGauss<dim - 1>                    face_quadrature(fe.degree + 1);
    FEFaceValues<dim>                        fe_face_values(fe,
                                     face_quadrature,
                                     update_values | update_quadrature_points);
    std::vector<Vector<double>>              values(face_quadrature.size(),
                                       Vector<double>(n_species + 1));
    std::vector<double>                      c(n_species), theta;
    std::vector<particles::SurfacePointData> data(face_quadrature.size());
    const double                             t_scale   = parameters.time_scale;
    const double                             flux_unit = parameters.flux_unit();
    const double c_scale = electrolyte.scales.concentration;
    const double length  = electrolyte.scales.length;
    const int    V       = parameters.vacancy_species;
    const auto  &defects = extended_defects.list();
    ghosted_work         = solution;
    particle_field->begin_exchange();
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const unsigned int f : cell->face_indices())
        {
          const auto face = cell->face(f);
          if (!face->at_boundary()
              || !particle_field->is_surface(face->boundary_id()))
            continue;
          fe_face_values.reinit(cell, f);
          fe_face_values.get_function_values(ghosted_work, values);
          particle_field->coverage_at(cell, f, theta);
          const auto exchange
            = V < 0
                ? species_bc.exchange.end()
                : species_bc.exchange.find({face->boundary_id(), unsigned(V)});
          for (unsigned int q = 0; q < values.size(); ++q)
          {
            for (unsigned int s = 0; s < n_species; ++s)
              c[s] = std::exp(values[q][s + 1]);
            auto &d = data[q];
            // Exactly the atoms the step's boundary flux took.
            d.atoms
              = exsolution_inflow(c, theta[q]).rate * flux_unit * dt * t_scale;
            d.vacancy_fraction
              = V < 0
                  ? 0.
                  : c[V] * c_scale / parameters.exsolution.oxygen_site_density;
            d.redox_rate   = exchange == species_bc.exchange.end()
                               ? 0.
                               : std::abs(exchange->second.first
                                        * (exchange->second.second - c[V]))
                                 * parameters.rate_constant_unit() * c_scale;
            d.line_density = d.point_density = 0.;
            const Point<dim> x = fe_face_values.quadrature_point(q);
            for (unsigned int k = 0; k < defects.size(); ++k)
            {
              // Traces per area: the core profile over its integral.
              const double share
                = extended_defects.profile(k, extended_defects.distance(k, x))
                  / extended_defects.profile_integral(k);
              if (defects[k].kind == ExtendedDefects::Kind::line)
                d.point_density += share / (length * length);
              else
                d.line_density += share / length;
            }
          }
          particle_field->add_face(cell, f, data);
        }
    particle_field->advance(dt * t_scale, current_temperature);
  }



  template <int dim, class LinearAlgebra>
  double
  TransportProblem<dim, LinearAlgebra>::lattice_metal() const
  {
    if (!particle_field)
      return 0.;
    return amounts(solution)[parameters.exsolving_species]
           * electrolyte.scales.concentration
           * std::pow(electrolyte.scales.length, dim);
  }



  template <int dim, class LinearAlgebra>
  std::string
  TransportProblem<dim, LinearAlgebra>::particle_header() const
  {
    return "step,time_s,temperature_K,number_density_m2,mean_radius_nm,"
           "metal_area_fraction,perimeter_density_m_per_m2,adatom_coverage,"
           "atoms_supplied_m2,atoms_adatoms_m2,atoms_particles_m2,"
           "metal_lattice,metal_adatoms,metal_particles,metal_total";
  }



  template <int dim, class LinearAlgebra>
  std::string
  TransportProblem<dim, LinearAlgebra>::particle_row(
    const StepRecord               &record,
    const particles::SurfaceTotals &t) const
  {
    std::ostringstream row;
    row << std::setprecision(15) << record.step << ',' << record.time << ','
        << record.temperature << ',' << t.mean.number_density << ','
        << t.mean.mean_radius * 1e9 << ',' << t.mean.metal_area_fraction << ','
        << t.mean.perimeter_density << ',' << t.mean.adatom_coverage << ','
        << t.mean.atoms_supplied << ',' << t.mean.atoms_adatoms << ','
        << t.mean.atoms_particles;
    const double lattice = lattice_metal();
    row << ',' << lattice << ',' << t.atoms_adatoms << ',' << t.atoms_particles
        << ',' << lattice + t.atoms_adatoms + t.atoms_particles;
    return row.str();
  }



  template <int dim, class LinearAlgebra>
  std::string
  TransportProblem<dim, LinearAlgebra>::size_distribution_rows(
    const unsigned int              step_number,
    const particles::SurfaceTotals &t) const
  {
    // The size histogram of all surfaces, per m^2 of surface.
    const auto        &classes = particle_field->classes();
    std::ostringstream rows;
    rows << std::setprecision(12);
    for (unsigned int k = 0; k < classes.size(); ++k)
    {
      if (k > 0)
        rows << '\n';
      rows << step_number << ',' << time * parameters.time_scale << ','
           << classes.pivots[k] * 1e9 << ',' << classes.widths[k] * 1e9 << ','
           << (t.area > 0. ? std::max(t.class_numbers[k], 0.) / t.area : 0.);
    }
    return rows.str();
  }
} // namespace exsolve
