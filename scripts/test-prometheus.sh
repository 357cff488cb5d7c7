#!/usr/bin/env bash
# Prepares the tests against a real Prometheus (test/prometheus/*.test.ts): installs Prometheus
# and promtool when missing. The tests start and stop their own instances on loopback ports.
set -euo pipefail
cd "$(dirname "$0")/.."
dev-env/prometheus/install.sh
promtool --version 2>&1 | head -1
