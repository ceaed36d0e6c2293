#!/usr/bin/env bash
# Live-load benchmark against a local moto_server (issue 3, item 9):
# an account of ROLES roles and POLICIES customer managed policies (default
# 2,000 / 300), then, in one run on the same server:
#   - rolecall's full load: GAAD as one stream, GAAD as 5 parallel streams,
#     and the fallback path (List*/Get*), wall time and request count;
#   - `aws iam get-account-authorization-details` (awscli from PyPI, in the
#     same venv as moto), wall time, and its request count through the
#     recording proxy of the tests.
#
#   scripts/bench_live.sh            # ROLES=500 POLICIES=100 RUNS=1 for a quick run
set -euo pipefail
cd "$(dirname "$0")/.."

ROLES="${ROLES:-2000}"
POLICIES="${POLICIES:-300}"
RUNS="${RUNS:-3}"
TARGET="${CARGO_TARGET_DIR:-target}"

scripts/moto.sh install --awscli
state="$(mktemp -d)"
proxy_pid=""
cleanup() {
    [ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null || true
    scripts/moto.sh stop "$state"
    rm -rf "$state"
}
trap cleanup EXIT
url="$(scripts/moto.sh start "$state")"

export AWS_ACCESS_KEY_ID=AKIABENCHMARK0000001 AWS_SECRET_ACCESS_KEY=bench
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL 2>/dev/null || true

cargo build --release --locked --example bench_live >&2

echo "moto_server $url: $ROLES roles, $POLICIES customer managed policies ($(nproc) cores)"
"$TARGET/release/examples/bench_live" --endpoint "$url" --roles "$ROLES" --policies "$POLICIES" --runs "$RUNS"

aws="target/moto-venv/bin/aws"
median=$(python3 - "$aws" "$url" "$RUNS" "$state/gaad.json" <<'PY'
import subprocess, sys, time
aws, url, runs, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
times = []
for _ in range(runs):
    start = time.monotonic()
    with open(out, "w") as f:
        subprocess.run([aws, "iam", "get-account-authorization-details", "--endpoint-url", url, "--output", "json"], stdout=f, check=True)
    times.append(time.monotonic() - start)
print(sorted(times)[(len(times) - 1) // 2])
PY
)

# The same command through the recording proxy, to count its requests.
exec 3< <(python3 tests/support/fault_proxy.py "$url")
proxy_pid=$!
read -r port <&3
"$aws" iam get-account-authorization-details --endpoint-url "http://127.0.0.1:$port" --output json >/dev/null
requests=$(curl -fsS "http://127.0.0.1:$port/__proxy/log" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
counts=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["RoleDetailList"]), "roles,", len(d["Policies"]), "policies (every AWS managed one moto has)")' "$state/gaad.json")
printf '%-48s median %7.2fs (%s runs)  %6s requests  %s\n' \
    "aws iam get-account-authorization-details" "$median" "$RUNS" "$requests" "$counts"
