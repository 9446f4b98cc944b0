#include <exsolve/io/checkpoint_parameters.h>

namespace exsolve
{
  using namespace dealii;

  void
  CheckpointParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Checkpoints");
    {
      prm.declare_entry(
        "Every n steps",
        "0",
        Patterns::Integer(0),
        "[-] Write a checkpoint of a transient run (mesh, solution history, "
        "time-stepper state, output records) into DIR/checkpoints every n "
        "accepted time steps; 0 = never. The last two are kept; continue "
        "with 'exsolve FILE.prm --resume DIR' (doc/restart.md).");
      prm.declare_entry(
        "Every wall minutes",
        "0",
        Patterns::Double(0.),
        "[min] Also write one whenever this much wall-clock time has passed "
        "since the last (for queue limits); 0 = never.");
    }
    prm.leave_subsection();
  }



  void
  CheckpointParameters::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Checkpoints");
    every_n_steps      = prm.get_integer("Every n steps");
    every_wall_seconds = 60. * prm.get_double("Every wall minutes");
    prm.leave_subsection();
  }
} // namespace exsolve
