#!/usr/bin/env bash
# The release build: builds every publishable package and packs each into one tarball in the
# given folder, named as npm names them (@headroom/cli 0.1.0 -> headroom-cli-0.1.0.tgz), then
# the Grafana plugins into the zips the Grafana CLI installs (scripts/grafana-zip.sh).
#
#   scripts/pack.sh <folder> [--no-grafana]
#
# Run scripts/setup.sh first (a fresh clone needs its dependencies). `yarn pack` replaces the
# `workspace:^` ranges with the packed versions and runs the Backstage packages' prepack, which
# points main, types and exports at dist/ for the tarball and is undone by their postpack.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: scripts/pack.sh <folder> [--no-grafana]" >&2
  exit 2
fi
mkdir -p "$1"
out=$(cd "$1" && pwd)
grafana=1
if [ "${2:-}" = "--no-grafana" ]; then grafana=0; fi
cd "$(dirname "$0")/.."

# The publishable npm packages, dependencies first.
tsc_packages=(packages/core packages/prometheus packages/cost packages/cli)
backstage_packages=(
  plugins/headroom-common
  plugins/headroom-backend
  plugins/scaffolder-backend-module-headroom
  plugins/permission-backend-module-headroom
  plugins/headroom
)

echo "==> building the TypeScript packages"
node_modules/.bin/tsc -b "${tsc_packages[@]}"

# backstage-cli builds a package's .d.ts from the declarations tsc writes to dist-types/.
echo "==> declarations of the Backstage packages"
rm -rf dist-types
for config in tsconfig.backstage.json tsconfig.frontend.json; do
  node_modules/.bin/tsc -p "$config" --noEmit false --declaration --emitDeclarationOnly \
    --declarationMap false --outDir dist-types
done

for dir in "${backstage_packages[@]}"; do
  echo "==> building $dir"
  (cd "$dir" && ../../node_modules/.bin/backstage-cli package build)
done

for dir in "${tsc_packages[@]}" "${backstage_packages[@]}"; do
  name=$(node -p "require('./$dir/package.json').name")
  file=$(node -p "const p = require('./$dir/package.json'); p.name.replace(/^@/, '').replace('/', '-') + '-' + p.version + '.tgz'")
  echo "==> packing $name"
  scripts/yarn workspace "$name" pack --out "$out/$file" >/dev/null
  echo "    $out/$file"
done

if [ "$grafana" = 1 ]; then
  scripts/grafana-zip.sh "$out"
fi
