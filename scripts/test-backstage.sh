#!/usr/bin/env bash
# Tests of the Backstage packages (plugins/headroom-common, plugins/headroom-backend,
# packages/backend) on SQLite and on a real PostgreSQL 15 that this script starts on 127.0.0.1
# in a temporary folder and always stops again. Extra arguments go to jest, e.g. a path filter:
#   scripts/test-backstage.sh src/database
# Set HEADROOM_TEST_NO_POSTGRES=1 to run on SQLite only.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ]; then dev-env/postgres/stop.sh "$pg_dir"; pg_dir=""; fi
}
trap cleanup EXIT INT TERM

if [ -z "${HEADROOM_TEST_NO_POSTGRES:-}" ]; then
  echo "==> starting PostgreSQL"
  out=$(dev-env/postgres/start.sh)
  eval "$out"
  pg_dir=$HEADROOM_PG_DIR
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=$HEADROOM_PG_URL
  echo "    $HEADROOM_PG_URL"
fi
# TestDatabases must never reach for Docker for a database it was not given.
export BACKSTAGE_TEST_DISABLE_DOCKER=1

echo "==> OpenAPI router and client types up to date"
node plugins/headroom-backend/scripts/generate-openapi.js --check
node plugins/headroom-common/scripts/generate-api-types.js --check
echo "==> type check"
node_modules/.bin/tsc -p tsconfig.backstage.json

status=0
for pkg in plugins/headroom-common plugins/headroom-backend plugins/scaffolder-backend-module-headroom plugins/permission-backend-module-headroom packages/backend; do
  if ! find "$pkg/src" -name '*.test.ts' | grep -q .; then continue; fi
  echo "==> tests: $pkg"
  (cd "$pkg" && ../../node_modules/.bin/backstage-cli package test --ci --watchAll=false "$@") || status=1
done
exit $status
