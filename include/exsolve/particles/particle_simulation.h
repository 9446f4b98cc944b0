#pragma once

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

namespace exsolve
{
  /**
   * Physics/Model = particles: one surface element (section Particles,
   * subsection Surface element) integrated under the temperature programme
   * of section Atmosphere, closed or supplied with metal at a constant
   * rate. Writes parameters.prm, particles.csv (one row per output time:
   * time_s, temperature_K, number_density_m2, mean_radius_nm,
   * metal_area_fraction, perimeter_density_m_per_m2, adatom_coverage,
   * atoms_supplied_m2, atoms_adatoms_m2, atoms_particles_m2) and
   * size_distribution.csv (time_s, radius_nm, bin_width_nm,
   * number_density_m2; one row per class and output time) into
   * Output/Directory, and ends with the BENCHMARK line. Returns the exit
   * code.
   */
  int
  run_particle_simulation(dealii::ParameterHandler &prm,
                          const MPI_Comm            communicator);
} // namespace exsolve
