#!/usr/bin/env bash
# Starts the demo's Prometheus on loopback: weeks of backfilled history from the traffic
# simulator, then the same series live from the simulator's /metrics endpoint.
#
#   dev-env/demo-prometheus/start.sh [--rules <file.yml>] [--alertmanager <host:port>] [--fresh]
#
# --alertmanager: where the rules' alerts are sent (none without it).
#
# Environment: HEADROOM_PROMETHEUS_PORT (9090), HEADROOM_SIMULATOR_PORT (9464),
# HEADROOM_DEMO_DAYS (31: a 30-day SLO window fully covered), HEADROOM_DEMO_STEP (60 s).
# The backfill (about half a minute) is cached per simulator source and UTC day under
# .cache/demo-prometheus/; later starts that day reuse it and fill only the gap since.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache="$repo/.cache/demo-prometheus"
prom_port="${HEADROOM_PROMETHEUS_PORT:-9090}"
# One state file per port: a test run on other ports never takes over (or stops) the demo.
state="$cache/state-$prom_port.env"
sim_port="${HEADROOM_SIMULATOR_PORT:-9464}"
days="${HEADROOM_DEMO_DAYS:-31}"
step="${HEADROOM_DEMO_STEP:-60}"
rules=""
alertmanager=""
fresh=0

while [ $# -gt 0 ]; do
  case "$1" in
    --rules) rules="${2:?--rules needs a file}"; shift 2 ;;
    --alertmanager) alertmanager="${2:?--alertmanager needs host:port}"; shift 2 ;;
    --fresh) fresh=1; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "start.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -n "$rules" ] && [ ! -f "$rules" ]; then
  echo "start.sh: --rules file not found: $rules" >&2
  exit 2
fi

log() { echo "demo-prometheus: $*" >&2; }
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

mkdir -p "$cache"
if [ -f "$state" ]; then
  # shellcheck disable=SC1090
  . "$state"
  if alive "${PROM_PID:-}" && alive "${SIM_PID:-}"; then
    log "already running"
    echo "$PROM_URL"
    exit 0
  fi
  "$here/stop.sh" >/dev/null 2>&1 || true
fi

# --- tools ---------------------------------------------------------------------------------
if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
  log "installing Prometheus (Debian package)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq prometheus >&2
fi
for port in "$prom_port" "$sim_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "start.sh: port $port on 127.0.0.1 is already in use (set HEADROOM_PROMETHEUS_PORT / HEADROOM_SIMULATOR_PORT)" >&2
    exit 1
  fi
done

# --- the simulator ---------------------------------------------------------------------------
tsc="$repo/node_modules/.bin/tsc"
if [ ! -x "$tsc" ]; then
  echo "start.sh: dependencies are not installed; run scripts/yarn install first" >&2
  exit 1
fi
"$tsc" -b "$repo/dev-env/simulator"
simulator=(node "$repo/dev-env/simulator/dist/bin.js")
source_hash="$(cd "$repo/dev-env/simulator" && find src -name '*.ts' ! -name '*.test.ts' | LC_ALL=C sort |
  xargs cat package.json | sha256sum | cut -c1-12)"
key="$source_hash-$(date -u +%F)-${days}d-${step}s"

# --- backfill (cached) -----------------------------------------------------------------------
backfill() { # <file> <blocks dir> <history options...>
  local file="$1" out="$2"
  shift 2
  "${simulator[@]}" history --step "$step" --out "$file" "$@"
  local started=$SECONDS
  promtool tsdb create-blocks-from openmetrics --max-block-duration=486h "$file" "$out" >/dev/null
  log "promtool created blocks in $((SECONDS - started)) s"
  rm -f "$file"
}

entry="$cache/backfill/$key"
[ "$fresh" -eq 1 ] && rm -rf "$entry"
if [ ! -f "$entry/anchor" ]; then
  rm -rf "$cache/backfill"
  mkdir -p "$entry.tmp"
  anchor=$(( $(date -u +%s) / 60 * 60 ))
  log "backfilling $days days at ${step}s steps (anchor $anchor)"
  backfill "$entry.tmp/history.om" "$entry.tmp/blocks" --days "$days" --now "$anchor"
  echo "$anchor" > "$entry.tmp/anchor"
  mv "$entry.tmp" "$entry"
else
  log "reusing the backfill cached in $entry"
fi
anchor="$(cat "$entry/anchor")"

run="$(mktemp -d "${TMPDIR:-/tmp}/headroom-demo-prometheus.XXXXXX")"
mkdir -p "$run/data" "$run/rules"
cp -r "$entry/blocks/." "$run/data/"
now_minute=$(( $(date -u +%s) / 60 * 60 ))
if [ $(( now_minute - anchor )) -ge $(( 2 * step )) ]; then
  log "filling the gap since the cached backfill ($(( (now_minute - anchor) / 60 )) minutes)"
  backfill "$run/gap.om" "$run/data" --now "$anchor" --from $(( anchor + step )) --to "$now_minute"
fi

# --- processes -------------------------------------------------------------------------------
setsid "${simulator[@]}" serve --host 127.0.0.1 --port "$sim_port" --now "$anchor" \
  > "$run/simulator.log" 2>&1 < /dev/null &
sim_pid=$!
sed -e "s/__SIMULATOR_TARGET__/127.0.0.1:$sim_port/" \
  -e "s/__ALERTMANAGER_TARGETS__/${alertmanager:+\'$alertmanager\'}/" \
  "$here/prometheus.yml" > "$run/prometheus.yml"
[ -n "$rules" ] && cp "$rules" "$run/rules/"

wait_for() { # <url> <seconds> <pid> <log>
  local deadline=$(( SECONDS + $2 ))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    if ! alive "$3"; then
      echo "start.sh: process for $1 exited; its log ($4):" >&2
      tail -n 20 "$4" >&2
      exit 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "start.sh: $1 not ready after $2 s; see $4" >&2
      exit 1
    fi
    sleep 0.2
  done
}
wait_for "http://127.0.0.1:$sim_port/healthz" 60 "$sim_pid" "$run/simulator.log"

setsid prometheus \
  --config.file="$run/prometheus.yml" \
  --storage.tsdb.path="$run/data" \
  --storage.tsdb.retention.time=60d \
  --web.listen-address="127.0.0.1:$prom_port" \
  --web.enable-lifecycle \
  > "$run/prometheus.log" 2>&1 < /dev/null &
prom_pid=$!

cat > "$state" <<STATE
PROM_PID=$prom_pid
SIM_PID=$sim_pid
RUN_DIR=$run
ANCHOR=$anchor
PROM_URL=http://127.0.0.1:$prom_port
SIM_URL=http://127.0.0.1:$sim_port/metrics
STATE
wait_for "http://127.0.0.1:$prom_port/-/ready" 60 "$prom_pid" "$run/prometheus.log"

log "simulator http://127.0.0.1:$sim_port/metrics (pid $sim_pid), Prometheus pid $prom_pid, data in $run"
log "rules: put *.yml in $run/rules and POST http://127.0.0.1:$prom_port/-/reload"
echo "http://127.0.0.1:$prom_port"
