#!/usr/bin/env bash
# The whole test suite: unit, parsing, rendered-buffer snapshots, key-driven
# scenarios, the end-to-end tests that run the real binary in tmux, and the
# live-account tests against a local moto_server (started here, stopped on exit).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v tmux >/dev/null 2>&1; then
    echo "scripts/test.sh: the end-to-end tests need tmux: apt-get install tmux" >&2
    exit 1
fi
export INSTA_UPDATE="${INSTA_UPDATE:-no}"

# A real AWS wire-protocol endpoint for tests/live_*.rs (see scripts/moto.sh).
moto_state="$(mktemp -d)"
trap 'scripts/moto.sh stop "$moto_state"; rm -rf "$moto_state"' EXIT
ROLECALL_TEST_MOTO_URL="$(scripts/moto.sh start "$moto_state")"
export ROLECALL_TEST_MOTO_URL
echo "moto_server at $ROLECALL_TEST_MOTO_URL" >&2

# Doc tests are left out (the crate has none), so the last summary line is a
# real test binary's; the total is printed at the end.
log="$(mktemp)"
trap 'scripts/moto.sh stop "$moto_state"; rm -rf "$moto_state" "$log"' EXIT
status=0
cargo test --locked --workspace --lib --bins --tests "$@" 2>&1 | tee "$log" || status=$?
passed=$(grep -Eo '^test result: .* ([0-9]+) passed' "$log" | grep -Eo '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
failed=$(grep -Eo '[0-9]+ failed;' "$log" | awk '{s+=$1} END {print s+0}')
echo
echo "$passed passed, $failed failed"
exit "$status"
