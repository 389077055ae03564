#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on loopback for the vault's tests, installing it from Debian
# packages when missing. Prints the environment to export (CITIZENHUB_TEST_POSTGRES_*).
# Usage: eval "$(.ci/postgres.sh start)"   ...   .ci/postgres.sh stop
set -euo pipefail
PORT=${CITIZENHUB_TEST_POSTGRES_PORT:-55432}
STATE=/tmp/citizenhub-postgres

case "${1:-start}" in
  start)
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
      apt-get update >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
    fi
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    RUNAS=""
    [ "$(id -u)" = 0 ] && RUNAS="runuser -u postgres --"
    if [ -f "$STATE/data/postmaster.pid" ]; then
      $RUNAS "$PGBIN/pg_ctl" -D "$STATE/data" -m fast stop >&2 || true
    fi
    rm -rf "$STATE"
    mkdir -p "$STATE"
    [ -n "$RUNAS" ] && chown postgres "$STATE"
    $RUNAS "$PGBIN/initdb" -D "$STATE/data" -A trust -U postgres -E UTF8 >&2
    $RUNAS "$PGBIN/pg_ctl" -D "$STATE/data" -l "$STATE/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $STATE" start >&2
    "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 \
      -c "CREATE USER citizenhub PASSWORD 'citizenhub'" \
      -c "CREATE DATABASE citizenhub OWNER citizenhub" >&2
    echo "export CITIZENHUB_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:$PORT/citizenhub"
    echo "export CITIZENHUB_TEST_POSTGRES_USER=citizenhub"
    echo "export CITIZENHUB_TEST_POSTGRES_PASSWORD=citizenhub"
    ;;
  stop)
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    RUNAS=""
    [ "$(id -u)" = 0 ] && RUNAS="runuser -u postgres --"
    [ -d "$STATE/data" ] && $RUNAS "$PGBIN/pg_ctl" -D "$STATE/data" -m fast stop >&2 || true
    ;;
esac
