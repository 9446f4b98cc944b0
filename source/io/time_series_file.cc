#include <deal.II/base/mpi.h>

#include <exsolve/io/time_series_file.h>

#include <filesystem>
#include <sstream>
#include <vector>

namespace exsolve
{
  TimeSeriesFile::TimeSeriesFile(const RunDirectory &directory,
                                 const std::string  &name,
                                 const std::string  &header,
                                 const MPI_Comm      communicator,
                                 const bool          resume,
                                 const unsigned int  keep_up_to_step)
      : directory(directory)
      , name(name)
  {
    if (dealii::Utilities::MPI::this_mpi_process(communicator) == 0)
    {
      const std::filesystem::path path
        = std::filesystem::path(directory.path()) / name;
      std::vector<std::string> rows;
      if (resume)
      {
        // Only complete rows of steps the checkpoint has already taken.
        std::ifstream in(path);
        std::string   line;
        std::getline(in, line); // the header
        while (std::getline(in, line))
        {
          if (in.eof()) // no newline: the row the kill cut short
            break;
          std::istringstream fields(line);
          unsigned long long step = 0;
          if ((fields >> step) && step <= keep_up_to_step)
            rows.push_back(line);
        }
      }
      directory.write_atomically(name,
                                 [&](std::ostream &file)
                                 {
                                   file << header << '\n';
                                   for (const auto &row : rows)
                                     file << row << '\n';
                                 });
      out = std::make_unique<std::ofstream>(path, std::ios::app);
    }
    directory.synchronize();
  }



  void
  TimeSeriesFile::append(const std::string &row)
  {
    if (!out)
      return;
    *out << row << '\n';
    out->flush();
    if (!*out)
      directory.record_failure("appending to " + directory.path() + "/" + name
                               + " failed");
  }
} // namespace exsolve
