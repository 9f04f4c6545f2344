#!/usr/bin/env bash
# Runs the whole Pillarboard suite on this machine, no Docker needed:
# PostgreSQL (provisioned), Keycloak (downloaded once), then every service from its packaged jar.
#
#   scripts/run.sh            # build, start everything, wait until ready, print the URLs
#   scripts/run.sh --no-build # start from the jars already built
#   scripts/run.sh stop       # stop the services (and the Keycloak) this script started
#   scripts/run.sh status
#
# Logs and pids: .run/<service>.log, .run/<service>.pid. JVM options: scripts/jvm-options.sh (each
# service's, with the variables that override them).
set -euo pipefail
# Fewer glibc malloc arenas: the JVM's many threads otherwise each hold one (tens of MB resident).
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
# The local realm's client secret for the scorecard's reads of the catalog feed (deploy/keycloak);
# the service has no default for it in production.
export CATALOG_CLIENT_SECRET=${CATALOG_CLIENT_SECRET:-scorecard-secret}

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUN_DIR="$REPO/.run"
# shellcheck source=scripts/jvm-options.sh
. "$REPO/scripts/jvm-options.sh"
# service:port, in start order. (portal-ui joins this list with its pages; the module is a skeleton so far.)
SERVICES=(catalog-service:8081 scorecard-service:8082)

say() { printf '[pillarboard] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

pid_of() {
  local pid_file="$RUN_DIR/$1.pid"
  [ -f "$pid_file" ] || return 1
  local pid
  pid=$(cat "$pid_file")
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

ready() { curl -fsS -o /dev/null --max-time 2 "http://localhost:$1/q/health/ready" 2>/dev/null; }

stop_all() {
  for entry in "${SERVICES[@]}"; do
    local name=${entry%%:*} pid
    if pid=$(pid_of "$name"); then
      say "stopping $name (pid $pid)"
      kill "$pid" 2>/dev/null || true
      # A graceful stop also writes the class-data archive of a first run (see start_service).
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$RUN_DIR/$name.pid"
  done
  "$REPO/scripts/keycloak.sh" stop || true
}

status() {
  for entry in "${SERVICES[@]}"; do
    local name=${entry%%:*} port=${entry##*:}
    if ready "$port"; then say "$name: ready on http://localhost:$port"; else say "$name: not running"; fi
  done
  "$REPO/scripts/keycloak.sh" status >/dev/null 2>&1 && say "keycloak: ready on http://localhost:8180" || say "keycloak: not running"
}

start_service() {
  local name=$1 port=$2 jar="$REPO/$1/target/quarkus-app/quarkus-run.jar"
  if ready "$port"; then
    say "$name already answers on :$port"
    return 0
  fi
  [ -f "$jar" ] || { say "$name has no packaged jar ($jar); skipped"; return 0; }
  say "starting $name on :$port (log: .run/$name.log)"
  # Class data sharing: the first run after a build records every class the service loads into
  # a dynamic CDS archive (written when it stops); later starts map it and are about 40% faster.
  local archive="${jar%/*}/app-dynamic.jsa" cds
  if [ -f "$archive" ] && [ "$archive" -nt "$jar" ]; then
    cds="-XX:SharedArchiveFile=$archive"
  else
    rm -f "$archive"
    cds="-XX:ArchiveClassesAtExit=$archive"
  fi
  # shellcheck disable=SC2046,SC2086
  (cd "$REPO/$name" && exec nohup java $(java_opts_for "$name") $cds -jar "$jar" >"$RUN_DIR/$name.log" 2>&1) &
  echo $! >"$RUN_DIR/$name.pid"
  for _ in $(seq 1 120); do
    ready "$port" && { say "$name ready"; return 0; }
    kill -0 "$(cat "$RUN_DIR/$name.pid")" 2>/dev/null || { tail -n 30 "$RUN_DIR/$name.log" >&2; die "$name exited; see .run/$name.log"; }
    sleep 0.5
  done
  tail -n 30 "$RUN_DIR/$name.log" >&2
  die "$name did not become ready within 60 s; see .run/$name.log"
}

case "${1:-start}" in
  stop) stop_all; exit 0 ;;
  status) status; exit 0 ;;
  start|--no-build) ;;
  *) die "usage: scripts/run.sh [--no-build|stop|status]" ;;
esac

mkdir -p "$RUN_DIR"
command -v java >/dev/null || die "Java 17 is required"
command -v curl >/dev/null || die "curl is required"
"$REPO/scripts/ensure-postgres.sh"
"$REPO/scripts/keycloak.sh" start
if [ "${1:-start}" != "--no-build" ]; then
  say "building (./mvnw package -DskipTests)"
  (cd "$REPO" && ./mvnw -B -q package -DskipTests)
fi
for entry in "${SERVICES[@]}"; do
  start_service "${entry%%:*}" "${entry##*:}"
done

cat >&2 <<MSG

Pillarboard is running:
  catalog API        http://localhost:8081/api   (OpenAPI: http://localhost:8081/q/openapi)
  scorecard API      http://localhost:8082/api   (OpenAPI: http://localhost:8082/q/openapi)
  Keycloak           http://localhost:8180       (admin/admin; users ada, lee, dana, sam, tara, guest; password = user name)

  TOKEN=\$(scripts/keycloak.sh token ada)
  curl -H "Authorization: Bearer \$TOKEN" http://localhost:8081/api/teams

Stop everything with: scripts/run.sh stop
MSG
