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
alertmanager_dir="$PWD/.cache/demo/alertmanager"
stop_all() {
  if [ -n "$app_pid" ]; then scripts/stop-app.sh "$app_pid" >/dev/null 2>&1 || true; fi
  dev-env/alertmanager/stop.sh "$alertmanager_dir" >/dev/null 2>&1 || true
  dev-env/backstage/stop.sh >/dev/null 2>&1 || true
}
# Ctrl-C or a failure stops everything started; with --detach only a failure does.
started_all=false
on_exit() { if ! $detach || ! $started_all; then stop_all; fi; }
trap on_exit EXIT INT TERM

echo "==> starting Alertmanager, routing the rules' alerts to Headroom's webhook with a token" >&2
# On a fixed port, so that a Prometheus left running by an earlier demo still reaches it; until
# the backend is up it retries every group interval. The token is headroom.incidents.webhook's.
started=$SECONDS
dev-env/alertmanager/install.sh >&2
dev-env/alertmanager/stop.sh "$alertmanager_dir" >/dev/null 2>&1 || true
mkdir -p "$alertmanager_dir"
echo "${HEADROOM_ALERTMANAGER_PORT:-9093}" > "$alertmanager_dir/port"
alertmanager=$(ALERTMANAGER_DIR=$alertmanager_dir WEBHOOK_TOKEN=headroom-demo-alertmanager-token \
  WEBHOOK_URL=http://127.0.0.1:7007/api/headroom/alertmanager/webhook GROUP_WAIT=5s GROUP_INTERVAL=15s \
  dev-env/alertmanager/start.sh | sed -n 's/^ALERTMANAGER_URL=//p')
echo "demo: Alertmanager $alertmanager ready in $((SECONDS - started)) s" >&2

echo "==> starting Prometheus with the simulator's history (the first start of a day backfills)" >&2
prometheus=$(dev-env/demo-prometheus/start.sh --rules .cache/demo/headroom-rules.yml \
  --alertmanager "${alertmanager#http://}")
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

echo "==> the week's page alerts, replayed through Headroom's webhook (in the background)" >&2
# Prometheus evaluates the rules only from its start: the alerts they would have sent over the
# backfilled week (order-gateway's two outages, cold-storage's certificate) are evaluated with
# range queries and sent as Alertmanager would have (dev-env/demo-incidents/replay.mjs).
node dev-env/demo-incidents/replay.mjs --prometheus "$prometheus" --rules .cache/demo/headroom-rules.yml \
  --webhook "$backend/api/headroom/alertmanager/webhook" --token headroom-demo-alertmanager-token \
  > .cache/demo/replayed-alerts.jsonl 2> .cache/demo/replay.log &
replay_pid=$!

