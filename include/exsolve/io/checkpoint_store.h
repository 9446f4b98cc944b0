#pragma once

#include <deal.II/base/mpi.h>

#include <string>
#include <vector>

namespace exsolve
{
  /**
   * The checkpoints of one run, RUN/checkpoints/step-NNNNNNNN/. A checkpoint
   * is assembled in a hidden staging directory; only when every file is
   * complete does rank 0 write a MANIFEST (size and CRC-32 of each file)
   * and rename the directory to its final name, an atomic operation. So a
   * run killed while writing leaves either the complete checkpoint or none,
   * and one damaged later (truncated, overwritten) fails its manifest and
   * is passed over with a warning. The newest @p keep are kept.
   */
  class CheckpointStore
  {
  public:
    /// Collective over @p communicator.
    CheckpointStore(const std::string &run_directory,
                    const MPI_Comm     communicator,
                    const unsigned int keep = 2);

    /// An empty staging directory for the checkpoint of step @p step
    /// (created by rank 0; collective). Write every file into it, then
    /// commit().
    std::string
    begin(const unsigned int step) const;

    /// Seal the staging directory of begin(@p step) and drop all but the
    /// newest checkpoints. Collective; throws std::runtime_error on every
    /// rank if the file system refuses.
    void
    commit(const std::string &staging, const unsigned int step) const;

    /// The newest checkpoint that passes its manifest; each one passed over
    /// is described in @p passed_over. Throws InputError (on every rank)
    /// if there is none. Collective: rank 0 checks and broadcasts.
    std::string
    newest_valid(std::vector<std::string> &passed_over) const;

    /// The newest sealed checkpoint (the one commit() just made).
    std::string
    newest() const;

    /// What is wrong with the checkpoint in @p directory; empty if its
    /// manifest and every file in it check out.
    static std::string
    damage(const std::string &directory);

    const std::string &
    path() const
    {
      return root;
    }

  private:
    std::string  root;
    MPI_Comm     communicator;
    unsigned int keep;
  };
} // namespace exsolve
