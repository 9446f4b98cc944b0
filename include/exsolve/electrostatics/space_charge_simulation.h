#pragma once

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <exsolve/electrostatics/poisson_boltzmann_parameters.h>

#include <string>

namespace exsolve
{
  /**
   * A complete steady space-charge (Poisson-Boltzmann) run: mesh and input
   * checks, output directory, refinement cycles, summary.csv, VTU output,
   * timing summary and the BENCHMARK line. Dispatches on the dimension and
   * the linear-algebra backend. Returns the exit code.
   */
  int
  run_space_charge_simulation(const dealii::ParameterHandler   &prm,
                              const PoissonBoltzmannParameters &parameters,
                              const MPI_Comm                    communicator);
} // namespace exsolve
