#!/usr/bin/env bash
# Where the time goes: one benchmark case under valgrind's callgrind, which counts instructions
# (repeatable on a shared machine, unlike wall clock), and the functions that execute the most.
#
#   scripts/profile.sh [CASE] [ITERATIONS]      e.g. scripts/profile.sh one-line-demo 2000
#
# CASE: one-line, twenty-lines, twenty-lines-proven, wall, json, cold-open, each -demo or -100k (default one-line-demo);
# see Benchmarks/Profile/Profile.swift.
# Only the measured loop is counted (setup and catalog loading are not). Prints instructions per
# iteration, then the top functions by exclusive ("self") and inclusive instruction counts; the raw
# profile stays in .build-bench/callgrind.CASE.out for callgrind_annotate or kcachegrind.
set -euo pipefail
cd "$(dirname "$0")/.."

case_name=${1:-one-line-demo}
iterations=${2:-1000}
command -v valgrind >/dev/null || { echo "valgrind is needed: apt-get install -y valgrind" >&2; exit 1; }

# The driver: Benchmarks/Profile + the benchmarks' fixtures, compiled against the release build of
# QuoteCore and QuoteCatalog (the same optimised code the benchmarks and the CLI run).
swift build -c release --scratch-path .build-bench --product quote 2>&1 | grep -E "error|warning: [^']" || true
release=.build-bench/release
binary=$release/quote-profile
swiftc -O -module-name QuoteProfile -I $release/Modules -I Sources/CSQLite -I Sources/CExpat -I Sources/CMinizip -I Sources/CGLPK $(pkg-config --cflags-only-I minizip | sed "s/-I/-Xcc -I/g") \
    "$PWD"/Benchmarks/Profile/*.swift "$PWD"/Benchmarks/QuoteBenchmarks/Fixtures.swift \
    $release/QuoteCore.build/*.o $release/QuoteCatalog.build/*.o $release/QuoteCatalogGenerator.build/*.o \
    $release/SeededRandom.build/*.o $release/QuoteWorkbook.build/*.o $release/QuoteGLPK.build/*.o -lsqlite3 -lminizip -lexpat -o $binary
# valgrind 3.19 cannot read the DWARF 5 debug information Swift 6 writes: profile a copy without it
# (the symbol table, which names the functions, stays).
strip --strip-debug $binary

out=.build-bench/callgrind.$case_name.out
# The 100k catalog is built (or loaded) by an ordinary run first, so callgrind does not spend its
# 50× slowdown there.
QUOTE_PROFILE=$case_name QUOTE_PROFILE_ITERATIONS=1 "$binary" 2>/dev/null || true
QUOTE_PROFILE=$case_name QUOTE_PROFILE_ITERATIONS=$iterations \
    valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect='*profiledLoop*' "$binary" 2>.build-bench/callgrind.$case_name.log || {
    cat .build-bench/callgrind.$case_name.log >&2
    exit 1
}

callgrind_annotate --inclusive=no "$out" >"$out.self.txt" 2>/dev/null
callgrind_annotate --inclusive=yes "$out" >"$out.inclusive.txt" 2>/dev/null
total=$(awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }' "$out.self.txt")
echo "$case_name: $total instructions over $iterations iterations = $((total / iterations)) per iteration"

# The function lines of an annotation: count, then file:function; per iteration and as a share.
top() {
    awk -v n="$iterations" -v t="$total" -v k="$2" '
        /^-+$/ { section++; next }
        section >= 3 && NF >= 2 && $1 ~ /^[0-9,]+$/ && shown < k {
            c = $1; gsub(",", "", c); $1 = ""; sub(/^ +/, ""); sub(/ \[[^]]*\]$/, ""); sub(/^[^:]*:/, "")
            printf "  %10d  %5.1f%%  %s\n", c / n, 100 * c / t, $0; shown++
        }' "$1" | swift demangle --simplified | cut -c1-200
}
echo
echo "Top functions by their own instructions (per iteration, share of the total):"
top "$out.self.txt" 25
echo
echo "Top functions including what they call:"
top "$out.inclusive.txt" 30
