#!/usr/bin/env bash
# Regenerates reports/bos-2020/ (the report of the bundled survey, Dutch and English)
# and reports/po-rivierenland/ (the synthetic primary-school survey of another shape,
# datasets/po-rivierenland) and reports/bos-series/ (the trend of the bundled series)
# after a change to the report, the analysis or the data. The tests
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
    out="reports/po-rivierenland/$lang"
    rm -rf "$out"
    "$bin" report datasets/po-rivierenland --lang "$lang" --out "$out" >/dev/null 2>&1
    echo "$out"
done
for lang in nl en; do
    out="reports/bos-series/$lang"
    rm -rf "$out"
    "$bin" trend datasets/bos-series --lang "$lang" --out "$out" 2>/dev/null
    echo "$out"
done

# The evaluatieverslag of the synthetic meeting evaluations (datasets/evaluatie); the
# e2e test `evaluate::committed_evaluatieverslag_is_up_to_date` keeps it fresh.
for lang in nl en; do
    out="reports/evaluatie-2021-2022/$lang"
    rm -rf "$out"
    "$bin" evaluate datasets/evaluatie --plan reports/bos-2020/nl/plan.json \
        --lang "$lang" -o "$out" >/dev/null
    echo "$out"
done

# Two example certificates from the synthetic records of 2021-2022 (see
# datasets/bos-records-2021-2022/README.md); the test `records_dataset` keeps them fresh.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
records="datasets/bos-records-2021-2022"
"$bin" records --db "$tmp/r.db" activity plan reports/bos-2020/nl/plan.json >/dev/null
"$bin" records --db "$tmp/r.db" import "$records/aanmeldingen.csv" >/dev/null
for list in "$records"/presentie/*.csv; do
    slot="$(basename "$list" | cut -c1-2)"
    # A plan meeting's activity id is "<school year>-<slot>" (peiling_core::activity_id).
    "$bin" records --db "$tmp/r.db" import --kind attendance \
        --activity "2021-2022-$((10#$slot))" "$list" >/dev/null
done
"$bin" certificates --db "$tmp/r.db" --year 2021-2022 --out "$tmp/certificates" >/dev/null
out="reports/certificates-2021-2022"
rm -rf "$out"
mkdir -p "$out"
cp "$tmp/certificates/certificaat-0002.html" "$tmp/certificates/certificaat-0029.html" "$out/"
echo "$out"
