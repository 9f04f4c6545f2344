#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on localhost:5432 and that every Pillarboard service
# has its role and its databases (one for running, one for tests). Idempotent; quick when
# everything is already in place.
#
#   scripts/ensure-postgres.sh            # start/install PostgreSQL if needed, create roles + dbs
#
# Environment: PGHOST_PB (default 127.0.0.1), PGPORT_PB (default 5432).
# Each service gets role <svc> with password <svc> and databases <svc> (running), <svc>_test
# (the test suite; wiped at every test start) and <svc>_bench (benchmarks; wiped at every run).
set -euo pipefail

HOST=${PGHOST_PB:-127.0.0.1}
PORT=${PGPORT_PB:-5432}
SERVICES=(catalog scorecard)

say() { printf '[pillarboard/postgres] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

answers() { pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null; }

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@";
  elif [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$(printf '%q ' "$@")";
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo -u postgres "$@";
  else return 1; fi
}

# Cluster commands (pg_createcluster, pg_ctlcluster) run as root, or as postgres, or through
# passwordless sudo: the same privileges can_admin checks for.
as_admin() {
  if [ "$(id -u)" = 0 ] || [ "$(id -un)" = postgres ]; then "$@";
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo -n "$@";
  else return 1; fi
}

can_admin() { [ "$(id -u)" = 0 ] || [ "$(id -un)" = postgres ] || { command -v sudo >/dev/null && sudo -n true 2>/dev/null; }; }

wait_until_ready() {
  for _ in $(seq 1 60); do answers && return 0; sleep 0.5; done
  return 1
}

# psql via a role that has the password we set: works without root once provisioned.
ready_for_services() {
  command -v psql >/dev/null || return 1
  for svc in "${SERVICES[@]}"; do
    for db in "$svc" "${svc}_test" "${svc}_bench"; do
      PGPASSWORD=$svc psql -qtA -h "$HOST" -p "$PORT" -U "$svc" -d "$db" -c 'select 1' >/dev/null 2>&1 || return 1
    done
  done
}

if ! command -v pg_isready >/dev/null 2>&1 || ! command -v pg_lsclusters >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "PostgreSQL is not installed: installing it with apt-get (one time)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q postgresql >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null; } \
      || die "apt-get install postgresql failed"
  elif ! command -v pg_isready >/dev/null 2>&1; then
    die "PostgreSQL is not installed and we are not root. Install it (Debian/Ubuntu: sudo apt-get install -y postgresql), or point the services at a server of yours with PG_HOST/PG_PORT and create the roles yourself (see README)."
  fi
fi

if ! answers; then
  command -v pg_lsclusters >/dev/null 2>&1 || die "nothing answers on $HOST:$PORT and no local cluster tools are installed"
  can_admin || die "PostgreSQL is installed but stopped, and starting it needs root: run 'sudo pg_ctlcluster --skip-systemctl-redirect <version> main start'"
  cluster=$(pg_lsclusters -h | awk -v p="$PORT" '$3==p {print $1" "$2; exit}')
  if [ -z "$cluster" ]; then
    version=$(ls /usr/lib/postgresql | sort -n | tail -1)
    say "no cluster on port $PORT: creating $version/main"
    as_admin pg_createcluster "$version" main -p "$PORT" >/dev/null
    cluster="$version main"
  fi
  say "starting PostgreSQL cluster $cluster"
  # shellcheck disable=SC2086
  as_admin pg_ctlcluster --skip-systemctl-redirect $cluster start || true
  wait_until_ready || die "PostgreSQL did not become ready; see /var/log/postgresql/"
fi

if ready_for_services; then
  exit 0
fi

can_admin || die "PostgreSQL answers, but the roles/databases are missing and creating them needs the postgres superuser (run this script as root, or create roles ${SERVICES[*]} with password = name and databases <name>, <name>_test, <name>_bench)"

for svc in "${SERVICES[@]}"; do
  as_postgres psql -q -v ON_ERROR_STOP=1 -d postgres <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$svc') THEN
    CREATE ROLE $svc LOGIN PASSWORD '$svc';
  ELSE
    ALTER ROLE $svc LOGIN PASSWORD '$svc';
  END IF;
END \$\$;
SQL
  for db in "$svc" "${svc}_test" "${svc}_bench"; do
    if [ -z "$(as_postgres psql -qtA -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
      as_postgres psql -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db OWNER $svc" >/dev/null
      say "created database $db"
    fi
  done
done
ready_for_services || die "roles and databases were created but $HOST:$PORT still refuses them (check pg_hba.conf for password auth on 127.0.0.1)"
say "PostgreSQL ready on $HOST:$PORT for: ${SERVICES[*]} (each with _test and _bench databases)"
