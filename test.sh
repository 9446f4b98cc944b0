#!/bin/bash
# Set up (install, build) and run the test suite; extra arguments go to
# ctest, e.g. ./test.sh -L verification
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$ROOT/scripts/setup.sh"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
exec ctest --test-dir "$ROOT/build" --output-on-failure -j2 "$@"
