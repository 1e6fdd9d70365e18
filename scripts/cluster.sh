#!/usr/bin/env bash
# A process cluster: the docker-compose topology as processes on loopback, for machines without Docker.
# A throwaway PostgreSQL and Redis, HAProxy in front of the front doors (deploy/haproxy/haproxy.cfg, as in compose),
# and three silos each with its front door; or, split, three silos hosting the grains (health only) and two front
# doors as their Orleans clients. Ports: the documented ones when free (balancer 8080, http 8081-8083 / 8091-8092,
# silo 11111-11113, gateway 30001-30003, operations 9091-9093 / 9191-9192), else free ones; `up` prints them.
#
#   scripts/cluster.sh up [split] [--build DIR]  publish (Release, ReadyToRun) or take DIR's published build, start it all, wait until ready
#   scripts/cluster.sh status          which processes run, their ports and /health/ready
#   scripts/cluster.sh kill N          kill -9 process N: a silo 1-3 (or one added), or a front door d1-d2 (no goodbye)
#   scripts/cluster.sh stop N          SIGTERM process N (drains, deactivates, persists, closes connections) and wait for it
#   scripts/cluster.sh start N         start process N again
#   scripts/cluster.sh add             start one more silo (co-hosted: with its front door, added to the balancer)
#   scripts/cluster.sh roll [--build DIR] [N...]  restart every silo, then every front door (or only processes N), one at
#                                      a time, each ready before the next; with --build, onto that published build (a rolling
#                                      upgrade; `roll --build DIR 1` first makes process 1 a canary)
#   scripts/cluster.sh down            stop every process (SIGTERM, SIGKILL after 60 s), the balancer, PostgreSQL and Redis;
#                                      the logs are kept, moved to ${DWM_CLUSTER_LOGS:-/tmp/deepwork-cluster-logs}/<time>
#
# State lives in ${DWM_CLUSTER_DIR:-/tmp/deepwork-cluster}: env (ports and secrets, mode 0600), pids, logs/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/lib/services.sh"
source "$root/scripts/lib/server.sh"
dir="${DWM_CLUSTER_DIR:-/tmp/deepwork-cluster}"
kept_logs="${DWM_CLUSTER_LOGS:-/tmp/deepwork-cluster-logs}"
# How long a front door goes on serving, not ready, after SIGTERM: more than the balancer's two failed checks.
check_interval="${DWM_CHECK_INTERVAL:-1s}"
drain_seconds="${DWM_DRAIN_SECONDS:-3}"

usage() { sed -n '2,21p' "$0"; exit 2; }

# Process N: silos 1, 2, 3 (and added ones), front doors d1, d2 (split only).
nodes() { echo "$SILOS ${DOORS:-}"; }
is_door() { [[ "$1" == d* ]]; }
role_of() { if is_door "$1"; then echo frontdoor; elif [ "$TOPOLOGY" = split ]; then echo silo; else echo all; fi; }
# The processes the balancer sends clients to.
balanced() { if [ "$TOPOLOGY" = split ]; then echo "$DOORS"; else echo "$SILOS"; fi; }
port_var() { local name="$1_${2#d}"; is_door "$2" && name="$1_D${2#d}"; echo "$name"; }
port() { local var; var="$(port_var "$1" "$2")"; echo "${!var}"; }

load_env() { [ -f "$dir/env" ] || { echo "the cluster is not up; scripts/cluster.sh up first" >&2; exit 1; }; source "$dir/env"; }

# save VAR...: writes the named variables to env, readable by this user only (it holds the JWT signing key).
save_env() {
  local var
  (umask 077; for var in "$@"; do printf '%s=%q\n' "$var" "${!var}"; done >"$dir/env.new")
  mv "$dir/env.new" "$dir/env"
}
env_vars() { compgen -v | grep -E '^(PG_PORT|REDIS_PORT|JWT_KEY|TOPOLOGY|SILOS|DOORS|DLL|BALANCER_PORT|(HTTP|SILO|GATEWAY|OPS)_D?[0-9]+)$'; }

# pick_port PREFERRED: the preferred port if nothing listens on it, else a free one.
pick_port() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then free_port; else echo "$1"; fi
}

# assign_ports N: the ports of process N, chosen once and kept in env.
assign_ports() {
  local n="$1" i="${1#d}"
  if is_door "$n"; then
    printf -v "HTTP_D$i" '%s' "$(pick_port $((8090 + i)))"
    printf -v "OPS_D$i" '%s' "$(pick_port $((9190 + i)))"
  else
    printf -v "HTTP_$i" '%s' "$(pick_port $((8080 + i)))"
    printf -v "SILO_$i" '%s' "$(pick_port $((11110 + i)))"
    printf -v "GATEWAY_$i" '%s' "$(pick_port $((30000 + i)))"
    printf -v "OPS_$i" '%s' "$(pick_port $((9090 + i)))"
  fi
}

