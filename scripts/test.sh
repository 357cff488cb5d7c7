#!/usr/bin/env bash
# The whole test suite: lint, type check, unit tests, then the tests against real parts.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

echo "==> lint"
scripts/yarn lint
echo "==> format"
scripts/yarn format:check
echo "==> type check (tests included)"
node_modules/.bin/tsc -p tsconfig.tests.json
echo "==> unit tests"
scripts/yarn test:unit --ci
