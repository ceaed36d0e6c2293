#!/usr/bin/env bash
# The whole test suite: unit, parsing, rendered-buffer snapshots, key-driven
# scenarios, and the end-to-end tests that run the real binary in tmux.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v tmux >/dev/null 2>&1; then
    echo "scripts/test.sh: the end-to-end tests need tmux: apt-get install tmux" >&2
    exit 1
fi
export INSTA_UPDATE="${INSTA_UPDATE:-no}"
cargo test --locked "$@"
