#!/usr/bin/env bash
# The Grafana side: build the engine and the three Grafana plugins (dist/ as Grafana loads it),
# run their jest suites, then load the built dist/module.js files in Chromium through the harness
# (test/grafana-harness) against the demo: Prometheus with the demo traffic and the SLO rules,
# and the Backstage backend with Headroom. Screenshots go to artifacts/grafana/.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM_PATH:-}" ]; then
  echo "==> installing Chromium (Debian package)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium
fi

echo "==> build: engine and packages"
scripts/yarn build

plugins=(grafana-datasource grafana-errorbudget-panel grafana-unitcost-panel)
for p in "${plugins[@]}"; do
  echo "==> $p: build, type check, jest"
  scripts/yarn workspace "@headroom/$p" build
  scripts/yarn workspace "@headroom/$p" typecheck
  scripts/yarn workspace "@headroom/$p" test:ci
done

echo "==> harness: host page"
scripts/yarn workspace @headroom/grafana-harness build

# Stop the demo afterwards only if this run started it.
demo_was_running=0
if curl -fsS -o /dev/null http://127.0.0.1:7007/.backstage/health/v1/readiness 2>/dev/null; then
  demo_was_running=1
fi
cleanup() {
  if [ "$demo_was_running" -eq 0 ]; then dev-env/backstage/stop.sh >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

echo "==> harness: built plugins in Chromium against the demo backend and Prometheus"
node test/grafana-harness/run.mjs
