#!/usr/bin/env bash
# Runs every fuzz target for a while (default 600 s each) and minimises the corpora.
# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them.
# A crash lands in fuzz/artifacts/<target>/: copy it to tests/fixtures/fuzz/regressions/
# (prefix questionnaire- or catalogue- for those parsers; draft- for the draft target,
# which crates/peiling-survey/tests/draft_reads_its_export.rs replays) so a test keeps it.
# The import target's first input byte picks CSV or an XLSX wrapper (see its source):
# turn an XLSX-mode crash into a workbook before adding it (tests/fixtures/fuzz/
# regressions/import-xlsx-*.xlsx). The committed corpora are kept to at most 90 files
# each by scripts/fuzz-shrink.py. CI runs the regression tests, not the fuzzers.
# Hangs and blow-ups count as crashes: an input that takes more than $FUZZ_TIMEOUT
# seconds (default 10) or makes the process use more than $FUZZ_RSS_MB MB (default
# 2048) stops the run and lands in fuzz/artifacts/<target>/ as timeout-* or oom-*.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-600}"
timeout="${FUZZ_TIMEOUT:-10}"
rss_mb="${FUZZ_RSS_MB:-2048}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/peiling-fuzz-target}"
for target in $(cargo fuzz list); do
  mkdir -p "corpus/$target"
  echo "== $target for ${seconds}s"
  cargo fuzz run -O "$target" "corpus/$target" -- -max_total_time="$seconds" -max_len=8192 \
    -timeout="$timeout" -rss_limit_mb="$rss_mb"
  python3 ../scripts/fuzz-shrink.py "$CARGO_TARGET_DIR/x86_64-unknown-linux-gnu/release/$target" "corpus/$target" 90
done
