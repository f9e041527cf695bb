#!/usr/bin/env bash
# A throwaway PostgreSQL for the test suites that also run against a real server (audit log, durable idempotency).
#
#   eval "$(scripts/ci-postgres.sh)"        # or: scripts/ci-postgres.sh >/dev/null && . "$CI_PG_DIR/env.sh"
#   scripts/ci-postgres.sh stop             # stops it (the data directory stays for the next start)
#
# Idempotent and fast on a second run: installs PostgreSQL with apt-get only when no server binaries exist (root on
# Debian), creates the cluster only once, starts it only when stopped, creates the database only when missing.
# Prints exactly one line on stdout, `export TEST_DATABASE_URL=…`, and writes the same line to $CI_PG_DIR/env.sh;
# progress goes to stderr. Settings favour speed over durability: it is test data.
set -euo pipefail

CI_PG_DIR="${CI_PG_DIR:-/tmp/ci-console-pg}"
CI_PG_PORT="${CI_PG_PORT:-55432}"
CI_PG_DB="${CI_PG_DB:-ci_console_test}"
DATA="$CI_PG_DIR/data"
LOG="$CI_PG_DIR/server.log"

say() { echo "ci-postgres: $*" >&2; }

find_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  done
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return 0; fi
  return 1
}

BINDIR="$(find_bindir || true)"
if [ -z "$BINDIR" ]; then
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    say "no PostgreSQL server found; install it (sudo apt-get install -y postgresql) or run this as root on Debian"
    exit 1
  fi
  say "installing postgresql with apt-get"
  # Keep the package from creating and starting its own cluster: we only want the binaries.
  mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.d/ci-no-main.conf
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
  BINDIR="$(find_bindir)"
fi

# initdb and postgres refuse to run as root: use the `postgres` account (created by the package) when we are root.
RUN=()
OWNER="$(id -un)"
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir "$CI_PG_DIR" --shell /usr/sbin/nologin postgres
  OWNER=postgres
  RUN=(runuser -u postgres --)
fi

mkdir -p "$CI_PG_DIR"
[ "$(id -u)" = "0" ] && chown "$OWNER" "$CI_PG_DIR"

if [ "${1:-}" = "stop" ]; then
  if [ -f "$DATA/postmaster.pid" ]; then "${RUN[@]}" "$BINDIR/pg_ctl" -D "$DATA" -m fast -w stop >&2; fi
  exit 0
fi

if [ ! -f "$DATA/PG_VERSION" ]; then
  say "creating a cluster in $DATA"
  # C.UTF-8 where the system has it; otherwise no locale at all (a failed attempt leaves a directory to clear).
  "${RUN[@]}" "$BINDIR/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null 2>&1 || {
    rm -rf "$DATA"
    "${RUN[@]}" "$BINDIR/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --no-locale >&2
  }
fi

if ! "${RUN[@]}" "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  say "starting on 127.0.0.1:$CI_PG_PORT"
  "${RUN[@]}" "$BINDIR/pg_ctl" -D "$DATA" -l "$LOG" -w -t 30 \
    -o "-p $CI_PG_PORT -k $CI_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >&2
fi

PSQL=("${RUN[@]}" "$BINDIR/psql" -h "$CI_PG_DIR" -p "$CI_PG_PORT" -U postgres -X -q -t -A)
[ -x "$BINDIR/psql" ] || PSQL=("${RUN[@]}" psql -h "$CI_PG_DIR" -p "$CI_PG_PORT" -U postgres -X -q -t -A)
if [ "$("${PSQL[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$CI_PG_DB'")" != "1" ]; then
  say "creating database $CI_PG_DB"
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE \"$CI_PG_DB\"" >&2
fi

LINE="export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$CI_PG_PORT/$CI_PG_DB"
echo "$LINE" >"$CI_PG_DIR/env.sh"
echo "$LINE"
