#!/usr/bin/env bash
# A local AWS endpoint for the live tests and the benchmark: moto_server.
#
#   scripts/moto.sh install [--awscli]  create target/moto-venv (pinned moto[server], optionally awscli)
#   scripts/moto.sh start STATE_DIR     start moto_server on a free loopback port; prints its URL
#   scripts/moto.sh stop STATE_DIR      stop the server started with that STATE_DIR (by its PID)
#
# The server loads AWS managed policies (MOTO_IAM_LOAD_MANAGED_POLICIES=true);
# its log is STATE_DIR/moto.log.
set -euo pipefail
cd "$(dirname "$0")/.."

MOTO_VERSION=5.2.5
AWSCLI_VERSION=1.46.3
VENV="${ROLECALL_MOTO_VENV:-target/moto-venv}"

die() {
    echo "scripts/moto.sh: $*" >&2
    exit 1
}

install() {
    local want_awscli="${1:-}"
    if [ ! -x "$VENV/bin/python" ]; then
        echo "creating $VENV (moto[server]==$MOTO_VERSION)" >&2
        python3 -m venv "$VENV" ||
            die "python3 -m venv failed; install it with: apt-get install python3-venv"
    fi
    if [ ! -f "$VENV/.moto-$MOTO_VERSION" ]; then
        "$VENV/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION" >&2
        touch "$VENV/.moto-$MOTO_VERSION"
    fi
    if [ "$want_awscli" = "--awscli" ] && [ ! -f "$VENV/.awscli-$AWSCLI_VERSION" ]; then
        "$VENV/bin/pip" install --quiet --disable-pip-version-check "awscli==$AWSCLI_VERSION" >&2
        touch "$VENV/.awscli-$AWSCLI_VERSION"
    fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
    local state="$1"
    mkdir -p "$state"
    install
    local port
    port="$(free_port)"
    MOTO_IAM_LOAD_MANAGED_POLICIES=true nohup "$VENV/bin/moto_server" -H 127.0.0.1 -p "$port" \
        >"$state/moto.log" 2>&1 &
    echo $! >"$state/moto.pid"
    local url="http://127.0.0.1:$port"
    for _ in $(seq 1 300); do
        if curl -fsS -o /dev/null "$url/moto-api/" 2>/dev/null; then
            echo "$url" >"$state/moto.url"
            echo "$url"
            return 0
        fi
        if ! kill -0 "$(cat "$state/moto.pid")" 2>/dev/null; then
            cat "$state/moto.log" >&2
            die "moto_server exited during start-up (log above)"
        fi
        sleep 0.2
    done
    stop "$state"
    die "moto_server did not answer $url/moto-api/ within 60 s"
}

stop() {
    local state="$1"
    [ -f "$state/moto.pid" ] || return 0
    local pid
    pid="$(cat "$state/moto.pid")"
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$state/moto.pid"
}

case "${1:-}" in
install) install "${2:-}" ;;
start) start "${2:?usage: scripts/moto.sh start STATE_DIR}" ;;
stop) stop "${2:?usage: scripts/moto.sh stop STATE_DIR}" ;;
*) die "usage: scripts/moto.sh install [--awscli] | start STATE_DIR | stop STATE_DIR" ;;
esac
