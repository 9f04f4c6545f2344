#!/usr/bin/env bash
# Every Pillarboard benchmark in one run, with the machine's own ceiling measured alongside, so that a
# reader on another machine can compare ratios rather than absolute numbers (docs/PERFORMANCE.md).
#
#   benchmarks/all.sh                  # 1,000 / 10,000 / 50,000 products; about 21 minutes on 2 quiet cores, 28 with PEER=1
#   PEER=1 benchmarks/all.sh           # and the Backstage catalog next to Pillarboard's (peer-backstage.sh)
#   SIZES="1000" DURATION=5 WARMUP=5 STARTS=1 benchmarks/all.sh   # a quick try of the script itself
#
# For each block (the starts, then each size) it first measures the ceiling on the same PostgreSQL:
# pgbench select-only at the connections the services are measured at, and a COPY of 400,000 rows.
# Then:
#  - starts: each service (catalog, scorecard, portal) launched STARTS times with the class-data archive
#    scripts/run.sh uses (recorded once per build by a start and a stop; JVM launch to /q/health/ready), and its
#    resident memory idle;
#  - per size: the three services on wiped *_bench databases, the organisation loaded through the
#    public APIs (benchmarks/load.py: Backstage import in chunks of 10,000, signals in batches of 1,000
#    with the automation client's token), then catalog get-by-slug and a filtered page of 20 (wrk),
#    the portal's product list and product page (a signed-in user), full re-evaluations, change-visible
#    latency (a signal; a phase changed in the catalog), and each service's memory 10 s and 30 s after all that.
# Results: $OUT/results.jsonl and $OUT/report.md (rendered by benchmarks/report.py), also printed.
#
# Needs: java 17, python3, curl, wrk, psql and pgbench (PostgreSQL client), the jars (built if
# missing). Starts PostgreSQL and Keycloak itself and stops whatever it started; refuses to run while
# another benchmark runs (FORCE=1 to run anyway). Uses ports PORT_BASE..+2 (default 18100-18102).
# Environment: SIZES (default "1000 10000 50000"), DURATION (wrk seconds, default 15), WARMUP (default
# 30), STARTS (default 5), PUSHES (changes timed per size, default 50), CEILING_SECONDS (pgbench,
# default DURATION), PEER=1, OUT (default .run/bench/<time>), QUIET (wait until the 1-minute load
# average is below it, default off: the load is recorded next to every result either way),
# PILLARBOARD_*JAVA_OPTS (scripts/jvm-options.sh).
set -euo pipefail
BENCH_NAME=all
# shellcheck source=benchmarks/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SIZES=${SIZES:-"1000 10000 50000"}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-30}
STARTS=${STARTS:-5}
PUSHES=${PUSHES:-50}
CEILING_SECONDS=${CEILING_SECONDS:-$DURATION}
PORT_BASE=${PORT_BASE:-18100}
OUT=${OUT:-$REPO/.run/bench/$(date -u +%Y%m%dT%H%M%SZ)}
PORTAL="http://127.0.0.1:$PORT_BASE"   # 127.0.0.1: the realm lets the portal client return to any loopback port
CATALOG="http://localhost:$((PORT_BASE + 1))"
SCORECARD="http://localhost:$((PORT_BASE + 2))"
mkdir -p "$OUT"
export RESULTS="$OUT/results.jsonl"
: >"$RESULTS"
COMMAND="$(for v in SIZES DURATION WARMUP STARTS PUSHES CEILING_SECONDS PEER; do if [ -n "${!v+x}" ]; then printf '%s=%q ' "$v" "${!v}"; fi; done)benchmarks/all.sh"

for tool in java python3 curl wrk psql pgbench; do command -v "$tool" >/dev/null || die "$tool is missing (wrk: apt-get install -y wrk; psql, pgbench: postgresql-client)"; done
bench_alone
if [ -n "${QUIET:-}" ]; then
  say "waiting until the 1-minute load average is below $QUIET"
  until awk -v q="$QUIET" '{exit !($1 < q)}' /proc/loadavg; do sleep 10; done
