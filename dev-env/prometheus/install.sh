#!/usr/bin/env bash
# Installs Prometheus and promtool (Debian package `prometheus`) when either is missing.
# The package's system service is left stopped: tests and benchmarks start their own instance
# (dev-env/prometheus/start.sh) on a loopback port with a temporary data folder.
set -euo pipefail

if command -v prometheus >/dev/null && command -v promtool >/dev/null; then
  echo "prometheus and promtool are installed: $(prometheus --version 2>&1 | head -1)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

echo "==> installing Debian package prometheus (this takes a while)"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q prometheus

# On a machine with systemd the package enables and starts its service; stop it so that it
# does not hold port 9090 or scrape anything behind the tests' backs.
if [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
  $SUDO systemctl disable --now prometheus prometheus-node-exporter >/dev/null 2>&1 || true
fi

command -v prometheus >/dev/null && command -v promtool >/dev/null || {
  echo "prometheus or promtool still missing after installing the Debian package" >&2
  exit 1
}
echo "installed: $(prometheus --version 2>&1 | head -1)"
