#!/usr/bin/env bash
# Build and run every test: the GoogleTest unit binaries and the end-to-end suites (ctest).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAWSUME_SHELL_WERROR=ON >/dev/null
cmake --build "$build" -j "$(nproc)"
cd "$build"
ctest --output-on-failure -j 1 --timeout 1800
