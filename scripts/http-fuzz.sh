#!/usr/bin/env bash
# Fuzzes the HTTP service against its OpenAPI document with schemathesis (PyPI): a quote-server on
# a free loopback port, a scratch copy of the demo catalog, every operation in schemas/openapi.yaml,
# every check (no 5xx, status codes, content types, headers and bodies valid against the document)
# but two that judge the schema's strictness rather than the server: positive_data_acceptance (a
# request valid by the schema may still be a bad request: product "0" is unknown_product, 400) and
# negative_data_rejection (a batch answers each bad request with its error in its place, 200); and
# ensure_resource_availability, whose stateful links schemathesis infers from the field names: it takes
# a response's `id` (the caller's own correlation id, echoed) for the `{id}` of /v1/quotes/{id}, and a
# quote is saved only with `"save": true`, so a 404 there is the right answer, not a lost resource.
# Bounded: 50 examples per operation (MAX_EXAMPLES), 180 s in all (MAX_TIME); loopback only.
#
#   scripts/http-fuzz.sh                 debug build of quote-server
#   RELEASE=1 scripts/http-fuzz.sh       release build
#   MAX_EXAMPLES=200 SEED=7 scripts/http-fuzz.sh
#   SERVER=.build/debug/quote-server MAX_EXAMPLES=10 scripts/http-fuzz.sh   a server built already (CI)
#   PHASES=examples,fuzzing,stateful scripts/http-fuzz.sh                   some of schemathesis's phases
#
# Needs `pip install schemathesis` (the script says so if it is missing). Exit status: schemathesis's.
set -euo pipefail
cd "$(dirname "$0")/.."
# SCHEMATHESIS: the command to run it (.ci/run gives `PYTHON -m schemathesis.cli` for a Python >= 3.12:
# on CPython 3.11.7 its coverage phase dies in ast.parse, "AST constructor recursion depth mismatch").
st=${SCHEMATHESIS:-schemathesis}
command -v ${st%% *} >/dev/null || { echo "schemathesis is not installed: python3 -m pip install schemathesis" >&2; exit 2; }

if [ -n "${SERVER:-}" ]; then
    server=$SERVER   # a quote-server built already (CI's debug build): no build here
else
    config=debug
    [ "${RELEASE:-0}" = 1 ] && config=release
    swift build -c "$config" --product quote-server 2>&1 | grep -E "error|warning: [^']" >&2 || true
    server=$(swift build -c "$config" --show-bin-path)/quote-server
fi
[ -x "$server" ] || { echo "no quote-server at $server (the build failed?)" >&2; exit 1; }

scratch=$(mktemp -d /tmp/quote-http-fuzz.XXXXXX)
cp -r catalogs/demo "$scratch/demo"
key=fuzz-key-$RANDOM$RANDOM
QUOTE_INTERNAL_KEYS=$key "$server" --host 127.0.0.1 --port 0 --catalog "$scratch/demo" --no-access-log \
    >"$scratch/stdout" 2>"$scratch/stderr" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$scratch"' EXIT
port=
for _ in $(seq 1 200); do
    port=$(sed -n 's|^quote-server listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$scratch/stdout")
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$scratch/stderr" >&2; exit 1; }
    sleep 0.05
done
[ -n "$port" ] || { echo "quote-server did not start" >&2; exit 1; }
echo "Fuzzing http://127.0.0.1:$port with schemathesis (${MAX_EXAMPLES:-50} examples per operation)…" >&2

status=0
$st run schemas/openapi.yaml --url "http://127.0.0.1:$port" \
    --checks all --exclude-checks positive_data_acceptance,negative_data_rejection,ensure_resource_availability \
    --max-examples "${MAX_EXAMPLES:-50}" --max-time "${MAX_TIME:-180}" --request-timeout 10 \
    --workers 2 ${SEED:+--seed "$SEED"} ${PHASES:+--phases "$PHASES"} --suppress-health-check all \
    -H "X-Quote-Key: $key" || status=$?
kill -0 "$pid" 2>/dev/null || { echo "quote-server died during the run:" >&2; tail -20 "$scratch/stderr" >&2; status=1; }
exit "$status"
