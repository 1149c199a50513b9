#!/usr/bin/env bash
# Regenerates reports/bos-2020/ (the report of the bundled survey, Dutch and English)
# and reports/bos-series/ (the trend of the bundled series) after a change to the
# report, the analysis or the bundled data. The tests
# `report::committed_reports_are_up_to_date` and `trend::committed_trend_reports_are_up_to_date`
# fail until this has been run and committed.
set -euo pipefail
cd "$(dirname "$0")/.."

# The same build as `cargo test --workspace` (CI), so a warm target stays warm.
cargo build -q --workspace --all-targets
bin="${CARGO_TARGET_DIR:-target}/debug/peiling"
for lang in nl en; do
    out="reports/bos-2020/$lang"
    # Start clean, so a chart that no longer exists does not linger.
    rm -rf "$out"
    "$bin" report --lang "$lang" --out "$out" >/dev/null
    echo "$out"
done
for lang in nl en; do
    out="reports/bos-series/$lang"
    rm -rf "$out"
    "$bin" trend datasets/bos-series --lang "$lang" --out "$out" 2>/dev/null
    echo "$out"
done
