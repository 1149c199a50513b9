#!/usr/bin/env bash
# Builds what the browser page (web/) needs: peiling-web compiled to WebAssembly for
# wasm32-unknown-unknown in release (the small `web` profile of Cargo.toml), its
# JavaScript bindings (wasm-bindgen --target web) in web/pkg/ (git-ignored), and the
# catalogue's themes for the page's form. Fails when the gzip-compressed wasm is 5 MB or
# more.
#
#   scripts/build-web.sh
#
# Installs what is missing: the wasm32 target (rustup) and wasm-bindgen-cli at exactly the
# version of the wasm-bindgen crate in Cargo.lock (they must agree), into
# $PEILING_TOOLS (default ~/.cache/peiling-tools), which survives between CI runs.
# Afterwards: python3 -m http.server -d web, and open http://localhost:8000/.
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/peiling-target}"
tools="${PEILING_TOOLS:-$HOME/.cache/peiling-tools}"
max_gzip=5000000

version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)"
[ -n "$version" ] || { echo "Cargo.lock has no wasm-bindgen: is crates/peiling-web there?" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "== rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi

bindgen="$tools/bin/wasm-bindgen"
if [ ! -x "$bindgen" ] || [ "$("$bindgen" --version | awk '{ print $2 }')" != "$version" ]; then
    echo "== cargo install wasm-bindgen-cli $version into $tools (once; several minutes)"
    # --locked builds the tool with the versions it was released with. When the registry
    # no longer serves one of them (a yanked or withdrawn release), build with the newest
    # compatible ones instead: the tool's version, which must match the crate, is the same.
    if ! cargo install wasm-bindgen-cli --version "=$version" --locked --root "$tools" \
        --target-dir "$tools/build"; then
        echo "   --locked failed: building wasm-bindgen-cli $version with current dependencies" >&2
        cargo install wasm-bindgen-cli --version "=$version" --root "$tools" \
            --target-dir "$tools/build"
    fi
    rm -rf "$tools/build"
fi

# The profile `web` (Cargo.toml) is release made small: opt-level "s", LTO, one codegen unit.
profile="${PEILING_WEB_PROFILE:-web}"
echo "== cargo build -p peiling-web --target wasm32-unknown-unknown --profile $profile"
cargo build -p peiling-web --target wasm32-unknown-unknown --profile "$profile" --locked

echo "== wasm-bindgen --target web into web/pkg/"
rm -rf web/pkg
"$bindgen" --target web --no-typescript --out-dir web/pkg \
    "$CARGO_TARGET_DIR/wasm32-unknown-unknown/$profile/peiling_web.wasm"

# The themes of the bundled catalogue, for linking answer options to themes in the form.
python3 - datasets/catalogues/bos.toml web/pkg/themes.json <<'PY'
import json, sys, tomllib
with open(sys.argv[1], "rb") as f:
    catalogue = tomllib.load(f)
themes = [{"id": t["id"], "title": t["title"], "title_en": t.get("title_en", t["title"])}
          for t in catalogue["theme"]]
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(themes, f, ensure_ascii=False, indent=1)
PY

wasm=web/pkg/peiling_web_bg.wasm
raw=$(wc -c <"$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
echo "web/pkg: wasm $raw bytes, $gz bytes gzip-compressed (limit $max_gzip)"
if [ "$gz" -ge "$max_gzip" ]; then
    echo "the gzip-compressed wasm is $gz bytes, not under $max_gzip (5 MB)" >&2
    exit 1
fi
