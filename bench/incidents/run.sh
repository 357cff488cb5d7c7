#!/usr/bin/env bash
# Incidents benchmark: a burst of 10,000 Alertmanager alerts in 1,000 groups sent to the
# webhook of a real Backstage backend (packages/backend) on a throwaway PostgreSQL, then
# repeated, then resolved. Checks that none is lost or doubled (rows in the database, incidents
# from the API) and prints the receiving rate.
#
#   bench/incidents/run.sh
#
# Environment: BENCH_GROUPS (1000), BENCH_PER_GROUP (10), BENCH_CONCURRENCY (16), BENCH_PORT.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

groups=${BENCH_GROUPS:-1000}
per_group=${BENCH_PER_GROUP:-10}
concurrency=${BENCH_CONCURRENCY:-16}
port=${BENCH_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')}
token=headroom-bench-token
webhook_token=headroom-bench-webhook
base="http://127.0.0.1:$port"

work=$(mktemp -d "${TMPDIR:-/tmp}/headroom-bench-incidents.XXXXXX")
pg_dir=""
backend_pid=""
cleanup() {
  if [ -n "$backend_pid" ]; then
    kill -TERM -- "-$backend_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$backend_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$backend_pid" 2>/dev/null || true
  fi
  if [ -n "$pg_dir" ]; then dev-env/postgres/stop.sh "$pg_dir"; fi
  if [ -f "$work/backend.log" ]; then cp "$work/backend.log" "${TMPDIR:-/tmp}/headroom-bench-incidents-last.log"; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
log() { echo "bench: $*" >&2; }

eval "$(dev-env/postgres/start.sh)"
pg_dir=$HEADROOM_PG_DIR
psql_headroom() { psql -h 127.0.0.1 -p "$HEADROOM_PG_PORT" -U postgres -d backstage_plugin_headroom -Atqc "$1"; }

cat > "$work/app-config.yaml" <<YAML
app:
  baseUrl: http://localhost:3000
backend:
  baseUrl: $base
  listen: { port: $port, host: 127.0.0.1 }
  database:
    client: pg
    connection: { host: 127.0.0.1, port: $HEADROOM_PG_PORT, user: postgres }
  auth:
    externalAccess:
      - type: static
        options: { token: $token, subject: headroom-bench }
catalog:
  locations: []
headroom:
  incidents:
    webhook:
      token: $webhook_token
YAML

backend_code=(packages/backend/src packages/core/src plugins/headroom-backend/src)
commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- "${backend_code[@]}" ":(exclude)*.test.ts" || echo "+changes")
cd packages/backend
LOG_LEVEL=warn setsid node --enable-source-maps \
  --require "$repo/node_modules/@backstage/cli-node/config/nodeTransform.cjs" \
  src/index.ts --config "$work/app-config.yaml" > "$work/backend.log" 2>&1 < /dev/null &
backend_pid=$!
cd "$repo"
until curl -fsS -o /dev/null "$base/.backstage/health/v1/readiness" 2>/dev/null; do
  if ! kill -0 "$backend_pid" 2>/dev/null || grep -q 'Backend startup failed' "$work/backend.log"; then
    tail -n 30 "$work/backend.log" >&2
    exit 1
  fi
  sleep 0.5
done
log "backend ready; sending $groups groups of $per_group alerts, $concurrency at a time"

load_start=$(cut -d' ' -f1 /proc/loadavg)
result=$(node bench/incidents/burst.js "$base" "$webhook_token" "$groups" "$per_group" "$concurrency")
load_end=$(cut -d' ' -f1 /proc/loadavg)

rows=$(psql_headroom 'select count(*) from headroom_incident_alerts')
distinct_rows=$(psql_headroom 'select count(distinct fingerprint) from headroom_incident_alerts')
resolved_rows=$(psql_headroom 'select count(*) from headroom_incident_alerts where ends_at is not null')
list_started=$(date +%s%N)
curl -fsS -H "Authorization: Bearer $token" "$base/api/headroom/incidents" > "$work/incidents.json"
list_seconds=$(( ($(date +%s%N) - list_started) / 1000000 ))
rss_kb=$(ps -o rss= -p "$backend_pid" 2>/dev/null || echo 0)

node -e '
const [r, rows, distinct, resolved, file, listSeconds, groups, perGroup, rss, l0, l1, commit] = process.argv.slice(1);
const incidents = JSON.parse(require("node:fs").readFileSync(file, "utf8")).items;
const sizes = incidents.map(i => i.fingerprints.length);
const out = { commit, ...JSON.parse(r),
  stored: { rows: +rows, distinctFingerprints: +distinct, resolved: +resolved },
  incidents: { count: incidents.length, allResolved: incidents.every(i => i.status === "resolved"),
    alertsPerIncident: [Math.min(...sizes), Math.max(...sizes)], listSeconds: +listSeconds / 1000 },
  loadAverage: [+l0, +l1], backendRssMiB: Math.round(+rss / 1024) };
const expected = +groups * +perGroup;
out.noneLostOrDoubled = out.stored.rows === expected && out.stored.distinctFingerprints === expected &&
  out.stored.resolved === expected && out.incidents.count === +groups && sizes.every(s => s === +perGroup);
console.log(JSON.stringify(out, null, 2));
if (!out.noneLostOrDoubled) process.exit(1);
' "$result" "$rows" "$distinct_rows" "$resolved_rows" "$work/incidents.json" "$list_seconds" "$groups" "$per_group" "$rss_kb" "$load_start" "$load_end" "$commit"
