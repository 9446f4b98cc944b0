#include <exsolve/linear_algebra/backends.h>

#include "transport_assembly.templates.h"
#include "transport_checkpoint.templates.h"
#include "transport_chemistry.templates.h"
#include "transport_closed_sample.templates.h"
#include "transport_conditions.templates.h"
#include "transport_particles.templates.h"
#include "transport_postprocessing.templates.h"
#include "transport_problem.templates.h"
#include "transport_time_integration.templates.h"

namespace exsolve
{
  template class TransportProblem<1, PETScBackend>;
  template class TransportProblem<2, PETScBackend>;
  template class TransportProblem<3, PETScBackend>;
} // namespace exsolve
