#!/usr/bin/env bash
# Stops what start.sh started (by the process ids it recorded) and removes its temp data.
# HEADROOM_PROMETHEUS_PORT (9090) picks which one, as for start.sh.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
state="$repo/.cache/demo-prometheus/state-${HEADROOM_PROMETHEUS_PORT:-9090}.env"
if [ ! -f "$state" ]; then
  echo "demo-prometheus: not running" >&2
  exit 0
fi
# shellcheck disable=SC1090
. "$state"

for pid in ${PROM_PID:-} ${SIM_PID:-}; do
  # Each was started with setsid: its process group is its own id.
  kill -TERM -- "-$pid" 2>/dev/null || true
done
for pid in ${PROM_PID:-} ${SIM_PID:-}; do
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
done
case "${RUN_DIR:-}" in
  */headroom-demo-prometheus.*) rm -rf "$RUN_DIR" ;;
esac
rm -f "$state"
echo "demo-prometheus: stopped" >&2
