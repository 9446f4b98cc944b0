#include <exsolve/io/benchmark_report.h>

#include <cmath>
#include <iomanip>
#include <sstream>

#include <sys/resource.h>

namespace exsolve
{
  void
  BenchmarkReport::add(const std::string &key, const double value)
  {
    std::ostringstream s;
    if (std::isfinite(value))
      s << std::setprecision(12) << value;
    else
      s << "null";
    entries.emplace_back(key, s.str());
  }



  void
  BenchmarkReport::add(const std::string &key, const long long value)
  {
    entries.emplace_back(key, std::to_string(value));
  }



  void
  BenchmarkReport::add(const std::string &key, const std::string &value)
  {
    std::string quoted = "\"";
    for (const char c : value)
    {
      if (c == '"' || c == '\\')
        quoted += '\\';
      quoted += c;
    }
    entries.emplace_back(key, quoted + "\"");
  }



  std::string
  BenchmarkReport::line() const
  {
    std::string s = "BENCHMARK {";
    for (unsigned int i = 0; i < entries.size(); ++i)
      s += (i > 0 ? ", \"" : "\"") + entries[i].first
           + "\": " + entries[i].second;
    return s + "}";
  }



  double
  peak_memory_mb(const MPI_Comm communicator)
  {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double mb = usage.ru_maxrss / 1024.; // Linux reports kB
    return dealii::Utilities::MPI::sum(mb, communicator);
  }
} // namespace exsolve
