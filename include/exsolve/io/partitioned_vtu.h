#pragma once

#include <deal.II/numerics/data_out.h>

#include <exsolve/io/run_directory.h>

#include <string>
#include <utility>
#include <vector>

namespace exsolve
{
  /**
   * Write one output of a distributed field: a .vtu piece per rank, the
   * .pvtu record that joins them and the solution.pvd time series (entry
   * (@p time, stem.pvtu) appended to @p pvd_records). Collective; every
   * file is written atomically.
   */
  template <int dim>
  void
  write_partitioned_vtu(
    const dealii::DataOut<dim>                  &data_out,
    const RunDirectory                          &output,
    const std::string                           &stem,
    const double                                 time,
    std::vector<std::pair<double, std::string>> &pvd_records,
    const unsigned int                           rank,
    const MPI_Comm                               communicator);
} // namespace exsolve
