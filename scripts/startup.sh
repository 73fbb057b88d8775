#!/usr/bin/env bash
# CLI start-up: `quote brick --qty 5000 --city Tver` as a whole process, against an empty Swift
# executable built the same way, many runs; prints both medians, their ratio, and the CLI's peak
# memory. The issue's targets: the ratio ≤ 3, peak RSS ≤ 25 MiB.
#
#   scripts/startup.sh                 release builds, the Swift runtime linked dynamically
#   STATIC=1 scripts/startup.sh        both linked with --static-swift-stdlib
#   RUNS=500 scripts/startup.sh        more runs (default 300, after 30 warm-up runs)
#
# Also a name read by its attributes (`quote 'кирпич м150' …`) on the 100k catalog.
# Times with hyperfine when it is installed (apt-get install -y hyperfine), else with a loop of
# date +%s%N. The quote is answered from the demo catalog and from the 100,000-SKU catalog
# (generated into .build-bench/ on first use): the CLI loads only the rows a request needs, so the two
# should start alike.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=${RUNS:-300}
warmup=30

if [ "${STATIC:-0}" = 1 ]; then
    scratch=.build-bench-static
    flags=(--static-swift-stdlib)
    how="release, --static-swift-stdlib"
else
    scratch=.build-bench
    flags=()
    how="release, Swift runtime linked dynamically"
fi

echo "Building quote and an empty Swift executable ($how)…" >&2
swift build -c release --scratch-path "$scratch" --product quote "${flags[@]}" 2>&1 | grep -E "error|warning: [^']" >&2 || true
quote=$root/$scratch/release/quote
[ -x "$quote" ] || { echo "the build of quote failed" >&2; exit 1; }

empty_dir=$root/$scratch/startup-empty
mkdir -p "$empty_dir/Sources/empty"
cat >"$empty_dir/Package.swift" <<'SWIFT'
// swift-tools-version: 6.1
import PackageDescription
let package = Package(name: "empty", targets: [.executableTarget(name: "empty")])
SWIFT
: >"$empty_dir/Sources/empty/main.swift"
(cd "$empty_dir" && swift build -c release "${flags[@]}" 2>&1 | grep -E "error|warning: [^']" >&2 || true)
empty=$empty_dir/.build/release/empty
[ -x "$empty" ] || { echo "the build of the empty executable failed" >&2; exit 1; }

# The catalogs, compiled before timing (the first quote against a CSV folder compiles it).
demo_db=$root/$scratch/startup-demo.sqlite
"$quote" catalog build catalogs/demo --out "$demo_db" --as-of 2026-12-01T10:00:00+03:00 >/dev/null 2>&1
large_db=$root/.build-bench/bench-catalog-100k-g2.sqlite
# Missing, or refused (exit 3: of another schema version, after an upgrade): generate and build it again.
if [ ! -f "$large_db" ] || { "$quote" brick --qty 1 --city Tver --catalog "$large_db" >/dev/null 2>&1; [ $? -eq 3 ]; }; then
    mkdir -p "$root/.build-bench"
    echo "Generating the 100k catalog (once, ~20 s)…" >&2
    "$quote" catalog generate "$root/$scratch/catalog-100k" --skus 100000 --sources 200 --cities 1000 --offers 3 --seed 1 >/dev/null
    "$quote" catalog build "$root/$scratch/catalog-100k" --out "$large_db" >/dev/null 2>&1
fi
args=(brick --qty 5000 --city Tver --as-of 2026-12-01T10:00:00+03:00)
"$quote" "${args[@]}" --catalog "$demo_db" >/dev/null
"$quote" "${args[@]}" --catalog "$large_db" >/dev/null

median_ms() {  # the median of one command's wall-clock times, in ms with 2 decimals
    if command -v hyperfine >/dev/null; then
        local json
        json=$(mktemp)
        hyperfine -N --style none --warmup "$warmup" --runs "$runs" --export-json "$json" -- "$1" >/dev/null 2>&1
        python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$json"
        rm -f "$json"
    else
        local times=() i start end
        for ((i = 0; i < warmup; i++)); do eval "$1" >/dev/null 2>&1 || true; done
        for ((i = 0; i < runs; i++)); do
            start=$(date +%s%N)
            eval "$1" >/dev/null 2>&1 || true
            end=$(date +%s%N)
            times+=($(((end - start) / 1000)))
        done
        printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.2f\n", m / 1000 }'
    fi
}

peak_kib() {  # peak resident memory of one run, KiB
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1
    else
        python3 -c 'import resource,subprocess,sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
    fi
}

tool=$(command -v hyperfine >/dev/null && echo "hyperfine -N, $warmup warm-up runs" || echo "date +%s%N loop")
echo "Median wall clock over $runs runs ($tool; $how):"
e=$(median_ms "$empty")
d=$(median_ms "$quote ${args[*]} --catalog $demo_db")
l=$(median_ms "$quote ${args[*]} --catalog $large_db")
# A name read by its attributes (the family кирпич narrowed to М150): the names' rows are read as well.
named="$quote 'кирпич м150' --qty 5000 --city Тверь --as-of 2026-12-01T10:00:00+03:00 --catalog $large_db"
n=$(median_ms "$named")
printf '  %-58s %8s ms\n' "empty Swift executable" "$e"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf '  %-58s %8s ms  (%s× empty)\n' "quote brick --qty 5000 --city Tver (demo catalog)" "$d" "$(ratio "$d" "$e")"
printf '  %-58s %8s ms  (%s× empty)\n' "quote brick --qty 5000 --city Tver (100k catalog)" "$l" "$(ratio "$l" "$e")"
printf '  %-58s %8s ms  (%s× empty)\n' "quote 'кирпич м150' --qty 5000 --city Тверь (100k catalog)" "$n" "$(ratio "$n" "$e")"
echo "Peak resident memory (max RSS):"
printf '  %-58s %8s KiB\n' "empty Swift executable" "$(peak_kib "$empty")"
printf '  %-58s %8s KiB\n' "quote … (demo catalog)" "$(peak_kib "$quote" "${args[@]}" --catalog "$demo_db")"
printf '  %-58s %8s KiB\n' "quote … (100k catalog)" "$(peak_kib "$quote" "${args[@]}" --catalog "$large_db")"
