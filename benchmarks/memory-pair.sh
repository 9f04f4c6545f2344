#!/usr/bin/env bash
# The catalog's resident memory under two sets of JVM options, alternated round by round, rerunnable: after start,
# at the end of a burst of reads, and idle 10 s and 30 s after it; with the reads' throughput beside it, so that an
# option that saves memory is seen with what it costs (docs/PERFORMANCE.md, "The C heap trimmed when idle").
#
#   benchmarks/memory-pair.sh "<options B>"
#   benchmarks/memory-pair.sh "-XX:TrimNativeHeapInterval=0"          # today's options without the C heap trim
#
# A runs the catalog with the options scripts/run.sh gives it (scripts/jvm-options.sh); B with the same followed by
# the options given (for -XX options the last one wins). Each run starts from the class-data archive run.sh uses, on
# the database catalog_bench wiped, with the demo organisation imported (demo/catalog-info.yaml), then reads a page
# of 100 products sorted by name at 8 connections for DURATION seconds.
# Needs what benchmarks/catalog.sh needs; starts PostgreSQL and Keycloak if they are not running and stops them again.
# Environment: ROUNDS (default 3), DURATION (default 15), PORT (default 18081).
set -euo pipefail
BENCH_NAME=memory-pair
# shellcheck source=benchmarks/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ $# -eq 1 ] || die "usage: benchmarks/memory-pair.sh \"<JVM options B>\""
OPTIONS_B=$1
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15}
PORT=${PORT:-18081}
BASE="http://localhost:$PORT"
CLEAN=(-Dquarkus.flyway.clean-at-start=true -Dquarkus.flyway.clean-disabled=false)

bench_alone
bench_postgres
bench_keycloak
bench_jars catalog-service
ARCHIVE=$(cds_archive catalog-service)
[ -n "$ARCHIVE" ] || die "catalog-service: no class-data archive (./mvnw package writes one)"
TOKEN=$(user_token ada)
printf 'wrk.headers["Authorization"] = "Bearer %s"\nwrk.path = "/api/products?size=100&sort=name"\n' "$TOKEN" \
  >"$BENCH_WORK/list.lua"

# run A|B: one start, the demo import, the reads, the idle readings; prints the row.
run() {
  local mode=$1 opts=() start_mb rps end_mb idle10_mb idle30_mb
  # shellcheck disable=SC2206
  [ "$mode" = A ] || opts=($OPTIONS_B)
  bench_start catalog catalog-service "$PORT" PG_DATABASE=catalog_bench -- "${CLEAN[@]}" \
    -XX:SharedArchiveFile="$ARCHIVE" "${opts[@]}"
  bench_ready_ms catalog "$BASE/q/health/ready" >/dev/null
  curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/yaml' \
    --data-binary "@$REPO/demo/catalog-info.yaml" "$BASE/api/import"
  sleep 3
  start_mb=$(bench_rss_mb catalog)
  rps=$(wrk -t2 -c8 -d"${DURATION}s" -s "$BENCH_WORK/list.lua" "$BASE" | awk '/Requests\/sec/ {printf "%d", $2}')
  end_mb=$(bench_rss_mb catalog)
  sleep 10
  idle10_mb=$(bench_rss_mb catalog)
  sleep 20
  idle30_mb=$(bench_rss_mb catalog)
  bench_stop catalog
  echo "| $round | $mode | $start_mb MB | $rps | $end_mb MB | $idle10_mb MB | $idle30_mb MB |"
}

say "A: $(java_opts_for catalog-service)"
say "B: A and $OPTIONS_B"
echo "| round | options | after start and import | reads (req/s) | end of the reads | idle 10 s | idle 30 s |"
echo "|---|---|---|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  run A
  run B
done
