#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/timer.h>

#include <exsolve/chemistry/gas_programme.h>
#include <exsolve/core/input_error.h>
#include <exsolve/core/version.h>
#include <exsolve/io/benchmark_report.h>
#include <exsolve/io/output_parameters.h>
#include <exsolve/particles/particle_simulation.h>
#include <exsolve/particles/surface_population.h>

#include <cmath>
#include <iomanip>
#include <sstream>

namespace exsolve
{
  using namespace dealii;
  using namespace particles;

  namespace
  {
    struct Row
    {
      double              time, temperature;
      PopulationSummary   summary;
      std::vector<double> numbers;
      double              redox_rate, particle_diffusivity;
    };

    /// Output times: equally spaced in t, or in log t from end/1e6.
    std::vector<double>
    output_times(const ParticleParameters &p)
    {
      std::vector<double> t;
      for (unsigned int i = 1; i <= p.n_outputs; ++i)
        t.push_back(p.logarithmic_outputs
                      ? p.end_time
                          * std::pow(1e-6, 1. - double(i) / p.n_outputs)
                      : p.end_time * double(i) / p.n_outputs);
      return t;
    }
  } // namespace



  int
  run_particle_simulation(ParameterHandler &prm, const MPI_Comm comm)
  {
    Timer              wall(comm, true);
    const bool         root = Utilities::MPI::this_mpi_process(comm) == 0;
    ConditionalOStream pcout(std::cout, root);

    ParticleParameters p;
    p.parse_parameters(prm);
    GasProgramme gas;
    gas.parse_parameters(prm);
    OutputParameters output_parameters;
    output_parameters.parse_parameters(prm);
    RunDirectory::check_writable(output_parameters.directory,
                                 output_parameters.if_exists,
                                 comm);

    const auto        model = std::make_shared<const ParticleModel>(p);
    SurfacePopulation element(model);
    element.set_adatom_coverage(p.initial_coverage);
    if (p.initial_number_density > 0.)
      element.add_particles(p.initial_number_density,
                            p.initial_mean_radius,
                            p.initial_radius_spread);
    const SupplyFunction supply
      = p.supply_rate == 0.
          ? SupplyFunction()
          : SupplyFunction(
            [&p](const double t, const double)
            {
              return (p.supply_duration == 0. || t < p.supply_duration)
                       ? p.supply_rate
                       : 0.;
            });
    LocalConditions conditions;
    conditions.vacancy_fraction     = p.vacancy_fraction;
    conditions.defect_line_density  = p.defect_line_density;
    conditions.defect_point_density = p.defect_point_density;
    conditions.redox_rate           = p.redox_rate;

    const RunDirectory output(output_parameters.directory,
                              output_parameters.if_exists,
                              comm);
    write_parameter_file(output, prm, comm);
    pcout << "exsolve " << version_string
          << ": particle population of one surface element, "
          << model->classes.size() << " size classes, "
          << (supply ? "supplied" : "closed")
          << " surface, t_end = " << p.end_time << " s\n";

    const double metal0
      = element.summary().atoms_adatoms + element.summary().atoms_particles;
    std::vector<Row> rows;
    // The row at time t, with the redox rate and the mean particle
    // diffusivity (migration) at the temperature there.
    const auto row = [&](const double time)
    {
      conditions.temperature = gas.temperature(time);
      conditions.redox_rate  = p.redox_rate_at(conditions.temperature);
      return Row{time,
                 conditions.temperature,
                 element.summary(),
                 element.class_numbers(),
                 conditions.redox_rate,
                 element.mean_particle_diffusivity(conditions)};
    };
    rows.push_back(row(0.));
    IntegratorStatistics totals;
    double               t = 0., worst_balance = 0.;
    for (const double t_out : output_times(p))
    {
      // Constant conditions over sub-intervals short enough that T changes
      // by at most 1 K (or a 1/20 of the interval where T is constant).
      while (t < t_out * (1. - 1e-14))
      {
        double dt = t_out - t;
        for (unsigned int halvings = 0; halvings < 60; ++halvings)
          if (std::abs(gas.temperature(t + dt) - gas.temperature(t)) > 1.)
            dt /= 2.;
        if (t + dt > t_out)
          dt = t_out - t;
        conditions.temperature = gas.temperature(t + 0.5 * dt);
        conditions.redox_rate  = p.redox_rate_at(conditions.temperature);
        const auto report      = element.advance(dt, conditions, supply);
        totals.steps += report.statistics.steps;
        totals.rejected_steps += report.statistics.rejected_steps;
        totals.jacobians += report.statistics.jacobians;
        t += dt;
      }
      t               = t_out;
      const auto   s  = element.summary();
      const double in = s.atoms_adatoms + s.atoms_particles - s.atoms_supplied;
      worst_balance
        = std::max(worst_balance,
                   std::abs(in - metal0)
                     / std::max(metal0 + std::abs(s.atoms_supplied), 1e-300));
      rows.push_back(row(t));
      pcout << std::setprecision(5) << "  t = " << t
            << " s, T = " << gas.temperature(t) << " K: " << s.number_density
            << " particles/m^2, <R> = " << s.mean_radius * 1e9
            << " nm, adatom coverage " << s.adatom_coverage << "\n";
    }

    output.write_atomically(
      "particles.csv",
      [&](std::ostream &out)
      {
        out << "time_s,temperature_K,number_density_m2,mean_radius_nm,"
               "metal_area_fraction,perimeter_density_m_per_m2,"
               "adatom_coverage,atoms_supplied_m2,atoms_adatoms_m2,"
               "atoms_particles_m2,redox_rate_m2_s,"
               "particle_diffusivity_m2_s\n"
            << std::setprecision(12);
        for (const auto &r : rows)
          out << r.time << ',' << r.temperature << ','
              << r.summary.number_density << ',' << r.summary.mean_radius * 1e9
              << ',' << r.summary.metal_area_fraction << ','
              << r.summary.perimeter_density << ',' << r.summary.adatom_coverage
              << ',' << r.summary.atoms_supplied << ','
              << r.summary.atoms_adatoms << ',' << r.summary.atoms_particles
              << ',' << r.redox_rate << ',' << r.particle_diffusivity << '\n';
      });
    output.write_atomically(
      "size_distribution.csv",
      [&](std::ostream &out)
      {
        out << "time_s,radius_nm,bin_width_nm,number_density_m2\n"
            << std::setprecision(12);
        const auto &c = model->classes;
        for (const auto &r : rows)
          for (unsigned int k = 0; k < c.size(); ++k)
            out << r.time << ',' << c.pivots[k] * 1e9 << ','
                << c.widths[k] * 1e9 << ',' << std::max(r.numbers[k], 0.)
                << '\n';
      });
    output.synchronize();

    const auto     &last = rows.back().summary;
    BenchmarkReport report;
    report.add("name", std::string("particles"));
    report.add("dim", 0LL);
    report.add("dofs", static_cast<long long>(element.state().size()));
    report.add("mpi_ranks",
               static_cast<long long>(Utilities::MPI::n_mpi_processes(comm)));
    report.add("size_classes", static_cast<long long>(model->classes.size()));
    report.add("steps", static_cast<long long>(totals.steps));
    report.add("rejected_steps", static_cast<long long>(totals.rejected_steps));
    report.add("number_density_m2", last.number_density);
    report.add("mean_radius_nm", last.mean_radius * 1e9);
    report.add("adatom_coverage", last.adatom_coverage);
    report.add("metal_balance_relative_error", worst_balance);
    report.add("wall_total_s", wall.wall_time());
    report.add("peak_memory_mb", peak_memory_mb(comm));
    report.add("status", std::string("completed"));
    pcout << report.line() << std::endl;
    return exit_code::success;
  }
} // namespace exsolve
