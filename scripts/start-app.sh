#!/usr/bin/env bash
# Builds the Backstage app (packages/app) with dev-env/app-config.yaml and serves it on
# 127.0.0.1 in the background. Prints shell assignments for the caller to eval:
#   HEADROOM_APP_URL=http://localhost:3000  HEADROOM_APP_PID=<process group>  HEADROOM_APP_LOG=<file>
# Stop it with scripts/stop-app.sh "$HEADROOM_APP_PID".
# Options: --port <n> (default 3000; the app's baseUrl and the backend's CORS origin in the
# config must match it), --config <file> (extra config, may repeat), --no-build (serve the
# existing build).
set -euo pipefail
cd "$(dirname "$0")/.."

port=3000
build=1
configs=(--config ../../dev-env/app-config.yaml)
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --config) configs+=(--config "$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"); shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "start-app.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if [ "$build" = 1 ]; then
  echo "==> building the TypeScript packages" >&2
  node_modules/.bin/tsc -b >&2
  echo "==> building the app" >&2
  (cd packages/app && ../../node_modules/.bin/backstage-cli package build "${configs[@]}") > /tmp/headroom-app-build.$$.log 2>&1 || {
    tail -40 /tmp/headroom-app-build.$$.log >&2
    echo "start-app.sh: the app build failed (log above)" >&2
    exit 1
  }
  rm -f /tmp/headroom-app-build.$$.log
fi

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "start-app.sh: 127.0.0.1:$port is already in use" >&2
  exit 1
fi

log=$(mktemp -t headroom-app.XXXXXX.log)
setsid node packages/app/scripts/serve.js 127.0.0.1 "$port" >"$log" 2>&1 < /dev/null &
pid=$!
for _ in $(seq 1 50); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "HEADROOM_APP_URL=http://localhost:$port"
    echo "HEADROOM_APP_PID=$pid"
    echo "HEADROOM_APP_LOG=$log"
    echo "==> app at http://localhost:$port" >&2
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  sleep 0.2
done
cat "$log" >&2
echo "start-app.sh: the app server did not start" >&2
exit 1
