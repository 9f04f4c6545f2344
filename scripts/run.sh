#!/usr/bin/env bash
# Runs the whole Pillarboard suite on this machine, no Docker needed: PostgreSQL (provisioned),
# Keycloak (downloaded once), every service from its packaged jar, and on the first start a demo
# organisation (demo/), loaded through the services' public APIs.
#
#   scripts/run.sh                # build if the sources changed, start everything, load the demo into an empty catalog
#   scripts/run.sh --build        # build even if the jars look current;  --no-build: never build
#   scripts/run.sh --no-demo      # start without loading the demo (also PILLARBOARD_DEMO=0)
#   scripts/run.sh demo           # load the demo now, if the catalog is empty
#   scripts/run.sh demo --reset   # DELETE everything in the databases catalog and scorecard, load the demo afresh
#   scripts/run.sh stop           # stop the services (and the Keycloak) this script started
#   scripts/run.sh status
#
# Logs and pids: .run/<service>.log, .run/<service>.pid, .run/build.log. JVM options:
# scripts/jvm-options.sh. Every service starts from a class-data-sharing archive recorded once per
# build by a first start and stop (target/quarkus-app/trained-cds.jsa; scripts/jvm-options.sh says why).
set -euo pipefail
# Fewer glibc malloc arenas: the JVM's many threads otherwise each hold one (tens of MB resident).
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUN_DIR="$REPO/.run"
# shellcheck source=scripts/jvm-options.sh
. "$REPO/scripts/jvm-options.sh"
# service:port, in start order.
SERVICES=(catalog-service:8081 scorecard-service:8082 portal-ui:8080)
KEYCLOAK_PORT=8180

