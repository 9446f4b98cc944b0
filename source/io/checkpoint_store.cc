#include <deal.II/base/mpi.h>
#include <deal.II/base/utilities.h>

#include <boost/crc.hpp>

#include <exsolve/core/input_error.h>
#include <exsolve/io/checkpoint_store.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>

namespace exsolve
{
  namespace fs = std::filesystem;

  namespace
  {
    const std::string manifest_name = "MANIFEST";

    std::string
    step_name(const unsigned int step)
    {
      return "step-" + dealii::Utilities::int_to_string(step, 8);
    }

    /// CRC-32 of a file's content (Boost.CRC: the zlib polynomial).
    unsigned int
    file_checksum(const fs::path &file)
    {
      std::ifstream      in(file, std::ios::binary);
      boost::crc_32_type crc;
      std::vector<char>  buffer(1 << 16);
      while (in)
      {
        in.read(buffer.data(), buffer.size());
        crc.process_bytes(buffer.data(), in.gcount());
      }
      return crc.checksum();
    }

    /// The steps of the sealed checkpoints in @p root, newest first.
    std::vector<unsigned int>
    sealed_steps(const fs::path &root)
    {
      std::vector<unsigned int> steps;
      if (!fs::is_directory(root))
        return steps;
      for (const auto &entry : fs::directory_iterator(root))
      {
        const std::string name = entry.path().filename().string();
        if (entry.is_directory() && name.rfind("step-", 0) == 0
            && name.size() == 13
            && name.find_first_not_of("0123456789", 5) == std::string::npos)
          steps.push_back(std::stoul(name.substr(5)));
      }
      std::sort(steps.rbegin(), steps.rend());
      return steps;
    }

    /// Run @p action on rank 0; its exception message reaches every rank.
    template <class Action>
    void
    on_root(const MPI_Comm communicator, const Action &action)
    {
      std::string problem;
      if (dealii::Utilities::MPI::this_mpi_process(communicator) == 0)
        try
        {
          action();
        }
        catch (const std::exception &e)
        {
          problem = e.what();
          if (problem.empty())
            problem = "unknown error";
        }
      problem = dealii::Utilities::MPI::broadcast(communicator, problem, 0);
      if (!problem.empty())
        throw std::runtime_error(problem);
    }
  } // namespace



  CheckpointStore::CheckpointStore(const std::string &run_directory,
                                   const MPI_Comm     communicator,
                                   const unsigned int keep)
      : root((fs::path(run_directory) / "checkpoints").string())
      , communicator(communicator)
      , keep(std::max(1u, keep))
  {
  }



  std::string
  CheckpointStore::begin(const unsigned int step) const
  {
    const fs::path staging
      = fs::path(root) / ("." + step_name(step) + ".partial");
    on_root(communicator,
            [&]()
            {
              fs::create_directories(root);
              // Left over by a run killed while writing: never sealed.
              std::vector<fs::path> stale;
              for (const auto &entry : fs::directory_iterator(root))
                if (entry.path().filename().string().rfind(".step-", 0) == 0)
                  stale.push_back(entry.path());
              for (const auto &path : stale)
                fs::remove_all(path);
              fs::create_directories(staging);
            });
    return staging.string();
  }



  void
  CheckpointStore::commit(const std::string &staging,
                          const unsigned int step) const
  {
    on_root(communicator,
            [&]()
            {
              std::vector<fs::path> files;
              for (const auto &entry : fs::directory_iterator(staging))
                if (entry.is_regular_file())
                  files.push_back(entry.path());
              std::sort(files.begin(), files.end());
              {
                std::ofstream manifest(fs::path(staging) / manifest_name);
                manifest << "exsolve checkpoint, step " << step << '\n';
                for (const auto &file : files)
                  manifest << std::hex << std::setw(8) << std::setfill('0')
                           << file_checksum(file) << std::dec << ' '
                           << fs::file_size(file) << ' '
                           << file.filename().string() << '\n';
                manifest << "end " << files.size() << '\n';
                manifest.flush();
                if (!manifest)
                  throw std::runtime_error("cannot write the manifest in "
                                           + staging);
              }
              const fs::path target = fs::path(root) / step_name(step);
              // A damaged checkpoint of the same step (passed over on
              // resume) gives way to the new one.
              fs::remove_all(target);
              fs::rename(staging, target);
              const auto steps = sealed_steps(root);
              for (unsigned int k = keep; k < steps.size(); ++k)
                fs::remove_all(fs::path(root) / step_name(steps[k]));
            });
  }



  std::string
  CheckpointStore::newest() const
  {
    const auto steps = sealed_steps(root);
    return steps.empty() ? std::string()
                         : (fs::path(root) / step_name(steps.front())).string();
  }



  std::string
  CheckpointStore::damage(const std::string &directory)
  {
    std::ifstream manifest(fs::path(directory) / manifest_name);
    if (!manifest)
      return "it has no " + manifest_name;
    std::string line;
    std::getline(manifest, line);
    unsigned int listed = 0;
    while (std::getline(manifest, line))
    {
      std::istringstream fields(line);
      std::string        first;
      fields >> first;
      if (first == "end")
      {
        unsigned int count = 0;
        fields >> count;
        return count == listed ? std::string()
                               : manifest_name + " is inconsistent";
      }
      unsigned long long size = 0;
      std::string        name;
      fields >> size >> name;
      if (!fields)
        return manifest_name + " is damaged";
      const fs::path file = fs::path(directory) / name;
      if (!fs::is_regular_file(file))
        return name + " is missing";
      if (fs::file_size(file) != size)
        return name + " has " + std::to_string(fs::file_size(file))
               + " bytes instead of " + std::to_string(size);
      std::ostringstream crc;
      crc << std::hex << std::setw(8) << std::setfill('0')
          << file_checksum(file);
      if (crc.str() != first)
        return name + " fails its checksum";
      ++listed;
    }
    return manifest_name + " is truncated";
  }



  std::string
  CheckpointStore::newest_valid(std::vector<std::string> &passed_over) const
  {
    std::string found, problem;
    if (dealii::Utilities::MPI::this_mpi_process(communicator) == 0)
    {
      for (const unsigned int step : sealed_steps(root))
      {
        const std::string candidate
          = (fs::path(root) / step_name(step)).string();
        const std::string why = damage(candidate);
        if (why.empty())
        {
          found = candidate;
          break;
        }
        passed_over.push_back(candidate + ": " + why);
      }
      if (found.empty())
        problem = passed_over.empty()
                    ? "holds no checkpoint (" + root + " is "
                        + (fs::exists(root) ? "empty" : "missing")
                        + "); was 'Output/Checkpoints' set in that run?"
                    : "holds no valid checkpoint: every one is damaged";
    }
    found   = dealii::Utilities::MPI::broadcast(communicator, found, 0);
    problem = dealii::Utilities::MPI::broadcast(communicator, problem, 0);
    passed_over
      = dealii::Utilities::MPI::broadcast(communicator, passed_over, 0);
    if (!problem.empty())
      throw InputError("--resume " + fs::path(root).parent_path().string()
                       + ": " + problem);
    return found;
  }
} // namespace exsolve
