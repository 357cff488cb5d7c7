#!/usr/bin/env bash
# Starts the demo: Prometheus with the simulator's history and live traffic
# (dev-env/demo-prometheus), the bill for the same weeks (dev-env/cost), then the Backstage
# backend of packages/backend with the catalog, the scaffolder and Headroom, reading the demo
# catalog in dev-env/catalog and importing the bill. SQLite in memory.
#
#   dev-env/backstage/start.sh        # prints the backend URL when it is ready
#   dev-env/backstage/stop.sh
#
# Environment: HEADROOM_BACKEND_WAIT (seconds to wait for the backend, default 120).
# The API accepts the development token `headroom-demo-token` (see dev-env/app-config.yaml):
#   curl -H 'Authorization: Bearer headroom-demo-token' \
#     http://127.0.0.1:7007/api/headroom/entities/component/default/order-gateway/summary
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
state_dir="$repo/.cache/backstage"
mkdir -p "$state_dir"
log() { echo "backstage: $*" >&2; }

if [ -f "$state_dir/backend.pid" ] && kill -0 "$(cat "$state_dir/backend.pid")" 2>/dev/null; then
  log "already running"
  echo "http://127.0.0.1:7007"
  exit 0
fi
if (exec 3<>/dev/tcp/127.0.0.1/7007) 2>/dev/null; then
  echo "start.sh: port 7007 on 127.0.0.1 is already in use" >&2
  exit 1
fi

prometheus_url=$("$repo/dev-env/demo-prometheus/start.sh")
log "Prometheus at $prometheus_url"
# The cost source of dev-env/app-config.yaml: the bill for the same weeks as the history.
cost_file=$("$repo/dev-env/cost/generate.sh")
log "demo bill $cost_file"

config=(--config "$repo/dev-env/app-config.yaml")
if [ "$prometheus_url" != "http://127.0.0.1:9090" ]; then
  printf 'headroom:\n  prometheus:\n    baseUrl: %s\n' "$prometheus_url" > "$state_dir/app-config.prometheus.yaml"
  config+=(--config "$state_dir/app-config.prometheus.yaml")
fi

cd "$repo/packages/backend"
setsid "$repo/node_modules/.bin/backstage-cli" package start "${config[@]}" \
  > "$state_dir/backend.log" 2>&1 < /dev/null &
echo $! > "$state_dir/backend.pid"

deadline=$(( SECONDS + ${HEADROOM_BACKEND_WAIT:-120} ))
until curl -fsS -o /dev/null http://127.0.0.1:7007/.backstage/health/v1/readiness 2>/dev/null; do
  if ! kill -0 "$(cat "$state_dir/backend.pid")" 2>/dev/null; then
    echo "start.sh: the backend exited; the end of its log ($state_dir/backend.log):" >&2
    tail -n 30 "$state_dir/backend.log" >&2
    exit 1
  fi
  if [ $SECONDS -ge $deadline ]; then
    echo "start.sh: the backend is not ready after ${HEADROOM_BACKEND_WAIT:-120} s; see $state_dir/backend.log" >&2
    exit 1
  fi
  sleep 0.5
done
log "backend ready (log: $state_dir/backend.log)"
echo "http://127.0.0.1:7007"
