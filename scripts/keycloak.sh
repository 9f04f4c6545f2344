#!/usr/bin/env bash
# Dev/test Keycloak for Pillarboard, without Docker: the Keycloak Quarkus distribution from
# Maven Central, run in dev mode on http://localhost:8180 with the `pillarboard` realm
# (deploy/keycloak/pillarboard-realm.json) imported. See deploy/keycloak/README.md.
#
#   scripts/keycloak.sh start                       # download once, unpack, start, wait until ready
#   scripts/keycloak.sh stop                        # stop the Keycloak this script started
#   scripts/keycloak.sh status                      # exit 0 if the realm answers, 3 otherwise
#   scripts/keycloak.sh token <user> [password]     # access token (password grant, pillarboard-cli)
#   scripts/keycloak.sh client-token <id> <secret>  # access token (client-credentials grant)
#   scripts/keycloak.sh claims [token]              # decoded payload of a token (arg or stdin)
#
# Environment:
#   PILLARBOARD_CACHE       download cache (default ~/.cache/pillarboard)
#   KC_START_TIMEOUT        seconds to wait for readiness (default 180)
#   PILLARBOARD_KC_FRESH=1  drop the Keycloak database on start, so the realm is imported afresh
#   PILLARBOARD_KC_HEAP     JVM heap options (default: Keycloak's own, -Xms64m -Xmx512m)
#
# The issuer is http://localhost:8180/realms/pillarboard. Always use "localhost", never
# "127.0.0.1": tokens are only accepted when the issuer matches exactly.
# Dev only: bootstrap admin admin/admin, client secrets and passwords are in the realm file.
set -euo pipefail

KC_VERSION=26.5.5
KC_PORT=8180
KC_URL="http://localhost:${KC_PORT}"
REALM=pillarboard
ISSUER="${KC_URL}/realms/${REALM}"
WELL_KNOWN="${ISSUER}/.well-known/openid-configuration"
CLI_CLIENT=pillarboard-cli
DIST_NAME="keycloak-quarkus-dist-${KC_VERSION}.zip"
DIST_URL="https://repo.maven.apache.org/maven2/org/keycloak/keycloak-quarkus-dist/${KC_VERSION}/${DIST_NAME}"

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REALM_FILE="$REPO/deploy/keycloak/pillarboard-realm.json"
RUN_DIR="$REPO/.run"
KC_BASE="$RUN_DIR/keycloak"
KC_HOME="$KC_BASE/keycloak-${KC_VERSION}"
LOG_FILE="$RUN_DIR/keycloak.log"
PID_FILE="$RUN_DIR/keycloak.pid"
CACHE_DIR="${PILLARBOARD_CACHE:-$HOME/.cache/pillarboard}"
ZIP="$CACHE_DIR/$DIST_NAME"
TIMEOUT=${KC_START_TIMEOUT:-180}

