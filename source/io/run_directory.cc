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
      if (policy == RunDirectory::IfExists::resume)
      {
        require_input(fs::is_directory(path)
                        && fs::exists(fs::path(path) / "parameters.prm"),
                      "--resume",
                      path,
                      "is not the directory of an exsolve run (it needs "
                      "parameters.prm and checkpoints/)");
        return;
      }
      if (!fs::exists(path))
        return;
      require_input(policy == RunDirectory::IfExists::replace,
                    "Output/Directory",
                    path,
                    "exists already; choose a new directory or set "
                    "'Output/If directory exists = replace'");
      require_input(fs::is_directory(path),
                    "Output/Directory",
                    path,
                    "exists and is not a directory");
      // Never delete the working directory, one of its parents, or a
      // directory exsolve did not write.
      const fs::path target = fs::weakly_canonical(path);
      const fs::path cwd    = fs::weakly_canonical(fs::current_path());
      const auto     mismatch
        = std::mismatch(target.begin(), target.end(), cwd.begin(), cwd.end());
      require_input(mismatch.first != target.end(),
                    "Output/Directory",
                    path,
                    "is the working directory or one of its parents; "
                    "'replace' would delete it");
      require_input(fs::is_empty(path)
                      || fs::exists(fs::path(path) / "parameters.prm"),
                    "Output/Directory",
                    path,
                    "exists and was not written by exsolve (no "
                    "parameters.prm in it); 'replace' only removes exsolve "
                    "run directories");
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
      , communicator(communicator)
  {
    // Rank 0 creates the directory; a failure there stops every rank.
    std::string problem;
    if (dealii::Utilities::MPI::this_mpi_process(communicator) == 0)
      try
      {
        check_writable_here(path, policy);
        if (policy != IfExists::resume)
        {
          if (fs::exists(path))
            fs::remove_all(path);
          fs::create_directories(path);
        }
      }
      catch (const std::exception &e)
      {
        problem = e.what();
      }
    problem = dealii::Utilities::MPI::broadcast(communicator, problem, 0);
    if (!problem.empty())
      throw InputError("Output/Directory = " + path
                       + ": cannot be created: " + problem);
  }



  void
  RunDirectory::write_atomically(
    const std::string                         &name,
    const std::function<void(std::ostream &)> &writer) const
  {
    const fs::path target = fs::path(directory) / name;
    const fs::path temporary
      = fs::path(directory) / ("." + name + ".tmp" + std::to_string(getpid()));
    try
    {
      {
        std::ofstream out(temporary);
        if (!out)
          throw std::runtime_error("cannot open " + temporary.string());
        writer(out);
        out.flush();
        if (!out)
          throw std::runtime_error("error while writing " + temporary.string());
      }
      fs::rename(temporary, target);
    }
    catch (const std::exception &e)
    {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      if (failure.empty())
        failure = "writing " + target.string() + " failed: " + e.what();
    }
  }



  void
  RunDirectory::synchronize() const
  {
    const bool any_failed
      = dealii::Utilities::MPI::logical_or(!failure.empty(), communicator);
    if (any_failed)
    {
      std::string message
        = failure.empty() ? "a file write failed on another rank" : failure;
      failure.clear();
      throw std::runtime_error(message);
    }
  }
} // namespace exsolve
