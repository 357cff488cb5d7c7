#!/usr/bin/env bash
# Writes the demo exchange's FOCUS export (.cache/demo-cost/focus.csv.gz) for the same weeks as
# the demo Prometheus's history, and prints its path. It reads the simulator's anchor from the
# running demo Prometheus, so run it after dev-env/demo-prometheus/start.sh. The file is kept
# until the anchor, the history length or the bill's sources change.
#
# Environment: HEADROOM_DEMO_DAYS (31, as the demo Prometheus), HEADROOM_PROMETHEUS_PORT (9090:
# which demo Prometheus), HEADROOM_DEMO_COST_DIR (.cache/demo-cost: another for a second
# Prometheus, so that the bills of two anchors do not replace each other).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
state="$repo/.cache/demo-prometheus/state-${HEADROOM_PROMETHEUS_PORT:-9090}.env"
out_dir="${HEADROOM_DEMO_COST_DIR:-$repo/.cache/demo-cost}"
out="$out_dir/focus.csv.gz"
days="${HEADROOM_DEMO_DAYS:-31}"
log() { echo "demo-cost: $*" >&2; }

if [ ! -f "$state" ]; then
  echo "generate.sh: the demo Prometheus is not running (no $state); start it first" >&2
  exit 1
fi
anchor="$(. "$state" && echo "${ANCHOR:-}")"
if [ -z "$anchor" ]; then
  echo "generate.sh: no ANCHOR in $state" >&2
  exit 1
fi

"$repo/node_modules/.bin/tsc" -b "$here"
sources_hash="$(cd "$repo/dev-env" && find cost/src simulator/src -name '*.ts' ! -name '*.test.ts' |
  LC_ALL=C sort | xargs cat | sha256sum | cut -c1-12)"
key="$anchor-${days}d-$sources_hash"
mkdir -p "$out_dir"
if [ -f "$out" ] && [ "$(cat "$out_dir/key" 2>/dev/null)" = "$key" ]; then
  log "reusing $out"
else
  node "$here/dist/bin.js" --out "$out" --now "$anchor" --days "$days" >/dev/null
  echo "$key" > "$out_dir/key"
fi
echo "$out"
