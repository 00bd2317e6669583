#!/usr/bin/env bash
# A private OpenLink Virtuoso 7 on loopback, for the push test (tests/it/push.rs).
#
#   virtuoso.sh start PORT DIR   install virtuoso-opensource if missing (as
#                                root; otherwise print the sudo line), write
#                                DIR/virtuoso.ini, start the server in the
#                                background, wait until it answers, set the
#                                dba password to dba-test
#   virtuoso.sh clean DIR        stop that server and delete DIR
#   virtuoso.sh install          install virtuoso-opensource if missing,
#                                without starting the system-wide service
#                                (.ci/setup runs this)
#
# PORT serves HTTP (the SPARQL endpoints, /sparql-graph-crud-auth with HTTP
# Digest), PORT+1 SQL (isql). Both listen on 127.0.0.1 only, and the
# configuration has no section that reaches the network (no plugins, no
# proxy, no mail, no replication). Test credentials only: dba / dba-test.
set -euo pipefail

readonly SERVER=/usr/bin/virtuoso-t
readonly ISQL=/usr/bin/isql-vt
readonly HOST=127.0.0.1
readonly PASSWORD=dba-test
readonly START_TIMEOUT=${VIRTUOSO_START_TIMEOUT:-120}

die() { echo "virtuoso.sh: $*" >&2; exit 1; }

usage() { echo "usage: virtuoso.sh start PORT DIR | clean DIR | install" >&2; exit 2; }

# The Debian package's postinst starts a system-wide Virtuoso on every
# interface (ports 1111 and 8890): forbid service starts while it installs.
install_if_missing() {
  [[ -x $SERVER && -x $ISQL ]] && command -v curl >/dev/null && return 0
  [[ $(id -u) == 0 ]] || die "Virtuoso is missing; run: sudo apt-get install -y virtuoso-opensource curl"
  echo "virtuoso.sh: installing virtuoso-opensource" >&2
  local own_policy=
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    own_policy=1
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
  fi
  local status=0
  {
    apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 \
        --no-install-recommends virtuoso-opensource curl >/dev/null
  } || status=$?
  [[ -n $own_policy ]] && rm -f /usr/sbin/policy-rc.d
  ((status == 0)) || die "apt-get install virtuoso-opensource failed (exit $status)"
}

write_ini() { # DIR HTTP_PORT SQL_PORT
  cat >"$1/virtuoso.ini" <<EOF
; Written by tests/services/virtuoso.sh. Loopback only.
[Database]
DatabaseFile       = $1/db/virtuoso.db
ErrorLogFile       = $1/db/virtuoso.log
LockFile           = $1/db/virtuoso.lck
TransactionFile    = $1/db/virtuoso.trx
xa_persistent_file = $1/db/virtuoso.pxa
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile    = $1/db/virtuoso-temp.db
TransactionFile = $1/db/virtuoso-temp.trx
Striping        = 0

[Parameters]
ServerPort           = $HOST:$3
DisableUnixSocket    = 1
DisableTcpSocket     = 0
MaxClientConnections = 10
CheckpointInterval   = 60
CaseMode             = 2
AllowOSCalls         = 0
DirsAllowed          = $1/db
NumberOfBuffers      = 20000
MaxDirtyBuffers      = 15000
MaxQueryMem          = 256M

[HTTPServer]
ServerPort           = $HOST:$2
ServerRoot           = $1/vsp
MaxClientConnections = 10
ServerThreads        = 10
EnabledDavVSP        = 0
HTTPProxyEnabled     = 0
Charset              = UTF-8

[URIQA]
DynamicLocal = 0
DefaultHost  = $HOST:$2

[SPARQL]
ResultSetMaxRows      = 100000
MaxQueryExecutionTime = 60
EOF
}

# The PID in DIR/virtuoso.pid when it is our virtuoso-t for DIR (guards
# against a reused PID), else nothing.
server_pid() {
  local pid
  pid=$(cat "$1/virtuoso.pid" 2>/dev/null) || return 0
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  local command_line
  command_line=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 0
  [[ $command_line == *virtuoso-t*"$1/virtuoso.ini"* ]] && echo "$pid"
  return 0
}

stop() { # DIR
  local pid
  pid=$(server_pid "$1")
  [[ -n $pid ]] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 300; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

start() { # PORT DIR
  local http=$1
  [[ $http =~ ^[0-9]+$ ]] && ((http >= 1024 && http < 65535)) || die "PORT must be in 1024..65534, got '$http'"
  local sql=$((http + 1))
  mkdir -p "$2"
  local dir
  dir=$(cd "$2" && pwd -P)
  [[ $dir != *[[:space:],\;=]* ]] || die "DIR must not hold spaces, commas, ';' or '=' (virtuoso.ini cannot quote them): $dir"
  install_if_missing
  mkdir -p "$dir/db" "$dir/vsp"
  write_ini "$dir" "$http" "$sql"
  # +foreground keeps the server's PID the one recorded; setsid lets it
  # outlive this script.
  (cd "$dir" && exec setsid "$SERVER" +configfile "$dir/virtuoso.ini" +foreground \
    >"$dir/stdout.log" 2>&1 </dev/null) &
  echo $! >"$dir/virtuoso.pid"
  local started=$SECONDS
  until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://$HOST:$http/sparql") == 200 ]] &&
    (exec 3<>"/dev/tcp/$HOST/$sql") 2>/dev/null; do
    # setsid forks when its caller leads a process group; the server then
    # names its own PID in its lock file.
    local locked
    locked=$(sed -n 's/^VIRT_PID=//p' "$dir/db/virtuoso.lck" 2>/dev/null || true)
    [[ -n $locked ]] && echo "$locked" >"$dir/virtuoso.pid"
    if [[ -z $(server_pid "$dir") ]] || ((SECONDS - started > START_TIMEOUT)); then
      echo "virtuoso.sh: the server did not come up; the end of $dir/db/virtuoso.log:" >&2
      tail -n 20 "$dir/db/virtuoso.log" >&2 2>/dev/null || true
      stop "$dir"
      exit 1
    fi
    sleep 0.2
  done
  # A new database has dba/dba; a database this script started before has ours.
  if ! timeout 60 "$ISQL" "$HOST:$sql" dba "$PASSWORD" exec="select 1;" >/dev/null 2>&1; then
    local out
    out=$(timeout 60 "$ISQL" "$HOST:$sql" dba dba exec="USER_SET_PASSWORD('dba', '$PASSWORD');" 2>&1) || true
    if grep -q '^\*\*\* Error' <<<"$out" ||
      ! timeout 60 "$ISQL" "$HOST:$sql" dba "$PASSWORD" exec="select 1;" >/dev/null 2>&1; then
      stop "$dir"
      die "could not set the dba password: $out"
    fi
  fi
  echo "virtuoso.sh: running (pid $(cat "$dir/virtuoso.pid")) on http://$HOST:$http/sparql, SQL $HOST:$sql" >&2
}

case ${1:-} in
  start) [[ $# == 3 ]] || usage; start "$2" "$3" ;;
  install) [[ $# == 1 ]] || usage; install_if_missing ;;
  clean)
    [[ $# == 2 ]] || usage
    if [[ -d $2 ]]; then
      dir=$(cd "$2" && pwd -P)
      stop "$dir"
      rm -rf "$dir"
    fi
    ;;
  *) usage ;;
esac
