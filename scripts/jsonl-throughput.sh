#!/usr/bin/env bash
# `quote --jsonl` throughput and memory: N one-line requests (`brick`, 5,000 pcs, Tver) through one
# process pinned to one core, JSON parsing and writing included. Prints quotes per second, and the
# process's resident memory sampled from /proc at the start (after the first 1 % of requests) and
# the end, and its peak. The issue's targets: ≥ 30,000 quotes/s; memory flat over a million requests.
#
#   scripts/jsonl-throughput.sh                 100,000 requests, demo catalog
#   N=1000000 scripts/jsonl-throughput.sh       a million (the memory check)
#   CATALOG=100k scripts/jsonl-throughput.sh    against the 100,000-SKU catalog (read per request: over 64 MiB)
#   CATALOG=100k IN_MEMORY=1 scripts/…          the same with `--in-memory`: the whole catalog held, and the
#                                               time and memory of loading it (one request, then end of input)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
n=${N:-100000}
which=${CATALOG:-demo}

swift build -c release --scratch-path .build-bench --product quote 2>&1 | grep -E "error|warning: [^']" >&2 || true
quote=$root/.build-bench/release/quote
[ -x "$quote" ] || { echo "the build of quote failed" >&2; exit 1; }

case $which in
demo)
    db=$root/.build-bench/jsonl-demo.sqlite
    "$quote" catalog build catalogs/demo --out "$db" --as-of 2026-12-01T10:00:00+03:00 >/dev/null 2>&1
    ;;
100k)
    db=$root/.build-bench/bench-catalog-100k-g2.sqlite
    # Missing, or refused (exit 3: of another schema version, after an upgrade): generate and build it again.
    if [ ! -f "$db" ] || { "$quote" brick --qty 1 --city Tver --catalog "$db" >/dev/null 2>&1; [ $? -eq 3 ]; }; then
        "$quote" catalog generate "$root/.build-bench/catalog-100k" --skus 100000 --sources 200 --cities 1000 --offers 3 --seed 1 >/dev/null
        "$quote" catalog build "$root/.build-bench/catalog-100k" --out "$db" >/dev/null 2>&1
    fi
    ;;
*) echo "CATALOG is demo or 100k" >&2; exit 2 ;;
esac

requests=$root/.build-bench/jsonl-requests-$n.jsonl
if [ ! -f "$requests" ]; then
    awk -v n="$n" 'BEGIN { for (i = 1; i <= n; i++) printf "{\"id\":%d,\"items\":[{\"product\":\"brick\",\"quantity\":\"5000\",\"unit\":\"pcs\"}],\"city\":\"Tver\",\"asOf\":\"2026-12-01T10:00:00+03:00\"}\n", i }' >"$requests"
fi
counts=$(mktemp)
trap 'rm -f "$counts"' EXIT

pin=()
command -v taskset >/dev/null && pin=(taskset -c 1)

# Progress without reading the output again: how far the process has read into its input file
# (read in 64 KiB blocks, so to within ~500 requests).
line_bytes=$(awk '{ b += length($0) + 1 } END { print b / NR }' "$requests")
requests_read() { awk -v l="$line_bytes" '/^pos:/ { printf "%d", $2 / l }' "/proc/$1/fdinfo/0" 2>/dev/null || true; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || true; }
hwm_kib() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2>/dev/null || true; }

args=(--jsonl)
if [ "${IN_MEMORY:-0}" = 1 ]; then
    args+=(--in-memory)
    load=$( { /usr/bin/time -f '%e s, %M KiB peak' "${pin[@]}" "$quote" "${args[@]}" --catalog "$db" < <(head -1 "$requests") >/dev/null; } 2>&1 )
    echo "load the whole catalog and answer one request: $load"
fi

start=$(date +%s%N)
# The responses are counted as they come (lines, and lines with an error) and not kept.
"${pin[@]}" "$quote" "${args[@]}" --catalog "$db" <"$requests" | awk '/"error"/ { e++ } END { print NR, e + 0 }' >"$counts" &
sleep 0.1
pid=$(pgrep -n -f "quote ${args[*]} --catalog $db" || true)
first="" last="" peak="" samples=0
early=$((n / 100))
while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; do
    r=$(rss_kib "$pid")
    h=$(hwm_kib "$pid")
    done_lines=$(requests_read "$pid")
    if [ -n "$r" ] && [ -n "$done_lines" ]; then
        if [ -z "$first" ] && [ "$done_lines" -ge "$early" ]; then first="$r (after ~$done_lines requests)"; fi
        last="$r (after ~$done_lines requests)"
        peak=$h
        samples=$((samples + 1))
    fi
    sleep 0.5
done
wait
end=$(date +%s%N)

read -r answered errors <"$counts"
seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
echo "quote ${args[*]}, $which catalog, $n one-line requests${pin:+ on one core (taskset -c 1)}:"
echo "  answered $answered lines ($errors errors) in $seconds s: $(awk -v n="$answered" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }') quotes/s"
echo "  resident memory: ${first:-n/a} KiB at the start, ${last:-n/a} KiB at the end, peak ${peak:-n/a} KiB ($samples samples)"
