#!/usr/bin/env bash
# Catalog-service benchmark, rerunnable: start time, idle memory, import of a 10,000-component
# Backstage file, get-by-slug and filtered-list throughput/latency at 2 connections (wrk).
#
#   benchmarks/catalog.sh            # builds the jar if missing; uses database catalog_bench (wiped)
#
# Needs: java 17, python3, curl, wrk (apt-get install -y wrk); starts PostgreSQL and Keycloak itself if they
# are not running, and stops on exit whatever it started (the service, that Keycloak, that PostgreSQL).
# Environment: DURATION (wrk seconds per run, default 15), WARMUP (seconds before each, default 30),
# PRODUCTS (default 10000), PORT (default 18081), STARTS (timed starts with the archive, default 5),
# PILLARBOARD_JAVA_OPTS and PILLARBOARD_CATALOG_JAVA_OPTS (scripts/jvm-options.sh).
set -euo pipefail
BENCH_NAME=catalog
# shellcheck source=benchmarks/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT=${PORT:-18081}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-30}
PRODUCTS=${PRODUCTS:-10000}
WORK=$BENCH_WORK
JAR="$REPO/catalog-service/target/quarkus-app/quarkus-run.jar"
STARTS=${STARTS:-5}
JAVA_OPTS=$(java_opts_for catalog-service)
BASE="http://localhost:$PORT"
APP_PID=

# The service is stopped on exit (lib.sh stops the Keycloak and PostgreSQL too, if this script started them).
bench_on_exit '[ -f "$WORK/app.pid" ] && kill "$(cat "$WORK/app.pid")" 2>/dev/null'

command -v wrk >/dev/null || die "wrk is missing: apt-get install -y wrk"
bench_alone
bench_postgres
bench_keycloak
[ -f "$JAR" ] || (cd "$REPO" && ./mvnw -B -q -pl catalog-service -am package -DskipTests)

now_ms() { date +%s%3N; }
rss_mb() { echo $(( $(ps -o rss= -p "$1") / 1024 )); }

# Waits until $1 answers 200 and prints the milliseconds since $2 (epoch ms). One small Python
# process polls every 20 ms: a curl process per attempt took CPU from the starting JVM on two
# cores (about 0.25 s over a start).
wait_ready_ms() {
  python3 - "$1" "$2" "$APP_PID" <<'PY'
import sys, time, urllib.request
url, t0, pid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
while True:
    try:
        urllib.request.urlopen(url, timeout=2)
        break
    except Exception:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                exited = stat.read().rsplit(")", 1)[1].split()[0] == "Z"
        except OSError:
            exited = True
        if exited:
            sys.exit("the service exited")
        time.sleep(0.02)
print(int(time.time() * 1000) - t0)
PY
}

start_app() {
  local extra=$1 t0
  t0=$(now_ms)
  # shellcheck disable=SC2086
  java $JAVA_OPTS -Dquarkus.http.port="$PORT" -Dpillarboard.catalog.notify.urls= $extra -jar "$JAR" \
    >"$WORK/app.log" 2>&1 &
  APP_PID=$!
  echo "$APP_PID" >"$WORK/app.pid"
  wait_ready_ms "$BASE/q/health/ready" "$t0" || { cat "$WORK/app.log" >&2; exit 1; }
}

stop_app() {
  APP_PID=$(cat "$WORK/app.pid")
  kill "$APP_PID"
  while kill -0 "$APP_PID" 2>/dev/null; do sleep 0.1; done
  APP_PID=
}

export PG_DATABASE=catalog_bench
say "first start: wipes and migrates catalog_bench, records a class-data-sharing archive (as scripts/run.sh does)"
start_app "-Dquarkus.flyway.clean-at-start=true -Dquarkus.flyway.clean-disabled=false -XX:ArchiveClassesAtExit=$WORK/app.jsa" >/dev/null
stop_app
say "cold start without the archive (JVM launch to ready)"
PLAIN_MS=$(start_app "")
stop_app
say "$STARTS cold starts with the archive (JVM launch to ready, each a new JVM)"
START_MS=()
for i in $(seq 1 "$STARTS"); do
  START_MS+=("$(start_app "-XX:SharedArchiveFile=$WORK/app.jsa")")
  if [ "$i" -lt "$STARTS" ]; then stop_app; fi
done
read -r READY_MEDIAN READY_MIN READY_MAX < <(printf '%s\n' "${START_MS[@]}" | sort -n |
  awk '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : int((v[NR/2]+v[NR/2+1])/2); print m, v[1], v[NR]}')
