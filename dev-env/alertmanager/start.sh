#!/usr/bin/env bash
# Starts a throw-away Alertmanager on 127.0.0.1 with a temporary data folder, routing every
# alert to Headroom's webhook, and prints
#   ALERTMANAGER_URL=http://127.0.0.1:<port>
#   ALERTMANAGER_DIR=<folder>        (pass it to stop.sh)
# Environment:
#   WEBHOOK_URL      where notifications go, several separated by commas (default: the
#                    backend's route on 127.0.0.1:7007)
#   WEBHOOK_TOKEN    sent as "Authorization: Bearer <token>" (http_config.authorization), or
#   WEBHOOK_USER / WEBHOOK_PASSWORD   sent as basic auth (http_config.basic_auth)
#   GROUP_WAIT (10s), GROUP_INTERVAL (30s), REPEAT_INTERVAL (4h)   the route's timers
#   ALERTMANAGER_DIR a folder from an earlier start.sh (stopped with KEEP=1): restarts on the
#                    same port with the same notification log and silences, as a restart would.
set -euo pipefail

command -v prometheus-alertmanager >/dev/null || {
  echo "alertmanager is not installed: run dev-env/alertmanager/install.sh" >&2
  exit 1
}

dir="${ALERTMANAGER_DIR:-$(mktemp -d -t headroom-alertmanager.XXXXXX)}"
mkdir -p "$dir/data"
chmod 700 "$dir"

if [ -f "$dir/port" ]; then
  port=$(cat "$dir/port")
else
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  echo "$port" >"$dir/port"
fi

url_to="${WEBHOOK_URL:-http://127.0.0.1:7007/api/headroom/alertmanager/webhook}"
{
  echo "route:"
  echo "  receiver: headroom"
  # One notification group per SLO (or per alert name and service for other rules).
  echo "  group_by: [alertname, sloth_service, sloth_slo, headroom_service, headroom_slo, service]"
  echo "  group_wait: ${GROUP_WAIT:-10s}"
  echo "  group_interval: ${GROUP_INTERVAL:-30s}"
  echo "  repeat_interval: ${REPEAT_INTERVAL:-4h}"
  echo "receivers:"
  echo "  - name: headroom"
  echo "    webhook_configs:"
  for url in $(echo "$url_to" | tr ',' ' '); do
    echo "      - url: '$url'"
    echo "        send_resolved: true"
    if [ -n "${WEBHOOK_TOKEN:-}" ]; then
      printf '%s' "$WEBHOOK_TOKEN" >"$dir/webhook-token"
      echo "        http_config:"
      echo "          authorization:"
      echo "            type: Bearer"
      echo "            credentials_file: $dir/webhook-token"
    elif [ -n "${WEBHOOK_USER:-}" ]; then
      printf '%s' "${WEBHOOK_PASSWORD:-}" >"$dir/webhook-password"
      echo "        http_config:"
      echo "          basic_auth:"
      echo "            username: '$WEBHOOK_USER'"
      echo "            password_file: $dir/webhook-password"
    fi
  done
} >"$dir/alertmanager.yml"

# An empty cluster address turns gossip off: nothing listens beyond the loopback web port.
setsid prometheus-alertmanager \
  --config.file="$dir/alertmanager.yml" \
  --storage.path="$dir/data" \
  --web.listen-address="127.0.0.1:$port" \
  --cluster.listen-address= \
  >>"$dir/alertmanager.log" 2>&1 &
echo $! >"$dir/alertmanager.pid"

url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  if curl -fsS "$url/-/ready" >/dev/null 2>&1; then
    echo "$url" >"$dir/url"
    echo "ALERTMANAGER_URL=$url"
    echo "ALERTMANAGER_DIR=$dir"
    exit 0
  fi
  if ! kill -0 "$(cat "$dir/alertmanager.pid")" 2>/dev/null; then break; fi
  sleep 0.2
done
echo "Alertmanager did not become ready; its log:" >&2
tail -20 "$dir/alertmanager.log" >&2
kill "$(cat "$dir/alertmanager.pid")" 2>/dev/null || true
exit 1
