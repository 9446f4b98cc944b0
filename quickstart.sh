#!/bin/bash
# Set up (install, build) and run the quick-start example, on 2 MPI ranks
# where the machine has 2 cores or more.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
if [ "$(nproc)" -ge 2 ] && command -v mpirun > /dev/null; then
  # Open MPI refuses to run as root without these.
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
  exec mpirun -np 2 ./build/exsolve parameter_files/quickstart.prm "$@"
fi
exec ./build/exsolve parameter_files/quickstart.prm "$@"
