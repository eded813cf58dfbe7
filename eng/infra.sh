# shellcheck shell=bash
# Library sourced by ./platform: profiles, secrets, process helpers and the
# lifecycle of the backing servers (PostgreSQL, RabbitMQ + its epmd, Redis).
#
# Every server is a private instance: its own ports on 127.0.0.1, its data
# under .platform/<profile>/, its pid file. Nothing here touches the system
# instances that Debian's packages may have started.
#
# Expects ROOT (the repository root) to be set by the caller.

: "${ROOT:?ROOT must be set before sourcing eng/infra.sh}"

RABBITMQ_BIN=/usr/lib/rabbitmq/bin
SERVER_TIMEOUT=${PLATFORM_SERVER_TIMEOUT:-90}

# ---------------------------------------------------------------------------
# output helpers
# ---------------------------------------------------------------------------
say()  { printf '==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die()  { printf 'error: %s\n' "$*" >&2; exit 1; }

# Path relative to the repository root, for messages only.
rel() { printf '%s' "${1#"$ROOT"/}"; }

is_root() { [[ $(id -u) -eq 0 ]]; }

# ---------------------------------------------------------------------------
# profiles
# ---------------------------------------------------------------------------

# port_from VAR DEFAULT: the port in $VAR if set, else DEFAULT; validated.
port_from() {
  local var=$1 def=$2 val
  val=${!var:-$def}
  if ! [[ $val =~ ^[0-9]+$ ]] || ((val < 1 || val > 65535)); then
    die "$var=$val is not a valid TCP port"
  fi
  printf '%s' "$val"
}

# load_profile up|test: sets the ports and paths every other function uses.
# The servers' default ports lie below Linux's ephemeral range (32768-60999): a port in it can be taken, as the local
# end of any outgoing connection, while its server is down, and the server then cannot start again (a fault test's
# broker restart failed with RabbitMQ's distribution port in use while no broker ran, most likely so).
load_profile() {
  PROFILE=$1
  local p
  case $PROFILE in
    up)
      p=PLATFORM_
      PG_PORT=$(port_from PLATFORM_PG_PORT 23432)
      AMQP_PORT=$(port_from PLATFORM_RABBITMQ_PORT 23672)
      MGMT_PORT=$(port_from PLATFORM_RABBITMQ_MGMT_PORT 23673)
      DIST_PORT=$(port_from PLATFORM_RABBITMQ_DIST_PORT 23674)
      EPMD_PORT=$(port_from PLATFORM_EPMD_PORT 23675)
      REDIS_PORT=$(port_from PLATFORM_REDIS_PORT 23379)
      ;;
    test)
      p=PLATFORM_TEST_
      PG_PORT=$(port_from PLATFORM_TEST_PG_PORT 23442)
      AMQP_PORT=$(port_from PLATFORM_TEST_RABBITMQ_PORT 23682)
      MGMT_PORT=$(port_from PLATFORM_TEST_RABBITMQ_MGMT_PORT 23683)
      DIST_PORT=$(port_from PLATFORM_TEST_RABBITMQ_DIST_PORT 23684)
      EPMD_PORT=$(port_from PLATFORM_TEST_EPMD_PORT 23685)
      REDIS_PORT=$(port_from PLATFORM_TEST_REDIS_PORT 23389)
      ;;
    *) die "unknown profile '$PROFILE' (expected: up or test)" ;;
  esac
  PORT_VAR_PREFIX=$p

  STATE_DIR=$ROOT/.platform/$PROFILE
  # ./platform bench runs the up profile in its own directory (and on its own ports).
  [[ $PROFILE == up && -n ${PLATFORM_BENCH_STATE_DIR:-} ]] && STATE_DIR=$PLATFORM_BENCH_STATE_DIR
  PID_DIR=$STATE_DIR/pids
  LOG_DIR=$STATE_DIR/logs
  SECRETS_FILE=$STATE_DIR/secrets.env

  PG_DIR=$STATE_DIR/postgres          # owned by the postgres user when we are root
  # As root the server runs as 'postgres', which must be able to search every parent of the
  # checkout; when it cannot (a checkout in a mode-700 home), keep the data outside the tree.
  if is_root && ! parents_searchable_by_others "$ROOT"; then
    PG_DIR=/var/tmp/platform-$(printf '%s' "$STATE_DIR" | cksum | cut -d' ' -f1)/postgres
  fi
  PG_DATA=$PG_DIR/data
  PG_LOG=$PG_DIR/postgres.log         # inside PG_DIR: the server writes it as postgres
  PG_SOCK=$PG_DIR/run
  # A unix socket path must stay under ~107 bytes; fall back to a short,
  # stable directory in TMPDIR when the checkout lives deep in the tree.
  if (( ${#PG_SOCK} + 20 > 100 )); then
    PG_SOCK=${TMPDIR:-/tmp}/platform-pg-$(id -u)-$(printf '%s' "$STATE_DIR" | cksum | cut -d' ' -f1)
  fi

  RMQ_DIR=$STATE_DIR/rabbitmq
  RMQ_NODE=platform-$PROFILE@localhost

  REDIS_DIR=$STATE_DIR/redis

  load_model
}

# ---------------------------------------------------------------------------
# the platform's model: AppHost/platform.json (docs/architecture.md), read with jq
# ---------------------------------------------------------------------------

# load_model: APPS (every app, in start order), SERVICES (the apps with a database: a login of the app's name owns
# it) and, by app name, APP_KIND, APP_PROJECT, APP_DEFAULT_PORT, APP_DATABASE (empty: none), APP_MESSAGING and
# APP_CACHE (1 or 0), APP_REFERENCES (space-separated app names). Once per run.
load_model() {
  [[ -n ${MODEL_LOADED:-} ]] && return 0
  local model=$ROOT/AppHost/platform.json name kind project port database messaging cache references
  [[ -f $model ]] || die "$(rel "$model") is missing"
  command -v jq >/dev/null || apt_install jq
  APPS=() SERVICES=()
  declare -gA APP_KIND=() APP_PROJECT=() APP_DEFAULT_PORT=() APP_DATABASE=() APP_MESSAGING=() APP_CACHE=() APP_REFERENCES=()
  local rows
  rows=$(jq -r '.apps[] | [.name, .kind, .project, (.port | tostring), (.database // "-"),
      (if .messaging then 1 else 0 end), (if .cache then 1 else 0 end), (.references | join(","))] | @tsv' "$model") ||
    die "$(rel "$model") could not be read"
  while IFS=$'\t' read -r name kind project port database messaging cache references; do
    [[ $name =~ ^[a-z][a-z0-9]*$ && $port =~ ^[0-9]+$ ]] || die "$(rel "$model"): unexpected app '$name' (port '$port')"
    APPS+=("$name")
    APP_KIND[$name]=$kind APP_PROJECT[$name]=$project APP_DEFAULT_PORT[$name]=$port
    APP_MESSAGING[$name]=$messaging APP_CACHE[$name]=$cache APP_REFERENCES[$name]=${references//,/ }
    APP_DATABASE[$name]=""
    if [[ $database != - ]]; then
      APP_DATABASE[$name]=$database
      SERVICES+=("$name")
    fi
  done <<<"$rows"
  ((${#APPS[@]})) || die "$(rel "$model") declares no apps"
  MODEL_LOADED=1
}

# ---------------------------------------------------------------------------
# secrets: generated once per profile data dir, reused afterwards
# ---------------------------------------------------------------------------
gen_secret() {
  # hex only: safe inside connection strings, URLs and SQL literals
  openssl rand -hex 16 2>/dev/null || od -An -N16 -tx1 /dev/urandom | tr -d ' \n'
}

secret_keys() {
  # AUTH_SIGNING_KEY: the local key tokens are signed and validated with (Auth__SigningKey of every app).
  local keys=(PG_ADMIN_PASSWORD RABBITMQ_PASSWORD REDIS_PASSWORD AUTH_SIGNING_KEY) s
  if [[ $PROFILE == up ]]; then
    for s in "${SERVICES[@]}"; do keys+=("PG_${s^^}_PASSWORD"); done
  fi
  printf '%s\n' "${keys[@]}"
}

# Loads secrets.env into shell variables, adding any missing key.
ensure_secrets() {
  mkdir -p "$STATE_DIR"
  local k v added=0
  if [[ -f $SECRETS_FILE ]]; then
    while IFS='=' read -r k v; do
      [[ $k =~ ^[A-Z0-9_]+$ && $v =~ ^[A-Za-z0-9]+$ ]] && printf -v "$k" '%s' "$v"
    done <"$SECRETS_FILE"
  fi
  while read -r k; do
    if [[ -z ${!k:-} ]]; then
      if [[ $k == AUTH_SIGNING_KEY ]]; then
        printf -v "$k" '%s' "$(gen_secret)$(gen_secret)" # 256 bits of randomness, 64 characters
      else
        printf -v "$k" '%s' "$(gen_secret)"
      fi
      added=1
    fi
  done < <(secret_keys)
  if ((added)); then
    local tmp
    tmp=$(umask 077 && mktemp "$SECRETS_FILE.XXXXXX")
    {
      echo "# generated by ./platform; reused on every start of the '$PROFILE' profile"
      while read -r k; do printf '%s=%s\n' "$k" "${!k}"; done < <(secret_keys)
    } >"$tmp"
    chmod 600 "$tmp"
    mv -f "$tmp" "$SECRETS_FILE"
  fi
}

# ---------------------------------------------------------------------------
# process helpers
# ---------------------------------------------------------------------------

# pid_alive PID: true when PID exists and is not a zombie (PID 1 here may not
# reap orphans, so kill -0 alone would report dead processes as alive).
pid_alive() {
  local pid=$1 state
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # field 3 of /proc/PID/stat, read after the ")" that closes the command name
  state=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [[ $state != Z && $state != X ]]
}

# pid_cmdline_has PID TEXT: guards against a recycled pid.
pid_cmdline_has() {
  [[ -r /proc/$1/cmdline ]] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF -- "$2"
}

# running_pid PIDFILE TEXT: prints the pid recorded in PIDFILE when that
# process is alive and its command line contains TEXT.
running_pid() {
  local file=$1 text=$2 pid=""
  [[ -f $file ]] || return 1
  read -r pid <"$file" || true
  pid_alive "$pid" && pid_cmdline_has "$pid" "$text" || return 1
  printf '%s' "$pid"
}

# stop_pid PID NAME [SECONDS]: TERM, wait, then KILL.
stop_pid() {
  local pid=$1 name=$2 secs=${3:-15} i
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < secs * 10; i++)); do
    pid_alive "$pid" || return 0
    sleep 0.1
  done
  warn "$name (pid $pid) did not stop within ${secs}s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    pid_alive "$pid" || return 0
    sleep 0.1
  done
  warn "$name (pid $pid) is still alive after SIGKILL"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# require_port_free PORT VAR WHAT: a clear message instead of a bind error.
require_port_free() {
  if port_open "$1"; then
    die "port $1 ($3) is already in use by another process; stop it or choose another port with $2=<port>"
  fi
}

wait_port() {
  local port=$1 secs=$2 i
  for ((i = 0; i < secs * 10; i++)); do
    port_open "$port" && return 0
    sleep 0.1
  done
  return 1
}

# ---------------------------------------------------------------------------
# installation (shared by both profiles)
# ---------------------------------------------------------------------------
pg_bin_dir() {
  local d best=""
  for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V); do
    [[ -x $d/initdb && -x $d/pg_ctl && -x $d/postgres && -x $d/psql ]] && best=$d
  done
  [[ -n $best ]] && printf '%s' "$best"
}

# apt-get install the given Debian packages (as root), showing apt's output only
# when it fails. The package index may be empty or stale on a fresh machine:
# update only when the plain install fails. Package scripts may try to start
# system instances of the servers; ours are separate, so that is ignored.
apt_install() {
  is_root || die "missing packages: $*; install them with: sudo apt-get install -y $*"
  say "installing $* (apt-get)"
  local apt=(apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "$@")
  local aptlog
  aptlog=$(mktemp)
  if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" >"$aptlog" 2>&1; then
    if ! { apt-get update >>"$aptlog" 2>&1 && DEBIAN_FRONTEND=noninteractive "${apt[@]}" >>"$aptlog" 2>&1; }; then
      tail -n 30 "$aptlog" >&2
      rm -f "$aptlog"
      die "apt-get install $* failed"
    fi
  fi
  rm -f "$aptlog"
}

ensure_installed() {
  local missing=()
  pg_bin_dir >/dev/null || missing+=(postgresql)
  [[ -x $RABBITMQ_BIN/rabbitmq-server ]] && command -v epmd >/dev/null || missing+=(rabbitmq-server)
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null || missing+=(redis-server)
  command -v curl >/dev/null || missing+=(curl)
  ((${#missing[@]} == 0)) && return 0

  apt_install "${missing[@]}"
  pg_bin_dir >/dev/null || die "PostgreSQL binaries not found in /usr/lib/postgresql/*/bin after install"
  [[ -x $RABBITMQ_BIN/rabbitmq-server ]] || die "RabbitMQ not found in $RABBITMQ_BIN after install"
}

# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------

# initdb and postgres refuse to run as root: run them as the postgres user
# then, and as ourselves otherwise.
as_pg_owner() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_pid() {
  local pid=""
  [[ -f $PG_DATA/postmaster.pid ]] || return 1
  read -r pid <"$PG_DATA/postmaster.pid" || true
  pid_alive "$pid" && pid_cmdline_has "$pid" "$PG_DATA" || return 1
  printf '%s' "$pid"
}

# Runs SQL from stdin as the bootstrap superuser over the private unix socket
# (local auth is trust, but only the owner can enter the socket directory).
pg_admin_sql() {
  as_pg_owner "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres
}

# True when every directory from / down to $1 has the search bit for others.
parents_searchable_by_others() {
  local dir=$1 mode
  while [[ -n $dir && $dir != / ]]; do
    mode=$(stat -c '%a' "$dir" 2>/dev/null) || return 1
    (( (8#$mode & 1) == 1 )) || return 1
    dir=$(dirname "$dir")
  done
  return 0
}

pg_prepare_dirs() {
  mkdir -p "$PG_DIR"
  if is_root; then
    id postgres >/dev/null 2>&1 || die "the 'postgres' system user does not exist (is the postgresql package installed?)"
    chown postgres:postgres "$PG_DIR"
    chmod 700 "$PG_DIR"
    # Every parent of the data dir must be searchable by the postgres user.
    if ! runuser -u postgres -- test -w "$PG_DIR"; then
      die "the postgres user cannot reach $PG_DIR: a parent directory is not searchable by others (e.g. a home directory with mode 700). Move the checkout, or grant search permission with chmod o+x on each parent directory."
    fi
  fi
  as_pg_owner mkdir -p "$PG_SOCK"
  as_pg_owner chmod 700 "$PG_SOCK"
}

pg_start() {
  PG_BIN=$(pg_bin_dir) || die "PostgreSQL binaries not found"
  local pid
  if pid=$(pg_pid); then
    say "postgres already running (pid $pid, port $PG_PORT)"
  else
    require_port_free "$PG_PORT" "${PORT_VAR_PREFIX}PG_PORT" postgres
    pg_prepare_dirs
    if [[ ! -f $PG_DATA/PG_VERSION ]]; then
      say "initialising postgres data in $(rel "$PG_DATA")"
      (cd "$PG_DIR" && as_pg_owner "$PG_BIN/initdb" -D "$PG_DATA" -U postgres \
        --auth-local=trust --auth-host=scram-sha-256 \
        --encoding=UTF8 --no-locale --no-sync >"$PG_DIR/initdb.log" 2>&1) ||
        { tail -n 20 "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
      echo "include_if_exists = 'platform.conf'" | as_pg_owner tee -a "$PG_DATA/postgresql.conf" >/dev/null
    fi
    # Rewritten on every start so port overrides take effect.
    {
      echo "# written by ./platform on every start"
      echo "port = $PG_PORT"
      echo "listen_addresses = '127.0.0.1'"
      echo "unix_socket_directories = '${PG_SOCK//\'/\'\'}'"
      echo "max_connections = 200"
      # Statement statistics for operators and ./platform bench (CREATE EXTENSION pg_stat_statements to read them).
      echo "shared_preload_libraries = 'pg_stat_statements'"
      # Children's data stays out of the server log: an error is logged without its DETAIL (a unique violation's
      # DETAIL prints the key's value, a child's id), without the statement that failed and without parameters.
      echo "log_error_verbosity = terse"
      echo "log_min_error_statement = panic"
      echo "log_parameter_max_length_on_error = 0"
      if [[ -n ${PLATFORM_BENCH_STATE_DIR:-} ]]; then
        # The bench times the pipeline by when its transactions committed (pg_xact_commit_timestamp), not by polling.
        echo "track_commit_timestamp = on"
      fi
      if [[ $PROFILE == test ]]; then
        # throw-away data: durability is not worth the time
        echo "fsync = off"
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
      fi
    } | as_pg_owner tee "$PG_DATA/platform.conf" >/dev/null
    say "starting postgres on 127.0.0.1:$PG_PORT"
    (cd "$PG_DIR" && as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$SERVER_TIMEOUT" start >/dev/null) ||
      { tail -n 20 "$PG_LOG" >&2 2>/dev/null; die "postgres did not start (log: $(rel "$PG_LOG"))"; }
  fi
  pg_provision
}

# Idempotent: creates what is missing and (re)sets passwords from secrets.env.
pg_provision() {
  local sql s
  sql="SELECT 'CREATE ROLE platform_admin' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'platform_admin')\\gexec
ALTER ROLE platform_admin WITH LOGIN SUPERUSER CREATEDB CREATEROLE PASSWORD '$PG_ADMIN_PASSWORD';
-- clients (Npgsql, psql) default the database to the user name
SELECT 'CREATE DATABASE platform_admin OWNER platform_admin' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'platform_admin')\\gexec
"
  if [[ $PROFILE == up ]]; then
    for s in "${SERVICES[@]}"; do
      local pwvar="PG_${s^^}_PASSWORD" db=${APP_DATABASE[$s]}
      sql+="SELECT 'CREATE ROLE $s' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$s')\\gexec
ALTER ROLE $s WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD '${!pwvar}';
SELECT 'CREATE DATABASE $db OWNER $s' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$db')\\gexec
ALTER DATABASE $db OWNER TO $s;
-- least privilege: only the owning service may connect to its database
REVOKE ALL ON DATABASE $db FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE $db TO $s;
"
    done
    sql+="REVOKE CONNECT, TEMPORARY ON DATABASE postgres FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE template1 FROM PUBLIC;
"
  fi
  printf '%s' "$sql" | pg_admin_sql >/dev/null || die "provisioning postgres roles/databases failed"
}

pg_stop() {
  PG_BIN=$(pg_bin_dir) || true
  local pid
  pid=$(pg_pid) || return 0
  say "stopping postgres (pid $pid)"
  if [[ -n ${PG_BIN:-} ]]; then
    (cd "$PG_DIR" && as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 15 stop >/dev/null 2>&1) || true
  fi
  stop_pid "$pid" postgres 5
}

# ---------------------------------------------------------------------------
# RabbitMQ (private node, own epmd, Erlang distribution on loopback only)
# ---------------------------------------------------------------------------

# Environment for the server and for its CLI tools; both need the same HOME
# (Erlang cookie), node name and epmd port.
rmq_env() {
  local loopback='-kernel inet_dist_use_interface {127,0,0,1}'
  RMQ_ENV=(
    "HOME=$RMQ_DIR/home"
    "RABBITMQ_CONF_ENV_FILE=$RMQ_DIR/rabbitmq-env.conf"
    "RABBITMQ_NODENAME=$RMQ_NODE"
    "RABBITMQ_USE_LONGNAME=false"
    "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1"
    "RABBITMQ_NODE_PORT=$AMQP_PORT"
    "RABBITMQ_DIST_PORT=$DIST_PORT"
    "RABBITMQ_MNESIA_BASE=$RMQ_DIR/mnesia"
    "RABBITMQ_LOG_BASE=$LOG_DIR/rabbitmq"
    "RABBITMQ_CONFIG_FILE=$RMQ_DIR/rabbitmq.conf"
    "RABBITMQ_ADVANCED_CONFIG_FILE=$RMQ_DIR/advanced.config"
    "RABBITMQ_ENABLED_PLUGINS_FILE=$RMQ_DIR/enabled_plugins"
    "RABBITMQ_PID_FILE=$PID_DIR/rabbitmq.pid"
    "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=$loopback"
    "RABBITMQ_CTL_ERL_ARGS=$loopback"
    "ERL_EPMD_PORT=$EPMD_PORT"
    "ERL_EPMD_ADDRESS=127.0.0.1"
    "ERL_CRASH_DUMP=$LOG_DIR/rabbitmq/erl_crash.dump"
  )
}

rmq_cli() {
  rmq_env
  (cd "$RMQ_DIR" && env "${RMQ_ENV[@]}" "$RABBITMQ_BIN/$1" "${@:2}")
}

epmd_pid()   { running_pid "$PID_DIR/epmd.pid" "-port $EPMD_PORT"; }
# The Erlang VM; its command line carries -home <our rabbitmq home>.
rmq_pid()    { running_pid "$PID_DIR/rabbitmq.pid" "$RMQ_DIR/home"; }
rmq_wrapper_pid() { running_pid "$PID_DIR/rabbitmq-wrapper.pid" "rabbitmq-server"; }

epmd_start() {
  local pid
  if pid=$(epmd_pid); then return 0; fi
  require_port_free "$EPMD_PORT" "${PORT_VAR_PREFIX}EPMD_PORT" epmd
  # Foreground epmd in its own session, so that its pid is known.
  setsid nohup epmd -address 127.0.0.1 -port "$EPMD_PORT" >>"$LOG_DIR/epmd.log" 2>&1 </dev/null &
  echo $! >"$PID_DIR/epmd.pid"
  wait_port "$EPMD_PORT" 10 || die "epmd did not start on port $EPMD_PORT (log: $(rel "$LOG_DIR/epmd.log"))"
}

# HTTP status of an authenticated management API call ("000" when down).
rmq_api_status() {
  curl --noproxy '*' -s -o /dev/null -w '%{http_code}' -m 5 \
    -u "platform:$RABBITMQ_PASSWORD" "http://127.0.0.1:$MGMT_PORT/api/$1" 2>/dev/null || true
}

rmq_start() {
  local pid i
  mkdir -p "$RMQ_DIR/home" "$RMQ_DIR/mnesia" "$LOG_DIR/rabbitmq"
  if pid=$(rmq_pid); then
    say "rabbitmq already running (pid $pid, port $AMQP_PORT)"
  else
    require_port_free "$AMQP_PORT" "${PORT_VAR_PREFIX}RABBITMQ_PORT" "rabbitmq amqp"
    require_port_free "$MGMT_PORT" "${PORT_VAR_PREFIX}RABBITMQ_MGMT_PORT" "rabbitmq management"
    require_port_free "$DIST_PORT" "${PORT_VAR_PREFIX}RABBITMQ_DIST_PORT" "rabbitmq distribution"
    epmd_start
    : >"$RMQ_DIR/rabbitmq-env.conf" # keeps /etc/rabbitmq/rabbitmq-env.conf out
    # Plugins enabled offline; default_user* only applies to a fresh node.
    echo '[rabbitmq_management].' >"$RMQ_DIR/enabled_plugins"
    (
      umask 077
      cat >"$RMQ_DIR/rabbitmq.conf" <<EOF
# written by ./platform on every start
listeners.tcp.1 = 127.0.0.1:$AMQP_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $MGMT_PORT
default_vhost = /
default_user = platform
default_pass = $RABBITMQ_PASSWORD
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
log.file.level = info
log.console = false
EOF
    )
    rmq_env
    say "starting rabbitmq on 127.0.0.1:$AMQP_PORT (management $MGMT_PORT)"
    # The wrapper script traps TERM and stops the VM; the VM writes its own
    # pid to RABBITMQ_PID_FILE.
    (
      cd "$RMQ_DIR" || exit 1
      setsid nohup env "${RMQ_ENV[@]}" "$RABBITMQ_BIN/rabbitmq-server" \
        >>"$LOG_DIR/rabbitmq.out.log" 2>&1 </dev/null &
      echo $! >"$PID_DIR/rabbitmq-wrapper.pid"
    )
    # Readiness: the AMQP port open, then check_running (ping answers before
    # the broker has booted).
    local deadline=$((SECONDS + SERVER_TIMEOUT)) ready=0
    while ((SECONDS < deadline)); do
      if ! rmq_wrapper_pid >/dev/null && ! rmq_pid >/dev/null; then
        tail -n 30 "$LOG_DIR/rabbitmq.out.log" >&2 || true
        die "rabbitmq exited during startup (logs: $(rel "$LOG_DIR")/rabbitmq*)"
      fi
      if port_open "$AMQP_PORT" && rmq_cli rabbitmq-diagnostics -q check_running >/dev/null 2>&1; then
        ready=1
        break
      fi
      sleep 0.5
    done
    ((ready)) || die "rabbitmq not ready after ${SERVER_TIMEOUT}s (logs: $(rel "$LOG_DIR")/rabbitmq*)"
  fi
  # The management API is what tests use; it also proves the credentials.
  local code=000
  for ((i = 0; i < 60; i++)); do
    code=$(rmq_api_status whoami)
    [[ $code == 000 ]] || break
    sleep 0.5
  done
  if [[ $code == 401 ]]; then
    # Node data predates the current secrets.env: bring the user in line.
    say "resetting rabbitmq user 'platform'"
    rmq_cli rabbitmqctl -q add_user platform "$RABBITMQ_PASSWORD" >/dev/null 2>&1 ||
      rmq_cli rabbitmqctl -q change_password platform "$RABBITMQ_PASSWORD" >/dev/null
    rmq_cli rabbitmqctl -q set_user_tags platform administrator >/dev/null
    rmq_cli rabbitmqctl -q set_permissions -p / platform '.*' '.*' '.*' >/dev/null
    rmq_cli rabbitmqctl -q delete_user guest >/dev/null 2>&1 || true
    code=$(rmq_api_status whoami)
  fi
  [[ $code == 200 ]] || die "rabbitmq management API on port $MGMT_PORT answered HTTP $code for user 'platform'"
}

rmq_stop() {
  local pid wpid
  if pid=$(rmq_pid); then
    say "stopping rabbitmq (pid $pid)"
    # SIGTERM makes the VM shut down gracefully (same as rabbitmqctl stop),
    # without paying the CLI's start-up time.
    stop_pid "$pid" rabbitmq 30
  fi
  if wpid=$(rmq_wrapper_pid); then
    stop_pid "$wpid" rabbitmq-wrapper 10
    # A broker that was still booting (no pid file yet) outlives its wrapper: the wrapper was started with
    # setsid, so whatever is left in its process group is ours to stop.
    if pgrep -g "$wpid" >/dev/null 2>&1; then
      pkill -TERM -g "$wpid" 2>/dev/null || true
      sleep 2
      pkill -KILL -g "$wpid" 2>/dev/null || true
    fi
  fi
  rm -f "$PID_DIR/rabbitmq.pid" "$PID_DIR/rabbitmq-wrapper.pid"
  if pid=$(epmd_pid); then
    say "stopping epmd (pid $pid)"
    stop_pid "$pid" epmd 5
  fi
  rm -f "$PID_DIR/epmd.pid"
}

# ---------------------------------------------------------------------------
# Redis
# ---------------------------------------------------------------------------
redis_pid() { running_pid "$PID_DIR/redis.pid" "redis-server"; }

redis_ping() {
  REDISCLI_AUTH=$REDIS_PASSWORD redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG
}

redis_start() {
  local pid i
  if pid=$(redis_pid); then
    say "redis already running (pid $pid, port $REDIS_PORT)"
  else
    require_port_free "$REDIS_PORT" "${PORT_VAR_PREFIX}REDIS_PORT" redis
    mkdir -p "$REDIS_DIR"
    # A config file (mode 600) keeps the password out of the process list.
    (
      umask 077
      cat >"$REDIS_DIR/redis.conf" <<EOF
# written by ./platform on every start
bind 127.0.0.1
port $REDIS_PORT
protected-mode yes
daemonize yes
pidfile $PID_DIR/redis.pid
logfile $LOG_DIR/redis.log
dir $REDIS_DIR
save ""
appendonly no
requirepass $REDIS_PASSWORD
EOF
    )
    say "starting redis on 127.0.0.1:$REDIS_PORT"
    redis-server "$REDIS_DIR/redis.conf" || die "redis-server failed to start (log: $(rel "$LOG_DIR/redis.log"))"
  fi
  for ((i = 0; i < 100; i++)); do
    redis_ping && return 0
    sleep 0.1
  done
  die "redis on port $REDIS_PORT does not answer PING with the password from $(rel "$SECRETS_FILE")"
}

redis_stop() {
  local pid
  pid=$(redis_pid) || { rm -f "$PID_DIR/redis.pid"; return 0; }
  say "stopping redis (pid $pid)"
  stop_pid "$pid" redis 15
  rm -f "$PID_DIR/redis.pid"
}

# ---------------------------------------------------------------------------
# all servers of the loaded profile
# ---------------------------------------------------------------------------
# The servers' ports lie in Linux's ephemeral range (32768-60999), so an outgoing loopback connection (a
# benchmark's load generator, a test client) can hold one and a server then fails to bind it. Reserving them takes
# them out of that range (added to what is reserved already); best effort, as a container may refuse the sysctl.
reserve_ports() {
  local file=/proc/sys/net/ipv4/ip_local_reserved_ports current wanted
  [[ -w $file ]] || return 0
  current=$(<"$file")
  wanted=$(printf '%s,' "$PG_PORT" "$AMQP_PORT" "$MGMT_PORT" "$DIST_PORT" "$EPMD_PORT" "$REDIS_PORT")
  echo "${current:+$current,}${wanted%,}" >"$file" 2>/dev/null || true
}

servers_up() {
  ensure_installed
  ensure_secrets
  reserve_ports
  mkdir -p "$PID_DIR" "$LOG_DIR"
  pg_start
  redis_start
  rmq_start
}

servers_down() {
  [[ -d $STATE_DIR ]] || return 0
  redis_stop
  rmq_stop
  pg_stop
}

# server_stop|server_start NAME: one server of the loaded profile, for the
# fault tests (./platform server-stop test rabbitmq).
server_stop() {
  [[ -d $STATE_DIR ]] || return 0
  case $1 in
    postgres) pg_stop ;;
    rabbitmq) rmq_stop ;;
    redis) redis_stop ;;
    *) die "unknown server '$1' (expected: postgres, rabbitmq or redis)" ;;
  esac
}

server_start() {
  ensure_secrets
  mkdir -p "$PID_DIR" "$LOG_DIR"
  case $1 in
    postgres) pg_start ;;
    rabbitmq) rmq_start ;;
    redis) redis_start ;;
    *) die "unknown server '$1' (expected: postgres, rabbitmq or redis)" ;;
  esac
}

# ---------------------------------------------------------------------------
# the web app's front-end assets and the browser its tests drive
# ---------------------------------------------------------------------------

# GOV.UK Frontend from npm, as locked in services/Web/package-lock.json, copied
# into services/Web/wwwroot (gitignored): the app serves it itself, nothing comes
# from a CDN at run time. axe-core (a dev dependency) stays in node_modules, where
# the browser tests read it from.
web_assets() {
  local web=$ROOT/services/Web
  [[ -f $web/package.json ]] || return 0
  command -v npm >/dev/null || die "npm is not on PATH (the web app's assets are built with it; install nodejs and npm)"
  if [[ ! -d $web/node_modules/govuk-frontend || $web/package-lock.json -nt $web/node_modules/.package-lock.json ]]; then
    say "npm ci (services/Web)"
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci in services/Web failed"
  fi
  local dist=$web/node_modules/govuk-frontend/dist/govuk
  mkdir -p "$web/wwwroot/lib/govuk" "$web/wwwroot/assets"
  cp -f "$dist/govuk-frontend.min.css" "$dist/govuk-frontend.min.js" "$web/wwwroot/lib/govuk/"
  cp -rf "$dist/assets/." "$web/wwwroot/assets/"
}

# Debian's chromium for the browser tests (driven by Playwright with its
# executable path: no browser is downloaded).
ensure_browser() {
  command -v chromium >/dev/null || apt_install chromium
}

# ---------------------------------------------------------------------------
# benchmark tools (./platform bench)
# ---------------------------------------------------------------------------
# wrk, the HTTP load generator of the gateway benchmark, from the distribution.
ensure_wrk() {
  command -v wrk >/dev/null || apt_install wrk
}
