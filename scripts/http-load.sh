#!/usr/bin/env bash
# HTTP service load test on loopback with wrk (Debian: apt-get install wrk): a release quote-server,
# one-line quotes (`brick`, 5,000 pcs, Tver, POST /v1/quote), 1, 16 and 64 connections, DURATION
# seconds each (default 10) after a 2 s warm-up. Prints requests/s, p50 and p99 latency and the
# server's resident memory after each run (VmRSS, and the peak VmHWM), as a Markdown table.
#
#   scripts/http-load.sh                  demo catalog, access logs on (written to a file)
#   CATALOG=100k scripts/http-load.sh     the 100,000-SKU catalog (generated into .build-bench once)
#   ACCESS_LOG=0 scripts/http-load.sh     without access logs
#   IN_MEMORY=1 CATALOG=100k scripts/http-load.sh   the server started with --in-memory
#   DURATION=30 CONNECTIONS="16" scripts/http-load.sh
#   SERVER_ARGS="--request-timeout 0" scripts/http-load.sh   more server options
#
# wrk runs on the same 2 cores as the server (2 threads, or 1 for one connection), so the figures
# are what one machine does as client and server at once. Loopback only; bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
duration=${DURATION:-10}
connections=${CONNECTIONS:-"1 16 64"}
which=${CATALOG:-demo}
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 2; }

swift build -c release --scratch-path .build-bench --product quote-server 2>&1 | grep -E "error|warning: [^']" >&2 || true
swift build -c release --scratch-path .build-bench --product quote 2>&1 | grep -E "error|warning: [^']" >&2 || true
server=$root/.build-bench/release/quote-server
quote=$root/.build-bench/release/quote
[ -x "$server" ] && [ -x "$quote" ] || { echo "the release build failed" >&2; exit 1; }

case $which in
demo)
    db=$root/.build-bench/http-demo.sqlite
    "$quote" catalog build catalogs/demo --out "$db" --as-of 2026-12-01T10:00:00+03:00 >/dev/null 2>&1
    ;;
100k)
    db=$root/.build-bench/bench-catalog-100k-g2.sqlite
    if [ ! -f "$db" ]; then
        "$quote" catalog generate "$root/.build-bench/catalog-100k" --skus 100000 --sources 200 --cities 1000 --offers 3 --seed 1 >/dev/null
        "$quote" catalog build "$root/.build-bench/catalog-100k" --out "$db" >/dev/null 2>&1
    fi
    ;;
*) echo "CATALOG is demo or 100k" >&2; exit 2 ;;
esac

scratch=$(mktemp -d /tmp/quote-http-load.XXXXXX)
log_flag=()
[ "${ACCESS_LOG:-1}" = 0 ] && log_flag=(--no-access-log)
[ "${IN_MEMORY:-0}" = 1 ] && log_flag+=(--in-memory)
# SERVER_ARGS: more options for the server, e.g. SERVER_ARGS="--request-timeout 0" (no time limit: the
# quote on the request's own task, as before the limit).
read -r -a extra <<<"${SERVER_ARGS:-}"
log_flag+=("${extra[@]}")
"$server" --host 127.0.0.1 --port 0 --catalog "$db" "${log_flag[@]}" >"$scratch/stdout" 2>"$scratch/access.log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$scratch"' EXIT
port=
for _ in $(seq 1 600); do
    port=$(sed -n 's|^quote-server listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$scratch/stdout")
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$scratch/access.log" >&2; exit 1; }
    sleep 0.1
done
[ -n "$port" ] || { echo "quote-server did not start" >&2; exit 1; }
url=http://127.0.0.1:$port/v1/quote

cat >"$scratch/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"items":[{"product":"brick","quantity":"5000","unit":"pcs"}],"city":"Tver","asOf":"2026-12-01T10:00:00+03:00"}'
wrk.headers["Content-Type"] = "application/json"
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %.1f %.1f %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
# The answer must be a quote, not an error, before anything is measured.
curl -sf -X POST --data-binary "$(sed -n "s/^wrk.body = '\(.*\)'$/\1/p" "$scratch/post.lua")" "$url" | grep -q '"quoteId"' \
    || { echo "the server does not quote the benchmark request" >&2; exit 1; }
wrk -t 2 -c 16 -d 2s -s "$scratch/post.lua" "$url" >/dev/null

kib() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$pid/status"; }
echo "catalog: $which ($db), access log: ${ACCESS_LOG:-1}, $duration s per run, $(nproc) cores shared with wrk"
echo
echo "| connections | requests/s | p50 ms | p99 ms | non-2xx | socket errors | server RSS MiB (peak) |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
total=0
for c in $connections; do
    threads=2
    [ "$c" -lt 2 ] && threads=1
    read -r _ requests micros p50 p99 bad sock < <(wrk -t "$threads" -c "$c" -d "${duration}s" -s "$scratch/post.lua" "$url" | grep '^RESULT')
    total=$((total + requests))
    rps=$(awk -v r="$requests" -v us="$micros" 'BEGIN { printf "%.0f", r / (us / 1e6) }')
    printf "| %d | %s | %.2f | %.2f | %d | %d | %.1f (%.1f) |\n" "$c" "$rps" "$(awk -v v="$p50" 'BEGIN{print v/1000}')" \
        "$(awk -v v="$p99" 'BEGIN{print v/1000}')" "$bad" "$sock" "$(awk -v v="$(kib VmRSS)" 'BEGIN{print v/1024}')" "$(awk -v v="$(kib VmHWM)" 'BEGIN{print v/1024}')"
done
echo
echo "$total requests measured; access log lines: $(grep -c ' request$' "$scratch/access.log" || true)"
