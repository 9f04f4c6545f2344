#!/usr/bin/env bash
# Start-time benchmark, rerunnable: milliseconds from JVM launch to /q/health/ready for each service,
# without a class-data-sharing archive ("none"), with the AppCDS archive that `./mvnw package` builds
# ("appcds", target/quarkus-app/app-cds.jsa, what the images do), and with a dynamic archive recorded
# at the exit of a start that reached the database ("trained", what scripts/run.sh records once per
# build as target/quarkus-app/trained-cds.jsa; recorded afresh here).
# The modes are interleaved (none, appcds, recorded, none, ...) so that the machine's drift hits
# them alike; also prints the CPU seconds the JVM used until ready (steadier than the wall clock
# when other work shares the machine) and its resident memory then.
#
#   benchmarks/startup.sh [catalog-service] [scorecard-service] [portal-ui]   (default: all three)
#
# Needs: the packaged jars (./mvnw package -DskipTests), java 17, python3; starts PostgreSQL and
# Keycloak itself if they are not running, and stops on exit whatever it started. The catalog and scorecard run on their *_bench databases (wiped), on their
# usual ports (8081, 8082; the portal 8080): stop scripts/run.sh first.
# Environment: STARTS (starts per mode, default 5).
set -euo pipefail
BENCH_NAME=startup
# shellcheck source=benchmarks/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
STARTS=${STARTS:-5}
WORK=$BENCH_WORK
APP_PID=
# The service is stopped on exit; lib.sh then stops the Keycloak and PostgreSQL too, if this script started them.
bench_on_exit '[ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null'
export MALLOC_ARENA_MAX=2 CATALOG_CLIENT_SECRET=scorecard-secret

now_ms() { date +%s%3N; }

# Prints the milliseconds from $2 (epoch ms) until $1 answers 200; one Python process polls every
# 20 ms (a curl per attempt costs the starting JVM CPU).
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

port_of() { case $1 in catalog-service) echo 8081 ;; scorecard-service) echo 8082 ;; *) echo 8080 ;; esac; }

# start <service> <extra JVM options...>: writes "<ms> <cpu ms> <rss MB>" to $WORK/result once ready.
start() {
  local svc=$1; shift
  local dir="$REPO/$svc/target/quarkus-app" port t0 ms
  port=$(port_of "$svc")
  t0=$(now_ms)
  # shellcheck disable=SC2046
  (cd "$dir" && exec java $(java_opts_for "$svc") "$@" -jar quarkus-run.jar >"$WORK/$svc.log" 2>&1) &
  APP_PID=$!
  ms=$(wait_ready_ms "http://localhost:$port/q/health/ready" "$t0") || { tail -30 "$WORK/$svc.log" >&2; exit 1; }
  local ticks
  ticks=$(awk '{print $14 + $15}' "/proc/$APP_PID/stat")
  echo "$ms $(( ticks * 1000 / $(getconf CLK_TCK) )) $(( $(ps -o rss= -p "$APP_PID") / 1024 ))" >"$WORK/result"
}

stop() {
  kill "$APP_PID"
  while kill -0 "$APP_PID" 2>/dev/null; do sleep 0.1; done
  APP_PID=
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2 ? v[(NR+1)/2] : int((v[NR/2]+v[NR/2+1])/2))}'; }

bench_alone
bench_postgres
bench_keycloak >/dev/null
SERVICES=("$@")
[ ${#SERVICES[@]} -gt 0 ] || SERVICES=(catalog-service scorecard-service portal-ui)
for svc in "${SERVICES[@]}"; do
  dir="$REPO/$svc/target/quarkus-app"
  [ -f "$dir/quarkus-run.jar" ] || { say "$svc: no packaged jar; run ./mvnw package -DskipTests"; exit 1; }
  [ -f "$dir/app-cds.jsa" ] || { say "$svc: no app-cds.jsa; is quarkus.package.jar.appcds.enabled set?"; exit 1; }
  case $svc in
    catalog-service) export PG_DATABASE=catalog_bench ;;
    scorecard-service) export PG_DATABASE=scorecard_bench ;;
  esac
  say "$svc: a first run migrates its database and records a dynamic archive at exit"
  start "$svc" -Dquarkus.flyway.clean-at-start=true -Dquarkus.flyway.clean-disabled=false \
    "-XX:ArchiveClassesAtExit=$WORK/trained.jsa"
  stop
  declare -A MS=() CPU=() RSS=()
  for i in $(seq 1 "$STARTS"); do
    for mode in none appcds trained; do
      case $mode in
        none) opts=(-Xshare:auto) ;;
        appcds) opts=(-XX:SharedArchiveFile=app-cds.jsa) ;;
        trained) opts=("-XX:SharedArchiveFile=$WORK/trained.jsa") ;;
      esac
      start "$svc" "${opts[@]}"
      stop
      read -r ms cpu rss <"$WORK/result"
      MS[$mode]+="$ms "; CPU[$mode]+="$cpu "; RSS[$mode]+="$rss "
      say "$svc start $i $mode: ready after $ms ms, $cpu ms of CPU, $rss MB resident"
    done
  done
  for mode in none appcds trained; do
    # shellcheck disable=SC2086
    printf '%-18s %-9s ready median %5s ms (%s), CPU median %5s ms, resident median %s MB\n' "$svc" "$mode" \
      "$(printf '%s\n' ${MS[$mode]} | median)" "${MS[$mode]% }" "$(printf '%s\n' ${CPU[$mode]} | median)" \
      "$(printf '%s\n' ${RSS[$mode]} | median)"
  done
  unset MS CPU RSS
  rm -f "$WORK/trained.jsa"
done
