#pragma once

#include <deal.II/base/mpi.h>

#include <functional>
#include <ostream>
#include <string>

namespace exsolve
{
  /**
   * The output directory of one run. Created only after all input has been
   * validated; an existing directory is never overwritten silently:
   * 'error' stops the run, 'replace' (an explicit choice in the parameter
   * file) removes the old directory first, but only if it is empty or was
   * written by exsolve (it holds parameters.prm) and is not the working
   * directory or one of its parents. Every file is written under a temporary
   * name and renamed, so a crash never leaves a truncated file.
   *
   * Writes happen on one rank; a failure (disk full, directory removed) is
   * recorded and raised on every rank at the next synchronize(), so that no
   * rank is left waiting in a collective operation.
   */
  class RunDirectory
  {
  public:
    enum class IfExists
    {
      error,
      replace,
      /// Continue a run in its own directory (`--resume`): it must exist
      /// and have been written by exsolve; nothing is removed.
      resume
    };

    /// Collective over @p communicator. Throws InputError if the directory
    /// may not be used.
    RunDirectory(const std::string &path,
                 const IfExists     policy,
                 const MPI_Comm     communicator);

    /// Throws InputError (on every rank) if the run could not start in
    /// @p path; called during validation, before anything is written.
    /// Collective: rank 0 looks, so that no rank sees a directory another
    /// rank has just created.
    static void
    check_writable(const std::string &path,
                   const IfExists     policy,
                   const MPI_Comm     communicator);

    const std::string &
    path() const
    {
      return directory;
    }

    /// Write @p name (relative to the directory) atomically from this rank.
    /// Never throws; a failure is raised by the next synchronize().
    void
    write_atomically(const std::string                         &name,
                     const std::function<void(std::ostream &)> &writer) const;

    /// Note a failed write made outside write_atomically() (an appended
    /// file); raised by the next synchronize().
    void
    record_failure(const std::string &what) const
    {
      if (failure.empty())
        failure = what;
    }

    /// Collective: throws std::runtime_error on every rank if any rank's
    /// write failed since the last call; otherwise acts as a barrier.
    void
    synchronize() const;

  private:
    std::string         directory;
    MPI_Comm            communicator;
    mutable std::string failure;
  };
} // namespace exsolve
