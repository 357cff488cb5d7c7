#!/usr/bin/env bash
# Starts a throw-away Prometheus on 127.0.0.1 with a temporary data folder and prints
#   PROMETHEUS_URL=http://127.0.0.1:<port>
#   PROMETHEUS_DIR=<folder>          (pass it to stop.sh)
# Usage: start.sh [rule-file ...]
# Environment: PROMETHEUS_DIR (use this folder, e.g. one with backfilled blocks in data/),
#   SCRAPE_INTERVAL (15s), EVALUATION_INTERVAL (30s), SCRAPE_TARGETS (host:port list, comma separated).
set -euo pipefail

command -v prometheus >/dev/null || {
  echo "prometheus is not installed: run dev-env/prometheus/install.sh" >&2
  exit 1
}

dir="${PROMETHEUS_DIR:-$(mktemp -d -t headroom-prometheus.XXXXXX)}"
mkdir -p "$dir/data" "$dir/rules"
for f in "$@"; do cp "$f" "$dir/rules/"; done

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

{
  echo "global:"
  echo "  scrape_interval: ${SCRAPE_INTERVAL:-15s}"
  echo "  evaluation_interval: ${EVALUATION_INTERVAL:-30s}"
  echo "rule_files:"
  echo "  - $dir/rules/*.yml"
  echo "  - $dir/rules/*.yaml"
  if [ -n "${SCRAPE_TARGETS:-}" ]; then
    echo "scrape_configs:"
    echo "  - job_name: headroom-dev"
    echo "    static_configs:"
    echo "      - targets: [$(echo "$SCRAPE_TARGETS" | sed 's/[^,][^,]*/"&"/g')]"
  fi
} >"$dir/prometheus.yml"

setsid prometheus \
  --config.file="$dir/prometheus.yml" \
  --storage.tsdb.path="$dir/data" \
  --storage.tsdb.retention.time=60d \
  --web.listen-address="127.0.0.1:$port" \
  --web.enable-lifecycle \
  >"$dir/prometheus.log" 2>&1 &
echo $! >"$dir/prometheus.pid"

url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  if curl -fsS "$url/-/ready" >/dev/null 2>&1; then
    echo "$url" >"$dir/url"
    echo "PROMETHEUS_URL=$url"
    echo "PROMETHEUS_DIR=$dir"
    exit 0
  fi
  if ! kill -0 "$(cat "$dir/prometheus.pid")" 2>/dev/null; then break; fi
  sleep 0.2
done
echo "Prometheus did not become ready; its log:" >&2
tail -20 "$dir/prometheus.log" >&2
kill "$(cat "$dir/prometheus.pid")" 2>/dev/null || true
exit 1
