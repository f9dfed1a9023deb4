#!/usr/bin/env bash
# Sourced by scripts/test: a throwaway PostgreSQL on loopback for the store and API suites, which
# run on SQLite and on this server. Installs Debian's server when missing and we are root.

NODEPOOLS_PG_PORT="${NODEPOOLS_PG_PORT:-55432}"

pg_bindir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

# Runs a command as the postgres user when we are root (initdb and postgres refuse to run as root).
as_pg_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_postgres() {
  local bindir
  bindir="$(pg_bindir || true)"
  if [ -z "$bindir" ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "    installing PostgreSQL from Debian"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      bindir="$(pg_bindir)"
    else
      echo "    PostgreSQL is not installed and we are not root: PostgreSQL variants of the store suites will skip"
      return 0
    fi
  fi
  local data="${TMPDIR:-/tmp}/nodepools-postgres-$(id -un)"
  local socket="$data/socket"
  if ! "$bindir/pg_isready" -q -h 127.0.0.1 -p "$NODEPOOLS_PG_PORT" 2>/dev/null; then
    if [ ! -f "$data/PG_VERSION" ]; then
      mkdir -p "$data"
      [ "$(id -u)" = 0 ] && chown postgres "$data"
      # Trust on loopback only: a throwaway test server that holds nothing of value.
      as_pg_user "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >/dev/null
    fi
    as_pg_user mkdir -p "$socket"
    as_pg_user "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$NODEPOOLS_PG_PORT -c unix_socket_directories=$socket -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null
  fi
  local major
  major="$("$bindir/postgres" --version | sed -E 's/.* ([0-9]+)\..*/\1/')"
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING=postgresql://postgres@127.0.0.1:$NODEPOOLS_PG_PORT/postgres"
  export NODEPOOLS_TEST_POSTGRES_VERSION="$major"
  echo "    PostgreSQL $major on 127.0.0.1:$NODEPOOLS_PG_PORT (data in $data)"
}
