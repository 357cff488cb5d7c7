#!/usr/bin/env bash
# Installs Alertmanager (Debian package `prometheus-alertmanager`) when it is missing.
# The package's system service is left stopped: tests and the demo start their own instance
# (dev-env/alertmanager/start.sh) on a loopback port with a temporary data folder.
set -euo pipefail

if command -v prometheus-alertmanager >/dev/null; then
  echo "alertmanager is installed: $(prometheus-alertmanager --version 2>&1 | head -1)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

echo "==> installing Debian package prometheus-alertmanager"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  prometheus-alertmanager

# On a machine with systemd the package enables and starts its service on port 9093; stop it
# so that it does not hold the port or receive alerts behind the tests' backs.
if [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
  $SUDO systemctl disable --now prometheus-alertmanager >/dev/null 2>&1 || true
fi

command -v prometheus-alertmanager >/dev/null || {
  echo "prometheus-alertmanager still missing after installing the Debian package" >&2
  exit 1
}
echo "installed: $(prometheus-alertmanager --version 2>&1 | head -1)"