fi
bench_postgres
bench_keycloak
bench_jars catalog-service scorecard-service portal-ui
rec kind=machine command="$COMMAND" date="$(date -u +%Y-%m-%dT%H:%MZ)" cpus="$(nproc)" \
  cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)" mem_gb="$(awk '/MemTotal/ {printf "%.0f", $2 / 1048576}' /proc/meminfo)" \
  postgres="$(PGPASSWORD=catalog psql -qtAX -h 127.0.0.1 -U catalog -d catalog_bench -c 'SHOW server_version' | cut -d' ' -f1)" \
  java="$(java -version 2>&1 | head -1 | sed 's/"//g')" commit="$(git -C "$REPO" rev-parse --short HEAD)"
ceiling_init

# Each service starts as scripts/run.sh starts it: from the class-data archive recorded once per build by a start to
# ready and a stop (target/quarkus-app/trained-cds.jsa, scripts/jvm-options.sh); the first run of the block "starts"
# records it when the build has none yet.
declare -A ENVS=(
  [catalog]="PG_DATABASE=catalog_bench CATALOG_NOTIFY_URLS=$SCORECARD/api/sync/nudge"
  [scorecard]="PG_DATABASE=scorecard_bench CATALOG_URL=$CATALOG CATALOG_CLIENT_SECRET=scorecard-secret"
  [portal]="CATALOG_URL=$CATALOG SCORECARD_URL=$SCORECARD PORTAL_CLIENT_SECRET=portal-secret"
)
declare -A MODULE=([catalog]=catalog-service [scorecard]=scorecard-service [portal]=portal-ui)
declare -A PORT=([catalog]=$((PORT_BASE + 1)) [scorecard]=$((PORT_BASE + 2)) [portal]=$PORT_BASE)
SERVICES=(catalog scorecard portal)
declare -A ARCHIVE=()
CLEAN=(-Dquarkus.flyway.clean-at-start=true -Dquarkus.flyway.clean-disabled=false)
# start SERVICE [java options...]: launched and waited for; READY_MS is the milliseconds to ready.
start() {
  local service=$1
  shift
  # shellcheck disable=SC2086
  bench_start "$service" "${MODULE[$service]}" "${PORT[$service]}" ${ENVS[$service]} -- "$@"
  READY_MS=$(bench_ready_ms "$service" "http://localhost:${PORT[$service]}/q/health/ready")
}

# http NAME LUA BASE CONNECTIONS WARMUP SERVICE...: a wrk measurement of the block, recorded.
http() {
  local name=$1 lua=$2 base=$3 connections=$4 warmup=$5 rps p50 p95 p99 errors requests others load
  shift 5
  say "measuring $name at $size products, $connections connections (warm-up ${warmup}s, ${DURATION}s)"
  # shellcheck disable=SC2046
  read -r rps p50 p95 p99 errors requests others load < <(bench_wrk "$lua" "$base" "$connections" "$warmup" "$DURATION" $(bench_pids "$@"))
  rec kind=http block="$size" name="$name" conns="$connections" rps="$rps" p50="$p50" p95="$p95" p99="$p99" \
    errors="$errors" requests="$requests" others="$others" load="$load"
  say "$name: $rps req/s, p50 $p50 ms, p95 $p95 ms, p99 $p99 ms, errors $errors (others used $others of the CPU, load $load)"
}

# job NAME evaluate|publish [RUBRIC]: a full re-evaluation of the block, timed until its job is done.
job() {
  local name=$1 elapsed done service_cpu pg_cpu others_cpu
  shift
  read -r elapsed done service_cpu pg_cpu others_cpu < <(python3 "$REPO/benchmarks/scorecard_job.py" "$SCORECARD" "$(user_token ada)" "${BENCH_PID[scorecard]}" "$@")
  [ -n "$elapsed" ] || die "the evaluation job $name failed"
  rec kind=duration block="$size" name="$name" ms="$elapsed" products="${done%/*}" service_cpu="$service_cpu" pg_cpu="$pg_cpu" others_cpu="$others_cpu"
  say "$name: $elapsed ms ($done products; CPU s: service $service_cpu, PostgreSQL $pg_cpu, others $others_cpu)"
  pg_settle scorecard scorecard_bench
}

