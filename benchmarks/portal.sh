#!/usr/bin/env bash
# Portal benchmark, rerunnable: latency of the products page and of a product page with 10,000 products (PRODUCTS),
# 2 concurrent users signed in through Keycloak (a real session cookie), wrk against the portal in front of the real
# catalog and scorecard services, all loaded through their public APIs.
#
#   benchmarks/portal.sh            # builds the jars if missing; databases catalog_bench and scorecard_bench (wiped)
#
# Needs: java 17, python3, curl, wrk (apt-get install -y wrk); starts PostgreSQL and Keycloak itself if they are not
# running, and stops on exit whatever it started (the services, that Keycloak, that PostgreSQL).
# Environment: PRODUCTS (default 10000), CONNECTIONS (default 2), DURATION (wrk seconds per page, default 30), WARMUP
# (seconds per page before it, default 20), PORT_BASE (default 18180: portal there, catalog +1, scorecard +2).
set -euo pipefail
BENCH_NAME=portal
# shellcheck source=benchmarks/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PRODUCTS=${PRODUCTS:-10000}
CONNECTIONS=${CONNECTIONS:-2}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-20}
PORT_BASE=${PORT_BASE:-18180}
PORTAL="http://127.0.0.1:$PORT_BASE"
CATALOG="http://localhost:$((PORT_BASE + 1))"
SCORECARD="http://localhost:$((PORT_BASE + 2))"
WORK=$BENCH_WORK
PIDS=()

# The services are stopped on exit; lib.sh then stops the Keycloak and PostgreSQL too, if this script started them.
stop_services() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done; kill -9 "$pid" 2>/dev/null || true; done
}
bench_on_exit stop_services

command -v wrk >/dev/null || die "wrk is missing: apt-get install -y wrk"
bench_alone
bench_postgres
bench_keycloak
for module in catalog-service scorecard-service portal-ui; do
  [ -f "$REPO/$module/target/quarkus-app/quarkus-run.jar" ] || (cd "$REPO" && ./mvnw -B -q package -DskipTests)
done

# start <module> <port> <env...>: the packaged jar in prod mode with the options of scripts/run.sh.
start() {
  local module=$1 port=$2; shift 2
  # shellcheck disable=SC2046
  (cd "$REPO/$module/target/quarkus-app" && exec env "$@" java $(java_opts_for "$module") -Dquarkus.http.port="$port" \
    -Dquarkus.flyway.clean-at-start=true -Dquarkus.flyway.clean-disabled=false -jar quarkus-run.jar \
    >"$WORK/$module.log" 2>&1) &
  PIDS+=($!)
}
ready() {
  for _ in $(seq 1 240); do curl -fs -o /dev/null "$1/q/health/ready" && return 0; sleep 0.25; done
  say "$1 not ready; log:"; tail -n 40 "$WORK"/*.log >&2; exit 1
}
token() { "$REPO/scripts/keycloak.sh" token "$1"; }

say "starting catalog :$((PORT_BASE + 1)), scorecard :$((PORT_BASE + 2)), portal :$PORT_BASE (databases *_bench, wiped)"
start catalog-service $((PORT_BASE + 1)) PG_DATABASE=catalog_bench CATALOG_NOTIFY_URLS="$SCORECARD/api/sync/nudge"
start scorecard-service $((PORT_BASE + 2)) PG_DATABASE=scorecard_bench CATALOG_URL="$CATALOG" CATALOG_CLIENT_SECRET=scorecard-secret
start portal-ui "$PORT_BASE" CATALOG_URL="$CATALOG" SCORECARD_URL="$SCORECARD" PORTAL_CLIENT_SECRET=portal-secret
ready "$CATALOG"; ready "$SCORECARD"; ready "$PORTAL"

say "importing $PRODUCTS products (Backstage YAML) and waiting until the scorecard has evaluated them"
python3 "$REPO/benchmarks/gen-backstage.py" "$PRODUCTS" > "$WORK/catalog.yaml"
curl -fsS -o /dev/null -H "Authorization: Bearer $(token ada)" -H 'Content-Type: application/yaml' \
  --data-binary "@$WORK/catalog.yaml" "$CATALOG/api/import"
ADMIN=$(token ada)
for _ in $(seq 1 600); do
  total=$(curl -fsS -H "Authorization: Bearer $ADMIN" "$SCORECARD/api/scorecards?size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
  [ "$total" -ge "$PRODUCTS" ] && break
  sleep 0.5
done
say "scorecards: $total"
curl -fsS -H "Authorization: Bearer $ADMIN" "$SCORECARD/api/scorecards?size=100&sort=product" \
  | python3 -c 'import json,sys; print("\n".join(i["product"] for i in json.load(sys.stdin)["items"]))' > "$WORK/slugs.txt"

COOKIE=$("$REPO/benchmarks/portal-login.sh" "$PORTAL" dana)
[ -n "$COOKIE" ] || { say "could not sign in to the portal"; exit 1; }
say "signed in as dana (session cookie of ${#COOKIE} bytes)"

# wrk scripts: a random page of the product list, or a random product; both print p50/p95/p99 and errors.
cat > "$WORK/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.0f %.2f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors, summary.requests))
end
LUA
pages=$(( (PRODUCTS + 24) / 25 ))
cat > "$WORK/list.lua" <<LUA
wrk.headers["Cookie"] = "$COOKIE"
math.randomseed(42)
request = function() return wrk.format("GET", "/products?page=" .. math.random(0, $((pages - 1)))) end
LUA
{ echo "wrk.headers['Cookie'] = \"$COOKIE\""; echo "local slugs = {"; sed 's/.*/"&",/' "$WORK/slugs.txt"; echo "}";
  echo 'math.randomseed(7)'; echo 'request = function() return wrk.format("GET", "/products/" .. slugs[math.random(#slugs)]) end'; } > "$WORK/product.lua"
cat "$WORK/report.lua" >> "$WORK/list.lua"; cat "$WORK/report.lua" >> "$WORK/product.lua"

run() { # run <name> <lua>
  wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$WORK/$2" "$PORTAL" >/dev/null
  wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s -s "$WORK/$2" "$PORTAL" | grep '^RESULT' | sed "s/^RESULT/$1/"
}
say "measuring ($CONNECTIONS connections, ${WARMUP}s warm-up, ${DURATION}s each)"
LIST=$(run products-page list.lua)
PRODUCT=$(run product-page product.lua)
RSS=$(( $(ps -o rss= -p "${PIDS[2]}") / 1024 ))
cat <<REPORT

Portal with $PRODUCTS products, $CONNECTIONS signed-in users (wrk), $(nproc) cores, $(date -u +%Y-%m-%d):

| page | req/s | p50 ms | p95 ms | p99 ms | errors | requests | goal |
|---|---|---|---|---|---|---|---|
$(for line in "$LIST" "$PRODUCT"; do set -- $line; echo "| $1 | $2 | $3 | $4 | $5 | $6 | $7 | p95 <= 50 ms at 10,000 |"; done)

portal resident memory after the runs: ${RSS} MB
REPORT
