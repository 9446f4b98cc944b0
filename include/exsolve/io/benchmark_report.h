#pragma once

#include <deal.II/base/mpi.h>

#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace exsolve
{
  /**
   * The one-line JSON record every run prints last on standard output,
   *   BENCHMARK {"name": ..., "dim": ..., ...}
   * with the keys of doc/benchmarks.md in insertion order.
   */
  class BenchmarkReport
  {
  public:
    void
    add(const std::string &key, const double value);

    void
    add(const std::string &key, const long long value);

    void
    add(const std::string &key, const std::string &value);

    /// "BENCHMARK {...}" without a trailing newline.
    std::string
    line() const;

  private:
    std::vector<std::pair<std::string, std::string>> entries;
  };

  /// Peak resident memory of all ranks together, in MB.
  double
  peak_memory_mb(const MPI_Comm communicator);
} // namespace exsolve