echo "==> the demo world's SLOs, live from $prometheus" >&2
headroom report --prometheus "$prometheus" "${slos[@]}" \
  --catalog dev-env/catalog/domains.yaml dev-env/catalog/services/*/catalog-info.yaml || true

echo "==> capacity of every service with SLOs, fitted from Prometheus and recorded in the backend" >&2
# Each service's CPU and memory against its driver over four weeks, its peak forecast a month
# ahead, its latency SLO (ledger's) capping CPU utilisation; the backend keeps them as the
# capacity cards' and the coverage page's assessments.
capacity_line() { # <service> <capacity JSON>
  node -e '
    const [svc, text] = process.argv.slice(1);
    const r = JSON.parse(text);
    const f = v => String(Number(v.toPrecision(3)));
    const part = (name, c) => {
      const cur = c.current
        ? `, requested ${f(c.current.provisioned)}: ${c.current.verdict} (${c.current.relative >= 0 ? "+" : ""}${(100 * c.current.relative).toFixed(0)} %)`
        : "";
      return `${name} ${f(c.needed)} ${c.unit} needed at utilisation ${f(c.components.utilisation)}${cur}`;
    };
    const l = r.latency;
    const c = r.cpu.components;
    const cap = l
      ? ` — its latency SLO (p${f(100 * l.percentile)} ≤ ${l.objectiveSeconds} s; when quiet, 1 request in ` +
        `${Math.round(1 / l.lowLoadMissRatio)} is slower) caps CPU utilisation at ${f(c.latencyUtilisationCap)} ` +
        `(target ${f(r.memory.components.utilisation)})` +
        (r.cpu.current
          ? `, and the forecast peak would use ${(100 * c.usageAtPeak / r.cpu.current.provisioned).toFixed(0)} % ` +
            `of the CPU it requests: that is why its latency nears the threshold at the trading peak`
          : "")
      : "";
    console.log(
      `${svc}: driver peak ${f(r.driverPeak.expected)}/s; ${part("CPU", r.cpu)}; ${part("memory", r.memory)}${cap}; ` +
        `recorded versions ${r.recorded.map(v => `${v.version} (${v.unit === "cores" ? "CPU" : "memory"})`).join(", ")}`,
    );' "$@"
}
for slo_file in "${slos[@]}"; do
  svc=$(basename "$(dirname "$slo_file")")
  if out=$(headroom capacity --prometheus "$prometheus" --entity "component:default/$svc" \
    --history 28d --horizon 30d --slo "$slo_file" --record "$backend" --token headroom-demo-token \
    --format json 2>.cache/demo/capacity-error.txt); then
    capacity_line "$svc" "$out"
  else
    echo "$svc: no capacity assessment: $(cat .cache/demo/capacity-error.txt)"
  fi
done

echo "==> release gate for withdrawal-signer (its budget is nearly spent)" >&2
headroom gate --prometheus "$prometheus" dev-env/catalog/services/withdrawal-signer/slos.yaml || true

echo "==> chaos drills started in the background: matching-engine errors, fiat-onramp slow deposits" >&2
# Two drills of the catalog (dev-env/catalog/services/*/drills.yaml) on the live simulator, each
# a minute of fault, recorded in the backend; they take about 3 minutes, while the steps below run.
drill_pids=()
for svc in matching-engine fiat-onramp; do
  d=dev-env/catalog/services/$svc
  headroom drill run "$d/drills.yaml" --slo "$d/slos.yaml" --format table \
    --simulator "http://127.0.0.1:${HEADROOM_SIMULATOR_PORT:-9464}" --prometheus "$prometheus" \
    --record "$backend" --token headroom-demo-token \
    > ".cache/demo/drill-$svc.txt" 2> ".cache/demo/drill-$svc.log" &
  drill_pids+=($!)
done

echo "==> self-healing started in the background: a bad wallet-api version, diagnosed and rolled back" >&2
# The simulator deploys v2-bad (every request a 500) through its control API; wallet-api's runbook
# (dev-env/catalog/services/wallet-api/runbooks.yaml) waits for the SLO's page, finds the deploy in
# the simulator's event log, rolls it back and verifies a minute of clean traffic, then records
# the run in the backend, linked to the incident. About 3 minutes, while the steps below run.
wallet=dev-env/catalog/services/wallet-api
simulator="http://127.0.0.1:${HEADROOM_SIMULATOR_PORT:-9464}"
if curl -fsS -X POST -H 'content-type: application/json' \
  -d '{"version":"v2-bad","fault":{"kind":"errors","magnitude":1}}' \
  "$simulator/control/services/wallet-api/deploy" > .cache/demo/runbook-deploy.json 2> .cache/demo/runbook.log; then
  runbook_started=$SECONDS
  headroom runbook run "$wallet/runbooks.yaml" --slo "$wallet/slos.yaml" \
    --simulator "$simulator" --prometheus "$prometheus" \
    --catalog dev-env/catalog/domains.yaml dev-env/catalog/services/*/catalog-info.yaml \
    --record "$backend" --token headroom-demo-token --wait 5m \
    > .cache/demo/runbook-wallet-api.json 2>> .cache/demo/runbook.log &
  runbook_pid=$!
else
  runbook_pid=""
fi

echo "==> showback: the bill by line of business, amortised, platform and credits split by usage" >&2
headroom cost report "$cost_file" --rules dev-env/cost/attribution.yaml --by lineOfBusiness \
  --catalog dev-env/catalog/domains.yaml dev-env/catalog/services/*/catalog-info.yaml || true

