#!/usr/bin/env bash
# Pillarboard's catalog next to a real Backstage catalog backend, on the same machine, the same PostgreSQL over
# loopback and the same 10,000-component Backstage file (benchmarks/gen-backstage.py), measured the same way:
#
#   benchmarks/peer-backstage.sh            # optional; npm installs the Backstage packages once (.run/peer-backstage)
#
# 1. The machine's ceiling (pgbench select-only at 2 connections, a COPY of 400,000 rows; lib.sh).
# 2. Pillarboard's catalog (packaged jar, database catalog_bench wiped): POST /api/import of the file, timed until
#    GET /api/products counts every component; get-by-slug and a filtered page of 20 (owner and phase, sorted by
#    name) with wrk at CONNECTIONS after a warm-up; resident memory after the runs. Then it is stopped.
# 3. Backstage (new backend system: @backstage/backend-defaults with @backstage/plugin-catalog-backend, Node, schema
#    "catalog" of database backstage_bench, wiped): the file registered as a location (POST /api/catalog/locations),
#    timed until GET /api/catalog/entities/by-query counts every component; get-by-name
#    (/entities/by-name/component/default/<name>) and a filtered page of 20 (owner and lifecycle, ordered by name,
#    /entities/by-query) with the same wrk runs; resident memory of the node process. Then it is stopped.
# Every figure is recorded with the ratio Pillarboard / Backstage (benchmarks/report.py renders them; alone, this
# script prints its own report).
#
# Needs: node 18+ and npm (the npm registry, the first time), java 17, python3, curl, wrk, psql, pgbench, and the
# postgres superuser once (role and database backstage / backstage_bench, created if missing). Starts PostgreSQL and
# Keycloak if they are not running and stops on exit whatever it started. Ports 18190 (Backstage), 18191 (catalog).
# Environment: COMPONENTS (default 10000), CONNECTIONS (default 2), DURATION (default 15), WARMUP (default 30),
# INGEST_TIMEOUT (seconds, default 1800), PEER_DIR (default .run/peer-backstage), RESULTS (append to that file).
set -euo pipefail
BENCH_NAME=peer
# shellcheck source=benchmarks/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

COMPONENTS=${COMPONENTS:-10000}
CONNECTIONS=${CONNECTIONS:-2}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-30}
CEILING_SECONDS=${CEILING_SECONDS:-$DURATION}
INGEST_TIMEOUT=${INGEST_TIMEOUT:-1800}
PEER_DIR=${PEER_DIR:-$REPO/.run/peer-backstage}
BACKSTAGE_PORT=18190
CATALOG="http://localhost:18191"
BACKSTAGE="http://127.0.0.1:$BACKSTAGE_PORT"
BACKSTAGE_DEFAULTS_VERSION=0.19.0
CATALOG_BACKEND_VERSION=4.0.5
STANDALONE=
if [ -z "${RESULTS:-}" ]; then STANDALONE=yes; export RESULTS="$BENCH_WORK/results.jsonl"; fi

for tool in node npm java python3 curl wrk psql pgbench; do command -v "$tool" >/dev/null || die "$tool is missing"; done
[ -n "${BENCH_CHILD:-}" ] || bench_alone

# The Backstage backend: installed once with npm (pinned versions), then run from PEER_DIR.
if [ ! -d "$PEER_DIR/node_modules/@backstage/plugin-catalog-backend" ]; then
  say "installing @backstage/backend-defaults $BACKSTAGE_DEFAULTS_VERSION and @backstage/plugin-catalog-backend $CATALOG_BACKEND_VERSION in $PEER_DIR"
  mkdir -p "$PEER_DIR"
  cat >"$PEER_DIR/package.json" <<JSON
{
  "name": "pillarboard-peer-backstage",
  "private": true,
  "description": "A Backstage catalog backend (new backend system) for benchmarks/peer-backstage.sh",
  "dependencies": {
    "@backstage/backend-defaults": "$BACKSTAGE_DEFAULTS_VERSION",
    "@backstage/plugin-catalog-backend": "$CATALOG_BACKEND_VERSION",
    "@backstage/backend-plugin-api": "1.12.0",
    "@backstage/plugin-catalog-node": "3.0.0",
    "pg": "^8.11.0"
  }
}
JSON
  if ! (cd "$PEER_DIR" && npm install --no-audit --no-fund >"$BENCH_WORK/npm.log" 2>&1); then
    tail -n 20 "$BENCH_WORK/npm.log" >&2
    rec kind=peer name=unavailable reason="npm install failed (is the npm registry reachable?)"
    die "npm install failed: no Backstage to compare with"
  fi
