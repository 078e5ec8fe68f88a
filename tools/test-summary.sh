#!/usr/bin/env bash
# The last line of `make test`: how many tests passed on each backend, and schemathesis' cases (from the step logs).
set -uo pipefail
logs=$1
count() { grep -aoE '^✔ Test run with [0-9]+ tests' "$logs/$1" 2>/dev/null | tail -1 | grep -oE '[0-9]+'; }
cases=$(grep -aoE '[0-9]+ passed' "$logs/schemathesis.log" 2>/dev/null | tail -1 | grep -oE '[0-9]+')
echo "make test: passed: $(count sqlite.log) tests on SQLite, $(count postgres.log) tests on PostgreSQL (every conformance scenario among them), ${cases:-the} schemathesis cases; logs in $logs"