echo "==> optimisation, from the backend: market-data's right-sizing and card-issuing's cost anomaly" >&2
# The backend's scans run 30 s and 60 s after it starts, then every 5 minutes
# (dev-env/app-config.yaml); a development-server restart empties its database, so wait for them.
optimise_lines() { # <recommendations JSON> <anomalies JSON> <final: true|false>
  node -e '
    const [recsText, anomaliesText, final] = process.argv.slice(1);
    const read = t => { try { return JSON.parse(t); } catch { return undefined; } };
    const rec = read(recsText)?.items?.find(r => r.entityRef === "component:default/market-data");
    const anomaly = read(anomaliesText)?.items?.filter(a => a.series === "cost");
    if (final !== "true" && !(rec && anomaly?.length)) process.exit(1);
    const gib = b => (b / 2 ** 30).toFixed(1);
    if (rec) {
      const { current: c, recommended: r, needed: n } = rec;
      const windows = rec.schedule?.windows.length ?? 0;
      console.log(
        `market-data: ${rec.status} ${rec.action}: CPU requests ${+(c.cpuRequest * c.replicas).toFixed(1)} → ` +
          `${+(r.cpuRequest * r.replicas).toFixed(1)} cores, memory ${gib(c.memRequest * c.replicas)} → ` +
          `${gib(r.memRequest * r.replicas)} GiB over ${r.replicas} replicas (the forecast peak needs ` +
          `${n.cpuCores.toFixed(1)} cores, ${gib(n.memoryBytes)} GiB)` +
          (windows ? `, ${windows} scale-down windows a week` : "") +
          `: saves ${Number(rec.expectedMonthlySaving).toFixed(2)} ${rec.currency} a month ` +
          (rec.pricingSource === "cost-data" ? "(priced from its cost data)" : "(at the configured prices)"),
      );
    } else {
      console.log("market-data: no recommendation yet (the scan runs every 5 minutes; see .cache/backstage/backend.log)");
    }
    if (anomaly?.length) {
      const a = anomaly[0];
      const change = (a.value / a.expected - 1) * 100;
      console.log(
        `card-issuing (${a.ownerRef?.replace(/^group:default\//, "")}, ${a.lineOfBusiness}): cost anomaly on ${a.at.slice(0, 10)}, ` +
          `${a.value.toFixed(2)} ${a.currency} against ${a.expected.toFixed(2)} usually ` +
          `(${change >= 0 ? "+" : ""}${change.toFixed(1)} %), ` +
          `score ${a.score.toFixed(2)}` + (anomaly.length > 1 ? `; ${anomaly.length} days flagged` : ""),
      );
    } else {
      console.log("card-issuing: no cost anomaly yet (the scan runs every 5 minutes; see .cache/backstage/backend.log)");
    }' "$@"
}
optimise_report() {
  local auth='Authorization: Bearer headroom-demo-token' api="$backend/api/headroom/optimise"
  local recs anomalies deadline=$((SECONDS + 180))
  while :; do
    recs=$(curl -fsS -H "$auth" "$api/entities/component/default/market-data/recommendations" 2>/dev/null) || recs=""
    anomalies=$(curl -fsS -H "$auth" "$api/anomalies?entityRef=component%3Adefault%2Fcard-issuing" 2>/dev/null) || anomalies=""
    if optimise_lines "$recs" "$anomalies" false; then return 0; fi
    if [ $SECONDS -ge $deadline ]; then break; fi
    sleep 5
  done
  optimise_lines "$recs" "$anomalies" true
}
optimise_report

echo "==> chaos drills: results, and the weak links they and the catalog show" >&2
for i in "${!drill_pids[@]}"; do wait "${drill_pids[$i]}" || true; done
for svc in matching-engine fiat-onramp; do
  if [ -s ".cache/demo/drill-$svc.txt" ]; then cat ".cache/demo/drill-$svc.txt"
  else echo "$svc: the drill did not run: $(tail -n 3 ".cache/demo/drill-$svc.log")"; fi
  grep -h 'recorded as run' ".cache/demo/drill-$svc.log" || true
done
curl -fsS -H 'Authorization: Bearer headroom-demo-token' "$backend/api/headroom/drills/weak-links?days=30" |
  node -e '
    const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
    console.log(`weak links from ${r.from.slice(0, 10)} to ${r.to.slice(0, 10)}:`);
    for (const f of r.failedDrills)
      console.log(`  ${f.service}: drill ${f.drill} ${f.verdict}, missed ${f.misses.join(" and ")}`);
    for (const a of r.silentAlerts)
      console.log(`  ${a.service}: the ${a.severity} alert of SLO ${a.slo} never fired in ${a.runs} drill run(s)`);
    for (const s of r.spreading)
      console.log(`  ${s.dependency} → ${s.dependant}: its fault spread (${s.detail})`);
    console.log(`  ${r.undrilled.length} services with SLOs and no drill in the period: ${r.undrilled.map(u => u.service).join(", ")}`);
  ' || echo "weak links: the backend did not answer (see .cache/backstage/backend.log)"

