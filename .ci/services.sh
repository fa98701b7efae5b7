#!/usr/bin/env bash
# Starts the services the scale-out and PostgreSQL tests use, on loopback only, throwaway:
#   Redis 127.0.0.1:6390 (daemonized, no persistence) and PostgreSQL 15 127.0.0.1:55432 (trust auth,
#   data in /tmp/pgtest). Installs redis-server / postgresql with apt-get when missing and root.
# Sourced by .ci/run (exports REDIS_URL_TEST and TEST_DATABASE_URL) or run by hand:
#   eval "$(.ci/services.sh)"   # prints the export lines
# Idempotent: a service already answering on its port is left as it is.
REDIS_PORT=6390
PG_PORT=55432
PG_DIR=/tmp/pgtest
PGBIN=/usr/lib/postgresql/15/bin

_ua_services() {
  local need=()
  command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
  [ -x "$PGBIN/initdb" ] || need+=(postgresql)
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "services.sh: missing ${need[*]}; run as root or: sudo apt-get install -y ${need[*]}" >&2
      return 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null || return 1
  fi

  if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no \
      --logfile /tmp/redis-test.log --pidfile /tmp/redis-test.pid >&2 || return 1
    for _ in $(seq 50); do redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  fi

  if ! "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; then
    local run=(bash -c)
    if [ "$(id -u)" = 0 ]; then run=(su postgres -c); fi
    rm -rf "$PG_DIR" && mkdir -p "$PG_DIR"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_DIR"
    "${run[@]}" "$PGBIN/initdb -D $PG_DIR -U postgres --auth=trust" >/dev/null || return 1
    "${run[@]}" "$PGBIN/pg_ctl -D $PG_DIR -o '-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' -l /tmp/pgtest.log -w start" >/dev/null || return 1
  fi

  # Tests use Redis db 5 so that a test's cleanup (which clears the matchmaking driver) never
  # touches a developer's own Redis data on db 0.
  export REDIS_URL_TEST="redis://127.0.0.1:$REDIS_PORT/5"
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
  echo "export REDIS_URL_TEST=$REDIS_URL_TEST"
  echo "export TEST_DATABASE_URL=$TEST_DATABASE_URL"
}

_ua_services
