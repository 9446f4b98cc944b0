#pragma once

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <exsolve/transport/transport_parameters.h>

namespace exsolve
{
  /**
   * A complete transient Poisson-Nernst-Planck run: input checks and the
   * initial state before anything is written, then the output directory,
   * the time loop, timeseries.csv, VTU output, the timing summary and the
   * BENCHMARK line. Dispatches on the dimension and the linear-algebra
   * backend. Returns the exit code.
   */
  int
  run_transport_simulation(const dealii::ParameterHandler &prm,
                           const TransportParameters      &parameters,
                           const MPI_Comm                  communicator);
} // namespace exsolve
