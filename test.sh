#!/usr/bin/env bash
# The test command. On a fresh Debian machine, as root, it installs what is missing, starts a throwaway
# PostgreSQL, Redis and SMTP server (smtp4dev) on free loopback ports, runs every test of the solution against them, and
# removes them again. A server that cannot start fails the run: no test is skipped for want of one.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
source "$root/scripts/lib/services.sh"

ensure_packages haproxy kubectl
ensure_node_modules "$root"
ensure_smtp4dev "$root"
run_dir="$(mktemp -d /tmp/deepwork-test.XXXXXX)"
trap 'stop_services "$run_dir"' EXIT
start_postgres "$run_dir" fast
start_redis "$run_dir"
start_smtp4dev "$run_dir"
export DWM_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Maximum Pool Size=50"
export DWM_TEST_REDIS="127.0.0.1:$REDIS_PORT"
export DWM_TEST_SMTP="127.0.0.1:$SMTP_PORT" DWM_TEST_SMTP_API="http://127.0.0.1:$SMTP_API_PORT" DWM_TEST_SMTP4DEV="$SMTP4DEV"
echo "PostgreSQL on 127.0.0.1:$PG_PORT, Redis on 127.0.0.1:$REDIS_PORT, smtp4dev on 127.0.0.1:$SMTP_PORT (API $DWM_TEST_SMTP_API) (throwaway, in $run_dir)"

results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
status=0
dotnet test "$root/DeepWorkMap.sln" --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  line=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$line"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
[ "$passed" -gt 0 ] || status=1
# The names come last: a CI log may keep only its tail.
[ "$failed" -eq 0 ] || node "$root/scripts/lib/failed-tests.mjs" "$results"/*.trx || true
echo "$passed passed, $failed failed"
exit $status
