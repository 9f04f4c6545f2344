# Shared by the benchmark scripts (sourced, not run): start the services from their packaged jars as
# scripts/run.sh does and time them, run wrk with percentiles, measure the machine's ceiling on the
# same PostgreSQL, record results, and stop on exit everything the script started (services, the
# Keycloak if it was not running before, the ceiling's tables).
#
# A script sets BENCH_NAME, sources this file, and may add cleanup commands with bench_on_exit.
# shellcheck shell=bash

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/jvm-options.sh
. "$REPO/scripts/jvm-options.sh"
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
BENCH_WORK=$(mktemp -d)
BENCHLIB="$REPO/benchmarks/benchlib.py"
declare -A BENCH_PID=()
BENCH_KEYCLOAK_STARTED=
BENCH_EXIT=()

say() { printf '[bench/%s %s] %s\n' "${BENCH_NAME:-bench}" "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
bench_on_exit() { BENCH_EXIT+=("$1"); }

# bench_stop NAME...: stops those services (TERM, so that a JVM writes its class-data archive or
# its flight recording; KILL after 30 s).
bench_stop() {
  local name pid
  for name in "$@"; do
    pid=${BENCH_PID[$name]:-}
    [ -n "$pid" ] || continue
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    unset "BENCH_PID[$name]"
  done
}

bench_cleanup() {
  local status=$? command
  trap - EXIT
  # shellcheck disable=SC2046
  [ ${#BENCH_PID[@]} -eq 0 ] || bench_stop $(printf '%s\n' "${!BENCH_PID[@]}")
  for command in "${BENCH_EXIT[@]}"; do eval "$command" || true; done
  if [ -n "$BENCH_KEYCLOAK_STARTED" ]; then
    say "stopping the Keycloak this benchmark started"
    "$REPO/scripts/keycloak.sh" stop >/dev/null 2>&1 || true
  fi
  if [ -n "$BENCH_POSTGRES_STARTED" ]; then
    say "stopping the PostgreSQL cluster this benchmark started ($BENCH_POSTGRES_STARTED)"
    # shellcheck disable=SC2086
    if [ "$(id -u)" = 0 ]; then pg_ctlcluster --skip-systemctl-redirect $BENCH_POSTGRES_STARTED stop || true
    else sudo -n pg_ctlcluster --skip-systemctl-redirect $BENCH_POSTGRES_STARTED stop 2>/dev/null || true; fi
  fi
  rm -rf "$BENCH_WORK"
  exit "$status"
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

# PostgreSQL through scripts/ensure-postgres.sh; if nothing answered on :5432 before, the cluster it
# started is stopped again on exit.
BENCH_POSTGRES_STARTED=
bench_postgres() {
  pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || BENCH_POSTGRES_STARTED=$(pg_lsclusters -h 2>/dev/null | awk '$3 == 5432 {print $1 " " $2; exit}')
  "$REPO/scripts/ensure-postgres.sh"
  [ -n "$BENCH_POSTGRES_STARTED" ] || pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || die "PostgreSQL does not answer"
}

# The Keycloak of scripts/keycloak.sh; stopped again on exit if it was not running before.
bench_keycloak() {
  "$REPO/scripts/keycloak.sh" status >/dev/null 2>&1 || BENCH_KEYCLOAK_STARTED=yes
  "$REPO/scripts/keycloak.sh" start
}
user_token() { "$REPO/scripts/keycloak.sh" token "$1"; }
automation_token() { "$REPO/scripts/keycloak.sh" client-token pillarboard-automation automation-secret; }

# The scorecard benchmarks' service (scorecard.sh, scorecard-pair.sh): bench_scorecard_start JAR LOG [java options...]
# starts JAR on :$PORT with the JVM options of scripts/run.sh (and those given), in prod mode, on database
# scorecard_bench wiped by Flyway, the catalog follower off (the mirror is seeded with SQL), and waits until it is
# ready; its pid in $BENCH_WORK/scorecard.pid. bench_scorecard_stop stops it gracefully (a JFR recording is
# written on exit).
bench_scorecard_start() {
  local jar=$1 log=$2
  shift 2
  # shellcheck disable=SC2046
  PG_DATABASE=scorecard_bench CATALOG_CLIENT_SECRET=${CATALOG_CLIENT_SECRET:-scorecard-secret} \
    java $(java_opts_for scorecard-service) "$@" -Dquarkus.http.port="$PORT" -Dquarkus.flyway.clean-at-start=true \
    -Dquarkus.flyway.clean-disabled=false -Dpillarboard.scorecard.sync.enabled=false -jar "$jar" >"$log" 2>&1 &
  echo $! >"$BENCH_WORK/scorecard.pid"
  until curl -fsS -o /dev/null "http://localhost:$PORT/q/health/ready" 2>/dev/null; do
    kill -0 "$(cat "$BENCH_WORK/scorecard.pid")" 2>/dev/null || { tail -n 40 "$log" >&2; die "the scorecard ($jar) did not start"; }
    sleep 0.1
  done
}
bench_scorecard_stop() {
  [ -f "$BENCH_WORK/scorecard.pid" ] || return 0
  local pid
  pid=$(cat "$BENCH_WORK/scorecard.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$BENCH_WORK/scorecard.pid"
}
bench_scorecard_pid() { cat "$BENCH_WORK/scorecard.pid"; }

# Refuses to run while another benchmark runs on this machine (two at once measure nothing).
bench_alone() {
  local others
  others=$(python3 "$BENCHLIB" others $$)
  [ -z "$others" ] || [ -n "${FORCE:-}" ] || die "another benchmark runs (FORCE=1 to measure anyway):
$others"
}

bench_jars() {
  local module missing=
  for module in "$@"; do [ -f "$REPO/$module/target/quarkus-app/quarkus-run.jar" ] || missing=yes; done
  [ -z "$missing" ] || (cd "$REPO" && say "building the jars (./mvnw package -DskipTests)" && ./mvnw -B -q package -DskipTests)
}

# bench_start NAME MODULE PORT [VAR=value...] [-- java options...]: starts a service's packaged jar
# with the JVM options of scripts/run.sh, its log in $BENCH_WORK/NAME.log.
bench_start() {
  local name=$1 module=$2 port=$3 envs=() opts=()
  shift 3
  while [ $# -gt 0 ]; do
    if [ "$1" = -- ]; then shift; opts=("$@"); break; fi
    envs+=("$1"); shift
  done
  # shellcheck disable=SC2046
  (cd "$REPO/$module/target/quarkus-app" && exec env "${envs[@]}" java $(java_opts_for "$module") "${opts[@]}" \
    -Dquarkus.http.port="$port" -jar quarkus-run.jar >"$BENCH_WORK/$name.log" 2>&1) &
  BENCH_PID[$name]=$!
}

# bench_ready_ms NAME URL: waits until URL answers 200 and prints the milliseconds since NAME's JVM
# was launched (one Python process polls every 20 ms: a curl per attempt would take CPU from a
# starting JVM on two cores).
bench_ready_ms() {
  python3 "$BENCHLIB" wait-ready "$2" "${BENCH_PID[$1]}" || { tail -n 40 "$BENCH_WORK/$1.log" >&2; die "$1 did not start"; }
}

bench_rss_mb() { echo $(( $(ps -o rss= -p "${BENCH_PID[$1]}") / 1024 )); }
bench_pids() { local name; for name in "$@"; do printf '%s ' "${BENCH_PID[$name]}"; done; }

# rec KEY=VALUE...: one result in $RESULTS (JSON lines; benchmarks/report.py renders them).
rec() { python3 "$BENCHLIB" rec "$RESULTS" "$@"; }

# bench_wrk LUA BASE CONNECTIONS WARMUP_S DURATION_S [PID...]: wrk on one thread after a warm-up
# (the JIT compiles the hot path), then prints "rps p50 p95 p99 errors requests others load": latency
# percentiles in ms, non-2xx and socket errors, the share of the machine's CPU that processes other
# than PID..., PostgreSQL and wrk used meanwhile, and the load average at the end.
bench_wrk() {
  local lua=$1 base=$2 connections=$3 warmup=$4 duration=$5 result
  shift 5
  cat "$lua" - >"$BENCH_WORK/run.lua" <<'LUA'
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.2f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors, summary.requests))
end
LUA
  [ "$warmup" -gt 0 ] && wrk -t1 -c"$connections" -d"${warmup}s" --timeout 5s -s "$BENCH_WORK/run.lua" "$base" >/dev/null
  result=$(python3 "$BENCHLIB" measure "$@" -- wrk -t1 -c"$connections" -d"${duration}s" --timeout 5s -s "$BENCH_WORK/run.lua" "$base")
  [[ $result == *RESULT* ]] || die "wrk printed no result for $lua"
  echo "$(sed -n 's/^RESULT //p' <<<"$result") $(sed -n 's/^OTHERS //p' <<<"$result")"
}

# The machine's ceiling, on the same PostgreSQL as the services: pgbench select-only (prepared
# statements) in schema "ceiling" of catalog_bench, and a COPY of 400,000 product-like rows.
CEILING_PSQL=(env PGOPTIONS=-c\ client_min_messages=warning psql -qX -v ON_ERROR_STOP=1 -h 127.0.0.1 -U catalog -d catalog_bench)
CEILING_SCALE=${CEILING_SCALE:-10}
ceiling_init() {
  say "ceiling: pgbench tables (scale $CEILING_SCALE) and 400,000 rows to COPY, in schema ceiling of catalog_bench"
  PGPASSWORD=catalog "${CEILING_PSQL[@]}" -c "DROP SCHEMA IF EXISTS ceiling CASCADE" -c "CREATE SCHEMA ceiling" \
    -c "CREATE TABLE ceiling.copy_rows (slug text PRIMARY KEY, name text NOT NULL, description text NOT NULL,
          owner text NOT NULL, phase text NOT NULL, tier integer NOT NULL, tags text[] NOT NULL, updated_at timestamptz NOT NULL)"
  bench_on_exit 'PGPASSWORD=catalog "${CEILING_PSQL[@]}" -c "DROP SCHEMA IF EXISTS ceiling CASCADE" >/dev/null 2>&1'
  PGPASSWORD=catalog PGOPTIONS='-c search_path=ceiling' pgbench -q -i -s "$CEILING_SCALE" -h 127.0.0.1 -U catalog catalog_bench \
    >"$BENCH_WORK/pgbench-init.log" 2>&1 || { cat "$BENCH_WORK/pgbench-init.log" >&2; die "pgbench -i failed"; }
  PGPASSWORD=catalog "${CEILING_PSQL[@]}" -c "COPY (SELECT 'comp-' || lpad(i::text, 6, '0'), 'Component ' || i,
      'Service number ' || i || ' of the benchmark catalog, handling checkout traffic', 'team-' || lpad((i % 50 + 1)::text, 2, '0'),
      (ARRAY['pre-launch', 'pre-pmf', 'pmf'])[i % 3 + 1], i % 3 + 1, ARRAY['java', 'payments'], now()
      FROM generate_series(1, 400000) i) TO STDOUT" >"$BENCH_WORK/copy-rows.tsv"
}
# ceiling_measure BLOCK DURATION_S CONNECTIONS...: pgbench at each concurrency and the COPY (median
# of three), recorded under BLOCK.
ceiling_measure() {
  local block=$1 duration=$2 connections out tps latency others runs=() t0 i
  shift 2
  for connections in "$@"; do
    out=$(PGPASSWORD=catalog PGOPTIONS='-c search_path=ceiling' python3 "$BENCHLIB" measure -- pgbench -n -S -M prepared \
      -c "$connections" -j "$(( connections < 2 ? connections : 2 ))" -T "$duration" -h 127.0.0.1 -U catalog catalog_bench 2>&1)
    tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out" | tail -1)
    latency=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' <<<"$out")
    [ -n "$tps" ] || { echo "$out" >&2; die "pgbench failed"; }
    others=$(sed -n 's/^OTHERS \([0-9.]*\) .*/\1/p' <<<"$out")
    rec kind=pgbench block="$block" conns="$connections" tps="$tps" lat_ms="$latency" others="$others"
    say "ceiling ($block): pgbench select-only, $connections connections: $tps tps, mean latency $latency ms"
  done
  for i in 1 2 3; do
    PGPASSWORD=catalog "${CEILING_PSQL[@]}" -c "TRUNCATE ceiling.copy_rows"
    t0=$(date +%s%3N)
    PGPASSWORD=catalog "${CEILING_PSQL[@]}" -c "\\copy ceiling.copy_rows FROM '$BENCH_WORK/copy-rows.tsv'"
    runs+=($(( $(date +%s%3N) - t0 )))
  done
  read -r t0 < <(printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p)
  rec kind=copy block="$block" rows=400000 ms="$t0" runs="$(IFS=/; echo "${runs[*]}")"
  say "ceiling ($block): COPY of 400,000 rows: median $t0 ms (${runs[*]})"
}

# Waits until PostgreSQL's autovacuum has finished what a bulk write left behind (it would have
# long finished in steady state), then vacuums and analyses TABLES in database DB as ROLE.
pg_settle() {
  local role=$1 db=$2 busy
  shift 2
  for _ in $(seq 1 180); do
    busy=$(PGPASSWORD=$role psql -qtAX -h 127.0.0.1 -U "$role" -d "$db" -c \
      "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")
    [ "$busy" = 0 ] && break
    sleep 1
  done
  [ $# -eq 0 ] || PGPASSWORD=$role psql -qX -h 127.0.0.1 -U "$role" -d "$db" -c "VACUUM ANALYZE $(IFS=,; echo "$*")"
}
