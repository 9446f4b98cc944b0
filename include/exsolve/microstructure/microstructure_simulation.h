#pragma once

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <string>

namespace exsolve
{
  /**
   * Physics/Model = microstructure: generate the porous polycrystal of
   * section Microstructure or read its voxel image (every input checked
   * before the run directory exists; relative image paths also next to
   * @p parameter_file), mesh its solid (smoothed, periodic and refined as
   * asked), and write parameters.prm, metrics.csv (porosity, specific
   * surface, pore-wall area before and after smoothing, grain- and
   * phase-boundary densities, triple-phase boundary, mean grain size),
   * tortuosity.csv (along x), phases.csv (cells, volume and grains per
   * solid phase), grains.csv (phase, volume and orientation of every grain)
   * and VTU files with grain, phase, orientation and rank per cell into
   * Output/Directory; the metrics and the memory per cell are also printed
   * on rank 0, followed by the BENCHMARK line.
   * Returns the exit code.
   */
  int
  run_microstructure_simulation(dealii::ParameterHandler &prm,
                                const MPI_Comm            communicator,
                                const std::string        &parameter_file);
} // namespace exsolve
