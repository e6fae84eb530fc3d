#!/usr/bin/env bash
# Builds everything once under ASan+UBSan in build-asan/ (gcc, -DAWSUME_SHELL_SANITIZE=ON)
# and runs every test there: unit tests, fuzz replays and the end-to-end suites against the
# sanitized binary and its dlopen()ed AWS module (docs/testing.md).
#   tests/sanitize.sh          ASAN_BUILD_DIR=DIR   E2E_SUITES="core ..." (default: all)
#   CTEST_PARALLEL_LEVEL=N (default 2): tests at once; each e2e suite is one ctest test
# A sanitizer report fails the run even when the test that caused it passed (a test that
# expects exit 1 cannot tell an ASan abort from an AWS error): reports go to files under
# build-asan/sanitizer-logs/, which must stay empty.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${ASAN_BUILD_DIR:-build-asan}
# -O1 -g1: what the ASan manual advises, line tables enough for every report's stack, and
# 2.5 times faster to compile under the sanitizers than -O2 -g (117 s -> 46 s for one unit
# test file), which is most of this step's time on a clean CI machine.
tests/configure.sh "$build" -DAWSUME_SHELL_SANITIZE=ON -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1"
cmake --build "$build" -j "$(nproc)"

logs=$root/$build/sanitizer-logs
rm -rf "$logs"
mkdir -p "$logs"
# detect_leaks: LeakSanitizer at every exit (suppressions with their reasons in lsan.supp);
# exec()ed shells and commands are not sanitized and do not report.
# disable_coredump=0: ASan would otherwise zero RLIMIT_CORE itself at start, and the test of
# our own core-dump guard (which restores the user's limit for exec'd commands) would see 0.
# awsume-shell still sets its own limit to 0 first thing in main.
export ASAN_OPTIONS="disable_coredump=0:log_path=$logs/asan:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1"
export LSAN_OPTIONS="suppressions=$root/tests/sanitizer/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="log_path=$logs/ubsan:print_stacktrace=1:halt_on_error=1"

status=0
if [ -n "${E2E_SUITES:-}" ]; then
    # shellcheck disable=SC2086 # a list of suite names
    tests/e2e/run "$build" $E2E_SUITES || status=1
else
    (cd "$build" && ctest --output-on-failure -j "${CTEST_PARALLEL_LEVEL:-2}" --timeout 1800) || status=1
fi
reports=$(find "$logs" -type f | sort)
if [ -n "$reports" ]; then
    echo "sanitizer reports ($(echo "$reports" | wc -l)):"
    for r in $reports; do
        echo "== $r"
        head -n 60 "$r"
    done
    status=1
fi
[ $status -eq 0 ] && echo "sanitize: every test passed under ASan+UBSan, no report"
exit $status