say "block starts: the ceiling, then a first run of each service (wipes its database; records the class-data archive scripts/run.sh uses if this build has none yet)"
ceiling_measure starts "$CEILING_SECONDS" 2 8
for service in "${SERVICES[@]}"; do
  if cds_trained "${MODULE[$service]}"; then
    start "$service" "${CLEAN[@]}" -XX:SharedArchiveFile="$(cds_archive "${MODULE[$service]}")"
    bench_stop "$service"
  else
    start "$service" "${CLEAN[@]}" "$(cds_recording "${MODULE[$service]}")"
    bench_stop "$service"
    cds_recorded "${MODULE[$service]}"
  fi
  ARCHIVE[$service]=$(cds_archive "${MODULE[$service]}")
  [ -n "${ARCHIVE[$service]}" ] || die "${MODULE[$service]}: no class-data archive (is quarkus.package.jar.appcds.enabled set?)"
done
declare -A READY=()
for i in $(seq 1 "$STARTS"); do
  for service in "${SERVICES[@]}"; do
    start "$service" -XX:SharedArchiveFile="${ARCHIVE[$service]}"
    READY[$service]="${READY[$service]:-} $READY_MS"
  done
  say "start $i: ready after (catalog, scorecard, portal)$(for s in "${SERVICES[@]}"; do printf ' %s' "${READY[$s]##* }"; done) ms"
  if [ "$i" -lt "$STARTS" ]; then bench_stop "${SERVICES[@]}"; fi
done
sleep 10
for service in "${SERVICES[@]}"; do
  rec kind=start service="$service" ms="$(echo ${READY[$service]} | tr ' ' /)" rss_mb="$(bench_rss_mb "$service")"
done
bench_stop "${SERVICES[@]}"

PSQL_SCORECARD="psql -qX -h 127.0.0.1 -U scorecard -d scorecard_bench"
for size in $SIZES; do
  say "block $size products: the ceiling, then the services on wiped databases"
  ceiling_measure "$size" "$CEILING_SECONDS" 2 8
  for service in "${SERVICES[@]}"; do
    start "$service" "${CLEAN[@]}" -XX:SharedArchiveFile="${ARCHIVE[$service]}"
  done

  say "loading $size products through the APIs (import, then signals)"
  LOADED=$(PGPASSWORD=scorecard python3 "$REPO/benchmarks/load.py" --products "$size" --catalog "$CATALOG" \
    --scorecard "$SCORECARD" --queue-psql "$PSQL_SCORECARD" --timeout 1800)
  say "loaded: $LOADED"
  eval "$(python3 -c 'import json, sys; [print("L_%s=%s" % (k, v if not isinstance(v, list) else "/".join(map(str, v)))) for k, v in json.loads(sys.argv[1]).items()]' "$LOADED")"
  rec kind=duration block="$size" name=import ms="$L_import_ms" chunks="$L_import_chunks_ms"
  rec kind=duration block="$size" name=first-scorecards ms="$L_first_scorecards_ms"
  rec kind=duration block="$size" name=signals-push ms="$L_signals_push_ms" signals="$L_signals" batches="$L_signal_batches"
  rec kind=duration block="$size" name=signals-evaluated ms="$L_signals_evaluated_ms" signals="$L_signals"
  pg_settle catalog catalog_bench product team
  pg_settle scorecard scorecard_bench product team signal scorecard task history

  ADMIN=$(user_token ada)
  cat >"$BENCH_WORK/by-slug.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $ADMIN"
math.randomseed(7)
request = function() return wrk.format("GET", string.format("/api/products/comp-%05d", math.random(1, $size))) end
LUA
  cat >"$BENCH_WORK/list.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $ADMIN"
math.randomseed(11)
local phases = {"pre-launch", "pre-pmf", "pmf"}
request = function()
  return wrk.format("GET", string.format("/api/products?owner=team-%02d&phase=%s&sort=name&size=20", math.random(1, 50), phases[math.random(1, 3)]))
end
LUA
  http catalog-get-by-slug "$BENCH_WORK/by-slug.lua" "$CATALOG" 2 "$WARMUP" catalog
  http catalog-filtered-page "$BENCH_WORK/list.lua" "$CATALOG" 2 "$WARMUP" catalog
  http catalog-filtered-page "$BENCH_WORK/list.lua" "$CATALOG" 8 0 catalog

  COOKIE=$("$REPO/benchmarks/portal-login.sh" "$PORTAL" dana)
  [ -n "$COOKIE" ] || die "could not sign in to the portal"
  cat >"$BENCH_WORK/portal-list.lua" <<LUA
wrk.headers["Cookie"] = "$COOKIE"
math.randomseed(42)
request = function() return wrk.format("GET", "/products?page=" .. math.random(0, $(( (size + 24) / 25 - 1 )))) end
LUA
  cat >"$BENCH_WORK/portal-product.lua" <<LUA
wrk.headers["Cookie"] = "$COOKIE"
math.randomseed(7)
request = function() return wrk.format("GET", string.format("/products/comp-%05d", math.random(1, $size))) end
LUA
  http portal-product-list "$BENCH_WORK/portal-list.lua" "$PORTAL" 2 "$WARMUP" portal catalog scorecard
  http portal-product-page "$BENCH_WORK/portal-product.lua" "$PORTAL" 2 "$WARMUP" portal catalog scorecard

  job evaluation-unchanged evaluate
  # shellcheck disable=SC2086
  PGPASSWORD=scorecard $PSQL_SCORECARD -c "TRUNCATE scorecard, task, history" -c "VACUUM ANALYZE scorecard, task, history"
  job evaluation-all-new evaluate
  curl -fsS -H "Authorization: Bearer $ADMIN" -H 'Accept: application/yaml' "$SCORECARD/api/rubric" \
    | python3 -c 'import re, sys; print(re.sub(r"(- id: runbooks.*?weight: )3", r"\g<1>10", sys.stdin.read(), count=1, flags=re.S))' >"$BENCH_WORK/heavier.yaml"
  job evaluation-rubric-changed publish "$BENCH_WORK/heavier.yaml"

  for kind in signal catalog; do
    say "change visible in the scorecard: $PUSHES changes ($kind)"
    if [ "$kind" = signal ]; then extra=(); else extra=(--catalog "$CATALOG" --writer "$ADMIN"); fi
    read -r n p50 p95 max < <(python3 "$REPO/benchmarks/scorecard_latency.py" "$SCORECARD" "$(automation_token)" "$ADMIN" \
      "$PUSHES" "$size" --slug-format comp-%05d "${extra[@]}")
    rec kind=latency block="$size" name="change-visible-$kind" n="$n" p50="$p50" p95="$p95" max="$max"
    say "change-visible ($kind): p50 $p50 ms, p95 $p95 ms, max $max ms"
  done

  # Resident memory idle after the block: at 10 s, and at 30 s, when the JVMs have trimmed their C heap
  # (-XX:TrimNativeHeapInterval=10000) and G1 has run its periodic collection.
  sleep 10
  for service in "${SERVICES[@]}"; do rec kind=rss block="$size" service="$service" mb="$(bench_rss_mb "$service")"; done
  sleep 20
  for service in "${SERVICES[@]}"; do rec kind=rss30 block="$size" service="$service" mb="$(bench_rss_mb "$service")"; done
  bench_stop "${SERVICES[@]}"
done

if [ -n "${PEER:-}" ]; then
  say "the Backstage peer (benchmarks/peer-backstage.sh)"
  BENCH_CHILD=1 FORCE=1 DURATION=$DURATION WARMUP=$WARMUP CEILING_SECONDS=$CEILING_SECONDS "$REPO/benchmarks/peer-backstage.sh" >/dev/null \
    || say "the Backstage peer did not complete (see above); the report has Pillarboard's figures only"
fi

python3 "$REPO/benchmarks/report.py" "$RESULTS" | tee "$OUT/report.md"
say "results: $RESULTS, report: $OUT/report.md"
