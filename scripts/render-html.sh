#!/bin/sh
# Renders the printable offer (`quote … --format html`) with headless Chromium from Debian's packages
# (`apt-get install -y chromium`; .ci/run installs it) and checks that it prints to ONE A4 page.
#
#   scripts/render-html.sh [OUT_DIR] [-- quote arguments…]
#
# Writes OUT_DIR/offer.html, offer.pdf and offer.png (default OUT_DIR: a temporary folder) and prints
# the page count. Exit status: 0 one page, 1 more than one page or no PDF, 2 no Chromium.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$(mktemp -d)}
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
binary=${QUOTE_BINARY:-$root/.build/debug/quote}
if [ $# -eq 0 ]; then
    set -- brick --qty 5000 --item cement=40bag --city Tver --customer C-1001 --as-of 2026-12-01T10:00:00+03:00 --lang ru
fi
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chrome" ]; then
    echo "render-html: no chromium (apt-get install -y chromium)" >&2
    exit 2
fi
mkdir -p "$out"
"$binary" "$@" --format html > "$out/offer.html"
flags="--headless --no-sandbox --disable-gpu --no-first-run --disable-dev-shm-usage --user-data-dir=$out/profile"
# shellcheck disable=SC2086
"$chrome" $flags --no-pdf-header-footer --print-to-pdf="$out/offer.pdf" "file://$out/offer.html" > /dev/null 2>&1
# shellcheck disable=SC2086
"$chrome" $flags --window-size=794,1123 --screenshot="$out/offer.png" "file://$out/offer.html" > /dev/null 2>&1 || true
[ -s "$out/offer.pdf" ] || { echo "render-html: no PDF written" >&2; exit 1; }
# Pages in the PDF: each page object is "/Type /Page" (not /Pages), in the file or in a compressed object stream.
pages=$(python3 - "$out/offer.pdf" <<'PY'
import re, sys, zlib
data = open(sys.argv[1], "rb").read()
page = re.compile(rb"/Type\s*/Page(?![a-z])")
count = len(page.findall(data))
for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
    try:
        count += len(page.findall(zlib.decompress(m.group(1))))
    except zlib.error:
        pass
print(count)
PY
)
echo "pages: $pages ($out/offer.pdf, $out/offer.png)"
[ "$pages" = 1 ]