say "ready after ${START_MS[*]} ms"
APP_PID=$(cat "$WORK/app.pid")
STARTED=$(grep -o 'started in [0-9.]*s' "$WORK/app.log" | head -1)
sleep 5
IDLE_RSS=$(rss_mb "$APP_PID")

TOKEN=$("$REPO/scripts/keycloak.sh" token ada)
python3 "$REPO/benchmarks/gen-backstage.py" "$PRODUCTS" 50 >"$WORK/catalog.yaml"
say "importing $PRODUCTS components ($(du -h "$WORK/catalog.yaml" | cut -f1))"
t0=$(now_ms)
curl -fsS -o "$WORK/import.json" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/yaml' \
  --data-binary "@$WORK/catalog.yaml" "$BASE/api/import"
TOTAL=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE/api/products?size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
IMPORT_MS=$(( $(now_ms) - t0 ))
COUNTS=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["counts"])' "$WORK/import.json")
say "imported in ${IMPORT_MS} ms; queryable total=$TOTAL; $COUNTS"

# A bulk load leaves PostgreSQL work behind (autovacuum, the GIN indexes' pending lists). Let it
# finish before measuring reads, as it would have long finished on a catalog in steady state.
say "waiting for PostgreSQL's background work after the bulk load"
for _ in $(seq 1 120); do
  busy=$(PGPASSWORD=catalog psql -qtA -h 127.0.0.1 -U catalog -d catalog_bench -c \
    "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker' OR query LIKE 'autovacuum:%'")
  [ "$busy" = 0 ] && break
  sleep 1
done
PGPASSWORD=catalog psql -qtA -h 127.0.0.1 -U catalog -d catalog_bench -c "VACUUM ANALYZE product" >/dev/null

cat >"$WORK/by-slug.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
math.randomseed(7)
request = function()
  return wrk.format("GET", string.format("/api/products/comp-%05d", math.random(1, $PRODUCTS)))
end
LUA
cat >"$WORK/list.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
math.randomseed(11)
local phases = {"pre-launch", "pre-pmf", "pmf"}
request = function()
  return wrk.format("GET", string.format("/api/products?owner=team-%02d&phase=%s&sort=name&size=20",
      math.random(1, 50), phases[math.random(1, 3)]))
end
LUA

run_wrk() {
  local name=$1 script=$2
  say "warm-up: $name (${WARMUP}s, lets the JIT compile the hot path)"
  wrk -t1 -c2 -d"${WARMUP}s" -s "$script" "$BASE" >/dev/null
  say "measuring: $name (${DURATION}s, 2 connections)"
  wrk -t1 -c2 -d"${DURATION}s" --latency -s "$script" "$BASE" >"$WORK/$name.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/$name.txt")
  errors=$(grep -E 'Non-2xx|Socket errors' "$WORK/$name.txt" || true)
  printf '%s|%s|%s|%s|%s\n' "$name" "$rps" "$p50" "$p99" "${errors:-none}"
}

BY_SLUG=$(run_wrk get-by-slug "$WORK/by-slug.lua")
LIST=$(run_wrk filtered-list "$WORK/list.lua")
sleep 10
AFTER_RSS=$(rss_mb "$APP_PID")
sleep 20
AFTER_RSS30=$(rss_mb "$APP_PID")

cat <<REPORT

## Catalog benchmark ($(date -u +%Y-%m-%d), $(nproc) cores, $PRODUCTS products)

| measure | result | goal |
|---|---|---|
| ready after JVM launch, with the CDS archive of a first run | median ${READY_MEDIAN} ms of $STARTS starts (${READY_MIN}-${READY_MAX} ms; last, Quarkus: ${STARTED}) | <= 3 s |
| ready after JVM launch, no archive | ${PLAIN_MS} ms | |
| resident memory, idle after start | ${IDLE_RSS} MB | <= 250 MB |
| resident memory, idle 10 s after the import and the load runs | ${AFTER_RSS} MB | (for comparison) |
| resident memory, idle 30 s after them | ${AFTER_RSS30} MB | (for comparison) |
| import of $PRODUCTS components, imported and queryable | ${IMPORT_MS} ms | <= 5 s |
REPORT
for row in "$BY_SLUG" "$LIST"; do
  IFS='|' read -r name rps p50 p99 errors <<<"$row"
  echo "| $name, 2 connections | $rps req/s, p50 $p50, p99 $p99 (errors: $errors) | $([ "$name" = get-by-slug ] && echo '>= 5,000 req/s' || echo '>= 2,000 req/s, p99 <= 5 ms') |"
done
