#!/usr/bin/env bash
# Two builds of the scorecard service compared job by job, rerunnable: the machine's speed drifts by 20-40 % within
# an hour, so a change is measured by alternating the two jars on the same data, round after round, never by two
# single runs.
#
#   benchmarks/scorecard-pair.sh REV_A REV_B     # e.g. benchmarks/scorecard-pair.sh 61cd487 HEAD
#
# Each revision is built once (scorecard service and what it needs, in a git worktree under .run/pair/). Per round
# and revision: the jar started as scripts/run.sh starts it (scripts/jvm-options.sh of this checkout, prod mode,
# database scorecard_bench wiped, the follower off), the data of benchmarks/scorecard.sh seeded with SQL, then one
# cold job, one unchanged job and two every-result-new jobs (results, tasks and history wiped with TRUNCATE and
# VACUUM ANALYZE before each, as a first evaluation finds its tables). Prints a line per round and revision
# ("elapsed_ms done/total service_cpu_s postgres_cpu_s others_cpu_s" per job, benchmarks/scorecard_job.py) and the
# medians per job at the end.
# Environment: ROUNDS (default 3), PRODUCTS (default 10000), PORT (default 18082), and the JVM options of
# scripts/jvm-options.sh (PILLARBOARD_SCORECARD_JAVA_OPTS=... compares JVM options when REV_A and REV_B are the same).
# Needs what benchmarks/scorecard.sh needs; starts PostgreSQL and Keycloak if they are not running and stops them again.
set -euo pipefail
BENCH_NAME=scorecard-pair
# shellcheck source=benchmarks/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ $# -eq 2 ] || die "usage: benchmarks/scorecard-pair.sh REV_A REV_B"
ROUNDS=${ROUNDS:-3}
PRODUCTS=${PRODUCTS:-10000}
PORT=${PORT:-18082}
BASE="http://localhost:$PORT"
PAIR="$REPO/.run/pair"
export PGPASSWORD=scorecard
PSQL=(psql -q -v ON_ERROR_STOP=1 -h localhost -U scorecard -d scorecard_bench)
bench_on_exit bench_scorecard_stop

# build SIDE REV: the scorecard jar of REV in .run/pair/SIDE (a detached worktree, rebuilt when REV moved).
build() {
  local side=$1 rev dir=$PAIR/$1
  rev=$(git -C "$REPO" rev-parse --verify "$2^{commit}") || die "unknown revision $2"
  if [ ! -f "$dir/.pair-rev" ] || [ "$(cat "$dir/.pair-rev")" != "$rev" ] \
      || [ ! -f "$dir/scorecard-service/target/quarkus-app/quarkus-run.jar" ]; then
    say "building $2 (${rev:0:7}) in $dir"
    git -C "$REPO" worktree remove --force "$dir" >/dev/null 2>&1 || rm -rf "$dir"
    git -C "$REPO" worktree prune
    git -C "$REPO" worktree add --detach -f "$dir" "$rev" >/dev/null
    (cd "$dir" && ./mvnw -B -q -pl scorecard-service -am package -DskipTests) || die "the build of $2 failed"
    echo "$rev" >"$dir/.pair-rev"
  fi
}

# start SIDE: that side's jar on a wiped database, seeded.
start() {
  bench_scorecard_start "$PAIR/$1/scorecard-service/target/quarkus-app/quarkus-run.jar" "$BENCH_WORK/$1.log"
  "${PSQL[@]}" -v products="$PRODUCTS" -f "$REPO/benchmarks/scorecard_seed.sql"
}

job() { python3 "$REPO/benchmarks/scorecard_job.py" "$BASE" "$ADMIN" "$(bench_scorecard_pid)" evaluate; }
wiped() {
  "${PSQL[@]}" -c "TRUNCATE scorecard, task, history" -c "VACUUM ANALYZE scorecard, task, history"
  sleep 2
  job
}

bench_alone
build a "$1"
build b "$2"
bench_postgres
bench_keycloak
ADMIN=$(user_token ada)
RESULTS=$BENCH_WORK/pair.txt
for round in $(seq 1 "$ROUNDS"); do
  for side in a b; do
    start "$side"
    cold=$(job); sleep 2
    unchanged=$(job); sleep 2
    new1=$(wiped); sleep 2
    new2=$(wiped)
    bench_scorecard_stop
    echo "$side $cold|$unchanged|$new1|$new2" >>"$RESULTS"
    say "round $round, $side ($([ $side = a ] && echo "$1" || echo "$2")): cold $cold | unchanged $unchanged | every result new $new1, $new2"
  done
done

python3 - "$RESULTS" "$1" "$2" <<'PY'
import statistics, sys
rows = {"a": [], "b": []}
for line in open(sys.argv[1]):
    side, rest = line.split(" ", 1)
    rows[side].append([job.split() for job in rest.strip().split("|")])
names = {"a": sys.argv[2], "b": sys.argv[3]}
print("\n| job (median of %d rounds; ms, CPU s service / PostgreSQL) | a: %s | b: %s | b / a |" % (len(rows["a"]), names["a"], names["b"]))
print("|---|---|---|---|")
def med(side, jobs, field):
    return statistics.median(float(r[j][field]) for r in rows[side] for j in jobs)
for label, jobs in (("cold", [0]), ("unchanged", [1]), ("every result new", [2, 3])):
    cells = ["%d ms, %.1f / %.1f" % (med(s, jobs, 0), med(s, jobs, 2), med(s, jobs, 3)) for s in ("a", "b")]
    print("| %s | %s | %s | %.2f |" % (label, cells[0], cells[1], med("b", jobs, 0) / med("a", jobs, 0)))
PY
