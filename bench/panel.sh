#!/usr/bin/env bash
# Times the panel commands against their targets of issue 13:
#  1. `peiling export` of N synthetic WPB rows to Parquet, against `peiling analyze
#     --json` of the same export (target: at most 1.5x analyze's wall time);
#  2. `peiling trend` over E editions of N rows each, against DuckDB running the same
#     per-edition category counts on the editions' tidy files, Parquet and CSV (target:
#     at most DuckDB's wall time on Parquet). peiling's trend reads the editions' exports
#     (CSV) itself, validates them and builds the tidy rows; DuckDB gets the tidy files
#     `peiling export` wrote, so it does less work.
# Prints a Markdown table (median wall time of $REPEAT runs, max RSS) and the ratios.
#
#   bench/panel.sh [--rows 1000000] [--editions 5] [--repeat 3]
#
# By default it builds peiling in release with the `parquet` feature (a long build: the
# whole polars stack with its codecs). PEILING=/path/to/peiling uses a binary that is
# already built with that feature instead (say which build in the results).
#
# Data goes to bench/data (gitignored), the Python venv to ~/.cache/peiling-bench.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
rows=1000000
editions=5
repeat=3
while [ $# -gt 0 ]; do
    case "$1" in
        --rows) rows="$2"; shift ;;
        --editions) editions="$2"; shift ;;
        --repeat) repeat="$2"; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

if [ -n "${PEILING:-}" ]; then
    peiling="$PEILING"
    build="given binary $peiling"
else
    target="${CARGO_TARGET_DIR:-$root/target}"
    (cd "$root" && cargo build -p peiling-cli --release --quiet --features parquet)
    peiling="$target/release/peiling"
    build="release build with --features parquet"
fi

venv="${PEILING_BENCH_VENV:-$HOME/.cache/peiling-bench/venv}"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import duckdb" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet duckdb pandas
fi
py="$venv/bin/python"

data="$here/data/panel-$rows"
mkdir -p "$data"
q="$root/datasets/bos-2020/wpb.toml"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

run() {
    local times=() mems=()
    for _ in $(seq "$repeat"); do
        /usr/bin/time -f "%e %M" -o "$out/time" "$@" >/dev/null 2>"$out/err" \
            || { echo "failed: $*" >&2; cat "$out/err" >&2; exit 1; }
        read -r t m < "$out/time"
        times+=("$t"); mems+=("$m")
    done
    local t m
    t=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    m=$(printf '%s\n' "${mems[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    echo "$t $((m / 1024))"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else print "-" }'; }

# E editions of one questionnaire, each its own seed, as survey folders and a series.
parquets=()
csvs=()
{
    echo 'id = "bench"'
    echo 'title = "bench"'
} > "$data/series.toml"
for k in $(seq "$editions"); do
    year=$((2017 + k))
    dir="$data/$year"
    mkdir -p "$dir"
    [ -s "$dir/wpb.csv" ] || "$peiling" synth --part wpb -n "$rows" --seed "$k" -o "$dir/wpb.csv"
    cp "$q" "$dir/wpb.toml"
    printf 'id = "bench-%s"\ntitle = "bench"\nedition = "%s"\n[[part]]\nquestionnaire = "wpb.toml"\ndata = "wpb.csv"\n' \
        "$year" "$year" > "$dir/survey.toml"
    printf '\n[[edition]]\nyear = %s\nsurvey = "%s"\n' "$year" "$year" >> "$data/series.toml"
    [ -s "$dir/tidy.parquet" ] || "$peiling" export "$dir" -o "$dir/tidy.parquet"
    [ -s "$dir/tidy.csv" ] || "$peiling" export "$dir" -o "$dir/tidy.csv"
    parquets+=("$dir/tidy.parquet")
    csvs+=("$dir/tidy.csv")
done
first="$data/2018"

cat > "$out/duck.py" <<'PY'
import sys, duckdb
reader, files = sys.argv[1], sys.argv[2:]
con = duckdb.connect()
rows = con.execute(
    "SELECT edition, questionnaire, question, label, count(*) AS n, "
    f"count(DISTINCT respondent) AS respondents FROM {reader}(?) "
    "WHERE category IS NOT NULL GROUP BY ALL", [files]).fetchall()
assert rows, "no counts"
PY

echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo "peiling: $build; DuckDB $("$py" -c 'import duckdb; print(duckdb.__version__)')"
echo "$rows rows per edition, $editions editions, median of $repeat runs"
echo
echo "| task | peiling s | baseline s | peiling MB | baseline MB | ratio | target |"
echo "|---|---|---|---|---|---|---|"
read -r at am < <(run "$peiling" analyze "$first" --json -o "$out/a.json")
read -r et em < <(run "$peiling" export "$first" -o "$out/t.parquet")
echo "| export to Parquet vs analyze --json (one edition) | $et | $at | $em | $am | $(ratio "$et" "$at") | <= 1.5 |"
read -r ct cm < <(run "$peiling" export "$first" -o "$out/t.csv")
echo "| export to CSV vs analyze --json (one edition) | $ct | $at | $cm | $am | $(ratio "$ct" "$at") | - |"
read -r tt tm < <(run "$peiling" trend "$data" --json)
read -r dt dm < <(run "$py" "$out/duck.py" read_parquet "${parquets[@]}")
echo "| trend over $editions editions vs DuckDB counts on the tidy Parquet | $tt | $dt | $tm | $dm | $(ratio "$tt" "$dt") | <= 1 |"
read -r dct dcm < <(run "$py" "$out/duck.py" read_csv "${csvs[@]}")
echo "| trend over $editions editions vs DuckDB counts on the tidy CSV | $tt | $dct | $tm | $dcm | $(ratio "$tt" "$dct") | - |"
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
