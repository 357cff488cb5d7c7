#!/usr/bin/env bash
# Stops a Prometheus started by start.sh and removes its folder (unless KEEP=1).
# Usage: stop.sh <PROMETHEUS_DIR>
set -euo pipefail
dir="${1:?usage: stop.sh <PROMETHEUS_DIR printed by start.sh>}"
if [ -f "$dir/prometheus.pid" ]; then
  pid=$(cat "$dir/prometheus.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
fi
if [ "${KEEP:-0}" != "1" ]; then rm -rf "$dir"; fi
echo "stopped"
