#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on 127.0.0.1 in a temporary folder, for tests and local runs.
# Prints shell assignments (eval them): HEADROOM_PG_DIR, HEADROOM_PG_PORT, HEADROOM_PG_URL.
# Stop it with dev-env/postgres/stop.sh "$HEADROOM_PG_DIR", which also removes the folder.
set -euo pipefail

bindir=""
for candidate in "${PG_BINDIR:-}" /usr/local/bin /usr/lib/postgresql/*/bin; do
  if [ -n "$candidate" ] && [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
    bindir=$candidate
    break
  fi
done
if [ -z "$bindir" ]; then
  echo "PostgreSQL server binaries (initdb, pg_ctl) not found; install Debian's postgresql or set PG_BINDIR" >&2
  exit 1
fi

port=${HEADROOM_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')}
dir=$(mktemp -d "${TMPDIR:-/tmp}/headroom-pg.XXXXXX")
chmod 755 "$dir"

# initdb refuses to run as root: run the server as the postgres user when we are root.
as_server_user=()
if [ "$(id -u)" = 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home postgres
  fi
  chown postgres "$dir"
  as_server_user=(runuser -u postgres --)
fi

"${as_server_user[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
"${as_server_user[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
  -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null ||
  { cat "$dir/server.log" >&2; exit 1; }
echo "$bindir" >"$dir/bindir"

echo "HEADROOM_PG_DIR=$dir"
echo "HEADROOM_PG_PORT=$port"
echo "HEADROOM_PG_URL=postgresql://postgres@127.0.0.1:$port"