start_node() {
  local n="$1" role
  role="$(role_of "$n")"
  mkdir -p "$dir/logs"
  local silo_port="" gateway_port=""
  is_door "$n" || { silo_port="$(port SILO "$n")"; gateway_port="$(port GATEWAY "$n")"; }
  ASPNETCORE_URLS="http://127.0.0.1:$(port HTTP "$n")" \
  Operations__Url="http://127.0.0.1:$(port OPS "$n")" \
  ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres" \
  ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" \
  Jwt__SigningKey="$JWT_KEY" Role="$role" Drain__DelaySeconds="$drain_seconds" \
  TrustedProxies__Addresses__0="127.0.0.1" Web__PublicBaseUrl="http://127.0.0.1:$BALANCER_PORT" \
  Orleans__ClusterId="deepwork-local" Orleans__SiloPort="${silo_port:-11111}" Orleans__GatewayPort="${gateway_port:-30000}" Orleans__AdvertisedIP="127.0.0.1" \
    nohup dotnet "$DLL" >>"$dir/logs/process-$n.log" 2>&1 &
  echo $! >"$dir/process-$n.pid"
  echo "process $n ($role): pid $!, http://127.0.0.1:$(port HTTP "$n"), operations http://127.0.0.1:$(port OPS "$n")${silo_port:+, silo $silo_port, gateway $gateway_port}"
}

running() { [ -f "$dir/process-$1.pid" ] && kill -0 "$(cat "$dir/process-$1.pid")" 2>/dev/null; }

wait_ready() {
  local n="$1"
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$(port HTTP "$n")/health/ready" >/dev/null 2>&1 && { echo "process $n ready"; return 0; }
    running "$n" || { echo "process $n exited; see $dir/logs/process-$n.log" >&2; tail -5 "$dir/logs/process-$n.log" >&2; return 1; }
    sleep 0.5
  done
  echo "process $n not ready after 120 s; see $dir/logs/process-$n.log" >&2
  return 1
}

node_name() {
  local n="${1:-}"
  if [ -n "$n" ] && [[ " $(nodes) " == *" $n "* ]]; then echo "$n"; return; fi
  echo "usage: $0 ${2:-start} N, with N one of: $(nodes)" >&2; exit 2
}

# stop_and_wait N: SIGTERM, then wait for the process to exit (it drains, hands over its grains), SIGKILL after 60 s.
# A silo left running would hold its ports and answer the next `up` as a member of a dead cluster.
stop_and_wait() {
  local n="$1" pid
  [ -f "$dir/process-$n.pid" ] || return 0
  pid="$(cat "$dir/process-$n.pid")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "process $n: still running after 60 s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$dir/process-$n.pid"
  echo "process $n: stopped"
}

# The balancer: HAProxy with the repository's configuration, the doors given in its environment. Given the pid of a
# running one, the new one takes over from it (-sf): it listens beside it (SO_REUSEPORT), then has it stop listening and
# finish what it holds, so no client is refused and open hub connections stay where they are.
start_balancer() {
  local i=0 n doors=() previous="${1:-}"
  for n in $(balanced); do i=$((i + 1)); doors+=("DWM_DOOR$i=127.0.0.1:$(port HTTP "$n")"); done
  env DWM_BALANCER_BIND="127.0.0.1:$BALANCER_PORT" DWM_CHECK_INTERVAL="$check_interval" "${doors[@]}" \
    nohup haproxy -W -db -f "$root/deploy/haproxy/haproxy.cfg" ${previous:+-sf "$previous"} >>"$dir/logs/balancer.log" 2>&1 &
  [ -n "$previous" ] && echo "$previous" >>"$dir/balancer.handed-over"
  echo $! >"$dir/balancer.pid"
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$BALANCER_PORT/health/live" >/dev/null 2>&1 && break; sleep 0.2; done
  echo "balancer (HAProxy): pid $!, http://127.0.0.1:$BALANCER_PORT in front of $(balanced | wc -w) front doors"
}

stop_balancer() {
  [ -f "$dir/balancer.pid" ] || return 0
  local pid
  # The one in charge and any it took over from (still finishing long connections), if that pid is still a balancer's.
  for pid in $(cat "$dir/balancer.pid" "$dir/balancer.handed-over" 2>/dev/null); do
    grep -qs haproxy.cfg "/proc/$pid/cmdline" || continue
    # SIGUSR1: stop listening, let the connections in flight finish.
    kill -USR1 "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -f "$dir/balancer.pid" "$dir/balancer.handed-over"
}

# published_dll [DIR]: DIR's DeepWorkMap.Server.dll, or this checkout published.
published_dll() {
  if [ -n "${1:-}" ]; then
    [ -f "$1/DeepWorkMap.Server.dll" ] || { echo "no DeepWorkMap.Server.dll in $1 (publish it with scripts/lib/server.sh's publish_server)" >&2; exit 2; }
    (cd "$1" && echo "$PWD/DeepWorkMap.Server.dll")
  else
    publish_server
  fi
}

build_option() { if [ "${1:-}" = --build ]; then [ -n "${2:-}" ] || usage; echo "$2"; fi; }

