#!/usr/bin/env bash
# Stops a PostgreSQL started by start.sh and removes its temporary folder.
set -euo pipefail
dir=${1:-${HEADROOM_PG_DIR:-}}
if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then
  echo "usage: $0 <folder printed by start.sh as HEADROOM_PG_DIR>" >&2
  exit 1
fi
bindir=$(cat "$dir/bindir")
as_server_user=()
if [ "$(id -u)" = 0 ]; then as_server_user=(runuser -u postgres --); fi
"${as_server_user[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
rm -rf "$dir"
