#!/bin/bash
# Set up (install, build) and run one seed-paper scenario at full
# resolution: ./scenario.sh NAME (./scenario.sh --list shows the names).
# Writes results/scenarios/NAME/ (summary.md: exsolve next to the paper).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$ROOT/scripts/setup.sh"
exec /usr/bin/python3 "$ROOT/scripts/run_scenario.py" "$@"
