// The exsolve executable: initialise MPI (and PETSc) and hand the command
// line to the application.
#include <deal.II/base/mpi.h>

#include <exsolve/core/application.h>

#include <string>
#include <vector>

int
main(int argc, char *argv[])
{
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  // Our options are not PETSc's: initialise MPI and PETSc with the program
  // name only, so PETSc does not parse or warn about them.
  int                                      mpi_argc = 1;
  dealii::Utilities::MPI::MPI_InitFinalize mpi(mpi_argc, argv, 1);
  return exsolve::run_application(arguments);
}
