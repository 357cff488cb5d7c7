#!/usr/bin/env bash
# The main job: sets everything up and starts the demo world — the traffic simulator with weeks of
# backfilled history, Prometheus evaluating the SLO rules that `headroom rules` generates from the
# demo catalog, the exchange's FOCUS bill for the same weeks, the Backstage backend with Headroom
# and the Backstage app — then prints where to look and what is happening. Everything listens on
# 127.0.0.1. Ctrl-C stops it all.
#
#   scripts/demo.sh            # start, report, and keep running until Ctrl-C
#   scripts/demo.sh --detach   # start, report, and leave it running (stop: dev-env/backstage/stop.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

detach=false
case "${1:-}" in
  --detach) detach=true ;;
  "") ;;
  *) echo "usage: scripts/demo.sh [--detach]" >&2; exit 2 ;;
esac

scripts/setup.sh >&2
headroom() { node packages/cli/dist/bin.js "$@"; }
slos=(dev-env/catalog/services/*/slos.yaml)

echo "==> the example SLOs (dev-env/examples) over their example data" >&2
headroom report --series-dir dev-env/examples/series dev-env/examples/slos/*.yaml

echo "==> Prometheus rules for the demo catalog's ${#slos[@]} SLO files" >&2
mkdir -p .cache/demo
headroom rules "${slos[@]}" -o .cache/demo/headroom-rules.yml

app_pid=""
stop_all() {
  if [ -n "$app_pid" ]; then scripts/stop-app.sh "$app_pid" >/dev/null 2>&1 || true; fi
  dev-env/backstage/stop.sh >/dev/null 2>&1 || true
}
if ! $detach; then trap stop_all EXIT INT TERM; fi

echo "==> starting Prometheus with the simulator's history (the first start of a day backfills)" >&2
prometheus=$(dev-env/demo-prometheus/start.sh --rules .cache/demo/headroom-rules.yml)
echo "==> the exchange's bill for the same weeks (a FOCUS export, generated once per history)" >&2
cost_file=$(dev-env/cost/generate.sh)
echo "==> starting the Backstage backend with Headroom" >&2
backend=$(dev-env/backstage/start.sh)
echo "==> building and serving the Backstage app" >&2
eval "$(scripts/start-app.sh)"
app_pid=$HEADROOM_APP_PID

echo "==> importing the bill into the backend once its catalog has the demo's components" >&2
# The backend's scheduled import runs 5 s after start, when the catalog may still be empty, and
# the development server restarts (with an empty in-memory database) when sources change.
import_bill() {
  local auth='Authorization: Bearer headroom-demo-token' want n run deadline=$((SECONDS + 180))
  want=$(ls dev-env/catalog/services/*/catalog-info.yaml | wc -l)
  while [ $SECONDS -lt $deadline ]; do
    n=$(curl -fsS -H "$auth" \
      "$backend/api/catalog/entities/by-query?filter=kind=component&limit=1&fields=metadata.name" \
      2>/dev/null | node -e 'console.log(JSON.parse(require("fs").readFileSync(0, "utf8")).totalItems)' \
      2>/dev/null) || n=0
    if [ "${n:-0}" -ge "$want" ] && run=$(curl -fsS -H "$auth" -H 'content-type: application/json' \
      -X POST -d '{"sourceId":"demo-exchange-aws"}' "$backend/api/headroom/cost/imports" 2>/dev/null); then
      node -e 'const r = JSON.parse(process.argv[1]);
        console.error(`demo: bill imported: ${r.rows} rows, ${r.badRows} bad;` + r.periods.map(p =>
          ` ${p.billingPeriodStart.slice(0, 7)} billed ${p.billed}, effective ${p.effective}`).join(";"))' "$run"
      return 0
    fi
    sleep 3
  done
  echo "demo: the bill was not imported within 180 s (see .cache/backstage/backend.log); the backend retries every 30 minutes" >&2
}
import_bill

echo "==> the demo world's SLOs, live from $prometheus" >&2
headroom report --prometheus "$prometheus" "${slos[@]}" \
  --catalog dev-env/catalog/domains.yaml dev-env/catalog/services/*/catalog-info.yaml || true

echo "==> capacity of market-data from its business driver (it is over-provisioned)" >&2
headroom capacity --prometheus "$prometheus" --entity component:default/market-data \
  --history 28d --horizon 14d || true

echo "==> release gate for withdrawal-signer (its budget is nearly spent)" >&2
headroom gate --prometheus "$prometheus" dev-env/catalog/services/withdrawal-signer/slos.yaml || true

echo "==> showback: the bill by line of business, amortised, platform and credits split by usage" >&2
headroom cost report "$cost_file" --rules dev-env/cost/attribution.yaml --by lineOfBusiness \
  --catalog dev-env/catalog/domains.yaml dev-env/catalog/services/*/catalog-info.yaml || true

cat <<MSG

Headroom demo is running:
  Backstage app      $HEADROOM_APP_URL   (sign in as guest; try $HEADROOM_APP_URL/catalog/default/component/order-gateway)
  Backstage backend  $backend   (API: $backend/api/headroom, token: headroom-demo-token)
  Prometheus         $prometheus   (alerts: $prometheus/alerts)

  curl -H 'Authorization: Bearer headroom-demo-token' $backend/api/headroom/entities/component/default/order-gateway/summary

Cost (the bill $cost_file in the backend; re-import: POST $backend/api/headroom/cost/imports {"sourceId":"demo-exchange-aws"}):
  $backend/api/headroom/cost/rollup?by=lineOfBusiness&grain=month
  $backend/api/headroom/cost/entities/component/default/card-issuing?grain=day   (load-test pods left running)
  $backend/api/headroom/cost/entities/component/default/card-issuing/unit-cost?grain=day
  $backend/api/headroom/cost/reconciliation?grain=day
MSG

if $detach; then
  echo "Stop it with: scripts/stop-app.sh $app_pid && dev-env/backstage/stop.sh"
else
  echo "Ctrl-C stops it."
  while sleep 3600; do :; done
fi
