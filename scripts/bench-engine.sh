#!/usr/bin/env bash
# Builds the scorecard-service test classes and runs the scoring-engine JMH benchmark
# (dev.pillarboard.scorecard.engine.EngineBenchmark: 10,000 synthetic products against the
# default rubric). Needs no database. Extra arguments go to JMH, e.g.
#   scripts/bench-engine.sh -f 1 -wi 2 -i 3            # quicker, less precise
#   scripts/bench-engine.sh -p products=50000          # a bigger portfolio
#   scripts/bench-engine.sh scoreAllOneThread          # one benchmark (a regex on the name)
set -euo pipefail
cd "$(dirname "$0")/.."

module=scorecard-service
classpath_file="$PWD/$module/target/bench-classpath.txt"

echo "== building $module test classes" >&2
# One invocation: the test classpath includes common's test classes, which the reactor resolves
# only in the session that compiled them (each module writes the file; the service's comes last).
./mvnw -q -pl "$module" -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$classpath_file" -Dpillarboard.pg.skip

if [[ ! -f "$module/target/test-classes/META-INF/BenchmarkList" ]]; then
  echo "JMH annotation processing did not run (no META-INF/BenchmarkList); is jmh-generator-annprocess a test dependency?" >&2
  exit 1
fi

benchmarks=()
jmh_args=()
for arg in "$@"; do
  if [[ "$arg" != -* && ${#jmh_args[@]} -eq 0 ]]; then
    benchmarks+=("EngineBenchmark.$arg")
  else
    jmh_args+=("$arg")
  fi
done
[[ ${#benchmarks[@]} -eq 0 ]] && benchmarks=("dev.pillarboard.scorecard.engine.EngineBenchmark")

classpath="$module/target/test-classes:$module/target/classes:$(cat "$classpath_file")"
echo "== running JMH on $(nproc) cores" >&2
exec java -cp "$classpath" org.openjdk.jmh.Main "${benchmarks[@]}" "${jmh_args[@]}"
