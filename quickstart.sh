#!/bin/bash
# Set up (install, build) and run the quick-start example.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
exec ./build/exsolve parameter_files/quickstart.prm "$@"