say() { printf '[pillarboard/keycloak] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

need() { command -v "$1" >/dev/null 2>&1 || die "'$1' is required but not installed"; }

# The realm answers on the issuer URL (the only readiness signal that matters to clients).
answers() { curl -fsS -o /dev/null --max-time 3 "$WELL_KNOWN" 2>/dev/null; }

# Something (anything) listens on the port.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/${KC_PORT}") 2>/dev/null; }

our_pid() {
  # Prints the pid from the pid file if that process is alive and is a Keycloak we started.
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid=$(tr -dc '0-9' <"$PID_FILE")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "keycloak" || [ ! -e /proc ] || return 1
  printf '%s\n' "$pid"
}

sha1_of() { sha1sum "$1" | awk '{print $1}'; }

# ---------------------------------------------------------------- download (once, verified)
fetch_dist() {
  [ -f "$ZIP" ] && [ -f "$ZIP.sha1" ] && return 0   # only ever renamed into place once verified
  need curl; need sha1sum
  mkdir -p "$CACHE_DIR"
  local expected
  expected=$(curl -fsSL --retry 3 "$DIST_URL.sha1" | tr -dc '0-9a-f' | head -c 40) \
    || die "could not fetch $DIST_URL.sha1"
  [ ${#expected} -eq 40 ] || die "unexpected checksum file at $DIST_URL.sha1"

  local part="$ZIP.part" attempt
  for attempt in 1 2; do
    say "downloading Keycloak ${KC_VERSION} (~157 MB, one time) into $CACHE_DIR"
    # Resumes a previous partial download; a complete .part makes curl fail with 416/33, which
    # is fine: the checksum decides.
    curl -fL --retry 3 --retry-delay 2 --connect-timeout 20 -C - -sS -o "$part" "$DIST_URL" \
      || say "curl reported a problem (exit $?); checking what we have"
    if [ -f "$part" ] && [ "$(sha1_of "$part")" = "$expected" ]; then
      printf '%s\n' "$expected" >"$ZIP.sha1.tmp"
      mv -f "$part" "$ZIP"              # atomic: a $ZIP that exists is a verified one
      mv -f "$ZIP.sha1.tmp" "$ZIP.sha1"
      say "download verified (sha1 $expected)"
      return 0
    fi
    say "checksum mismatch for the download (attempt $attempt): discarding it"
    rm -f "$part"
  done
  die "could not download a valid $DIST_NAME from $DIST_URL"
}

# ---------------------------------------------------------------- unpack (once)
unpack_dist() {
  [ -f "$KC_HOME/.pillarboard-unpacked" ] && return 0
  need unzip
  # Re-verify the cached zip before trusting it (guards against a corrupted cache).
  if [ "$(sha1_of "$ZIP")" != "$(cat "$ZIP.sha1")" ]; then
    say "cached $ZIP is corrupted: removing it and downloading again"
    rm -f "$ZIP" "$ZIP.sha1"
    fetch_dist
  fi
  say "unpacking into ${KC_HOME#"$REPO"/}"
  mkdir -p "$KC_BASE"
  local tmp="$KC_BASE/.unpack.$$"
  rm -rf "$tmp" "$KC_HOME"
  mkdir -p "$tmp"
  unzip -q "$ZIP" -d "$tmp"
  [ -x "$tmp/keycloak-${KC_VERSION}/bin/kc.sh" ] || { rm -rf "$tmp"; die "unexpected zip layout (no keycloak-${KC_VERSION}/bin/kc.sh)"; }
  mv "$tmp/keycloak-${KC_VERSION}" "$KC_HOME"
  rmdir "$tmp"
  touch "$KC_HOME/.pillarboard-unpacked"
}

# ---------------------------------------------------------------- realm file
install_realm() {
  [ -f "$REALM_FILE" ] || die "realm file not found: $REALM_FILE"
  local want have=""
  want=$(sha1_of "$REALM_FILE")
  [ -f "$KC_HOME/data/.pillarboard-realm.sha1" ] && have=$(cat "$KC_HOME/data/.pillarboard-realm.sha1")
  # --import-realm skips a realm that already exists, so a changed realm file (or a request
  # for a fresh start) means dropping the dev database (H2 under data/h2) and importing again.
  if [ "${PILLARBOARD_KC_FRESH:-0}" = 1 ] || { [ -d "$KC_HOME/data/h2" ] && [ "$want" != "$have" ]; }; then
    say "realm file changed (or PILLARBOARD_KC_FRESH=1): dropping the dev database to import it afresh"
    rm -rf "$KC_HOME/data/h2"
  fi
  mkdir -p "$KC_HOME/data/import"
  cp "$REALM_FILE" "$KC_HOME/data/import/pillarboard-realm.json"
  printf '%s\n' "$want" >"$KC_HOME/data/.pillarboard-realm.sha1"
}

wait_ready() {
  local pid=$1 start=$SECONDS
  while ! answers; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE"
      die "Keycloak exited during startup; see $LOG_FILE"
    fi
    if [ $((SECONDS - start)) -ge "$TIMEOUT" ]; then
      tail -n 30 "$LOG_FILE" >&2 || true
      die "Keycloak did not answer $WELL_KNOWN within ${TIMEOUT}s; see $LOG_FILE (it is still running as pid $pid: '$0 stop' to stop it)"
    fi
    sleep 0.5
  done
  say "ready after $((SECONDS - start))s: $ISSUER (admin console $KC_URL/admin, admin/admin; log $LOG_FILE)"
}

cmd_start() {
  if answers; then
    say "already running: $ISSUER"
    return 0
  fi
  mkdir -p "$RUN_DIR"
  # Serialise concurrent 'start's (parallel CI jobs): the second one waits, then sees it running.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$RUN_DIR/keycloak.lock"
    flock -w "$((TIMEOUT + 600))" 9 || die "timed out waiting for another '$0 start' to finish"
    if answers; then say "already running: $ISSUER"; return 0; fi
  fi

  local pid
  if pid=$(our_pid); then
    say "Keycloak (pid $pid) is starting; waiting for it"
    wait_ready "$pid"
    return 0
  fi
  if port_busy; then
    die "port ${KC_PORT} is in use by something that does not serve realm '$REALM' ($WELL_KNOWN); stop it first (e.g. 'ss -ltnp | grep :${KC_PORT}')"
  fi

  need java
  local major
  major=$(java -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -1)
  if [ -z "$major" ] || [ "$major" -lt 17 ]; then
    die "Keycloak ${KC_VERSION} needs Java 17 or newer (found: ${major:-none})"
  fi

  fetch_dist
  unpack_dist
  install_realm

  say "starting Keycloak ${KC_VERSION} on $KC_URL (log: $LOG_FILE)"
  : >"$LOG_FILE"
  # setsid: own session, so it survives the calling shell/CI step and never gets its signals.
  # The pid we record is kc.sh's: it forwards TERM to its JVM child (or, on the first run after
  # a rebuild, execs the JVM itself). 9>&-: the JVM must not inherit (and so hold) the start lock.
  local launcher=()
  if [ -n "${PILLARBOARD_KC_HEAP:-}" ]; then export JAVA_OPTS_KC_HEAP="$PILLARBOARD_KC_HEAP"; fi
  command -v setsid >/dev/null 2>&1 && launcher=(setsid)
  KC_BOOTSTRAP_ADMIN_USERNAME=${KC_BOOTSTRAP_ADMIN_USERNAME:-admin} \
  KC_BOOTSTRAP_ADMIN_PASSWORD=${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin} \
    nohup "${launcher[@]}" "$KC_HOME/bin/kc.sh" start-dev \
      --http-port "$KC_PORT" \
      --hostname "$KC_URL" \
      --import-realm \
      </dev/null >>"$LOG_FILE" 2>&1 9>&- &
  pid=$!
  printf '%s\n' "$pid" >"$PID_FILE"
  wait_ready "$pid"
}

cmd_stop() {
  local pid
  if ! pid=$(our_pid); then
    rm -f "$PID_FILE"
    if answers; then
      say "a Keycloak answers on $KC_URL but was not started by this script (no live pid in $PID_FILE); leaving it alone"
    else
      say "not running"
    fi
    return 0
  fi
  say "stopping Keycloak (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    # kc.sh normally stays the parent of the JVM (and forwards TERM to it); when we launched it
    # with setsid, its pid is also the id of a process group holding only kc.sh and its JVM.
    if [ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" = "$pid" ]; then
      say "still running after 30s: sending SIGKILL to its process group $pid"
      kill -KILL -- "-$pid" 2>/dev/null || true
    else
      say "still running after 30s: sending SIGKILL to pid $pid"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$PID_FILE"
  say "stopped"
}

cmd_status() {
  local pid=""
  pid=$(our_pid) || pid=""
  if answers; then
    say "running: $ISSUER${pid:+ (pid $pid)}"
    return 0
  fi
  if [ -n "$pid" ]; then
    say "starting or unhealthy: pid $pid is alive but $WELL_KNOWN does not answer yet (log $LOG_FILE)"
  else
    say "not running"
  fi
  return 3
}

# Prints the access_token of a token-endpoint response, or dies with the error it carries.
access_token_of() {
  local body=$1 token
  token=$(printf '%s' "$body" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  if [ -z "$token" ]; then
    local err
    err=$(printf '%s' "$body" | sed -n 's/.*"error_description":"\([^"]*\)".*/\1/p')
    [ -n "$err" ] || err=$(printf '%s' "$body" | head -c 300)
    die "no token: ${err:-empty response from $ISSUER}"
  fi
  printf '%s\n' "$token"
}

token_request() {
  answers || die "Keycloak does not answer on $ISSUER; run '$0 start' first"
  curl -sS --max-time 15 "$ISSUER/protocol/openid-connect/token" "$@" || die "token request failed"
}

cmd_token() {
  [ $# -ge 1 ] || die "usage: $0 token <username> [password]   (the dev users' password is their username)"
  local user=$1 pass=${2:-$1} body
  body=$(token_request \
    --data-urlencode grant_type=password \
    --data-urlencode "client_id=$CLI_CLIENT" \
    --data-urlencode "username=$user" \
    --data-urlencode "password=$pass" \
    --data-urlencode scope=openid)
  access_token_of "$body"
}

cmd_client_token() {
  [ $# -eq 2 ] || die "usage: $0 client-token <client-id> <secret>"
  local body
  body=$(token_request \
    --data-urlencode grant_type=client_credentials \
    --data-urlencode "client_id=$1" \
    --data-urlencode "client_secret=$2")
  access_token_of "$body"
}

cmd_claims() {
  local token=${1:-}
  [ -n "$token" ] || token=$(cat)
  local payload
  payload=$(printf '%s' "$token" | cut -d. -f2 | tr '_-' '/+')
  case $(( ${#payload} % 4 )) in 2) payload="$payload==";; 3) payload="$payload=";; esac
  if command -v jq >/dev/null 2>&1; then
    printf '%s' "$payload" | base64 -d | jq .
  else
    printf '%s' "$payload" | base64 -d; echo
  fi
}

usage() { sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//' >&2; }

case "${1:-}" in
  start)        shift; cmd_start "$@" ;;
  stop)         shift; cmd_stop "$@" ;;
  status)       shift; cmd_status "$@" ;;
  token)        shift; cmd_token "$@" ;;
  client-token) shift; cmd_client_token "$@" ;;
  claims)       shift; cmd_claims "$@" ;;
  -h|--help|help) usage ;;
  *) usage; exit 2 ;;
esac
