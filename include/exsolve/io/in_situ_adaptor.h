#pragma once

#include <mpi.h>

#include <map>
#include <string>
#include <vector>

namespace exsolve
{
  /**
   * The boundary between the core library and the ParaView Catalyst module
   * (libexsolve_catalyst.so), which the core loads with dlopen only when a
   * run asks for in-situ visualisation: the executable and the core library
   * never link ParaView, whose ~640 shared libraries cost about a second at
   * every process start. Nothing here names a VTK type; the grids travel as
   * the VTU text deal.II writes, one piece per rank and channel.
   */
  class InSituAdaptor
  {
  public:
    virtual ~InSituAdaptor() = default;

    /// Load the Catalyst Python @p scripts (v1 or v2, absolute paths) on
    /// every rank of @p communicator; the pipelines run (and write their
    /// extracts) in @p working_directory. Collective; throws
    /// std::runtime_error.
    virtual void
    initialize(const std::vector<std::string> &scripts,
               const std::string              &working_directory,
               MPI_Comm                        communicator)
      = 0;

    /**
     * Hand this rank's piece of every channel to the pipelines for step
     * @p step at @p time (user units). @p channels maps the channel name the
     * scripts use ("bulk"; later "surface") to an XML VTK unstructured grid
     * (VTU) file text. Collective: every rank passes the same channel names.
     */
    virtual void
    execute(unsigned int                              step,
            double                                    time,
            const std::map<std::string, std::string> &channels)
      = 0;

    /// Let the pipelines finish (collective); also called by the destructor
    /// of the core's CatalystSession, before MPI is finalised.
    virtual void
    finalize()
      = 0;
  };
} // namespace exsolve

/// The one symbol the module exports (looked up with dlsym).
extern "C" exsolve::InSituAdaptor *
exsolve_create_catalyst_adaptor();
