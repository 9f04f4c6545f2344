#!/usr/bin/env bash
# Scorecard-service benchmark, rerunnable: full re-evaluation of 10,000 products with the default
# rubric through POST /api/evaluations (cold: every scorecard and task written; then steady state),
# and change-visible latency of ~50 signal pushes (push, poll the scorecard until it shows it).
#
#   benchmarks/scorecard.sh          # builds the jar if missing; uses database scorecard_bench (wiped)
#
# The catalog is not involved: the mirror (teams, products) and ~28 signals per product are seeded
# with SQL (benchmarks/scorecard_seed.sql), exactly as the catalog follower would store them; the
# follower is switched off (pillarboard.scorecard.sync.enabled=false).
# Needs: java 17, python3, psql, curl; starts PostgreSQL and Keycloak itself if they are not running (real
# tokens: ada, and the pillarboard-automation client) and stops on exit whatever it started.
# Environment: PRODUCTS (default 10000), PUSHES (default 50), PORT (default 18082),
# PILLARBOARD_JAVA_OPTS and PILLARBOARD_SCORECARD_JAVA_OPTS (scripts/jvm-options.sh), JFR=<file.jfr> (record the whole run),
# APP_LOG=<file> (keep the service's log).
set -euo pipefail
BENCH_NAME=scorecard
# shellcheck source=benchmarks/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT=${PORT:-18082}
PRODUCTS=${PRODUCTS:-10000}
PUSHES=${PUSHES:-50}
WORK=$BENCH_WORK
APP_LOG=${APP_LOG:-$WORK/app.log}
JAR="$REPO/scorecard-service/target/quarkus-app/quarkus-run.jar"
BASE="http://localhost:$PORT"
export PGPASSWORD=scorecard
PSQL=(psql -q -v ON_ERROR_STOP=1 -h localhost -U scorecard -d scorecard_bench)

# The service is stopped on exit, gracefully (a JFR recording is written on exit); lib.sh then stops
# the Keycloak and PostgreSQL too, if this script started them.
bench_on_exit bench_scorecard_stop

bench_alone
bench_postgres
bench_keycloak
[ -f "$JAR" ] || (cd "$REPO" && ./mvnw -B -q -pl scorecard-service -am package -DskipTests)

say "starting the scorecard jar on :$PORT (database scorecard_bench, wiped)"
# The JVM options of scripts/run.sh (the way the service runs): G1, 256 MB heap, C1 only
# (PILLARBOARD_SCORECARD_JAVA_OPTS="-XX:+UseG1GC" to compare with C2).
bench_scorecard_start "$JAR" "$APP_LOG" ${JFR:+-XX:StartFlightRecording=filename=$JFR,settings=profile,dumponexit=true}

say "seeding $PRODUCTS products and their signals with SQL"
"${PSQL[@]}" -v products="$PRODUCTS" -f "$REPO/benchmarks/scorecard_seed.sql"
SIGNALS=$("${PSQL[@]}" -tA -c "SELECT count(*) FROM signal")

ADMIN=$("$REPO/scripts/keycloak.sh" token ada)
# The rubric the installation started with (pillarboard.scorecard.rubric.first-default).
CHECKS=$(curl -fsS -H "Authorization: Bearer $ADMIN" "$BASE/api/rubric" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["checks"]))')
ROBOT=$("$REPO/scripts/keycloak.sh" client-token pillarboard-automation automation-secret)

# A bulk write leaves PostgreSQL work behind (autovacuum of the new rows). Let it finish before
# the next measurement, as it would have long finished between two full evaluations in production.
settle() {
  for _ in $(seq 1 120); do
    busy=$("${PSQL[@]}" -tA -c \
      "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker' OR query LIKE 'autovacuum:%'")
    [ "$busy" = 0 ] && break
    sleep 1
  done
}

