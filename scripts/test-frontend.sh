#!/usr/bin/env bash
# Tests of the Backstage frontend: type check, the plugin's component tests (Testing Library),
# the app's production build, then the browser test: the demo Prometheus (simulator + backfilled
# history) and the demo bill of its weeks, the Backstage backend with the demo catalog and the
# built app, each on its own loopback port, and Chromium driven by playwright-core
# (test/e2e-backstage/e2e.mjs).
# Screenshots: artifacts/e2e-backstage/. Everything started here is stopped on exit.
# Set HEADROOM_TEST_NO_BROWSER=1 to skip the browser test.
set -euo pipefail
cd "$(dirname "$0")/.."

app_pid=""
backend_pid=""
prom_started=0
cleanup() {
  if [ -n "$app_pid" ]; then scripts/stop-app.sh "$app_pid" || true; fi
  if [ -n "$backend_pid" ]; then
    kill -TERM -- "-$backend_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$backend_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$backend_pid" 2>/dev/null || true
  fi
  if [ "$prom_started" = 1 ]; then HEADROOM_PROMETHEUS_PORT=9190 dev-env/demo-prometheus/stop.sh || true; fi
}
trap cleanup EXIT INT TERM

echo "==> type check"
node_modules/.bin/tsc -b
node_modules/.bin/tsc -p tsconfig.frontend.json

echo "==> component tests: plugins/headroom"
(cd plugins/headroom && CI=true ../../node_modules/.bin/backstage-cli package test --ci --watchAll=false)

if [ -n "${HEADROOM_TEST_NO_BROWSER:-}" ]; then
  scripts/start-app.sh --build-dir .cache/app-builds/e2e --build-only
  echo "==> app builds; browser test skipped (HEADROOM_TEST_NO_BROWSER)"
  exit 0
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "==> installing Chromium (Debian package)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

e2e_config=test/e2e-backstage/app-config.e2e.yaml
echo "==> demo Prometheus on 127.0.0.1:9190"
HEADROOM_PROMETHEUS_PORT=9190 HEADROOM_SIMULATOR_PORT=9564 dev-env/demo-prometheus/start.sh >/dev/null
prom_started=1

echo "==> the demo bill for that Prometheus's weeks"
HEADROOM_PROMETHEUS_PORT=9190 HEADROOM_DEMO_COST_DIR="$PWD/.cache/e2e-cost" \
  dev-env/cost/generate.sh >/dev/null

echo "==> backend on 127.0.0.1:7107"
backend_log=$(mktemp -t headroom-e2e-backend.XXXXXX.log)
(cd packages/backend && exec setsid ../../node_modules/.bin/backstage-cli package start \
  --config ../../dev-env/app-config.yaml --config "../../$e2e_config") >"$backend_log" 2>&1 </dev/null &
backend_pid=$!
for i in $(seq 1 240); do
  if curl -sf -o /dev/null http://127.0.0.1:7107/.backstage/health/v1/readiness; then break; fi
  if ! kill -0 "$backend_pid" 2>/dev/null || [ "$i" = 240 ]; then
    tail -40 "$backend_log"
    echo "test-frontend.sh: the backend did not start (log: $backend_log)" >&2
    exit 1
  fi
  sleep 0.5
done

echo "==> app on 127.0.0.1:3100"
# Its own build folder: the demo's app (packages/app/dist) keeps working while the tests run.
out=$(scripts/start-app.sh --port 3100 --config "$e2e_config" --build-dir .cache/app-builds/e2e)
eval "$out"
app_pid=$HEADROOM_APP_PID

echo "==> browser test"
HEADROOM_APP_URL=$HEADROOM_APP_URL HEADROOM_BACKEND_URL=http://localhost:7107 \
  HEADROOM_PROMETHEUS_URL=http://127.0.0.1:9190 node test/e2e-backstage/e2e.mjs || { echo "backend log: $backend_log" >&2; exit 1; }
