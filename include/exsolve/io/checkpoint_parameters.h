#pragma once

#include <deal.II/base/parameter_handler.h>

namespace exsolve
{
  /// Section "Output/Checkpoints": periodic snapshots of a transient run
  /// from which `exsolve FILE.prm --resume DIR` continues (doc/restart.md).
  struct CheckpointParameters
  {
    /// Write a checkpoint every this many accepted steps (0: never).
    unsigned int every_n_steps = 0;
    /// ... and whenever this much wall time (s) has passed since the last
    /// one (0: never).
    double every_wall_seconds = 0.;

    bool
    enabled() const
    {
      return every_n_steps > 0 || every_wall_seconds > 0.;
    }

    /// Declares the subsection; call inside "Output".
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /// Reads the subsection (inside "Output").
    void
    parse_parameters(dealii::ParameterHandler &prm);
  };
} // namespace exsolve
