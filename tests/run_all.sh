#!/usr/bin/env bash
# Build and run every test, as CI does (docs/testing.md), in three build folders:
#   tests     build/       unit tests, fuzz replays and the end-to-end suites (ctest)
#   fuzz      build-fuzz/  each fuzz target for FUZZ_SECONDS, 30 by default here (tests/fuzz.sh: 60)
#   sanitize  build-asan/  the tests of the first step again under ASan+UBSan (tests/sanitize.sh)
# Every step runs even when one before it failed; the summary gives each step's time.
#   TEST_STEPS="tests fuzz sanitize" (the default: all)   BUILD_DIR=build
#   CTEST_PARALLEL_LEVEL=N: tests run at once by ctest (2 by default; each e2e suite is one)
set -uo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
jobs=${CTEST_PARALLEL_LEVEL:-2}
export CTEST_PARALLEL_LEVEL=$jobs   # tests/sanitize.sh runs its ctest the same way

step_tests() {
    tests/configure.sh "$build" &&
        cmake --build "$build" -j "$(nproc)" &&
        (cd "$build" && ctest --output-on-failure -j "$jobs" --timeout 1800)
}
# 30 s a target here (CI's budget: 8 targets), 60 s when tests/fuzz.sh runs alone.
step_fuzz() { FUZZ_SECONDS=${FUZZ_SECONDS:-30} tests/fuzz.sh; }
step_sanitize() { tests/sanitize.sh; }

summary=()
failed=0
for step in ${TEST_STEPS:-tests fuzz sanitize}; do
    if ! declare -F "step_$step" >/dev/null; then
        echo "run_all: no step '$step' (tests, fuzz, sanitize)" >&2
        exit 2
    fi
    echo "=== $step"
    start=$(date +%s)
    if "step_$step"; then result=ok; else result=FAILED failed=1; fi
    summary+=("$(printf '%-9s %-6s %5ds' "$step" "$result" $(($(date +%s) - start)))")
done
echo "=== summary"
printf '%s\n' "${summary[@]}"
exit $failed
