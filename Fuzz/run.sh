#!/bin/sh
# Runs libFuzzer targets built by `make fuzz`, each for a bounded time, and fails if any finds a crash, a hang or an OOM.
# Usage: Fuzz/run.sh SECONDS BINARY_DIR WORK_DIR TARGET...
# Seeds come from Fuzz/Corpus/<target> (read only); inputs found while fuzzing go to WORK_DIR/corpus/<target>, so the
# next run starts from them; a crashing input is written to WORK_DIR/artifacts/<target>/ and its log kept.
set -u
seconds=$1 bin=$2 work=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
failed=""
printf '%-20s %10s %10s %8s  %s\n' target runs exec/s corpus result
for target in "$@"; do
    corpus="$work/corpus/$target"
    artifacts="$work/artifacts/$target/"
    log="$work/$target.log"
    mkdir -p "$corpus" "$artifacts"
    dict=""
    [ -f "$here/Dictionaries/$target.dict" ] && dict="-dict=$here/Dictionaries/$target.dict"
    # Leak checks are off: the Swift runtime's caches look like leaks to LeakSanitizer.
    ASAN_OPTIONS="detect_leaks=0:allocator_may_return_null=1" "$bin/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 \
        -artifact_prefix="$artifacts" $dict "$corpus" "$here/Corpus/$target" >"$log" 2>&1
    status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    size=$(ls "$corpus" | wc -l)
    if [ "$status" -eq 0 ]; then
        result=ok
    else
        result="FAILED (exit $status, see $log)"
        failed="$failed $target"
    fi
    printf '%-20s %10s %10s %8s  %s\n' "$target" "${runs:-?}" "${speed:-?}" "$size" "$result"
done
if [ -n "$failed" ]; then
    echo "fuzzing found problems in:$failed" >&2
    for target in $failed; do
        echo "---- $target" >&2
        grep -E -A12 'ERROR: libFuzzer|ERROR: AddressSanitizer|Fatal error|deadly signal|SUMMARY' "$work/$target.log" | head -40 >&2
    done
    exit 1
fi
