#!/usr/bin/env bash
# Benchmarks rolecall on a generated 10,000-role / 5,000-user account:
# writes the account as indented GAAD JSON (as the AWS CLI does), reports
# the load stages and peak memory (examples/load_report.rs), times the
# assume-role engine (examples/assume_report.rs: the slowest role, every
# role, can-assume with chains), runs the criterion benches
# (benches/explorer.rs), and prints a summary of medians. The assume and
# audit engines have criterion benches of their own: cargo bench --bench
# assume / --bench audit.
#
#   scripts/bench.sh                 # everything
#   scripts/bench.sh ui_10k          # extra arguments go to criterion (a filter)
#
# Honours CARGO_TARGET_DIR; criterion's reports land in $CARGO_TARGET_DIR/criterion.
# Needs jq for the summary.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v jq >/dev/null 2>&1; then
    echo "scripts/bench.sh: the summary needs jq: apt-get install jq" >&2
    exit 1
fi

target="${CARGO_TARGET_DIR:-$PWD/target}"
data="$target/bench-data"
file="$data/synthetic-10k.json"
mkdir -p "$data"

echo "== building (release)"
cargo build --release --examples

echo "== generating $file"
"$target/release/examples/synthetic_account" --roles 10000 --users 5000 --pretty "$file"

echo "== load report"
report="$("$target/release/examples/load_report" --app "$file")"
echo "$report"

echo "== assume report"
"$target/release/examples/assume_report"

echo "== criterion (benches/explorer.rs)"
cargo bench --bench explorer -- "$@"

# The median of one benchmark in nanoseconds, or empty when it did not run.
median_ns() {
    local estimates="$target/criterion/$1/new/estimates.json"
    if [[ -f "$estimates" ]]; then
        jq -r '.median.point_estimate' "$estimates"
    fi
}

# Nanoseconds (divided by $2, default 1) in a readable unit.
human() {
    awk -v ns="$1" -v div="${2:-1}" 'BEGIN {
        t = ns / div
        if (t >= 1e9) printf "%.2f s", t / 1e9
        else if (t >= 1e6) printf "%.1f ms", t / 1e6
        else if (t >= 1e3) printf "%.1f µs", t / 1e3
        else printf "%.0f ns", t
    }'
}

row() {
    local label="$1" id="$2" div="${3:-1}" ns
    ns="$(median_ns "$id")"
    if [[ -n "$ns" ]]; then
        printf '  %-44s %12s\n' "$label" "$(human "$ns" "$div")"
    else
        printf '  %-44s %12s\n' "$label" "(not run)"
    fi
}

size_bytes="$(wc -c <"$file")"
echo
echo "== summary: 10,000 roles, 5,000 users"
printf '  %-44s %12s\n' "GAAD file (indented)" "$(awk -v b="$size_bytes" 'BEGIN { printf "%.1f MiB", b / 1048576 }')"
printf '  %-44s %12s\n' "peak RSS of load_report (VmHWM)" \
    "$(awk '/^peak RSS/ { print $4, $5 }' <<<"$report")"
echo "  criterion medians:"
row "serde_json::Value of the file (baseline)" load_10k/serde_json_value
row "parse_gaad" load_10k/parse_gaad
row "parse_gaad + model::build" load_10k/parse_and_build
row "filter: one keystroke (pair / 2)" ui_10k/filter_keystroke_pair 2
row "render one 120x40 frame" ui_10k/render_frame_120x40
row "render one 120x40 frame, full redraw" ui_10k/render_frame_120x40_full_redraw
row "j: next role + detail rebuild" ui_10k/select_next_row
row "Who-can-assume tab of a role trusting *" ui_10k/who_can_assume_tab_star_role
