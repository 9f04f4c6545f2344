# JVM options of each service, one place for scripts/run.sh and the benchmarks (sourced, not run).
# The Dockerfiles (src/main/docker/Dockerfile.jvm) repeat them; keep them in step.
#
#   PILLARBOARD_JAVA_OPTS            replaces the options every service shares (heap limits)
#   PILLARBOARD_CATALOG_JAVA_OPTS    replaces the catalog's own (collector, compiler thresholds)
#   PILLARBOARD_SCORECARD_JAVA_OPTS  replaces the scorecard's own (collector, C1 only)
#   PILLARBOARD_PORTAL_JAVA_OPTS     replaces the portal's own (collector)
#
# An empty value drops that part, e.g. PILLARBOARD_CATALOG_JAVA_OPTS= for the JVM's defaults.

# Every service: a bounded heap and metaspace, and the C heap trimmed every 10 s (malloc_trim): glibc keeps
# what the JIT compiler, Netty's buffers and the driver freed after a burst of work, so a service that had
# served a load stayed some 30 MB above where it started, idle (docs/PERFORMANCE.md, "The C heap trimmed
# when idle"). It came to JDK 17 in 17.0.9 as an experimental option (hence the unlock, harmless
# where later updates made it a product option). The images (Dockerfile.jvm) repeat
# these; deployment-tests' DockerfilesIT checks that they do.
PILLARBOARD_SHARED_JAVA_OPTS=${PILLARBOARD_JAVA_OPTS:-"-Xms32m -Xmx256m -XX:MaxMetaspaceSize=192m -XX:+ExitOnOutOfMemoryError -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=10000"}

# Catalog: readiness within 3 s of launch on two cores, then peak throughput on reads.
# - Serial collector: a 256 MB heap on two cores needs no concurrent collector; its cheaper write
#   barrier makes the interpreted and C1 code of startup faster, and its young pauses take a few ms.
# - C2 thresholds ten times the default: with the defaults, C2 compiled some 400 methods while the
#   service started (class loading, ASM lambda spinning, config parsing: code that never runs
#   again), and that compiler thread took one of the two cores from the startup thread. The hot
#   request paths still reach C2 within the benchmark's 30 s warm-up.
PILLARBOARD_CATALOG_JVM_OPTS=${PILLARBOARD_CATALOG_JAVA_OPTS-"-XX:+UseSerialGC -XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=6000 -XX:Tier4CompileThreshold=150000 -XX:Tier4BackEdgeThreshold=400000"}

# Scorecard: G1 with a periodic collection that hands heap back to the OS between evaluations;
# C1 only, because its work comes in bursts of a few seconds (full evaluations) in which C2's
# compilations on two cores cost more CPU than the faster code saves (scorecard-service/README.md).
PILLARBOARD_SCORECARD_JVM_OPTS=${PILLARBOARD_SCORECARD_JAVA_OPTS-"-XX:+UseG1GC -XX:G1PeriodicGCInterval=10000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TieredStopAtLevel=1"}

# Portal: G1 handing unused heap back between bursts of page requests, as the scorecard's.
PILLARBOARD_PORTAL_JVM_OPTS=${PILLARBOARD_PORTAL_JAVA_OPTS-"-XX:+UseG1GC -XX:G1PeriodicGCInterval=10000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"}

# java_opts_for <module>: every JVM option of that service.
java_opts_for() {
  case $1 in
    catalog-service) echo "$PILLARBOARD_SHARED_JAVA_OPTS $PILLARBOARD_CATALOG_JVM_OPTS" ;;
    scorecard-service) echo "$PILLARBOARD_SHARED_JAVA_OPTS $PILLARBOARD_SCORECARD_JVM_OPTS" ;;
    portal-ui) echo "$PILLARBOARD_SHARED_JAVA_OPTS $PILLARBOARD_PORTAL_JVM_OPTS" ;;
    *) echo "$PILLARBOARD_SHARED_JAVA_OPTS" ;;
  esac
}

# Class-data sharing. `./mvnw package` writes an AppCDS archive beside each jar (target/quarkus-app/app-cds.jsa),
# recorded where Quarkus stops a start for it: once the beans exist, before the datasource, Flyway, Hibernate, the
# HTTP server and OIDC start (quarkusio/quarkus#28638). A start from an archive recorded at the exit of a start that
# went all the way is 0.5-0.7 s shorter on two cores (benchmarks/startup.sh), so scripts/run.sh and the benchmarks
# record that one once per build (a start to ready and a stop, with the service's own options and environment) and
# start from it: target/quarkus-app/trained-cds.jsa. The images keep the package's kind, recorded by the image's own
# JVM (no database at image build).
PILLARBOARD_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# cds_trained <module>: true when the module's trained archive exists and is newer than its jar.
cds_trained() {
  local dir="$PILLARBOARD_REPO/$1/target/quarkus-app"
  [ -s "$dir/trained-cds.jsa" ] && [ "$dir/trained-cds.jsa" -nt "$dir/quarkus-run.jar" ]
}

# cds_archive <module>: the archive a start of the module uses (absolute path): the trained one when current, else
# the package's, else nothing.
cds_archive() {
  local dir="$PILLARBOARD_REPO/$1/target/quarkus-app"
  if cds_trained "$1"; then
    echo "$dir/trained-cds.jsa"
  elif [ -f "$dir/app-cds.jsa" ]; then
    echo "$dir/app-cds.jsa"
  fi
}

# cds_recording <module>: the JVM option of a training start; cds_recorded <module> then puts what it wrote in place
# (a start that failed or was killed leaves no archive, and the package's stays in use).
cds_recording() { echo "-XX:ArchiveClassesAtExit=$PILLARBOARD_REPO/$1/target/quarkus-app/trained-cds.jsa.part"; }
cds_recorded() {
  local dir="$PILLARBOARD_REPO/$1/target/quarkus-app"
  if [ -s "$dir/trained-cds.jsa.part" ]; then mv -f "$dir/trained-cds.jsa.part" "$dir/trained-cds.jsa"; else rm -f "$dir/trained-cds.jsa.part"; fi
}
