#!/usr/bin/env bash
# Runs the benchmarks (tests/DeepWorkMap.Benchmarks) against a throwaway PostgreSQL with durable
# settings (fsync and synchronous_commit on). Tables go to stdout and artifacts/benchmarks/*.md.
# Usage: scripts/benchmark.sh [joins|fanout|search|nearby-http|chat|focus|startup|scale-out|memory|map-cost|connections|all] [--quick]
#        scripts/benchmark.sh page   (the web page in Lighthouse: scripts/lib/page-benchmark.sh)
# map-cost also measures the server published at DWM_BENCH_BASELINE_SERVER, when set, as its baseline in the same run.
# DWM_BENCH_SERVER, when set, names a published server's DLL to measure instead of publishing this tree (for an A/B of two
# builds, alternated: e.g. startup against main's build, then this branch's).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ "${1:-}" = page ] && exec "$root/scripts/lib/page-benchmark.sh"
source "$root/scripts/lib/services.sh"
source "$root/scripts/lib/server.sh"
ensure_packages postgresql-15-postgis-3 postgresql-contrib wrk # wrk and pgbench load the HTTP and SQL sides of nearby-http
use_postgres_with postgis # the SQL baselines need PostGIS, which may not be built for the newest server installed
run_dir="$(mktemp -d /tmp/deepwork-bench.XXXXXX)"
trap 'stop_services "$run_dir"' EXIT
start_postgres "$run_dir"
start_redis "$run_dir" # for the chat benchmark's split path, the cluster-mode start-up and scale-out
export DWM_BENCH_REDIS="127.0.0.1:$REDIS_PORT"
export DWM_BENCH_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
export DWM_BENCH_OUT="$root/artifacts/benchmarks"
export DWM_BENCH_DISK="$run_dir" # the disk sync probe samples the file system PostgreSQL writes to
dotnet build -c Release "$root/tests/DeepWorkMap.Benchmarks" -v q -nologo
export DWM_BENCH_SERVER="${DWM_BENCH_SERVER:-$(publish_server)}" # the server processes (start-up, memory, connections) run as ops run them
cd "$root"
dotnet "$root/tests/DeepWorkMap.Benchmarks/bin/Release/net10.0/DeepWorkMap.Benchmarks.dll" "${@:-all}"
