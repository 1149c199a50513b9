#!/usr/bin/env bash
# Checks that `cargo run -p peiling-cli` resolves every dependency with the same features
# as the workspace test build (`cargo test --workspace`), so neither rebuilds polars for
# the other. Prints the crates whose features differ and exits 1 if there are any; fix
# them with a feature pin in crates/peiling-cli/Cargo.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
tree() { cargo tree --locked "$@" -f '{p} {f}' --prefix none | sed 's/ (\*)$//' | sort -u; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tree --workspace -e normal,build,dev >"$tmp/workspace"
tree -p peiling-cli -e normal,build >"$tmp/cli"
differ=$(diff "$tmp/workspace" "$tmp/cli" | grep '^>' || true)
if [ -n "$differ" ]; then
    echo "$differ"
    echo "features differ (above: the CLI-only build); pin them in crates/peiling-cli/Cargo.toml" >&2
    exit 1
fi
echo "feature sets agree"
