#!/usr/bin/env bash
# Installs the workspace's dependencies (only when the manifests changed since the last install)
# and builds the TypeScript packages. Safe to run again; the README's two commands start with it.
set -euo pipefail
cd "$(dirname "$0")/.."

# Native modules compile against Node's own headers instead of downloading them.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi

stamp=node_modules/.headroom-install-stamp
shopt -s nullglob
manifests=(yarn.lock package.json packages/*/package.json plugins/*/package.json dev-env/*/package.json)
want=$(cat "${manifests[@]}" | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "==> installing dependencies (yarn install --immutable)"
  scripts/yarn install --immutable
  echo "$want" >"$stamp"
fi

echo "==> building"
scripts/yarn build
