#!/usr/bin/env bash
# Stops an Alertmanager started by start.sh and removes its folder (unless KEEP=1, which keeps
# it for a restart with ALERTMANAGER_DIR=<folder> start.sh).
# Usage: stop.sh <ALERTMANAGER_DIR>
set -euo pipefail
dir="${1:?usage: stop.sh <ALERTMANAGER_DIR printed by start.sh>}"
if [ -f "$dir/alertmanager.pid" ]; then
  pid=$(cat "$dir/alertmanager.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/alertmanager.pid"
fi
if [ "${KEEP:-0}" != "1" ]; then rm -rf "$dir"; fi
echo "stopped"
