#pragma once

#include <deal.II/base/mpi.h>

#include <exsolve/io/run_directory.h>

#include <fstream>
#include <memory>
#include <string>

namespace exsolve
{
  /**
   * A CSV file that grows by one row per time step and is flushed after
   * each, so that a killed run keeps its history up to the last step. The
   * first column is the step number: a resumed run keeps the rows up to
   * its checkpoint's step (rewritten atomically, which also drops a row
   * the kill cut short) and appends from there. Only rank 0 writes.
   */
  class TimeSeriesFile
  {
  public:
    /// Collective. @p header is the first line without the newline.
    TimeSeriesFile(const RunDirectory &directory,
                   const std::string  &name,
                   const std::string  &header,
                   const MPI_Comm      communicator,
                   const bool          resume          = false,
                   const unsigned int  keep_up_to_step = 0);

    /// Append one line (without the newline) and flush; rank 0 only, the
    /// others ignore it. A failed write is raised by the directory's next
    /// synchronize().
    void
    append(const std::string &row);

  private:
    const RunDirectory            &directory;
    std::string                    name;
    std::unique_ptr<std::ofstream> out;
  };
} // namespace exsolve
