#!/usr/bin/env bash
# The browser test of the page: installs Debian's chromium when missing (apt-get, needs
# root) and playwright-core (npm ci), builds the CLI to compare with, then drives the page
# (web/, with web/pkg/ from scripts/build-web.sh) through the team's path in headless
# Chromium. Screenshots land in reports/web/.
#
#   web/tests/run.sh            (after scripts/build-web.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/peiling-target}"
[ -f web/pkg/peiling_web.js ] || { echo "web/pkg is missing: run scripts/build-web.sh first" >&2; exit 2; }

# shellcheck source=../../scripts/lib/install-chromium.sh
source scripts/lib/install-chromium.sh
install_chromium
export CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser)}"

if ! command -v npm >/dev/null; then
    echo "installing nodejs and npm with apt-get" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
(cd web/tests && npm ci --no-audit --no-fund --loglevel=error)

cargo build -q -p peiling-cli --locked
export PEILING_BIN="$CARGO_TARGET_DIR/debug/peiling"

cd web/tests
node --test --test-reporter=spec draft-edit.test.mjs page.test.mjs
