#!/usr/bin/env bash
# Collection benchmark for `rolecall org snapshot` (issue 12) against a
# local moto_server: an organization of ACCOUNTS member accounts (default
# 10) with ROLES roles each (default 200), then one `org snapshot` per
# --concurrency value in CONCURRENCY (default "1 4 10"), wall time each, and
# where the time went (the tree, Identity Center, the accounts) from the
# progress lines.
#
#   scripts/bench_org.sh                 # ACCOUNTS=10 ROLES=200
set -euo pipefail
cd "$(dirname "$0")/.."

ACCOUNTS="${ACCOUNTS:-10}"
ROLES="${ROLES:-200}"
CONCURRENCY="${CONCURRENCY:-1 4 10}"
TARGET="${CARGO_TARGET_DIR:-target}"

scripts/moto.sh install
state="$(mktemp -d)"
cleanup() {
    scripts/moto.sh stop "$state"
    rm -rf "$state"
}
trap cleanup EXIT
url="$(scripts/moto.sh start "$state")"
cargo build --release --quiet
venv="${ROLECALL_MOTO_VENV:-target/moto-venv}"

echo "populating: $ACCOUNTS member accounts × $ROLES roles" >&2
"$venv/bin/python" - "$url" "$ACCOUNTS" "$ROLES" <<'PY'
import json, sys, boto3
url, accounts, roles = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
kw = dict(endpoint_url=url, region_name="us-east-1",
          aws_access_key_id="AKIAROLECALLBENCH001", aws_secret_access_key="x")
orgs = boto3.client("organizations", **kw)
orgs.create_organization(FeatureSet="ALL")
root = orgs.list_roots()["Roots"][0]["Id"]
orgs.enable_policy_type(RootId=root, PolicyType="SERVICE_CONTROL_POLICY")
ou = orgs.create_organizational_unit(ParentId=root, Name="Workloads")["OrganizationalUnit"]["Id"]
trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole"}]})
for a in range(accounts):
    acct = orgs.create_account(AccountName=f"bench-{a}", Email=f"bench-{a}@example.com")["CreateAccountStatus"]["AccountId"]
    orgs.move_account(AccountId=acct, SourceParentId=root, DestinationParentId=ou)
    creds = boto3.client("sts", **kw).assume_role(
        RoleArn=f"arn:aws:iam::{acct}:role/OrganizationAccountAccessRole", RoleSessionName="bench")["Credentials"]
    iam = boto3.client("iam", endpoint_url=url, region_name="us-east-1",
        aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"])
    for r in range(roles):
        iam.create_role(RoleName=f"role-{r:04}", AssumeRolePolicyDocument=trust)
        if r % 4 == 0:
            iam.put_role_policy(RoleName=f"role-{r:04}", PolicyName="inline",
                PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::bucket-{r}/*"}]}))
PY

for n in $CONCURRENCY; do
    out="$state/org-$n"
    start=$(date +%s.%N)
    AWS_ACCESS_KEY_ID=AKIAROLECALLBENCH001 AWS_SECRET_ACCESS_KEY=x \
        AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true \
        "$TARGET/release/rolecall" org snapshot -o "$out" --concurrency "$n" \
        --endpoint-url "$url" --region us-east-1 2>"$state/log-$n" || true
    end=$(date +%s.%N)
    printf 'concurrency %-3s %6.2f s  ' "$n" "$(echo "$end - $start" | bc)"
    grep -o '[0-9]* accounts saved.*' "$state/log-$n" | head -1
    grep -E '^rolecall: account' "$state/log-$n" | grep -o '[0-9.]*s$' | tr -d s |
        sort -n | awk '{a[NR]=$1} END {printf "    per account: fastest %.1f s, median %.1f s, slowest %.1f s\n", a[1], a[int((NR+1)/2)], a[NR]}' 
done
