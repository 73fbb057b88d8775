#!/usr/bin/env bash
# The benchmark suite (Benchmarks/QuoteBenchmarks) against the thresholds committed in
# Benchmarks/Thresholds: allocation counts exactly, wall clock at p90 within ±50 %.
#
#   scripts/check-benchmarks.sh            every benchmark, both catalogs, both metrics (~1 min once built)
#   scripts/check-benchmarks.sh --short    the demo catalog's benchmarks, allocation counts only, 0.2 s
#                                          each: what CI runs (a change that allocates more fails it)
#   scripts/check-benchmarks.sh --update   run everything and record the results as the new thresholds
#                                          (after a change that is meant to move them; commit the files)
#
# Exit status: 0 within the thresholds (or better: then it says so, and --update records the gain),
# 1 a regression or a failed run. Allocation counts are compared within 1 % (exact for counts under
# 100; HdrHistogram, which stores the results, is not exact for counts in the hundreds of thousands),
# wall clock within ±50 % (the tolerances are in Benchmarks/QuoteBenchmarks/QuoteBenchmarks.swift). The first run builds the suite in release (.build-bench, 2–4 min on
# 2 cores) and the 100k catalog (~20 s, .build-bench/bench-catalog-100k-g2.sqlite).
set -uo pipefail
cd "$(dirname "$0")/.."

mode=${1:-full}
export QUOTE_BENCHMARKS=1  # Package.swift declares the benchmark target only then
# The same hash seed in every process: Set and Dictionary then grow and iterate alike run after run,
# so the allocation counts are the same numbers every time.
export SWIFT_DETERMINISTIC_HASHING=1
thresholds=$PWD/Benchmarks/Thresholds
benchmark=(swift package --scratch-path .build-bench)

case $mode in
--update)
    "${benchmark[@]}" --allow-writing-to-package-directory benchmark thresholds update --path "$thresholds" --no-progress
    exit $?
    ;;
--short)
    export QUOTE_BENCH_SHORT=1
    args=(--filter '.*\.demo' --metric mallocCountTotal)
    ;;
full | --full)
    args=()
    ;;
*)
    sed -n '2,14p' "$0"
    exit 2
    ;;
esac

log=$(mktemp)
trap 'rm -f "$log"' EXIT
"${benchmark[@]}" benchmark thresholds check --path "$thresholds" --no-progress "${args[@]}" 2>&1 | tee "$log" | grep -a -v -E '^(Building|Build |\[[0-9]+/[0-9]+\])'
status=${PIPESTATUS[0]}
# `swift package` exits 1 for a regression, an improvement and a failed run alike: read the verdict.
if grep -a -q "is WORSE than the defined thresholds" "$log"; then
    echo "Benchmarks: REGRESSION against Benchmarks/Thresholds (see the tables above)."
    echo "If the change is meant to cost more, record it: scripts/check-benchmarks.sh --update, and commit Benchmarks/Thresholds."
    exit 1
elif grep -a -q "is BETTER than the defined thresholds" "$log"; then
    echo "Benchmarks: better than Benchmarks/Thresholds (fewer allocations or faster)."
    echo "Record the gain so that it is kept: scripts/check-benchmarks.sh --update, and commit Benchmarks/Thresholds."
    exit 0
elif grep -a -q "is EQUAL to the defined thresholds" "$log" && [ "$status" = 0 ]; then
    echo "Benchmarks: within the thresholds in Benchmarks/Thresholds."
    exit 0
fi
echo "Benchmarks: the run failed (exit $status)."
exit 1