fi
cat >"$PEER_DIR/index.js" <<'JS'
// The smallest Backstage backend with a catalog: the new backend system, and one module that lets a local file be
// registered as a location through the API (by default only 'url' locations can be), as the benchmark does.
const { createBackend } = require('@backstage/backend-defaults');
const { createBackendModule } = require('@backstage/backend-plugin-api');
const { catalogLocationsExtensionPoint } = require('@backstage/plugin-catalog-node');
const backend = createBackend();
backend.add(require('@backstage/plugin-catalog-backend'));
backend.add(createBackendModule({
  pluginId: 'catalog',
  moduleId: 'benchmark-file-locations',
  register(env) {
    env.registerInit({
      deps: { locations: catalogLocationsExtensionPoint },
      async init({ locations }) { locations.setAllowedLocationTypes(['url', 'file']); },
    });
  },
}));
backend.start();
JS
TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
cat >"$BENCH_WORK/app-config.yaml" <<YAML
backend:
  baseUrl: $BACKSTAGE
  listen: { host: 127.0.0.1, port: $BACKSTAGE_PORT }
  database:
    client: pg
    pluginDivisionMode: schema
    ensureSchemaExists: true
    connection: { host: 127.0.0.1, port: 5432, user: backstage, password: backstage, database: backstage_bench }
  auth:
    externalAccess:
      - type: static
        options: { token: $TOKEN, subject: benchmark }
catalog:
  rules:
    - allow: [Component, System, API, Resource, Location, Group, User, Domain]
YAML

bench_postgres
bench_keycloak
bench_jars catalog-service
PGPASSWORD=backstage psql -qtAX -h 127.0.0.1 -U backstage -d backstage_bench -c 'SELECT 1' >/dev/null 2>&1 || {
  say "creating role backstage and database backstage_bench (as the postgres superuser)"
  su postgres -s /bin/sh -c "psql -qX -c \"CREATE ROLE backstage LOGIN PASSWORD 'backstage'\"" >/dev/null 2>&1 || true
  su postgres -s /bin/sh -c "createdb -O backstage backstage_bench" || die "could not create database backstage_bench"
}
# Wiped: everything the role owns in backstage_bench (Backstage's schema "catalog").
PGPASSWORD=backstage psql -qX -h 127.0.0.1 -U backstage -d backstage_bench -c 'DROP OWNED BY backstage CASCADE'

rec kind=peer name=info components="$COMPONENTS" conns="$CONNECTIONS" node="$(node --version)" \
  backend_defaults="$(node -p 'require(process.argv[1]).version' "$PEER_DIR/node_modules/@backstage/backend-defaults/package.json")" \
  catalog_backend="$(node -p 'require(process.argv[1]).version' "$PEER_DIR/node_modules/@backstage/plugin-catalog-backend/package.json")"
ceiling_init
ceiling_measure peer "$CEILING_SECONDS" "$CONNECTIONS"

python3 "$REPO/benchmarks/gen-backstage.py" "$COMPONENTS" 50 >"$BENCH_WORK/catalog.yaml"
now_ms() { date +%s%3N; }
# wait_count WHAT URL AUTH JSON_FIELD: polls every 200 ms until the count at URL reaches COMPONENTS.
wait_count() {
  python3 - "$@" "$COMPONENTS" "$INGEST_TIMEOUT" <<'PY'
import json, sys, time, urllib.request
what, url, auth, field, want, timeout = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), float(sys.argv[6])
deadline = time.monotonic() + timeout
while True:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": auth}), timeout=30) as answer:
            if json.load(answer)[field] >= want:
                break
    except Exception as error:
        print("(%s: %s)" % (what, error), file=sys.stderr)
    if time.monotonic() > deadline:
        sys.exit("%s: not every component queryable after %d s" % (what, timeout))
    time.sleep(0.2)
PY
}
# measure NAME LUA BASE PID: wrk at CONNECTIONS; sets RPS P99.
measure() {
  local rps p50 p95 p99 errors requests others load
  # shellcheck disable=SC2046
  read -r rps p50 p95 p99 errors requests others load < <(bench_wrk "$2" "$3" "$CONNECTIONS" "$WARMUP" "$DURATION" "$4")
  say "$1: $rps req/s, p50 $p50 ms, p99 $p99 ms, errors $errors (others $others of the CPU, load $load)"
  [ "$errors" = 0 ] || die "$1: $errors errors"
  RPS=$rps P99=$p99
}
pid_rss_mb() { echo $(( $(ps -o rss= -p "$1") / 1024 )); }

say "Pillarboard's catalog: import of $COMPONENTS components"
bench_start catalog catalog-service 18191 PG_DATABASE=catalog_bench CATALOG_NOTIFY_URLS= -- \
  -Dquarkus.flyway.clean-at-start=true -Dquarkus.flyway.clean-disabled=false
bench_ready_ms catalog "$CATALOG/q/health/ready" >/dev/null
ADMIN=$(user_token ada)
t0=$(now_ms)
curl -fsS -o "$BENCH_WORK/import.json" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/yaml' \
  --data-binary "@$BENCH_WORK/catalog.yaml" "$CATALOG/api/import"