echo "==> incidents: order-gateway's fast burn, paged through Alertmanager, and MTTx per grade" >&2
# Prometheus → Alertmanager → the backend's webhook; the backend dates impact start and
# mitigation from the counters. Waits at most 90 s for the page (Alertmanager retries every 15 s
# until the backend answers).
incident_lines() { # <order-gateway incidents JSON> <MTTx by severity JSON> <all incidents JSON>
  node -e '
    const [incText, mttxText, allText] = process.argv.slice(1);
    const og = JSON.parse(incText).items.filter(i => i.severity === "P1" && i.status === "open").at(-1);
    const m = JSON.parse(mttxText);
    const s = v => (v === null || v === undefined ? "unknown" : `${Math.round(v)} s`);
    const t = v => (v ? v.slice(11, 19) : "not yet");
    const p1 = m.targets.P1 ?? {};
    console.log(
      `order-gateway: ${og.severity} ${og.status}, ${og.alertName} (${og.slo ?? "no SLO"}): impact from ${t(og.impactStart)} ` +
        `(${og.impactSource === "slo" ? "its 1-minute error ratio" : "the alert"}), detected ${t(og.detectedAt)}, ` +
        `notified ${t(og.notifiedAt)}, mitigated ${t(og.mitigatedAt)}: time to detect ${s(og.ttdSeconds)} ` +
        `(target ${s(p1.detectSeconds)}), to recover ${og.ttrSeconds === null ? "not yet, still burning" : s(og.ttrSeconds)} ` +
        `(target ${s(p1.recoverSeconds)})`,
    );
    for (const i of JSON.parse(allText).items.filter(i => i.status === "resolved")) {
      const target = m.targets[i.severity];
      const met = target && [[i.ttdSeconds, target.detectSeconds], [i.ttrSeconds, target.recoverSeconds]]
        .every(([v, max]) => max === undefined || (v !== null && v <= max));
      console.log(
        `  ${i.service} ${i.severity} on ${i.detectedAt.slice(0, 16).replace("T", " ")}: detected ${s(i.ttdSeconds)} ` +
          `after impact start, recovered after ${s(i.ttrSeconds)}, resolved after ${s(i.timeToResolveSeconds)}` +
          (target ? (met ? ": within its targets" : ": missed its targets") : ""),
      );
    }
    for (const [grade, g] of Object.entries(m.groups))
      console.log(
        `  ${grade}: ${g.count} incidents (${g.open} open), MTTD ${s(g.mttd?.mean)} (p90 ${s(g.mttd?.p90)}), ` +
          `MTTR ${s(g.mttr?.mean)} (p90 ${s(g.mttr?.p90)}), ` +
          `within targets ${g.attainment === null ? "not graded" : `${(100 * g.attainment).toFixed(0)} % of ${g.graded}`}`,
      );
  ' "$@"
}
incident_report() {
  local auth='Authorization: Bearer headroom-demo-token' api="$backend/api/headroom/incidents"
  local og mttx all deadline=$((SECONDS + 90)) started=$SECONDS
  wait "$replay_pid" || echo "demo: the week's alerts were not replayed: $(tail -n 2 .cache/demo/replay.log)" >&2
  echo "demo: $(tail -n 1 .cache/demo/replay.log)" >&2
  while :; do
    og=$(curl -fsS -H "$auth" "$api?entityRef=component%3Adefault%2Forder-gateway" 2>/dev/null) || og=""
    if [ -n "$og" ] && node -e 'process.exit(JSON.parse(process.argv[1]).items.some(i => i.severity === "P1" && i.status === "open") ? 0 : 1)' "$og"; then
      mttx=$(curl -fsS -H "$auth" "$api/mttx?by=severity") && all=$(curl -fsS -H "$auth" "$api") &&
        incident_lines "$og" "$mttx" "$all" && echo "demo: incidents reported after $((SECONDS - started)) s of waiting" >&2 && return 0
    fi
    if [ $SECONDS -ge $deadline ]; then break; fi
    sleep 5
  done
  echo "order-gateway: no open P1 incident within 90 s (alerts: $prometheus/alerts, Alertmanager: $alertmanager, log: .cache/backstage/backend.log)"
}
incident_report

