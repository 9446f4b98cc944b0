#pragma once

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

namespace exsolve
{
  /**
   * Physics/Model = microstructure: generate the porous polycrystal of
   * section Microstructure (every input checked before the run directory
   * exists), mesh its solid (smoothed, periodic and refined as asked),
   * and write parameters.prm, metrics.csv (porosity, specific surface,
   * pore-wall area before and after smoothing, grain-boundary density, mean
   * grain size), tortuosity.csv (along x), grains.csv (volume and
   * orientation of every grain) and VTU files with grain, orientation and
   * rank per cell into Output/Directory; the metrics and the memory per
   * cell are also printed on rank 0, followed by the BENCHMARK line.
   * Returns the exit code.
   */
  int
  run_microstructure_simulation(dealii::ParameterHandler &prm,
                                const MPI_Comm            communicator);
} // namespace exsolve
