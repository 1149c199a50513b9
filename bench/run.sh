#!/usr/bin/env bash
# Times `peiling analyze --json` (release build, all cores, and on one thread) against
# the same category counts by its peers, side by side in one run: a lean DuckDB query
# as an analyst would write it (duckdb_lean.py), polars from Python (polars_agg.py),
# the first DuckDB baseline (duckdb_agg.py) and pandas, for 10k, 100k and 1M synthetic
# WPB rows (10M with --large); checks that all agree, and prints Markdown tables
# (median wall time of $REPEAT runs, peak memory as max RSS from /usr/bin/time, ratios).
#
#   bench/run.sh [--large] [--sizes "10000 100000"] [--repeat 3] [--commands]
#
# --reference timed the whole-file engine, retired in issue 12 (one engine): see RESULTS.md.
# --commands also times `validate`, `report --no-plan` (all charts, HTML) and `plan`.
# At 10M rows each tool runs once, and pandas (about 10 GB) only with --pandas-large.
# Data goes to bench/data (gitignored), the Python venv (duckdb, polars, pandas from
# the package index) to ~/.cache/peiling-bench.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
sizes="10000 100000 1000000"
repeat=3
commands=0
pandas_large=0
while [ $# -gt 0 ]; do
    case "$1" in
        --large) sizes="$sizes 10000000" ;;
        --sizes) sizes="$2"; shift ;;
        --repeat) repeat="$2"; shift ;;
        --reference) echo "--reference: the whole-file engine is retired (one engine since issue 12)" >&2; exit 2 ;;
        --commands) commands=1 ;;
        --pandas-large) pandas_large=1 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

# PEILING_BIN: time this binary instead of building the release one.
if [ -n "${PEILING_BIN:-}" ]; then
    peiling="$PEILING_BIN"
else
    target="${CARGO_TARGET_DIR:-$root/target}"
    (cd "$root" && cargo build --workspace --release --quiet)
    peiling="$target/release/peiling"
fi

venv="${PEILING_BENCH_VENV:-$HOME/.cache/peiling-bench/venv}"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import duckdb, pandas, polars" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet duckdb pandas polars
fi
py="$venv/bin/python"

data="$here/data"
mkdir -p "$data"
q="$root/datasets/bos-2020/wpb.toml"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# run NAME CMD...: median wall seconds and max RSS (MB) over $repeat runs.
run() {
    local name="$1"; shift
    local times=() mems=()
    for _ in $(seq "$repeat"); do
        /usr/bin/time -f "%e %M" -o "$out/time" "$@" >/dev/null 2>"$out/err" \
            || { cat "$out/err" >&2; exit 1; }
        read -r t m < "$out/time"
        times+=("$t"); mems+=("$m")
    done
    local t m
    t=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    m=$(printf '%s\n' "${mems[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    echo "$t $((m / 1024))"
}

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/ {print $2}') GB RAM"
echo "peiling $(git -C "$root" rev-parse --short HEAD), $("$py" -c 'import duckdb, pandas, polars, sys; print(f"duckdb {duckdb.__version__}, polars {polars.__version__}, pandas {pandas.__version__}, python {sys.version.split()[0]}")')"
echo
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else print "-" }'; }
commands_table="| rows | analyze s | validate s | report s | plan s | analyze MB | validate MB | report MB | plan MB | validate/analyze | report/analyze | plan - analyze s |
|---|---|---|---|---|---|---|---|---|---|---|---|"
header="| rows | file | peiling s | peiling 1 thread s | lean DuckDB s | polars s | DuckDB s | pandas s | peiling MB | peiling 1 thread MB | lean DuckDB MB | polars MB | DuckDB MB | pandas MB | peiling/lean DuckDB | peiling/polars | peiling/pandas |"
echo "$header"
echo "$header" | sed 's/[^|]/-/g; s/--*/---/g'
for n in $sizes; do
    csv="$data/wpb-$n.csv"
    if [ ! -s "$csv" ]; then
        "$peiling" synth --part wpb -n "$n" --seed 1 --messy 0.02 -o "$csv" 2>/dev/null
    fi
    size=$(du -m "$csv" | cut -f1)
    saved=$repeat
    [ "$n" -ge 10000000 ] && repeat=1
    read -r pt pm < <(run peiling "$peiling" analyze -q "$q" -d "$csv" --json -o "$out/peiling.json")
    read -r p1t p1m < <(run peiling1 "$peiling" analyze -q "$q" -d "$csv" --json --threads 1 -o "$out/peiling1.json")
    cmp -s "$out/peiling.json" "$out/peiling1.json" || { echo "1 thread and all cores differ" >&2; exit 1; }
    read -r lt lm < <(run lean "$py" "$here/duckdb_lean.py" "$q" "$csv" "$out/lean-duckdb.json")
    read -r ot om < <(run polars "$py" "$here/polars_agg.py" "$q" "$csv" "$out/polars.json")
    read -r dt dm < <(run duckdb "$py" "$here/duckdb_agg.py" "$q" "$csv" "$out/duckdb.json")
    peers=("$out/lean-duckdb.json" "$out/polars.json" "$out/duckdb.json")
    if [ "$n" -lt 10000000 ] || [ "$pandas_large" = 1 ]; then
        read -r at am < <(run pandas "$py" "$here/pandas_agg.py" "$q" "$csv" "$out/pandas.json")
        peers+=("$out/pandas.json")
    else
        at="-" am="-"
    fi
    "$py" "$here/check.py" "$out/peiling.json" "${peers[@]}" >&2
    line="| $n | $size MB | $pt | $p1t | $lt | $ot | $dt | $at | $pm | $p1m | $lm | $om | $dm | $am | $(ratio "$pt" "$lt") | $(ratio "$pt" "$ot") | $(ratio "$pt" "$at") |"
    if [ "$commands" = 1 ]; then
        read -r vt vm < <(run validate "$peiling" validate -q "$q" -d "$csv")
        read -r rt2 rm2 < <(run report "$peiling" report -q "$q" -d "$csv" --no-plan --out "$out/report")
        read -r lt2 lm2 < <(run plan "$peiling" plan -q "$q" -d "$csv" --out "$out/plan")
        commands_table="$commands_table
| $n | $pt | $vt | $rt2 | $lt2 | $pm | $vm | $rm2 | $lm2 | $(ratio "$vt" "$pt") | $(ratio "$rt2" "$pt") | $(awk -v a="$lt2" -v b="$pt" 'BEGIN { printf "%.2f", a - b }') |"
    fi
    repeat=$saved
    echo "$line"
done
if [ "$commands" = 1 ]; then
    echo
    echo "$commands_table"
fi
