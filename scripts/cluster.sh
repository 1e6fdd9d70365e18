#!/usr/bin/env bash
# A process cluster: the docker-compose topology as processes on loopback, for machines without Docker.
# Throwaway PostgreSQL and Redis, and three silos, each with its front door on http://127.0.0.1:808N; or, split,
# three silos hosting the grains (health only, on 808N) and two front doors as their Orleans clients on 809N.
#
#   scripts/cluster.sh up [split] publish (Release, ReadyToRun), start PostgreSQL, Redis and the processes, wait until ready
#   scripts/cluster.sh status    which processes run, and their /health/ready
#   scripts/cluster.sh kill N    kill -9 process N: a silo 1-3, or a front door d1-d2 (no goodbye)
#   scripts/cluster.sh stop N    SIGTERM process N (graceful: deactivates, persists, closes connections)
#   scripts/cluster.sh start N   start process N again
#   scripts/cluster.sh down      stop every process (SIGTERM, SIGKILL after 30 s), then PostgreSQL and Redis; remove the data
#
# State lives in ${DWM_CLUSTER_DIR:-/tmp/deepwork-cluster}; logs in its logs/ folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/lib/services.sh"
source "$root/scripts/lib/server.sh"
dir="${DWM_CLUSTER_DIR:-/tmp/deepwork-cluster}"
dll="$root/artifacts/server/DeepWorkMap.Server.dll" # published by `up` (publish_server)

# Process N: silos 1-3 (http 808N; co-hosting a front door unless split), front doors d1-d2 (http 809N, split only).
port_of() { case "$1" in d*) echo "809${1#d}" ;; *) echo "808$1" ;; esac; }
nodes() { source "$dir/env"; if [ "$TOPOLOGY" = split ]; then echo "1 2 3 d1 d2"; else echo "1 2 3"; fi; }

start_silo() {
  local n="$1" role
  source "$dir/env"
  mkdir -p "$dir/logs"
  case "$n" in d*) role=frontdoor ;; *) if [ "$TOPOLOGY" = split ]; then role=silo; else role=all; fi ;; esac
  ASPNETCORE_URLS="http://127.0.0.1:$(port_of "$n")" \
  ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres" \
  ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" \
  Jwt__SigningKey="$JWT_KEY" Role="$role" Web__PublicBaseUrl="http://127.0.0.1:$(port_of "$n")" \
  Orleans__ClusterId="deepwork-local" Orleans__SiloPort="1111${n#d}" Orleans__GatewayPort="3000${n#d}" Orleans__AdvertisedIP="127.0.0.1" \
    nohup dotnet "$dll" >>"$dir/logs/silo$n.log" 2>&1 &
  echo $! >"$dir/silo$n.pid"
  echo "process $n ($role): pid $(cat "$dir/silo$n.pid"), http://127.0.0.1:$(port_of "$n")"
}

wait_ready() {
  local n="$1"
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$(port_of "$n")/health/ready" >/dev/null 2>&1 && { echo "process $n ready"; return 0; }
    sleep 1
  done
  echo "process $n not ready after 120 s; see $dir/logs/silo$n.log" >&2
  return 1
}

silo_number() {
  local n="${1:-}"
  if [ -f "$dir/env" ] && [[ " $(nodes) " == *" $n "* ]] && [ -n "$n" ]; then echo "$n"; return; fi
  echo "usage: $0 ${2:-start} N, with N a silo from 1 to 3 (or, split, a front door d1 or d2)" >&2; exit 2
}

signal_silo() {
  local signal="$1" n="$2"
  [ -f "$dir/silo$n.pid" ] || { echo "process $n is not running" >&2; return 1; }
  kill "-$signal" "$(cat "$dir/silo$n.pid")" 2>/dev/null || true
  rm -f "$dir/silo$n.pid"
  echo "process $n: sent SIG$signal"
}

# stop_silo_and_wait N: SIGTERM, then wait for the process to exit (it hands over its grains), SIGKILL after 30 s.
# A silo left running would hold its ports and answer the next `up` as a member of a dead cluster.
stop_silo_and_wait() {
  local n="$1" pid
  [ -f "$dir/silo$n.pid" ] || return 0
  pid="$(cat "$dir/silo$n.pid")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "process $n: still running after 30 s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$dir/silo$n.pid"
  echo "process $n: stopped"
}

case "${1:-}" in
  up)
    case "${2:-}" in ''|split) ;; *) echo "usage: $0 up [split]" >&2; exit 2 ;; esac
    ensure_packages
    [ -f "$dir/env" ] && { echo "already up ($dir); scripts/cluster.sh down first" >&2; exit 1; }
    mkdir -p "$dir"
    publish_server >/dev/null
    start_postgres "$dir"
    start_redis "$dir"
    echo "PG_PORT=$PG_PORT REDIS_PORT=$REDIS_PORT JWT_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '/+=') TOPOLOGY=${2:-cohosted}" >"$dir/env"
    # The silos first: they migrate the schema, and front doors find them through Redis.
    for n in 1 2 3; do start_silo "$n"; done
    for n in 1 2 3; do wait_ready "$n"; done
    if [ "${2:-}" = split ]; then
      for n in d1 d2; do start_silo "$n"; done
      for n in d1 d2; do wait_ready "$n"; done
      echo "cluster up (split): front doors http://127.0.0.1:8091 http://127.0.0.1:8092; silos' health on 8081-8083"
    else
      echo "cluster up: http://127.0.0.1:8081 http://127.0.0.1:8082 http://127.0.0.1:8083"
    fi
    ;;
  status)
    [ -f "$dir/env" ] || { echo "the cluster is not up"; exit 0; }
    for n in $(nodes); do
      if [ -f "$dir/silo$n.pid" ] && kill -0 "$(cat "$dir/silo$n.pid")" 2>/dev/null; then
        echo "process $n: running, ready=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(port_of "$n")/health/ready")"
      else
        echo "process $n: not running"
      fi
    done
    ;;
  kill) n="$(silo_number "${2:-}" kill)"; signal_silo KILL "$n" ;;
  stop) n="$(silo_number "${2:-}" stop)"; signal_silo TERM "$n" ;;
  start)
    n="$(silo_number "${2:-}" start)"
    [ -f "$dir/env" ] || { echo "the cluster is not up; scripts/cluster.sh up first" >&2; exit 1; }
    if [ -f "$dir/silo$n.pid" ] && kill -0 "$(cat "$dir/silo$n.pid")" 2>/dev/null; then echo "process $n is already running" >&2; exit 1; fi
    start_silo "$n"; wait_ready "$n"
    ;;
  down)
    # Front doors, then silos, and only once they have exited their databases: a silo shutting down needs them.
    for n in d1 d2; do stop_silo_and_wait "$n" & done
    wait
    for n in 1 2 3; do stop_silo_and_wait "$n" & done
    wait
    stop_services "$dir" || true
    rm -rf "$dir"
    echo "cluster down"
    ;;
  *) sed -n '2,14p' "$0"; exit 2 ;;
esac
