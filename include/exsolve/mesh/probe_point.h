#pragma once

#include <exsolve/mesh/geometry.h>

#include <vector>

namespace exsolve
{
  /**
   * Throw an InputError naming "Postprocess/Probe point" unless @p probe
   * (user length units; empty: nothing to check) lies in the mesh described
   * by @p geometry. Every rank searches its own serial copy of the coarse
   * mesh, so that all ranks reach the same verdict without communicating.
   */
  template <int dim>
  void
  check_probe_point(const GeometryParameters  &geometry,
                    const std::vector<double> &probe,
                    const bool                 dimensionless);
} // namespace exsolve
