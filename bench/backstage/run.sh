#!/usr/bin/env bash
# Backstage benchmark: a backend with the catalog and Headroom on a throwaway PostgreSQL,
# <entities> catalog entities with <slos> SLOs each (read from their SLO files by the plugin),
# then open-loop load on Headroom's per-entity summary, its list routes (coverage, SLO list,
# rollups) and the catalog's entity-by-name endpoint, one after the other, at the same rate for
# the same time, in BENCH_ROUNDS rounds on the same backend.
#
#   bench/backstage/run.sh
#
# Environment: BENCH_ENTITIES (10000), BENCH_SLOS_PER_ENTITY (5), BENCH_CATALOG_FILES (100 catalog
# files sharing the components; 1 puts them all into one file), BENCH_RATE (200 requests/s),
# BENCH_SECONDS (60), BENCH_PORT (a free one), BENCH_LOG_LEVEL (warn), BENCH_NODE_FLAGS (extra
# flags for the backend's node, e.g. --trace-gc; its output lands in the backend log),
# BENCH_ROUNDS (1: how many times every endpoint is measured on the same backend),
# BENCH_ROUTES (space-separated name=path; {name} is a random entity per request).
# The backend log and the monitor's per-second lines (monitor.js) are kept after the run in
# ${TMPDIR:-/tmp}/headroom-bench-backstage-last.{log,monitor.jsonl,phases.jsonl}.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

entities=${BENCH_ENTITIES:-10000}
slos=${BENCH_SLOS_PER_ENTITY:-5}
catalog_files=${BENCH_CATALOG_FILES:-100}
rate=${BENCH_RATE:-200}
seconds=${BENCH_SECONDS:-60}
port=${BENCH_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')}
token=headroom-bench-token
base="http://127.0.0.1:$port"

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "run.sh: port $port on 127.0.0.1 is already in use" >&2
  exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/headroom-bench-backstage.XXXXXX")
pg_dir=""
backend_pid=""
cleanup() {
  if [ -n "$backend_pid" ]; then
    kill -TERM -- "-$backend_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$backend_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$backend_pid" 2>/dev/null || true
    backend_pid=""
  fi
  if [ -n "$pg_dir" ]; then dev-env/postgres/stop.sh "$pg_dir"; pg_dir=""; fi
  if [ -f "$work/backend.log" ]; then cp "$work/backend.log" "${TMPDIR:-/tmp}/headroom-bench-backstage-last.log"; fi
  if [ -f "$work/monitor.jsonl" ]; then cp "$work/monitor.jsonl" "${TMPDIR:-/tmp}/headroom-bench-backstage-last.monitor.jsonl"; fi
  if [ -f "$work/phases.jsonl" ]; then cp "$work/phases.jsonl" "${TMPDIR:-/tmp}/headroom-bench-backstage-last.phases.jsonl"; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
log() { echo "bench: $*" >&2; }

eval "$(dev-env/postgres/start.sh)"
pg_dir=$HEADROOM_PG_DIR
psql_headroom() { psql -h 127.0.0.1 -p "$HEADROOM_PG_PORT" -U postgres -d backstage_plugin_headroom -Atqc "$1"; }

node bench/backstage/generate.js "$work/catalog" "$entities" "$slos" "$catalog_files" >&2

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
permission:
  enabled: true
catalog:
  rules:
    - allow: [Component, System, Domain, Group, Location]
  locations:
    - type: file
      target: $work/catalog/catalog.yaml
headroom:
  catalogSync:
    intervalSeconds: 30
YAML

# The code measured: the commit, marked when what the backend loads has uncommitted changes.
backend_code=(packages/backend/src packages/core/src packages/prometheus/src plugins/headroom-backend/src plugins/headroom-common/src)
commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- "${backend_code[@]}" ":(exclude)*.test.ts" || echo "+changes")
started=$SECONDS
cd packages/backend
# The backend runs as `backstage-cli package start` runs it, without the file watcher, so that
# edits elsewhere in the checkout cannot restart it mid-run. setsid gives it a process group
# of its own, so that cleanup stops all of it.
# monitor.js appends one line a second: event-loop delay, GC pauses, knex pool, requests, files.
# shellcheck disable=SC2086
HEADROOM_BENCH_MONITOR="$work/monitor.jsonl" LOG_LEVEL=${BENCH_LOG_LEVEL:-warn} setsid node ${BENCH_NODE_FLAGS:-} \
  --enable-source-maps --require "$repo/bench/backstage/monitor.js" \
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
log "backend ready after $((SECONDS - started)) s"

count_components() {
  curl -fsS -H "Authorization: Bearer $token" \
    "$base/api/catalog/entities/by-query?limit=1&filter=kind=component" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).totalItems))'
}
until [ "$(count_components 2>/dev/null || echo 0)" -ge "$entities" ]; do sleep 2; done
catalog_seconds=$((SECONDS - started))
log "catalog holds $entities components after $catalog_seconds s"
# Ready when every SLO is stored with its owner and line of business from the catalog: an SLO
# synced before the catalog held its system would still lack the line of business.
until [ "$(psql_headroom 'select count(*) from headroom_slos where owner_ref is not null and line_of_business is not null' 2>/dev/null || echo 0)" -ge $((entities * slos)) ]; do sleep 2; done
slo_seconds=$((SECONDS - started))
log "headroom holds $((entities * slos)) SLOs with owner and line of business after $slo_seconds s"

