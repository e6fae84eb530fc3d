#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ (clang++, ASan+UBSan) in build-fuzz/ and runs each
# for FUZZ_SECONDS (default 60) from its corpus and reproducers; fails when any crashes,
# leaks, hangs or breaks a property, and prints how to replay the input (docs/testing.md).
#   tests/fuzz.sh [TARGET...]            (default: every target of fuzz/)
#   FUZZ_SECONDS=N  FUZZ_BUILD_DIR=DIR   FUZZ_KEEP_GOING=1 (go on after a crash: -fork=1
#                                        -ignore_crashes=1, for finding more than one)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${FUZZ_BUILD_DIR:-build-fuzz}
seconds=${FUZZ_SECONDS:-60}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then  # every target of fuzz/ (fuzz/NAME_fuzz.cpp)
    for f in fuzz/*_fuzz.cpp; do
        f=${f#fuzz/}
        targets+=("${f%_fuzz.cpp}")
    done
fi

# No -Werror here: clang's warnings differ from gcc's, which the normal build holds to.
tests/configure.sh "$build" -DCMAKE_CXX_COMPILER=clang++ -DAWSUME_SHELL_FUZZ=ON -DAWSUME_SHELL_WERROR=OFF
cmake --build "$build" -j "$(nproc)" --target fuzzers

dict_of() {
    case $1 in
        ini_*) echo fuzz/dict/ini.dict ;;
        xml_*) echo fuzz/dict/xml.dict ;;
        *) echo fuzz/dict/json.dict ;;
    esac
}

export UBSAN_OPTIONS=print_stacktrace=1
failed=()
for t in "${targets[@]}"; do
    work=$build/fuzz-work/$t              # new inputs land here, never in fuzz/corpus
    artifacts=$build/fuzz-artifacts/$t
    log=$build/fuzz-$t.log
    rm -rf "$work" "$artifacts"
    mkdir -p "$work" "$artifacts"
    keep_going=()
    [ -n "${FUZZ_KEEP_GOING:-}" ] && keep_going=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
    # -timeout: one input taking 10 s is a hang; -rss_limit_mb: a parser must stay small.
    if "$build/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 \
        -dict="$(dict_of "$t")" -artifact_prefix="$artifacts/" -print_final_stats=1 "${keep_going[@]}" \
        "$work" "fuzz/corpus/$t" "fuzz/regressions/$t" >"$log" 2>&1 &&
        [ -z "$(ls -A "$artifacts")" ]; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
        echo "fuzz $t: ${runs:-?} inputs in ${seconds}s, no crash"
    else
        failed+=("$t")
        echo "FAIL fuzz $t (log: $log)"
        grep -E 'ERROR|SUMMARY|fuzz property failed|runtime error' "$log" | head -n 20 | sed 's/^/    | /'
        shown=0
        for a in "$artifacts"/*; do
            [ -e "$a" ] || continue
            if [ $shown -eq 3 ]; then
                echo "    ... $(($(ls "$artifacts" | wc -l) - 3)) more reproducers in $artifacts"
                break
            fi
            shown=$((shown + 1))
            echo "    reproducer $a ($(stat -c %s "$a") bytes, base64 $(base64 -w0 "$a" | head -c 200))"
            echo "    replay: $build/fuzz_$t $a   (or build/fuzz_replay_$t $a)"
        done
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: failed: ${failed[*]}"
    echo "  (keep a fixed reproducer in fuzz/regressions/<target>/: see fuzz/regressions/README.md)"
    exit 1
fi
echo "fuzz: ${#targets[@]} targets, ${seconds}s each, no crash"
