#!/usr/bin/env bash
# Opens the HTML report in a real headless browser (Debian's chromium) and saves a
# screenshot of its first page and a PDF print of the whole report, to check by eye
# that it renders and prints on A4.
#
#   scripts/screenshot-report.sh [REPORT.html] [OUT_DIR]
#
# Defaults: reports/bos-2020/nl/report.html, and target/screenshots/ for the output.
# Installs chromium with apt-get when it is missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."

html="${1:-reports/bos-2020/nl/report.html}"
out="${2:-target/screenshots}"
[ -f "$html" ] || { echo "no such report: $html (run scripts/regenerate-reports.sh)" >&2; exit 2; }
mkdir -p "$out"

browser=""
for b in chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null; then browser="$b"; break; fi
done
if [ -z "$browser" ]; then
    echo "chromium not found: installing Debian's chromium" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    browser=chromium
fi

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
url="file://$(realpath "$html")"
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
       --disable-component-update --disable-sync --no-first-run
       --hide-scrollbars --user-data-dir="$profile")

# 794 x 1123 CSS pixels is one A4 page at 96 dpi: the screenshot is the first page.
"$browser" "${flags[@]}" --window-size=794,1123 --screenshot="$out/report-page1.png" "$url" 2>/dev/null
"$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/report.pdf" "$url" 2>/dev/null

echo "$out/report-page1.png"
echo "$out/report.pdf"
