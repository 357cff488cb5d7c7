#!/usr/bin/env bash
# Copies rule files into a running dev Prometheus and asks it to reload.
# Usage: reload.sh <PROMETHEUS_DIR> rule-file ...
set -euo pipefail
dir="${1:?usage: reload.sh <PROMETHEUS_DIR> rule-file ...}"
shift
for f in "$@"; do cp "$f" "$dir/rules/"; done
curl -fsS -X POST "$(cat "$dir/url")/-/reload"
echo "reloaded"