case "${1:-}" in
  up)
    shift
    TOPOLOGY=cohosted
    if [ "${1:-}" = split ]; then TOPOLOGY=split; shift; fi
    build="$(build_option "$@")"
    [ $# -eq 0 ] || [ $# -eq 2 -a -n "$build" ] || usage
    ensure_packages haproxy
    [ -f "$dir/env" ] && { echo "already up ($dir); scripts/cluster.sh down first" >&2; exit 1; }
    mkdir -p "$dir/logs"
    DLL="$(published_dll "$build")"
    start_postgres "$dir"
    start_redis "$dir"
    JWT_KEY="$(head -c 48 /dev/urandom | base64 | tr -d '/+=')"
    SILOS="1 2 3"; DOORS=""
    [ "$TOPOLOGY" = split ] && DOORS="d1 d2"
    for n in $(nodes); do assign_ports "$n"; done
    BALANCER_PORT="$(pick_port 8080)"
    save_env $(env_vars)
    # The silos first: they migrate the schema, and front doors find them through Redis.
    for n in $SILOS; do start_node "$n"; done
    for n in $SILOS; do wait_ready "$n"; done
    for n in $DOORS; do start_node "$n"; done
    for n in $DOORS; do wait_ready "$n"; done
    start_balancer
    echo "cluster up ($TOPOLOGY): http://127.0.0.1:$BALANCER_PORT (PostgreSQL on $PG_PORT, Redis on $REDIS_PORT; logs in $dir/logs)"
    ;;
  status)
    [ -f "$dir/env" ] || { echo "the cluster is not up"; exit 0; }
    source "$dir/env"
    for n in $(nodes); do
      if running "$n"; then
        echo "process $n ($(role_of "$n")): running, http $(port HTTP "$n"), operations $(port OPS "$n"), ready=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(port HTTP "$n")/health/ready")"
      else
        echo "process $n ($(role_of "$n")): not running"
      fi
    done
    if [ -f "$dir/balancer.pid" ] && kill -0 "$(cat "$dir/balancer.pid")" 2>/dev/null; then echo "balancer: running, http://127.0.0.1:$BALANCER_PORT"; else echo "balancer: not running"; fi
    ;;
  kill)
    load_env; n="$(node_name "${2:-}" kill)"
    [ -f "$dir/process-$n.pid" ] || { echo "process $n is not running" >&2; exit 1; }
    kill -KILL "$(cat "$dir/process-$n.pid")" 2>/dev/null || true
    rm -f "$dir/process-$n.pid"
    echo "process $n: sent SIGKILL"
    ;;
  stop) load_env; n="$(node_name "${2:-}" stop)"; stop_and_wait "$n" ;;
  start)
    load_env; n="$(node_name "${2:-}" start)"
    if running "$n"; then echo "process $n is already running" >&2; exit 1; fi
    start_node "$n"; wait_ready "$n"
    ;;
  add)
    load_env
    n=$(( $(echo "$SILOS" | tr ' ' '\n' | sort -n | tail -1) + 1 ))
    assign_ports "$n"
    SILOS="$SILOS $n"
    save_env $(env_vars)
    start_node "$n"; wait_ready "$n"
    # A co-hosted silo is a front door too: the balancer starts sending clients to it.
    if [ "$TOPOLOGY" != split ]; then start_balancer "$(cat "$dir/balancer.pid")"; fi
    ;;
  roll)
    load_env
    shift
    build="$(build_option "$@")"
    [ -n "$build" ] && shift 2
    which="$*"
    for n in $which; do node_name "$n" roll >/dev/null; done
    if [ -n "$build" ]; then DLL="$(published_dll "$build")"; save_env $(env_vars); fi
    # One at a time, each ready before the next: silos (they own the schema, and a new silo migrates it before it
    # starts), then front doors. The others carry the load meanwhile; a co-hosted process drains first.
    for n in ${which:-$SILOS $DOORS}; do
      echo "rolling process $n"
      stop_and_wait "$n"
      start_node "$n"
      wait_ready "$n"
    done
    echo "rolled ${which:-every process}: $DLL"
    ;;
  down)
    [ -f "$dir/env" ] && source "$dir/env"
    SILOS="${SILOS:-1 2 3}"; DOORS="${DOORS:-d1 d2}"
    # Front doors, then silos, and only once they have exited their databases: a silo shutting down needs them.
    for n in $DOORS; do stop_and_wait "$n" & done
    wait
    for n in $SILOS; do stop_and_wait "$n" & done
    wait
    stop_balancer
    if [ -d "$dir/logs" ]; then
      kept="$kept_logs/$(date -u +%Y%m%dT%H%M%SZ)"
      mkdir -p "$kept_logs" && mv "$dir/logs" "$kept"
      echo "logs kept in $kept"
    fi
    stop_services "$dir" || true
    rm -rf "$dir"
    echo "cluster down"
    ;;
  *) usage ;;
esac