echo "==> self-healing: wallet-api's bad version, its incident, diagnosis and rollback" >&2
runbook_lines() { # <runbook runs JSON> <wallet-api incidents JSON> <final: true|false>
  node -e '
    const [runsText, incText, final] = process.argv.slice(1);
    const run = JSON.parse(runsText).items.at(-1);
    if (!run) { console.log("wallet-api: no runbook run recorded"); process.exit(0); }
    const r = run.record;
    const inc = JSON.parse(incText).items.find(i => i.id === run.incidentId);
    if (final !== "true" && inc && inc.mitigatedAt === null) process.exit(1);
    const s = v => (v === null || v === undefined ? "not yet" : `${Math.round(v)} s`);
    const t = v => new Date(v * 1000).toISOString().slice(11, 19);
    console.log(
      inc
        ? `wallet-api: ${inc.severity} incident ${inc.id} opened, impact from ${inc.impactStart.slice(11, 19)}, ` +
            `detected ${inc.detectedAt.slice(11, 19)}, mitigated ${inc.mitigatedAt ? inc.mitigatedAt.slice(11, 19) : "not yet"}: ` +
            `MTTD ${s(inc.ttdSeconds)}, MTTR ${s(inc.ttrSeconds)} (from the backend)`
        : "wallet-api: the run is linked to no incident (see .cache/backstage/backend.log)",
    );
    console.log(`  runbook ${r.runbook} (${r.mode}) triggered by ${r.trigger.by} at ${t(r.startedAt)}: ${r.result}`);
    for (const f of r.findings) console.log(`  diagnosis ${f.step}: ${f.holds ? "found" : "not found"}, ${f.error ?? f.detail}`);
    for (const a of r.actions)
      console.log(`  action ${a.action} (${a.type}): ${a.outcome}${a.verification ? `, ${a.verification.verdict}` : ""}: ${a.detail}`);
    console.log(`  ${r.summary} The run measured detection after ${s(r.times.ttdSeconds)}, recovery after ${s(r.times.ttrSeconds)}.`);
  ' "$@"
}
runbook_report() {
  local auth='Authorization: Bearer headroom-demo-token' api="$backend/api/headroom"
  local ref='component%3Adefault%2Fwallet-api' runs incs deadline
  if [ -z "$runbook_pid" ]; then
    echo "wallet-api: the bad version was not deployed: $(tail -n 2 .cache/demo/runbook.log)"
    return 0
  fi
  wait "$runbook_pid" || echo "demo: the runbook run ended with an error: $(tail -n 3 .cache/demo/runbook.log)" >&2
  echo "demo: the runbook run took $((SECONDS - runbook_started)) s from the deploy" >&2
  grep -h 'recorded as run' .cache/demo/runbook.log >&2 || true
  # The backend dates mitigation from the counters a little after the run ends: wait up to 60 s.
  deadline=$((SECONDS + 60))
  while :; do
    runs=$(curl -fsS -H "$auth" "$api/runbooks/runs?entityRef=$ref" 2>/dev/null) || runs='{"items":[]}'
    incs=$(curl -fsS -H "$auth" "$api/incidents?entityRef=$ref" 2>/dev/null) || incs='{"items":[]}'
    if runbook_lines "$runs" "$incs" false; then return 0; fi
    if [ $SECONDS -ge $deadline ]; then break; fi
    sleep 5
  done
  runbook_lines "$runs" "$incs" true
}
runbook_report

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

Capacity (assessed from Prometheus above; re-run: headroom capacity --record $backend --slo …):
  $backend/api/headroom/capacity/coverage
  $backend/api/headroom/capacity/entities/component/default/ledger/assessment   (latency-capped at the trading peak)

Optimisation (scans every 5 minutes; a recommendation's steps: POST …/recommendations/{id}/accept, apply, verify):
  $backend/api/headroom/optimise/recommendations?status=proposed
  $backend/api/headroom/optimise/entities/component/default/market-data/recommendations   (over-provisioned 3×)
  $backend/api/headroom/optimise/anomalies?entityRef=component:default/card-issuing

Incidents (Alertmanager $alertmanager → POST $backend/api/headroom/alertmanager/webhook):
  $backend/api/headroom/incidents?entityRef=component:default/order-gateway   (postmortem draft: …/incidents/{id}/postmortem)
  $backend/api/headroom/incidents/mttx?by=severity   (targets: P1 detected < 60 s, recovered < 300 s)

Drills (runs recorded by headroom drill run --record; weak links over the last 30 days):
  $backend/api/headroom/drills/entities/component/default/fiat-onramp
  $backend/api/headroom/drills/weak-links?lineOfBusiness=payments
  $backend/api/headroom/drills/resilience?by=lineOfBusiness

Runbooks (wallet-api's run recorded by headroom runbook run --record; pages: $HEADROOM_APP_URL/headroom/automation):
  $backend/api/headroom/runbooks/entities/component/default/wallet-api
  $backend/api/headroom/runbooks/recovery?lineOfBusiness=custody
MSG

started_all=true
if $detach; then
  echo "Stop it with: scripts/stop-app.sh $app_pid && dev-env/backstage/stop.sh && dev-env/alertmanager/stop.sh $alertmanager_dir"
else
  echo "Ctrl-C stops it."
  while sleep 3600; do :; done
fi
