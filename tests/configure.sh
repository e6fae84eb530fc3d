#!/usr/bin/env bash
# Configures one build folder the way every test script does (docs/testing.md):
#   tests/configure.sh BUILD_DIR [CMAKE_ARG...]
# Ninja, RelWithDebInfo, warnings as errors, and ccache as the compiler launcher when it is
# installed (CI machines without it build the same, only slower).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: tests/configure.sh BUILD_DIR [CMAKE_ARG...]}
shift
launcher=()
if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAWSUME_SHELL_WERROR=ON \
    "${launcher[@]}" "$@" >/dev/null
