#!/usr/bin/env bash
# Builds each Headroom Grafana plugin and zips it in the layout the Grafana CLI installs
# (`grafana cli --pluginUrl <zip> plugins install <id>`, or unzipped into the plugins folder):
# one top-level folder named after the plugin id holding plugin.json, module.js, img/, ...
#
#   scripts/grafana-zip.sh <folder>     -> <folder>/<plugin-id>-<version>.zip
#
# With GRAFANA_ACCESS_POLICY_TOKEN set, each plugin is signed first as a private plugin for
# the URLs in GRAFANA_SIGN_ROOT_URLS (comma-separated), using @grafana/sign-plugin; without it
# the plugins are unsigned and a Grafana must allow them by id (see the plugins' READMEs).
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: scripts/grafana-zip.sh <folder>" >&2
  exit 2
fi
if ! command -v zip >/dev/null; then
  echo "scripts/grafana-zip.sh needs the zip command (Debian package zip)" >&2
  exit 1
fi
mkdir -p "$1"
out=$(cd "$1" && pwd)
cd "$(dirname "$0")/.."

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

for dir in plugins/grafana-datasource plugins/grafana-errorbudget-panel plugins/grafana-unitcost-panel; do
  name=$(node -p "require('./$dir/package.json').name")
  echo "==> building $name"
  scripts/yarn workspace "$name" build >/dev/null
  if [ -n "${GRAFANA_ACCESS_POLICY_TOKEN:-}" ]; then
    (cd "$dir" && npx --yes @grafana/sign-plugin@latest --rootUrls "${GRAFANA_SIGN_ROOT_URLS:?set GRAFANA_SIGN_ROOT_URLS for a private signature}")
  fi
  id=$(node -p "require('./$dir/dist/plugin.json').id")
  version=$(node -p "require('./$dir/dist/plugin.json').info.version")
  rm -rf "${stage:?}/$id"
  cp -R "$dir/dist" "$stage/$id"
  rm -f "$out/$id-$version.zip"
  (cd "$stage" && zip -qr "$out/$id-$version.zip" "$id")
  echo "    $out/$id-$version.zip"
done
