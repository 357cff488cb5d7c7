#!/usr/bin/env bash
# Stops the app server started by scripts/start-app.sh: stop-app.sh <HEADROOM_APP_PID>
set -uo pipefail
pid=${1:?usage: stop-app.sh <HEADROOM_APP_PID>}
kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
for _ in $(seq 1 25); do
  kill -0 "$pid" 2>/dev/null || exit 0
  sleep 0.2
done
kill -KILL -- "-$pid" 2>/dev/null || true