wait_count pillarboard "$CATALOG/api/products?size=1" "Bearer $ADMIN" total
P_INGEST=$(( $(now_ms) - t0 ))
say "Pillarboard: every component queryable after $P_INGEST ms"
pg_settle catalog catalog_bench product team
cat >"$BENCH_WORK/p-get.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $ADMIN"
math.randomseed(7)
request = function() return wrk.format("GET", string.format("/api/products/comp-%05d", math.random(1, $COMPONENTS))) end
LUA
cat >"$BENCH_WORK/p-page.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $ADMIN"
math.randomseed(11)
local phases = {"pre-launch", "pmf"}
request = function()
  return wrk.format("GET", string.format("/api/products?owner=team-%02d&phase=%s&sort=name&size=20", math.random(1, 50), phases[math.random(1, 2)]))
end
LUA
measure "Pillarboard get-by-slug" "$BENCH_WORK/p-get.lua" "$CATALOG" "${BENCH_PID[catalog]}"
P_GET=$RPS P_GET_P99=$P99
measure "Pillarboard filtered page" "$BENCH_WORK/p-page.lua" "$CATALOG" "${BENCH_PID[catalog]}"
P_PAGE=$RPS P_PAGE_P99=$P99
sleep 10
P_RSS=$(bench_rss_mb catalog)
bench_stop catalog

say "Backstage: the same file registered as a location"
(cd "$PEER_DIR" && exec env NODE_ENV=production LOG_LEVEL=warn node index.js --config "$BENCH_WORK/app-config.yaml" \
  >"$BENCH_WORK/backstage.log" 2>&1) &
BENCH_PID[backstage]=$!
READY=$(bench_ready_ms backstage "$BACKSTAGE/.backstage/health/v1/readiness")
say "Backstage ready after $READY ms"
t0=$(now_ms)
curl -sS --fail-with-body -o "$BENCH_WORK/location.json" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"type\": \"file\", \"target\": \"$BENCH_WORK/catalog.yaml\"}" "$BACKSTAGE/api/catalog/locations" || { cat "$BENCH_WORK/location.json" >&2; die "Backstage refused the location"; }
wait_count backstage "$BACKSTAGE/api/catalog/entities/by-query?filter=kind=component&limit=1" "Bearer $TOKEN" totalItems
B_INGEST=$(( $(now_ms) - t0 ))
say "Backstage: every component queryable after $B_INGEST ms"
pg_settle backstage backstage_bench
cat >"$BENCH_WORK/b-get.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
math.randomseed(7)
request = function() return wrk.format("GET", string.format("/api/catalog/entities/by-name/component/default/comp-%05d", math.random(1, $COMPONENTS))) end
LUA
cat >"$BENCH_WORK/b-page.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
math.randomseed(11)
local lifecycles = {"experimental", "production"}
request = function()
  return wrk.format("GET", string.format("/api/catalog/entities/by-query?filter=kind=component,spec.owner=group:default/team-%02d,spec.lifecycle=%s&orderField=metadata.name,asc&limit=20",
      math.random(1, 50), lifecycles[math.random(1, 2)]))
end
LUA
measure "Backstage get-by-name" "$BENCH_WORK/b-get.lua" "$BACKSTAGE" "${BENCH_PID[backstage]}"
B_GET=$RPS B_GET_P99=$P99
measure "Backstage filtered page" "$BENCH_WORK/b-page.lua" "$BACKSTAGE" "${BENCH_PID[backstage]}"
B_PAGE=$RPS B_PAGE_P99=$P99
sleep 10
B_RSS=$(bench_rss_mb backstage)
bench_stop backstage

rec kind=peer name=ingest pillarboard="$P_INGEST" backstage="$B_INGEST"
rec kind=peer name=get pillarboard="$P_GET" backstage="$B_GET"
rec kind=peer name=get_p99 pillarboard="$P_GET_P99" backstage="$B_GET_P99"
rec kind=peer name=page pillarboard="$P_PAGE" backstage="$B_PAGE"
rec kind=peer name=page_p99 pillarboard="$P_PAGE_P99" backstage="$B_PAGE_P99"
rec kind=peer name=rss pillarboard="$P_RSS" backstage="$B_RSS"
say "ingest $P_INGEST / $B_INGEST ms; get $P_GET / $B_GET req/s; page $P_PAGE / $B_PAGE req/s; memory $P_RSS / $B_RSS MB (Pillarboard / Backstage)"
if [ -n "$STANDALONE" ]; then
  rec kind=machine command="benchmarks/peer-backstage.sh" date="$(date -u +%Y-%m-%dT%H:%MZ)" cpus="$(nproc)" \
    cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)" commit="$(git -C "$REPO" rev-parse --short HEAD)"
  python3 "$REPO/benchmarks/report.py" "$RESULTS"
fi
