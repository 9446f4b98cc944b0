// Shared helpers of the exsolve C++ tests: parameter loading and checks that
// print what was compared, against what, with which tolerance.
#pragma once

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <exsolve/chemistry/defect_chemistry.h>
#include <exsolve/core/parameter_reading.h>
#include <exsolve/electrostatics/poisson_boltzmann_parameters.h>
#include <exsolve/mesh/geometry.h>
#include <exsolve/transport/transport_parameters.h>

#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

namespace exsolve::testing
{
  using Overrides = std::vector<std::pair<std::string, std::string>>;

  /// Path of a file in the source tree. ctest passes the tree in the
  /// environment (not as a macro) so that test objects do not depend on
  /// where the checkout lives and ccache reuses them across clones.
  inline std::string
  source_path(const std::string &relative)
  {
    const char *root = std::getenv("EXSOLVE_SOURCE_DIR");
    if (root == nullptr)
    {
      std::cerr << "EXSOLVE_SOURCE_DIR is not set: run the tests with ctest"
                << std::endl;
      std::exit(2);
    }
    return std::string(root) + "/" + relative;
  }

  /// Parameters from a file in the source tree plus overrides.
  inline PoissonBoltzmannParameters
  load_parameters(const std::string &relative_file, const Overrides &overrides)
  {
    dealii::ParameterHandler prm;
    PoissonBoltzmannParameters::declare_parameters(prm);
    read_parameters(prm, source_path(relative_file), overrides);
    PoissonBoltzmannParameters parameters;
    parameters.parse_parameters(prm, source_path(relative_file));
    return parameters;
  }

  /// Parameters from the declared defaults plus overrides only.
  inline PoissonBoltzmannParameters
  default_parameters(const Overrides &overrides)
  {
    dealii::ParameterHandler prm;
    PoissonBoltzmannParameters::declare_parameters(prm);
    for (const auto &[path, value] : overrides)
      apply_parameter_override(prm, path, value);
    PoissonBoltzmannParameters parameters;
    parameters.parse_parameters(prm, "");
    return parameters;
  }

  /// Section Geometry (with Microstructure) declared in @p prm: the
  /// defaults, Geometry/Dimension = @p dim, then the overrides in order.
  inline void
  geometry_parameters(dealii::ParameterHandler &prm,
                      const unsigned int        dim,
                      const Overrides          &overrides)
  {
    GeometryParameters::declare_parameters(prm);
    apply_parameter_override(prm, "Geometry/Dimension", std::to_string(dim));
    for (const auto &[path, value] : overrides)
      apply_parameter_override(prm, path, value);
  }

  /// Every parameter an executable declares, read from a file in the
  /// source tree (empty: the declared defaults) plus overrides.
  inline void
  read_all_parameters(dealii::ParameterHandler &prm,
                      const std::string        &relative_file,
                      const Overrides          &overrides)
  {
    PoissonBoltzmannParameters::declare_parameters(prm);
    TransportParameters::declare_parameters(prm);
    if (relative_file.empty())
      for (const auto &[path, value] : overrides)
        apply_parameter_override(prm, path, value);
    else
      read_parameters(prm, source_path(relative_file), overrides);
  }

  /// Transport parameters from a file in the source tree (empty: the
  /// declared defaults) plus overrides.
  inline TransportParameters
  transport_parameters(const std::string &relative_file,
                       const Overrides   &overrides)
  {
    dealii::ParameterHandler prm;
    read_all_parameters(prm, relative_file, overrides);
    TransportParameters parameters;
    parameters.parse_parameters(
      prm, relative_file.empty() ? "" : source_path(relative_file));
    return parameters;
  }

  /// The defect chemistry of a file in the source tree (empty: the declared
  /// defaults) plus overrides.
  inline DefectChemistry
  defect_chemistry(const std::string &relative_file, const Overrides &overrides)
  {
    dealii::ParameterHandler prm;
    read_all_parameters(prm, relative_file, overrides);
    DefectChemistry chemistry;
    chemistry.parse_parameters(prm);
    return chemistry;
  }

  /// Counts failed checks; prints every check on rank 0.
  class Checker
  {
  public:
    void
    check(const bool condition, const std::string &what)
    {
      report(condition, what);
    }

    /// |actual - expected| <= abs_tol + rel_tol |expected|
    void
    close(const double       actual,
          const double       expected,
          const double       rel_tol,
          const double       abs_tol,
          const std::string &what)
    {
      const double diff = std::abs(actual - expected);
      const bool   ok   = std::isfinite(actual)
                      && diff <= abs_tol + rel_tol * std::abs(expected);
      std::ostringstream s;
      s << std::setprecision(12) << what << ": " << actual << " vs expected "
        << expected << " (diff " << std::setprecision(3) << diff << ", tol "
        << abs_tol << " + " << rel_tol << " rel)";
      report(ok, s.str());
    }

    /// lo <= value <= hi
    void
    within(const double       value,
           const double       lo,
           const double       hi,
           const std::string &what)
    {
      std::ostringstream s;
      s << std::setprecision(6) << what << ": " << value << " in [" << lo
        << ", " << hi << "]";
      report(std::isfinite(value) && value >= lo && value <= hi, s.str());
    }

    int
    exit_code() const
    {
      if (root())
        std::cout << (failures == 0
                        ? "ALL CHECKS PASSED"
                        : std::to_string(failures) + " CHECK(S) FAILED")
                  << std::endl;
      return failures == 0 ? 0 : 1;
    }

  private:
    static bool
    root()
    {
      return dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;
    }

    void
    report(const bool ok, const std::string &text)
    {
      if (!ok)
        ++failures;
      if (root())
        std::cout << (ok ? "  ok    " : "  FAIL  ") << text << std::endl;
    }

    unsigned int failures = 0;
  };
} // namespace exsolve::testing
