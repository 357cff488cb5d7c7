#!/usr/bin/env bash
# The whole test suite, as CI runs it: lint, format, type check, unit tests, then the tests
# against real parts (Prometheus and promtool here; each suite starts and stops its own servers
# on loopback ports in temporary folders).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

echo "==> lint"
scripts/yarn lint
echo "==> format"
scripts/yarn format:check
echo "==> type check (tests included)"
node_modules/.bin/tsc -p tsconfig.tests.json

echo "==> real parts: Prometheus"
scripts/test-prometheus.sh

echo "==> tests (unit, and against real Prometheus)"
scripts/yarn test:unit --ci

echo "==> Backstage packages (SQLite and a real PostgreSQL)"
scripts/test-backstage.sh

echo "==> Grafana plugins (jest, then the built plugins in Chromium against the demo)"
scripts/test-grafana.sh

echo "==> Backstage app and frontend plugin (Testing Library, then Chromium against the app, backend and Prometheus)"
scripts/test-frontend.sh

echo "==> install into fresh @backstage/create-app apps from the packed tarballs (both frontend systems)"
install_tgz=$(mktemp -d)
scripts/pack.sh "$install_tgz" --no-grafana
test/install/install.sh --tarballs "$install_tgz"
test/install/install.sh --legacy --tarballs "$install_tgz"
rm -rf "$install_tgz"
