#!/usr/bin/env bash
# Builds the Backstage app (packages/app) with dev-env/app-config.yaml and serves it on
# 127.0.0.1 in the background. Prints shell assignments for the caller to eval:
#   HEADROOM_APP_URL=http://localhost:3000  HEADROOM_APP_PID=<process group>  HEADROOM_APP_LOG=<file>
# Stop it with scripts/stop-app.sh "$HEADROOM_APP_PID".
# Options: --port <n> (default 3000; the app's baseUrl and the backend's CORS origin in the
# config must match it), --config <file> (extra config, may repeat), --no-build (serve the
# existing build), --build-dir <dir> (build and serve a copy of the app in <dir>/app instead of
# packages/app, so that a test's build never replaces the one a running demo serves),
# --build-only (build, do not serve).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

port=3000
build=1
build_dir=""
build_only=0
configs=(--config "$repo/dev-env/app-config.yaml")
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --config) configs+=(--config "$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"); shift 2 ;;
    --no-build) build=0; shift ;;
    --build-dir) build_dir=$2; shift 2 ;;
    --build-only) build_only=1; shift ;;
    *) echo "start-app.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

app=packages/app
if [ -n "$build_dir" ]; then
  # A copy of the app's sources beside its own dist; modules resolve through the app's
  # node_modules and, further up, the repository's.
  mkdir -p "$build_dir"
  app="$(cd "$build_dir" && pwd)/app"
  case "$app" in "$repo"/*) ;; *) echo "start-app.sh: --build-dir must be inside the repository" >&2; exit 2 ;; esac
  if [ "$build" = 1 ]; then
    rm -rf "$app"
    mkdir -p "$app"
    cp -r packages/app/package.json packages/app/src packages/app/public "$app/"
    # Its own node_modules (the build writes a generated module there), linking whatever the
    # install nested under packages/app; the rest resolves from the repository's.
    mkdir -p "$app/node_modules"
    if [ -d packages/app/node_modules ]; then
      for entry in packages/app/node_modules/* packages/app/node_modules/@*; do
        [ -e "$entry" ] || continue
        case "$(basename "$entry")" in __backstage-*) continue ;; esac
        ln -s "$repo/$entry" "$app/node_modules/$(basename "$entry")"
      done
    fi
  fi
fi

if [ "$build" = 1 ]; then
  echo "==> building the TypeScript packages" >&2
  node_modules/.bin/tsc -b >&2
  echo "==> building the app" >&2
  (cd "$app" && "$repo/node_modules/.bin/backstage-cli" package build "${configs[@]}") > /tmp/headroom-app-build.$$.log 2>&1 || {
    tail -40 /tmp/headroom-app-build.$$.log >&2
    echo "start-app.sh: the app build failed (log above)" >&2
    exit 1
  }
  rm -f /tmp/headroom-app-build.$$.log
fi

if [ "$build_only" = 1 ]; then exit 0; fi

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "start-app.sh: 127.0.0.1:$port is already in use" >&2
  exit 1
fi

log=$(mktemp -t headroom-app.XXXXXX.log)
setsid node packages/app/scripts/serve.js 127.0.0.1 "$port" "$app/dist" >"$log" 2>&1 < /dev/null &
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
