#include <exsolve/core/input_error.h>
#include <exsolve/io/run_directory.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <unistd.h>

namespace exsolve
{
  namespace fs = std::filesystem;

  void
  RunDirectory::check_writable(const std::string &path, const IfExists policy)
  {
    require_input(!path.empty(),
                  "Output/Directory",
                  "(empty)",
                  "an output directory is needed");
    if (fs::exists(path))
    {
      require_input(policy == IfExists::replace,
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



  RunDirectory::RunDirectory(const std::string &path,
                             const IfExists     policy,
                             const MPI_Comm     communicator)
      : directory(path)
  {
    if (dealii::Utilities::MPI::this_mpi_process(communicator) == 0)
    {
      check_writable(path, policy);
      if (fs::exists(path))
        fs::remove_all(path);
      fs::create_directories(path);
    }
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
