#!/usr/bin/env bash
# Regenerates screenshots/*.png from the running program: the real binary in
# tmux on the demo account (and the demo organization directory,
# examples/org-demo/), captured with colours, turned into HTML by aha and
# into PNG by headless Chromium. Needs: tmux aha chromium (Debian packages).
# With names (scripts/screenshots.sh accounts org-role-list), only those.
set -euo pipefail
only=" $* "
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/rolecall"
out="$PWD/screenshots"
mkdir -p "$out"
sock="rolecall-shots-$$"
work=$(mktemp -d)
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

wait_for() { # text
    for _ in $(seq 1 200); do
        tmux -L "$sock" capture-pane -p -t 0 | grep -qF -- "$1" && return 0
        sleep 0.05
    done
    echo "screenshots.sh: timed out waiting for: $1" >&2
    tmux -L "$sock" capture-pane -p -t 0 >&2
    return 1
}

# [run=ARGS ready=TEXT] shot NAME WIDTH HEIGHT WAIT_TEXT KEYS...
# (run: the program's arguments, default `demo`; ready: the text that says
# it has loaded)
shot() {
    local name=$1 width=$2 height=$3 wait=$4
    shift 4
    if [ "$only" != "  " ] && [[ "$only" != *" $name "* ]]; then return 0; fi
    tmux -L "$sock" -f /dev/null new-session -d -x "$width" -y "$height" \
        env TERM=xterm-256color "$bin" ${run:-demo} ${extra:-}
    wait_for "${ready:-71 of 71}"
    for k in "$@"; do
        tmux -L "$sock" send-keys -t 0 "$k"
        sleep 0.05
    done
    wait_for "$wait"
    sleep "${settle:-0}" # the audit's findings arrive after the first frames
    tmux -L "$sock" capture-pane -e -p -t 0 > "$work/$name.ansi"
    tmux -L "$sock" kill-server
    aha --black --title "rolecall" < "$work/$name.ansi" \
        | sed 's|<pre>|<pre style="font-family: DejaVu Sans Mono, monospace; font-size: 14px; line-height: 1.15; margin: 8px">|' \
        > "$work/$name.html"
    local px_w=$((width * 85 / 10 + 16)) px_h=$((height * 161 / 10 + 24))
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$work/chrome" --hide-scrollbars \
        --window-size="$px_w,$px_h" --screenshot="$out/$name.png" \
        "file://$work/$name.html" >/dev/null 2>&1
    echo "wrote screenshots/$name.png"
}

shot trust 120 40 "only GitHub repo acme-corp/storefront" \
    / github-actions-storefront Enter
shot permissions 120 40 "acme-deploy-permissions · customer managed" \
    / prod-deployer Enter Enter 4
shot policy 120 40 "Policy acme-deploy-permissions" \
    / prod-deployer Enter Enter 4 Enter 3
shot who-can-assume 120 40 "Why:" \
    / ci-runner Enter Enter 2
shot who-can-assume-named-denied 120 40 "dangling id" \
    / analytics-readonly Enter Enter 2 j
shot can-assume 120 40 "└ prod-deployer" \
    / ci-runner Enter Enter 3
shot effective 120 40 "Enter lists the actions" \
    / ci-runner Enter Enter 5
shot effective-actions 120 40 "Statements for" \
    / ci-runner Enter Enter 5 j j j j j Enter
shot paths 120 40 "principals can reach it" P
shot findings 120 40 "every role" F j
extra=--baseline shot drift 120 40 "Diff against the baseline" \
    / cloudcost Enter Enter 8
shot small-80x24 80 24 "AWSReservedSSO_Admin" / sso Enter
shot users-list 120 40 "Users 8 of 8" : users Enter
shot fuzzy-filter 120 40 "fuzzy" / ghsfd
org="open examples/org-demo"
run=$org ready="Roles 18 of 18" settle=1 \
    shot org-role-list 120 40 "Role legacy-admin" j j j j j j
run=$org ready="Roles 18 of 18" settle=1 \
    shot accounts 120 40 "is not loaded" A Enter
run=$org ready="Roles 18 of 18" settle=1 \
    shot identity-center 120 40 "IC group" / PaymentsOnCall Enter Enter 2
