#include <deal.II/base/mpi.h>

#include <exsolve/core/input_error.h>
#include <exsolve/io/run_directory.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <unistd.h>

namespace exsolve
{
  namespace fs = std::filesystem;

  namespace
  {
    void
    check_writable_here(const std::string           &path,
                        const RunDirectory::IfExists policy)
    {
      require_input(!path.empty(),
                    "Output/Directory",
                    "(empty)",
                    "an output directory is needed");
      if (fs::exists(path))
      {
        require_input(policy == RunDirectory::IfExists::replace,
                      "Output/Directory",
                      path,
                      "exists already; choose a new directory or set "
                      "'Output/If directory exists = replace'");
        require_input(fs::is_directory(path),
                      "Output/Directory",
                      path,
                      "exists and is not a directory");
      }
    }
  } // namespace



  void
  RunDirectory::check_writable(const std::string &path,
                               const IfExists     policy,
                               const MPI_Comm     communicator)
  {
    std::string message;
    if (dealii::Utilities::MPI::this_mpi_process(communicator) == 0)
      try
      {
        check_writable_here(path, policy);
      }
      catch (const InputError &e)
      {
        message = e.what();
      }
    message = dealii::Utilities::MPI::broadcast(communicator, message, 0);
    if (!message.empty())
      throw InputError(message);
  }



  RunDirectory::RunDirectory(const std::string &path,
                             const IfExists     policy,
                             const MPI_Comm     communicator)
      : directory(path)
  {
    // Rank 0 creates the directory; a failure there stops every rank.
    std::string failure;
    if (dealii::Utilities::MPI::this_mpi_process(communicator) == 0)
      try
      {
        check_writable_here(path, policy);
        if (fs::exists(path))
          fs::remove_all(path);
        fs::create_directories(path);
      }
      catch (const std::exception &e)
      {
        failure = e.what();
      }
    failure = dealii::Utilities::MPI::broadcast(communicator, failure, 0);
    if (!failure.empty())
      throw InputError("Output/Directory = " + path
                       + ": cannot be created: " + failure);
    // Every rank must see the directory before anyone writes into it.
    const int ierr = MPI_Barrier(communicator);
    AssertThrowMPI(ierr);
  }



  void
  RunDirectory::write_atomically(
    const std::string                         &name,
    const std::function<void(std::ostream &)> &writer) const
  {
    const fs::path target = fs::path(directory) / name;
    const fs::path temporary
      = fs::path(directory) / ("." + name + ".tmp" + std::to_string(getpid()));
    {
      std::ofstream out(temporary);
      if (!out)
        throw std::runtime_error("cannot write " + temporary.string());
      writer(out);
      out.flush();
      if (!out)
        throw std::runtime_error("error while writing " + temporary.string());
    }
    fs::rename(temporary, target);
  }
} // namespace exsolve