# One job, timed by one python process that also polls it:
# "elapsed_ms done/total service_cpu_s postgres_cpu_s others_cpu_s".
job() { python3 "$REPO/benchmarks/scorecard_job.py" "$BASE" "$ADMIN" "$(bench_scorecard_pid)" "$@"; }

say "full re-evaluation, cold (no scorecards yet)"
LINE=$(job evaluate)
read -r COLD COLD_N COLD_JVM COLD_PG COLD_OTHER <<<"$LINE"
TASKS=$("${PSQL[@]}" -tA -c "SELECT count(*) FROM task")
HISTORY=$("${PSQL[@]}" -tA -c "SELECT count(*) FROM history")
settle
say "full re-evaluation, steady state (results unchanged)"
LINE=$(job evaluate)
read -r WARM1 _ WARM1_JVM WARM1_PG WARM1_OTHER <<<"$LINE"
settle
LINE=$(job evaluate)
read -r WARM2 _ WARM2_JVM WARM2_PG WARM2_OTHER <<<"$LINE"
settle
say "rubric change: every result changes (runbooks weight 3 -> 10), then a full re-evaluation"
# (through a file: edition 2's YAML, with its Japanese texts, is longer than one command-line argument may be)
curl -fsS -H "Authorization: Bearer $ADMIN" -H 'Accept: application/yaml' "$BASE/api/rubric" >"$WORK/default.yaml"
python3 - "$WORK/default.yaml" >"$WORK/heavier.yaml" <<'PY'
import re, sys
print(re.sub(r"(- id: runbooks.*?weight: )3", r"\g<1>10", open(sys.argv[1], encoding="utf-8").read(), count=1, flags=re.S))
PY
LINE=$(job publish "$WORK/heavier.yaml")
read -r CHANGED _ CHANGED_JVM CHANGED_PG CHANGED_OTHER <<<"$LINE"
settle
say "full re-evaluation, every result new again, in the now warm service (results, tasks and history wiped)"
"${PSQL[@]}" -c "TRUNCATE scorecard, task, history" -c "VACUUM ANALYZE scorecard, task, history"
LINE=$(job evaluate)
read -r FRESH _ FRESH_JVM FRESH_PG FRESH_OTHER <<<"$LINE"
settle
say "change-visible latency: $PUSHES signal pushes"
LATENCY=$(python3 "$REPO/benchmarks/scorecard_latency.py" "$BASE" "$ROBOT" "$ADMIN" "$PUSHES" "$PRODUCTS")
read -r N P50 P95 MAX <<<"$LATENCY"

cat <<REPORT

## Scorecard benchmark ($(date -u +%Y-%m-%d), $(nproc) cores, $PRODUCTS products, $SIGNALS signals, default rubric: $CHECKS checks)

| measure | result | goal |
|---|---|---|
| full re-evaluation, cold ($COLD_N products; every scorecard, $TASKS tasks, $HISTORY history points written) | ${COLD} ms | <= 5 s |
| full re-evaluation, every result new again in the warm service (same writes as cold) | ${FRESH} ms | <= 5 s |
| full re-evaluation, steady state (nothing changed) | ${WARM1} ms, ${WARM2} ms | <= 5 s |
| rubric publish to every product re-evaluated (every result changed) | ${CHANGED} ms | <= 5 s |
| signal push to visible in the scorecard ($N pushes) | p50 ${P50} ms, p95 ${P95} ms, max ${MAX} ms | p95 <= 2 s |

CPU seconds used during each job (service JVM / all PostgreSQL processes / everything else on the machine):
cold ${COLD_JVM} / ${COLD_PG} / ${COLD_OTHER}; steady ${WARM1_JVM} / ${WARM1_PG} / ${WARM1_OTHER} and
${WARM2_JVM} / ${WARM2_PG} / ${WARM2_OTHER}; rubric change ${CHANGED_JVM} / ${CHANGED_PG} / ${CHANGED_OTHER};
new again (warm) ${FRESH_JVM} / ${FRESH_PG} / ${FRESH_OTHER}.
REPORT
