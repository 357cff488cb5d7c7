#!/usr/bin/env bash
# Stops what dev-env/backstage/start.sh started: the backend, then the demo Prometheus.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
state_dir="$repo/.cache/backstage"
if [ -f "$state_dir/backend.pid" ]; then
  pid=$(cat "$state_dir/backend.pid")
  # The backend runs in its own process group (setsid): stop the group, then wait for it.
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$state_dir/backend.pid"
fi
"$repo/dev-env/demo-prometheus/stop.sh" || true
