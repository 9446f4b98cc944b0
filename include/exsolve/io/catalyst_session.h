#pragma once

#include <deal.II/numerics/data_out.h>

#include <exsolve/io/catalyst_parameters.h>
#include <exsolve/io/in_situ_adaptor.h>
#include <exsolve/io/run_directory.h>

#include <map>
#include <memory>
#include <string>

namespace exsolve
{
  /**
   * ParaView Catalyst for one run. When Output/Catalyst/Enable is set, the
   * constructor loads the module libexsolve_catalyst.so with dlopen (so
   * that runs without Catalyst never load ParaView) and the scripts; the
   * pipelines write into the run directory. Otherwise it does nothing.
   * Collective; destroy it before MPI is finalised.
   */
  class CatalystSession
  {
  public:
    CatalystSession(const CatalystParameters &parameters,
                    const RunDirectory       &output,
                    const MPI_Comm            communicator);
    ~CatalystSession();

    /// Whether the pipelines want the fields of step @p step.
    bool
    due(const unsigned int step) const
    {
      return adaptor != nullptr && step % every_n_steps == 0;
    }

    /**
     * Hand this rank's patches of @p data_out (built, with the fields the
     * VTU output has) to the pipelines as channel "bulk", at step @p step
     * and time @p time (user units). Sets @p data_out's VTK flags (no
     * compression: the text never leaves memory), with @p more_channels
     * (name: this rank's VTU text, e.g. "surface"). Rank 0 reports the
     * size of the text and the time spent writing it and in Catalyst.
     * Collective.
     */
    template <int dim>
    void
    process(dealii::DataOut<dim>                     &data_out,
            const unsigned int                        step,
            const double                              time,
            const std::map<std::string, std::string> &more_channels = {});

    /// The path of the module this build loads (for messages and tests).
    static std::string
    module_path();

  private:
    unsigned int                   every_n_steps = 1;
    MPI_Comm                       communicator;
    std::unique_ptr<InSituAdaptor> adaptor;
  };
} // namespace exsolve
