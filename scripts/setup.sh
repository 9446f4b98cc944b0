#!/bin/bash
# Install the Debian packages exsolve needs (only those missing), then
# configure and build it in Release mode, incrementally, in ./build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# paraview-dev ... xauth: ParaView Catalyst (in-situ visualisation) and
# headless rendering; libnetcdf-dev and libglew-dev because Debian's
# ParaView CMake files need them but do not depend on them. libpng-dev (PNG
# voxel images) also comes with libdeal.ii-dev (OpenCASCADE).
PACKAGES="libdeal.ii-dev libpng-dev cmake g++ make numdiff ccache openmpi-bin
          python3 python3-numpy python3-matplotlib
          paraview-dev python3-paraview libnetcdf-dev libglew-dev xvfb xauth"

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing="$missing $p"
done
if [ -n "$missing" ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "exsolve setup: installing$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $missing
fi

export CCACHE_DIR="${CCACHE_DIR:-$HOME/.ccache}"
# Paths relative to the checkout: fresh clones (CI) hit the same cache.
export CCACHE_BASEDIR="$ROOT"
cmake -S "$ROOT" -B "$ROOT/build" -DCMAKE_BUILD_TYPE=Release > "$ROOT/build.log" 2>&1 ||
  { cat "$ROOT/build.log"; exit 1; }
cmake --build "$ROOT/build" -j2 >> "$ROOT/build.log" 2>&1 ||
  { tail -n 60 "$ROOT/build.log"; exit 1; }
echo "exsolve setup: build complete (log in build.log)"