# The local realm's secrets (deploy/keycloak); the services have no defaults for them in production.
export CATALOG_CLIENT_SECRET=${CATALOG_CLIENT_SECRET:-scorecard-secret}
export PORTAL_CLIENT_SECRET=${PORTAL_CLIENT_SECRET:-portal-secret}
export CATALOG_URL=${CATALOG_URL:-http://localhost:8081} SCORECARD_URL=${SCORECARD_URL:-http://localhost:8082}
export OIDC_URL=${OIDC_URL:-http://localhost:8180/realms/pillarboard}

say() { printf '[pillarboard] %s\n' "$*" >&2; }
step() { printf '\n[pillarboard] (%s) %s\n' "$1" "$2" >&2; }
die() { say "ERROR: $*"; exit 1; }

pid_of() {
  local pid_file="$RUN_DIR/$1.pid" pid
  [ -f "$pid_file" ] || return 1
  pid=$(cat "$pid_file")
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

ready() { curl -fsS -o /dev/null --max-time 2 "http://localhost:$1/q/health/ready" 2>/dev/null; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Names whatever listens on a port (pid and command line, when ss may show them).
holder() {
  local pid
  pid=$(ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)
  if [ -n "$pid" ]; then
    printf 'pid %s: %s' "$pid" "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-160)"
  else
    printf 'a process this user cannot see'
  fi
}

# Each port must be free, or held by the service this checkout started.
check_ports() {
  local entry name port
  for entry in "${SERVICES[@]}"; do
    name=${entry%%:*} port=${entry##*:}
    if listening "$port" && ! pid_of "$name" >/dev/null; then
      die "port $port (for $name) is already in use by $(holder "$port").
  Stop that process first: if it is Pillarboard from another checkout, run 'scripts/run.sh stop' there;
  otherwise end it (kill <pid>) or free the port. The ports are fixed (the realm's redirect URLs name 8080)."
    fi
  done
  if listening "$KEYCLOAK_PORT" && ! "$REPO/scripts/keycloak.sh" status >/dev/null 2>&1; then
    die "port $KEYCLOAK_PORT (for Keycloak) is in use by $(holder "$KEYCLOAK_PORT"), which does not serve the pillarboard realm. Stop it first."
  fi
}

stop_service() {
  local name=$1 pid
  if pid=$(pid_of "$name"); then
    say "stopping $name (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      say "$name did not stop within 20 s: killing it"
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$RUN_DIR/$name.pid"
}

stop_services() {
  local i
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do stop_service "${SERVICES[i]%%:*}"; done
}

status() {
  local entry name port
  for entry in "${SERVICES[@]}"; do
    name=${entry%%:*} port=${entry##*:}
    if ready "$port"; then say "$name: ready on http://localhost:$port"; else say "$name: not running"; fi
  done
  if "$REPO/scripts/keycloak.sh" status >/dev/null 2>&1; then say "keycloak: ready on http://localhost:$KEYCLOAK_PORT"; else say "keycloak: not running"; fi
}

jar_of() { echo "$REPO/$1/target/quarkus-app/quarkus-run.jar"; }

# A build is due when a jar is missing or a pom or source file is newer than the oldest jar.
build_due() {
  local entry oldest="" jar
  for entry in "${SERVICES[@]}"; do
    jar=$(jar_of "${entry%%:*}")
    [ -f "$jar" ] || return 0
    if [ -z "$oldest" ] || [ "$jar" -ot "$oldest" ]; then oldest=$jar; fi
  done
  [ -n "$(find "$REPO/pom.xml" "$REPO"/*/pom.xml "$REPO"/*/src/main -newer "$oldest" -type f -print -quit 2>/dev/null)" ]
}

build() {
  say "./mvnw package -DskipTests (a few minutes the first time; log: .run/build.log)"
  local status
  set +e
  (cd "$REPO" && ./mvnw -B package -DskipTests) 2>&1 | tee "$RUN_DIR/build.log" \
    | sed -nu 's/^\[INFO\] Building \(Pillarboard :: \)\{0,1\}\([^:]*\) [0-9][^ ]*-SNAPSHOT *\(\[[0-9]*\/[0-9]*\]\)\{0,1\}$/  building \2 \3/p' >&2
  status=${PIPESTATUS[0]}
  set -e
  if [ "$status" -ne 0 ]; then
    grep -E '^\[ERROR\]' "$RUN_DIR/build.log" | head -20 >&2 || true
    die "the build failed; see .run/build.log"
  fi
}

# The portal's session cookie and CSRF tokens are protected with keys every replica shares; locally
# they are made once and kept in .run (so that sessions survive a restart).
portal_secrets() {
  local file="$RUN_DIR/portal-secrets.env"
  if [ ! -f "$file" ]; then
    (umask 077
     printf 'PORTAL_SESSION_SECRET=%s\nPORTAL_CSRF_KEY=%s\n' \
       "$(head -c 32 /dev/urandom | base64 | tr -d '\n=')" "$(head -c 32 /dev/urandom | base64 | tr -d '\n=')" >"$file")
  fi
  set -a
  # shellcheck source=/dev/null
  . "$file"
  set +a
}

# start_service <name> <port> [extra JVM options]: starts the jar from its directory (the archive
# names the class path as it was when it was written) and waits until it is ready.
start_service() {
  local name=$1 port=$2 dir="$REPO/$1/target/quarkus-app" pid
  shift 2
  if pid=$(pid_of "$name"); then
    if [ "$dir/quarkus-run.jar" -nt "$RUN_DIR/$name.pid" ]; then
      say "$name (pid $pid) runs an older build: restarting it"
      stop_service "$name"
    elif ready "$port"; then
      say "$name is already running (pid $pid) on :$port"
      return 0
    fi
  fi
  [ -f "$dir/quarkus-run.jar" ] || { say "$name has no packaged jar ($dir/quarkus-run.jar); skipped"; return 0; }
  cds_trained "$name" || record_archive "$name" "$port" "$dir" "$@"
  local cds=() archive
  archive=$(cds_archive "$name")
  [ -z "$archive" ] || cds=(-XX:SharedArchiveFile="$archive")
  say "starting $name on :$port (log: .run/$name.log)"
  # shellcheck disable=SC2046 # the options are words
  (cd "$dir" && exec nohup java $(java_opts_for "$name") "${cds[@]}" "$@" -jar quarkus-run.jar \
    >"$RUN_DIR/$name.log" 2>&1 </dev/null) &
  echo $! >"$RUN_DIR/$name.pid"
  local start=$SECONDS
  until ready "$port"; do
    if ! kill -0 "$(cat "$RUN_DIR/$name.pid")" 2>/dev/null; then
      tail -n 30 "$RUN_DIR/$name.log" >&2
      rm -f "$RUN_DIR/$name.pid"
      die "$name exited; see .run/$name.log"
    fi
    if [ $((SECONDS - start)) -ge 180 ]; then
      tail -n 30 "$RUN_DIR/$name.log" >&2
      die "$name did not become ready within 180 s; see .run/$name.log (still running: scripts/run.sh stop)"
    fi
    sleep 0.3
  done
  say "$name ready after $((SECONDS - start)) s"
}

# record_archive <name> <port> <dir> [extra JVM options]: once per build, a start of the service that goes all the way
# (database, Flyway, HTTP server, OIDC) and a stop, recording the classes it loaded into the archive every later start
# uses (cds_archive in scripts/jvm-options.sh). Without it the service starts from the package's archive.
record_archive() {
  local name=$1 port=$2 dir=$3 pid start=$SECONDS
  shift 3
  say "$name: recording its class-data archive, once per build (a start and a stop; log: .run/$name-cds.log)"
  # shellcheck disable=SC2046 # the options are words
  (cd "$dir" && exec nohup java $(java_opts_for "$name") "$(cds_recording "$name")" "$@" -jar quarkus-run.jar \
    >"$RUN_DIR/$name-cds.log" 2>&1 </dev/null) &
  pid=$!
  echo "$pid" >"$RUN_DIR/$name.pid"
  until ready "$port"; do
    if ! kill -0 "$pid" 2>/dev/null || [ $((SECONDS - start)) -ge 180 ]; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
      rm -f "$RUN_DIR/$name.pid" "$dir/trained-cds.jsa.part"
      say "$name: no archive recorded (see .run/$name-cds.log); it starts from the package's"
      return 0
    fi
    sleep 0.3
  done
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  rm -f "$RUN_DIR/$name.pid"
  cds_recorded "$name"
}

start_services() {
  local entry
  for entry in "${SERVICES[@]}"; do start_service "${entry%%:*}" "${entry##*:}"; done
}

# load_demo [--if-empty]: the demo loader runs from source, with SnakeYAML from the packaged scorecard.
load_demo() {
  local yaml
  yaml=$(ls "$REPO"/scorecard-service/target/quarkus-app/lib/main/org.yaml.snakeyaml-*.jar 2>/dev/null | head -1)
  [ -n "$yaml" ] || die "no SnakeYAML in scorecard-service/target/quarkus-app/lib/main; build first"
  java -cp "$yaml" "$REPO/scripts/demo/DemoLoader.java" --dir "$REPO/demo" "$@"
}

# warm_up: a service's first answer on each read path loads classes and compiles code (under a second on a quiet
# machine, more on a busy one), and the portal gives a read 0.8 s before it says the service is not answering. So the
# read paths the portal's first pages use are called a few times, with a token, and then the portal's pages themselves,
# before the banner says it is ready.
warm_up() {
  local token product team i path
  token=$("$REPO/scripts/keycloak.sh" token ada 2>/dev/null) || { say "warm-up skipped (no token from Keycloak)"; return 0; }
  get() { curl -fsS -o /dev/null --max-time 10 -H "Authorization: Bearer $token" "$1" 2>/dev/null || true; }
  product=$(curl -fsS --max-time 10 -H "Authorization: Bearer $token" "http://localhost:8082/api/scorecards?size=1" 2>/dev/null \
    | grep -o '"product" *: *"[^"]*"' | head -1 | sed 's/.*"\([^"]*\)"$/\1/') || true
  team=$(curl -fsS --max-time 10 -H "Authorization: Bearer $token" "http://localhost:8081/api/teams" 2>/dev/null \
    | grep -o '"slug" *: *"[^"]*"' | head -1 | sed 's/.*"\([^"]*\)"$/\1/') || true
  local paths=(
    8081/api/teams 8081/api/products?size=25 8081/api/changes/recent?limit=8
    8082/api/rubric 8082/api/rubric/versions 8082/api/overview "8082/api/scorecards?size=25&sort=-distance"
    "8082/api/tasks?priority=P1&size=5" "8082/api/waivers?status=requested&size=50" "8082/api/reviews?size=5"
  )
  [ -z "$product" ] || paths+=("8081/api/products/$product" "8082/api/scorecards/$product"
    "8082/api/scorecards/$product/history" "8082/api/scorecards/$product/readiness/pmf")
  [ -z "$team" ] || paths+=("8081/api/teams/$team" "8082/api/teams/$team/summary" "8082/api/teams/$team/history")
  local pids
  for i in 1 2 3; do
    pids=()
    for path in "${paths[@]}"; do get "http://localhost:$path" & pids+=($!); done
    wait "${pids[@]}"
  done
  # The portal's own first pages (its REST clients, its templates): signed in as ada, as a browser does.
  local cookie
  if ready 8080 && cookie=$("$REPO/benchmarks/portal-login.sh" http://localhost:8080 ada 2>/dev/null) && [ -n "$cookie" ]; then
    paths=(/ /products /teams /reviews /rubric)
    [ -z "$product" ] || paths+=("/products/$product")
    [ -z "$team" ] || paths+=("/teams/$team")
    for i in 1 2; do
      for path in "${paths[@]}"; do
        curl -fsS -o /dev/null --max-time 20 -H "Cookie: $cookie" "http://localhost:8080$path" 2>/dev/null || true
      done
    done
    # The warm-up's own requests may have timed out while cold: then let the portal's circuit breakers close again.
    if curl -fsS --max-time 20 -H "Cookie: $cookie" http://localhost:8080/products 2>/dev/null | grep -q 'is not answering'; then
      sleep 6
    fi
  fi
  say "warmed up: the portal's first pages answer at full speed"
}

banner() {
  local portal
  if ready 8080; then portal="http://localhost:8080"; else portal="(not running: portal-ui has no packaged jar yet)"; fi
  cat >&2 <<MSG

Pillarboard is running.

  Portal         $portal
                 sign in as a demo user (password = user name):
                   ada    platform admin            all teams, the rubric
                   lee    team lead                 payments
                   tara   team lead                 search, checkout
                   dana   developer                 payments, checkout
                   sam    developer                 search
                   guest  developer                 no team (reads only)
  Catalog API    http://localhost:8081/api   (OpenAPI: http://localhost:8081/q/openapi)
  Scorecard API  http://localhost:8082/api   (OpenAPI: http://localhost:8082/q/openapi)
  Keycloak       http://localhost:8180       (admin console: admin/admin)
  Logs           .run/catalog-service.log, .run/scorecard-service.log, .run/portal-ui.log, .run/keycloak.log

  A token for curl:  TOKEN=\$(scripts/keycloak.sh token ada)
                     curl -H "Authorization: Bearer \$TOKEN" http://localhost:8082/api/scorecards

Stop everything:     scripts/run.sh stop
Reload the demo:     scripts/run.sh demo --reset   (deletes all data in the databases catalog and scorecard)
MSG
}

prepare() {
  mkdir -p "$RUN_DIR"
  command -v java >/dev/null || die "Java 17 is required"
  command -v curl >/dev/null || die "curl is required"
  check_ports
  step 1/5 "PostgreSQL"
  "$REPO/scripts/ensure-postgres.sh"
  step 2/5 "Keycloak"
  "$REPO/scripts/keycloak.sh" start
  step 3/5 "build"
  case $BUILD in
    always) build ;;
    never) say "skipped (--no-build)" ;;
    *) if build_due; then build; else say "the jars are newer than the sources: nothing to build (--build forces it)"; fi ;;
  esac
  portal_secrets
}

BUILD=auto DEMO=${PILLARBOARD_DEMO:-1} COMMAND=start RESET=0
while [ $# -gt 0 ]; do
  case $1 in
    start) COMMAND=start ;;
    stop|status|demo) COMMAND=$1 ;;
    --build) BUILD=always ;;
    --no-build) BUILD=never ;;
    --no-demo) DEMO=0 ;;
    --reset) RESET=1 ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
    *) die "unknown argument '$1'; usage: scripts/run.sh [--build|--no-build] [--no-demo] | demo [--reset] | stop | status" ;;
  esac
  shift
done
[ "$RESET" = 0 ] || [ "$COMMAND" = demo ] || die "--reset goes with 'demo': scripts/run.sh demo --reset"

case $COMMAND in
  stop)
    stop_services
    "$REPO/scripts/keycloak.sh" stop || true
    exit 0 ;;
  status) status; exit 0 ;;
esac

prepare
if [ "$RESET" = 1 ]; then
  step 4/5 "services, with empty databases (demo --reset)"
  say "deleting everything in the databases catalog and scorecard: each service drops its schema as it starts"
  stop_services
  for entry in "${SERVICES[@]}"; do
    case ${entry%%:*} in
      catalog-service|scorecard-service)
        start_service "${entry%%:*}" "${entry##*:}" -Dquarkus.flyway.clean-at-start=true -Dquarkus.flyway.clean-disabled=false ;;
      *) start_service "${entry%%:*}" "${entry##*:}" ;;
    esac
  done
else
  step 4/5 "services"
  start_services
fi
if [ "$COMMAND" = demo ] || [ "$DEMO" = 1 ]; then
  step 5/5 "demo organisation (demo/, through the public APIs)"
  load_demo --if-empty
else
  step 5/5 "demo organisation: not loaded (--no-demo)"
fi
warm_up
banner
