#!/usr/bin/env bash
# Checks that `cargo run -p peiling-cli` resolves every dependency with the same features
# as the workspace test build (`cargo test --workspace`), so neither rebuilds polars for
# the other. Prints the crates whose features differ and exits 1 if there are any; fix
# them with a feature pin in crates/peiling-cli/Cargo.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
tree() { cargo tree --locked "$@" -f '{p} {f}' --prefix none | sed 's/ (\*)$//' | sort -u; }
diff <(tree --workspace -e normal,build,dev) <(tree -p peiling-cli -e normal,build) \
    | grep '^>' && { echo "features differ (lines above: the CLI-only build)" >&2; exit 1; }
echo "feature sets agree"
