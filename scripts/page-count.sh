#!/usr/bin/env bash
# Prints how many A4 pages an HTML report takes when printed: headless Chromium prints
# it to PDF (the report's own print CSS: A4, page breaks) and pdfinfo counts the pages.
#
#   scripts/page-count.sh REPORT.html [MAX]
#
# With MAX, exits 1 when the report takes more than MAX pages (CI: the BOS 2020
# bijlage must fit on 8). Needs chromium and pdfinfo (Debian: chromium, poppler-utils);
# `--install` first installs them with apt-get when missing (needs root).
set -euo pipefail

if [ "${1:-}" = "--install" ]; then
    shift
    # shellcheck source=lib/install-chromium.sh
    source "$(dirname "$0")/lib/install-chromium.sh"
    install_chromium pdfinfo
fi

html="${1:?usage: scripts/page-count.sh [--install] REPORT.html [MAX]}"
max="${2:-}"
[ -f "$html" ] || { echo "no such report: $html" >&2; exit 2; }

browser=""
for b in chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null; then browser="$b"; break; fi
done
[ -n "$browser" ] || { echo "chromium is not installed (try --install)" >&2; exit 2; }
command -v pdfinfo >/dev/null || { echo "pdfinfo is not installed (poppler-utils; try --install)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
    --user-data-dir="$work/profile" --no-pdf-header-footer \
    --print-to-pdf="$work/report.pdf" "file://$(realpath "$html")" >/dev/null 2>&1 || true
[ -s "$work/report.pdf" ] || { echo "chromium did not print $html" >&2; exit 1; }
pages="$(pdfinfo "$work/report.pdf" | awk '/^Pages:/ { print $2 }')"
echo "$html: $pages pages"
if [ -n "$max" ] && [ "$pages" -gt "$max" ]; then
    echo "$html: $pages A4 pages, more than $max" >&2
    exit 1
fi
