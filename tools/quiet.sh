#!/usr/bin/env bash
# One step of `make test` with its whole output in a log file: one line when it passes (with the test run's own
# summary line when there is one), and when it fails the failed tests, the errors and the log's last lines.
# Usage: tools/quiet.sh <label> <log file> <command> [arguments…]
set -uo pipefail
label=$1 log=$2
shift 2
mkdir -p "$(dirname "$log")"
start=$(date +%s)
"$@" >"$log" 2>&1
status=$?
seconds=$(($(date +%s) - start))
summary=$(grep -aE '^(✔|✘) Test run with|[0-9]+ passed' "$log" | tail -1 | sed -E 's/^(✔|✘) //')
if [ "$status" -eq 0 ]; then
  echo "$label: ok in ${seconds}s${summary:+ ($summary)}"
  exit 0
fi
echo "$label: FAILED (exit $status) after ${seconds}s; the whole output is in $log"
grep -aE '^✘ |error: ' "$log" | head -60
echo "--- the last 40 lines of $log ---"
tail -40 "$log"
exit "$status"
