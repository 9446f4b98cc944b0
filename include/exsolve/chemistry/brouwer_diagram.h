#pragma once

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <exsolve/chemistry/bulk_equilibrium.h>

#include <ostream>
#include <vector>

namespace exsolve
{
  /// Section "Brouwer diagram": the temperatures and pressures to sweep.
  struct BrouwerDiagramParameters
  {
    std::vector<double> temperatures      = {1000.}; // K
    double              minimum_pressure  = 1e-20;   // Pa
    double              maximum_pressure  = 1e5;     // Pa
    unsigned int        points_per_decade = 10;

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);
  };

  /**
   * Bulk equilibria over log pO2 for each temperature, continued from point
   * to point (each solve starts from its neighbour's solution).
   */
  std::vector<BulkEquilibrium>
  compute_brouwer_diagram(const DefectChemistry          &chemistry,
                          const BrouwerDiagramParameters &parameters);

  /// CSV: T_K, log10_pO2_Pa, log10[species]..., slope[species]...
  void
  write_brouwer_csv(const DefectChemistry              &chemistry,
                    const std::vector<BulkEquilibrium> &diagram,
                    std::ostream                       &out);

  /**
   * "exsolve brouwer FILE.prm": computes the diagram, writes brouwer.csv,
   * parameters.prm and (when Python with matplotlib is available)
   * brouwer.png into Output/Directory, prints a summary and the BENCHMARK
   * line. Returns the exit code.
   */
  int
  run_brouwer_diagram(dealii::ParameterHandler &prm, const MPI_Comm comm);
} // namespace exsolve
