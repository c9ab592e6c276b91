#!/usr/bin/env bash
# Runs every fuzz target for N seconds each (default 300), one after the
# other on one core, and prints a table: seconds run, executions, coverage
# (libFuzzer's `cov` edges and `ft` features at the end) and crashes.
#
#   fuzz/run-all.sh [SECONDS] [TARGET...]      (from anywhere)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). The stable toolchain works
# with RUSTC_BOOTSTRAP=1, which lets cargo-fuzz pass its nightly-only
# sanitizer-coverage flags. The sanitizer is off: the core is safe Rust, so
# AddressSanitizer adds cost and finds nothing that a panic would not.
# Each target starts from its seeds in fuzz/corpus/<target>/ (kept
# unchanged) and grows its own corpus in fuzz/work/<target>/ (not
# committed); crashing inputs land in fuzz/artifacts/<target>/.
set -uo pipefail

secs=${1:-300}
shift || true
cd "$(dirname "$0")/.."
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(text html json jsonl csv_data brat labelstudio annotated_jsonl project)
fi
export RUSTC_BOOTSTRAP=1
flags=(--sanitizer none --debug-assertions)

cargo fuzz build "${flags[@]}" || exit 1
mkdir -p fuzz/work fuzz/logs
rows=()
for t in "${targets[@]}"; do
    mkdir -p "fuzz/work/$t" "fuzz/artifacts/$t"
    before=$(find "fuzz/artifacts/$t" -type f | wc -l)
    log="fuzz/logs/$t.log"
    start=$(date +%s)
    cargo fuzz run "${flags[@]}" "$t" "fuzz/work/$t" "fuzz/corpus/$t" -- \
        -max_total_time="$secs" -max_len=32768 -timeout=10 -rss_limit_mb=4096 \
        -print_final_stats=1 >"$log" 2>&1
    status=$?
    # libFuzzer's own figure ("Done N runs in S second(s)"), which leaves
    # out the build check; the wall time if it did not get that far.
    took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
    took=${took:-$(($(date +%s) - start))}
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
    crashes=$(($(find "fuzz/artifacts/$t" -type f | wc -l) - before))
    rows+=("$(printf '%-16s %7s %12s %-22s %7s %s' "$t" "$took" "${execs:-?}" "${cov:-?}" "$crashes" "$([ $status -eq 0 ] || echo "exit $status, see $log")")")
done
printf '%-16s %7s %12s %-22s %7s\n' target seconds executions coverage crashes
printf '%s\n' "${rows[@]}"
