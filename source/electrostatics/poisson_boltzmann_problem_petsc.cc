#include <exsolve/linear_algebra/backends.h>

#include "poisson_boltzmann_postprocessing.templates.h"
#include "poisson_boltzmann_problem.templates.h"

namespace exsolve
{
  template class PoissonBoltzmannProblem<1, PETScBackend>;
  template class PoissonBoltzmannProblem<2, PETScBackend>;
  template class PoissonBoltzmannProblem<3, PETScBackend>;
} // namespace exsolve
