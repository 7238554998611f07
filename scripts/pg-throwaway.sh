#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a local port for tests and benchmarks, and prints its URL.
#   scripts/pg-throwaway.sh start [PORT]   → prints postgres://parallax@127.0.0.1:PORT/parallax
#   scripts/pg-throwaway.sh stop
# Needs Debian's postgresql package (initdb/pg_ctl under /usr/lib/postgresql/<ver>/bin).
set -euo pipefail
action=${1:-start}
port=${2:-54329}
dir=${PARALLAX_PG_DIR:-/tmp/parallax-pg-$port}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "pg-throwaway: PostgreSQL server binaries not found; install them with: apt-get install -y postgresql" >&2
  exit 3
fi
# initdb refuses to run as root, so the cluster belongs to the postgres system user when we are root.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$action" in
  start)
    if [ -f "$dir/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      echo "postgres://parallax@127.0.0.1:$port/parallax"; exit 0
    fi
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_owner "$bin/initdb" -D "$dir" -U parallax --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U parallax parallax
    echo "postgres://parallax@127.0.0.1:$port/parallax"
    ;;
  stop)
    [ -d "$dir" ] && as_owner "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop [PORT]" >&2; exit 2 ;;
esac
