#include <exsolve/linear_algebra/backends.h>

#include "poisson_boltzmann_postprocessing.templates.h"
#include "poisson_boltzmann_problem.templates.h"

namespace exsolve
{
  template class PoissonBoltzmannProblem<1, TrilinosBackend>;
  template class PoissonBoltzmannProblem<2, TrilinosBackend>;
  template class PoissonBoltzmannProblem<3, TrilinosBackend>;
} // namespace exsolve