# Every SLO gets a status, as if evaluated, so summaries carry real rows.
psql_headroom "insert into headroom_slo_status (slo_id, evaluated_at, sli, budget_remaining, worst_burn_rate, burn_rates, alert_state, time_to_exhaustion_seconds, last_attempt_at, error)
  select id, now(), 0.9993, 0.3, 0.7, '[{\"window\":\"5m\",\"rate\":0.4},{\"window\":\"1h\",\"rate\":0.7},{\"window\":\"6h\",\"rate\":0.5},{\"window\":\"30d\",\"rate\":0.7}]', 'ok', null, now(), null from headroom_slos
  on conflict (slo_id) do nothing"
# What autovacuum would do shortly after a bulk load: planner statistics for the new rows.
psql_headroom "analyze"

summary="/api/headroom/entities/component/default/{name}/summary"
check=$(curl -fsS -H "Authorization: Bearer $token" "$base${summary/\{name\}/svc-00007}")
echo "$check" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);if(j.sloCount!=='"$slos"')throw new Error("summary has "+j.sloCount+" SLOs")})'

# The endpoints measured, name=path ({name}: a random entity per request), one after the other.
routes=${BENCH_ROUTES:-"summary=$summary coverage=/api/headroom/capacity/coverage slos=/api/headroom/slos rollupOwners=/api/headroom/rollups/owners rollupLobs=/api/headroom/rollups/lines-of-business catalog=/api/catalog/entities/by-name/component/default/{name}"}
rounds=${BENCH_ROUNDS:-1}

log "warm-up: 10 s of each endpoint"
for route in $routes; do
  node bench/backstage/load.js "$base" "${route#*=}" "$rate" 10 "$entities" "$token" >/dev/null
done

loadavg() { cut -d' ' -f1 /proc/loadavg; }
# One JSON line per phase: round, endpoint name, the load result and the load average around it.
: > "$work/phases.jsonl"
for round in $(seq 1 "$rounds"); do
  log "round $round of $rounds: $rate requests/s for $seconds s on each endpoint"
  for route in $routes; do
    load_start=$(loadavg)
    result=$(node bench/backstage/load.js "$base" "${route#*=}" "$rate" "$seconds" "$entities" "$token")
    load_end=$(loadavg)
    node -e 'const [r, round, name, l0, l1] = process.argv.slice(1); console.log(JSON.stringify({ round: +round, name, ...JSON.parse(r), loadAverage: [+l0, +l1] }))' \
      "$result" "$round" "${route%%=*}" "$load_start" "$load_end" >> "$work/phases.jsonl"
  done
done
rss_kb=$(ps -o rss= -p "$backend_pid" 2>/dev/null || echo 0)
sleep 1.5 # the monitor's line for the last second

node -e '
const [phasesFile, entities, slos, cat, slo, rss, monitor, files, commit] = process.argv.slice(1);
const fs = require("node:fs");
const { phase } = require("./bench/backstage/monitorSummary.js");
const lines = fs.readFileSync(monitor, "utf8").split("\n").filter(Boolean).map(l => JSON.parse(l));
const phases = fs.readFileSync(phasesFile, "utf8").split("\n").filter(Boolean).map(l => JSON.parse(l));
for (const p of phases) p.backend = phase(lines, p.startedAt, p.seconds);
// Per endpoint: p50 and p99 of each round, and in how many rounds p99 was under 50 ms.
const byName = {};
for (const p of phases) (byName[p.name] ??= []).push(p);
const endpoints = Object.fromEntries(Object.entries(byName).map(([name, ps]) => [name, {
  path: ps[0].path, p50: ps.map(p => p.p50), p99: ps.map(p => p.p99), errors: ps.map(p => p.errors),
  roundsUnder50msP99: ps.filter(p => p.p99 !== null && p.p99 < 50 && p.errors === 0).length, rounds: ps.length,
}]));
console.log(JSON.stringify({ commit, entities: +entities, slos: +entities * +slos, catalogFiles: +files, catalogReadySeconds: +cat, slosReadySeconds: +slo,
  endpoints, phases, backendRssMiB: Math.round(+rss / 1024) }, null, 2));
' "$work/phases.jsonl" "$entities" "$slos" "$catalog_seconds" "$slo_seconds" "$rss_kb" "$work/monitor.jsonl" \
  "$catalog_files" "$commit"
