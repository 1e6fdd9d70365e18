# Throwaway PostgreSQL and Redis for tests, benchmarks and the process cluster. Sourced, not run.
# Servers bind to 127.0.0.1 on free ports and live in a directory the caller removes with stop_services.

PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
SERVICE_USER="${SERVICE_USER:-deepwork}"

# ensure_packages [extra apt packages...]: installs what is missing. The extra "kubectl" is any kubectl on the PATH,
# else Debian's kubernetes-client (kubectl 1.20, kustomize 2.0.3: deploy/kubernetes is written for it and later ones).
ensure_packages() {
  local missing=()
  local extra
  for extra in "$@"; do
    case "$extra" in
      kubectl) command -v kubectl >/dev/null || missing+=(kubernetes-client) ;;
      *) dpkg -s "$extra" >/dev/null 2>&1 || missing+=("$extra") ;;
    esac
  done
  [ -x "${PG_BIN:-/nonexistent}/postgres" ] || missing+=(postgresql)
  command -v psql >/dev/null || missing+=(postgresql-client)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v curl >/dev/null || missing+=(curl)
  command -v dotnet >/dev/null || { echo "FATAL: the .NET 10 SDK (dotnet) is required" >&2; return 1; }
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} from apt"
    [ "$(id -u)" = 0 ] || { echo "FATAL: ${missing[*]} missing and not root to install them" >&2; return 1; }
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  fi
}

# ensure_node_modules: the browser libraries and JavaScript test clients of package.json, exactly as locked.
ensure_node_modules() {
  local root="$1"
  if [ ! -d "$root/node_modules" ] || [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# free_port: a loopback port nothing listens on, picked at random from 10000-19999 (bash alone). Not from the kernel's
# range for outgoing connections (ip_local_port_range, 32768-60999 by default): there any client socket may take the
# port between this check and the server's bind, which once left a test run without its PostgreSQL ("Address already
# in use"). Not from 20000-32000 either, where the tests pick theirs (FreePort.cs), nor Orleans' default silo port.
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((10000 + RANDOM % 10000))
    [ "$port" -ne 11111 ] || continue
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  echo "FATAL: no free loopback port found" >&2
  return 1
}

# use_postgres_with EXTENSION: points PG_BIN at the newest installed PostgreSQL that has that extension.
use_postgres_with() {
  local control version
  control="$(ls /usr/share/postgresql/*/extension/"$1".control 2>/dev/null | sort -V | tail -1)"
  [ -n "$control" ] || { echo "FATAL: no installed PostgreSQL has the $1 extension" >&2; return 1; }
  version="$(basename "$(dirname "$(dirname "$control")")")"
  PG_BIN="/usr/lib/postgresql/$version/bin"
  [ -x "$PG_BIN/postgres" ] || { echo "FATAL: $1 is installed for PostgreSQL $version, whose server is missing" >&2; return 1; }
}

# PostgreSQL refuses to run as root: it runs as an unprivileged user made for the purpose.
as_service_user() {
  if [ "$(id -u)" = 0 ]; then
    id "$SERVICE_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
    runuser -u "$SERVICE_USER" -- "$@"
  else
    "$@"
  fi
}

# start_postgres DIR [fast]: "fast" turns off fsync (for tests: nothing here survives the machine anyway).
start_postgres() {
  local dir="$1" mode="${2:-}"
  PG_PORT="$(free_port)"
  mkdir -p "$dir/pg"
  [ "$(id -u)" = 0 ] && { as_service_user true; chown -R "$SERVICE_USER" "$dir"; chmod 755 "$dir"; }
  as_service_user "$PG_BIN/initdb" -D "$dir/pg/data" -U postgres -A trust --no-sync -E UTF8 >"$dir/pg/initdb.log" 2>&1 \
    || { cat "$dir/pg/initdb.log" >&2; echo "FATAL: initdb failed" >&2; return 1; }
  local extra=""
  [ "$mode" = fast ] && extra="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  as_service_user "$PG_BIN/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $dir/pg -c max_connections=400 -c shared_buffers=256MB $extra" >/dev/null \
    || { cat "$dir/pg/server.log" >&2; echo "FATAL: PostgreSQL did not start" >&2; return 1; }
  export PG_PORT
}

# Append-only, as deployed: cluster membership lives here, and a Redis that came back empty would leave every running
# silo unable to read it (docs/operations.md, "Redis is unreachable").
start_redis() {
  local dir="$1"
  REDIS_PORT="$(free_port)"
  mkdir -p "$dir/redis"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly yes --appendfsync everysec --daemonize yes \
    --dir "$dir/redis" --pidfile "$dir/redis/redis.pid" --logfile "$dir/redis/redis.log"
  for _ in $(seq 1 50); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && { export REDIS_PORT; return 0; }
    sleep 0.1
  done
  cat "$dir/redis/redis.log" >&2; echo "FATAL: Redis did not start" >&2; return 1
}

# ensure_smtp4dev ROOT: the smtp4dev .NET tool (a real SMTP server with an API to read what arrived), in ROOT/.tools.
SMTP4DEV_VERSION=3.15.0
ensure_smtp4dev() {
  local tools="$1/.tools/smtp4dev-$SMTP4DEV_VERSION"
  if [ ! -x "$tools/smtp4dev" ]; then
    dotnet tool install Rnwood.Smtp4dev --version "$SMTP4DEV_VERSION" --tool-path "$tools" >/dev/null \
      || { echo "FATAL: could not install smtp4dev $SMTP4DEV_VERSION" >&2; return 1; }
  fi
  SMTP4DEV="$tools/smtp4dev"
  export SMTP4DEV
}

# start_smtp4dev DIR: smtp4dev on free loopback ports, in memory; sets SMTP_PORT (SMTP) and SMTP_API_PORT (its HTTP API).
start_smtp4dev() {
  local dir="$1"
  SMTP_PORT="$(free_port)"
  SMTP_API_PORT="$(free_port)"
  mkdir -p "$dir/smtp4dev"
  XDG_CONFIG_HOME="$dir/smtp4dev" HOME="$dir/smtp4dev" "$SMTP4DEV" --urls="http://127.0.0.1:$SMTP_API_PORT" --smtpport="$SMTP_PORT" \
    --bindaddress=127.0.0.1 --disableipv6 --imapport=0 --pop3port=0 --db= --nousersettings --messagestokeep=100000 \
    >"$dir/smtp4dev/smtp4dev.log" 2>&1 &
  echo $! >"$dir/smtp4dev/smtp4dev.pid"
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$SMTP_API_PORT/api/messages" >/dev/null 2>&1 && { export SMTP_PORT SMTP_API_PORT; return 0; }
    sleep 0.25
  done
  cat "$dir/smtp4dev/smtp4dev.log" >&2; echo "FATAL: smtp4dev did not start" >&2; return 1
}

# stop_pid PIDFILE: stops the process and waits (up to 10 s) until it is gone, so it writes nothing into a directory
# being removed (Redis writes its last files as it exits: an rm -rf racing it failed with "Directory not empty").
stop_pid() {
  local pid
  [ -f "$1" ] || return 0
  pid="$(cat "$1")"
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

stop_services() {
  local dir="$1"
  stop_pid "$dir/smtp4dev/smtp4dev.pid"
  [ -d "$dir/pg/data" ] && as_service_user "$PG_BIN/pg_ctl" -D "$dir/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
  stop_pid "$dir/redis/redis.pid"
  rm -rf "$dir" || { sleep 1; rm -rf "$dir"; }
}
