#include <deal.II/base/mpi.h>
#include <deal.II/base/utilities.h>

#include <exsolve/io/partitioned_vtu.h>

namespace exsolve
{
  template <int dim>
  void
  write_partitioned_vtu(
    const dealii::DataOut<dim>                  &data_out,
    const RunDirectory                          &output,
    const std::string                           &stem,
    const double                                 time,
    std::vector<std::pair<double, std::string>> &pvd_records,
    const unsigned int                           rank,
    const MPI_Comm                               communicator)
  {
    using dealii::Utilities::int_to_string;
    const unsigned int n_ranks
      = dealii::Utilities::MPI::n_mpi_processes(communicator);
    output.write_atomically(stem + "." + int_to_string(rank, 4) + ".vtu",
                            [&](std::ostream &out)
                            { data_out.write_vtu(out); });
    output.synchronize(); // all pieces exist (or every rank stops)
    pvd_records.emplace_back(time, stem + ".pvtu");
    if (dealii::Utilities::MPI::this_mpi_process(communicator) == 0)
    {
      std::vector<std::string> pieces;
      for (unsigned int r = 0; r < n_ranks; ++r)
        pieces.push_back(stem + "." + int_to_string(r, 4) + ".vtu");
      output.write_atomically(stem + ".pvtu",
                              [&](std::ostream &out)
                              { data_out.write_pvtu_record(out, pieces); });
      output.write_atomically(
        "solution.pvd",
        [&](std::ostream &out)
        { dealii::DataOutBase::write_pvd_record(out, pvd_records); });
    }
    output.synchronize();
  }

  template void
  write_partitioned_vtu<1>(const dealii::DataOut<1> &,
                           const RunDirectory &,
                           const std::string &,
                           const double,
                           std::vector<std::pair<double, std::string>> &,
                           const unsigned int,
                           const MPI_Comm);
  template void
  write_partitioned_vtu<2>(const dealii::DataOut<2> &,
                           const RunDirectory &,
                           const std::string &,
                           const double,
                           std::vector<std::pair<double, std::string>> &,
                           const unsigned int,
                           const MPI_Comm);
  template void
  write_partitioned_vtu<3>(const dealii::DataOut<3> &,
                           const RunDirectory &,
                           const std::string &,
                           const double,
                           std::vector<std::pair<double, std::string>> &,
                           const unsigned int,
                           const MPI_Comm);
} // namespace exsolve
