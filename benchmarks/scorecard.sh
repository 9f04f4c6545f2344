#!/usr/bin/env bash
# Scorecard-service benchmark, rerunnable: full re-evaluation of 10,000 products with the default
# rubric through POST /api/evaluations (cold: every scorecard and task written; then steady state),
# and change-visible latency of ~50 signal pushes (push, poll the scorecard until it shows it).
#
#   benchmarks/scorecard.sh          # builds the jar if missing; uses database scorecard_bench (wiped)
#
# The catalog is not involved: the mirror (teams, products) and ~14 signals per product are seeded
# with SQL (benchmarks/scorecard_seed.sql), exactly as the catalog follower would store them; the
# follower is switched off (pillarboard.scorecard.sync.enabled=false).
# Needs: java 17, python3, psql, curl; starts PostgreSQL and Keycloak itself (real tokens: ada,
# and the pillarboard-automation client).
# Environment: PRODUCTS (default 10000), PUSHES (default 50), PORT (default 18082).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PORT=${PORT:-18082}
PRODUCTS=${PRODUCTS:-10000}
PUSHES=${PUSHES:-50}
WORK=$(mktemp -d)
JAR="$REPO/scorecard-service/target/quarkus-app/quarkus-run.jar"
JAVA_OPTS=${PILLARBOARD_JAVA_OPTS:-"-XX:+UseParallelGC -Xms256m -Xmx1g"}
BASE="http://localhost:$PORT"
export PGPASSWORD=scorecard
PSQL=(psql -q -v ON_ERROR_STOP=1 -h localhost -U scorecard -d scorecard_bench)

say() { printf '[bench/scorecard] %s\n' "$*" >&2; }
cleanup() {
  [ -f "$WORK/app.pid" ] && kill "$(cat "$WORK/app.pid")" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

"$REPO/scripts/ensure-postgres.sh"
"$REPO/scripts/keycloak.sh" start
[ -f "$JAR" ] || (cd "$REPO" && ./mvnw -B -q -pl scorecard-service package -DskipTests)

now_ms() { date +%s%3N; }

say "starting the scorecard jar on :$PORT (database scorecard_bench, wiped)"
# shellcheck disable=SC2086
PG_DATABASE=scorecard_bench java $JAVA_OPTS -Dquarkus.http.port="$PORT" \
  -Dquarkus.flyway.clean-at-start=true -Dquarkus.flyway.clean-disabled=false \
  -Dpillarboard.scorecard.sync.enabled=false -jar "$JAR" >"$WORK/app.log" 2>&1 &
echo $! >"$WORK/app.pid"
until curl -fsS -o /dev/null "$BASE/q/health/ready" 2>/dev/null; do
  kill -0 "$(cat "$WORK/app.pid")" 2>/dev/null || { cat "$WORK/app.log" >&2; exit 1; }
  sleep 0.1
done

say "seeding $PRODUCTS products and their signals with SQL"
"${PSQL[@]}" -v products="$PRODUCTS" -f "$REPO/benchmarks/scorecard_seed.sql"
SIGNALS=$("${PSQL[@]}" -tA -c "SELECT count(*) FROM signal")

ADMIN=$("$REPO/scripts/keycloak.sh" token ada)
ROBOT=$("$REPO/scripts/keycloak.sh" client-token pillarboard-automation automation-secret)

evaluate() {
  local t0 location status body
  t0=$(now_ms)
  location=$(curl -fsS -D - -o /dev/null -X POST -H "Authorization: Bearer $ADMIN" "$BASE/api/evaluations" \
    | awk 'tolower($1)=="location:" {print $2}' | tr -d '\r')
  [[ $location == http* ]] || location="$BASE$location"
  [ -n "$location" ] || { say "no Location from POST /api/evaluations"; exit 1; }
  while :; do
    body=$(curl -fsS -H "Authorization: Bearer $ADMIN" "$location")
    status=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["status"])' "$body")
    [ "$status" = done ] && break
    [ "$status" = failed ] && { echo "$body" >&2; exit 1; }
    sleep 0.02
  done
  echo "$(( $(now_ms) - t0 ))|$(python3 -c 'import json,sys; j=json.loads(sys.argv[1]); print("%d/%d" % (j["done"], j["total"]))' "$body")"
}

say "full re-evaluation, cold (no scorecards yet)"
COLD=$(evaluate)
TASKS=$("${PSQL[@]}" -tA -c "SELECT count(*) FROM task")
say "full re-evaluation, steady state (results unchanged)"
WARM1=$(evaluate)
WARM2=$(evaluate)
say "rubric change: every result changes (runbooks weight 3 -> 10), then a full re-evaluation"
DEFAULT_YAML=$(curl -fsS -H "Authorization: Bearer $ADMIN" -H 'Accept: application/yaml' "$BASE/api/rubric")
python3 - "$DEFAULT_YAML" >"$WORK/heavier.yaml" <<'PY'
import re, sys
print(re.sub(r"(- id: runbooks.*?weight: )3", r"\g<1>10", sys.argv[1], count=1, flags=re.S))
PY
t0=$(now_ms)
JOB=$(curl -fsS -X PUT -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/yaml' \
  --data-binary "@$WORK/heavier.yaml" "$BASE/api/rubric" | python3 -c 'import json,sys; print(json.load(sys.stdin)["evaluation"]["id"])')
until [ "$(curl -fsS -H "Authorization: Bearer $ADMIN" "$BASE/api/evaluations/$JOB" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')" = done ]; do sleep 0.02; done
CHANGED="$(( $(now_ms) - t0 ))"
say "change-visible latency: $PUSHES signal pushes"
LATENCY=$(python3 "$REPO/benchmarks/scorecard_latency.py" "$BASE" "$ROBOT" "$ADMIN" "$PUSHES" "$PRODUCTS")
read -r N P50 P95 MAX <<<"$LATENCY"

cat <<REPORT

## Scorecard benchmark ($(date -u +%Y-%m-%d), $(nproc) cores, $PRODUCTS products, $SIGNALS signals, default rubric: 36 checks)

| measure | result | goal |
|---|---|---|
| full re-evaluation, cold (every scorecard, $TASKS tasks and a history point written) | ${COLD%%|*} ms (${COLD##*|} products) | <= 5 s |
| full re-evaluation, steady state (nothing changed) | ${WARM1%%|*} ms, ${WARM2%%|*} ms | <= 5 s |
| rubric publish to every product re-evaluated (every result changed) | ${CHANGED} ms | <= 5 s |
| signal push to visible in the scorecard ($N pushes) | p50 ${P50} ms, p95 ${P95} ms, max ${MAX} ms | p95 <= 2 s |
REPORT
