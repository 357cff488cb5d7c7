#!/usr/bin/env node
// Sends a burst of Alertmanager webhook notifications to Headroom's receiver, as Alertmanager
// sends them: <groups> groups of <perGroup> alerts (one service and SLO per group), each group
// notified as firing, then again (a repeat), then resolved, <concurrency> requests in flight.
// Prints one JSON document with the receiving rate and latencies of each pass.
//
//   node bench/incidents/burst.js <base URL> <webhook token> [groups=1000] [perGroup=10] [concurrency=16]
'use strict';

const [base, token, groupsArg, perGroupArg, concurrencyArg] = process.argv.slice(2);
if (!base || !token) {
  console.error('usage: burst.js <base URL> <webhook token> [groups] [perGroup] [concurrency]');
  process.exit(2);
}
const groups = Number(groupsArg ?? 1000);
const perGroup = Number(perGroupArg ?? 10);
const concurrency = Number(concurrencyArg ?? 16);
const url = `${base}/api/headroom/alertmanager/webhook`;
const t0 = Math.floor(Date.now() / 1000) - 3600;
const iso = t => new Date(t * 1000).toISOString();

function notification(g, resolved) {
  const service = `svc-${String(g).padStart(4, '0')}`;
  const alerts = [];
  for (let i = 0; i < perGroup; i++) {
    const startsAt = t0 + g + i; // overlapping alerts of one SLO: one incident per group
    alerts.push({
      status: resolved ? 'resolved' : 'firing',
      labels: {
        alertname: 'SloErrorBudgetBurn',
        sloth_service: service,
        sloth_slo: 'availability',
        sloth_severity: i === 0 ? 'page' : 'ticket',
        instance: `pod-${i}`,
      },
      annotations: { summary: `${service} availability burn` },
      startsAt: iso(startsAt),
      endsAt: resolved ? iso(startsAt + 1800) : '0001-01-01T00:00:00Z',
      generatorURL: 'http://127.0.0.1:9090/graph?g0.expr=x&g0.tab=1',
      fingerprint: (g * perGroup + i).toString(16).padStart(16, '0'),
    });
  }
  return JSON.stringify({
    receiver: 'headroom',
    status: resolved ? 'resolved' : 'firing',
    alerts,
    groupLabels: { alertname: 'SloErrorBudgetBurn', sloth_service: service },
    commonLabels: { alertname: 'SloErrorBudgetBurn', sloth_service: service },
    commonAnnotations: {},
    externalURL: 'http://127.0.0.1:9093',
    version: '4',
    groupKey: `{}:{alertname="SloErrorBudgetBurn",sloth_service="${service}"}`,
    truncatedAlerts: 0,
  });
}

async function pass(name, resolved) {
  const latencies = [];
  const totals = { created: 0, resolved: 0, failed: 0 };
  let next = 0;
  const started = process.hrtime.bigint();
  async function worker() {
    while (next < groups) {
      const g = next++;
      const body = notification(g, resolved);
      const t = process.hrtime.bigint();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
      const json = await res.json();
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (!res.ok) {
        totals.failed++;
        if (totals.failed <= 3)
          console.error(`${name}: HTTP ${res.status} ${JSON.stringify(json)}`);
        continue;
      }
      totals.created += json.created;
      totals.resolved += json.resolved;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const q = p =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] * 10) /
    10;
  return {
    pass: name,
    notifications: groups,
    alerts: groups * perGroup,
    seconds: Math.round(seconds * 100) / 100,
    alertsPerSecond: Math.round((groups * perGroup) / seconds),
    notificationsPerSecond: Math.round(groups / seconds),
    latencyMs: { p50: q(0.5), p99: q(0.99), max: q(1) },
    ...totals,
  };
}

(async () => {
  const firing = await pass('firing', false);
  const repeat = await pass('repeat', false);
  const resolved = await pass('resolved', true);
  console.log(
    JSON.stringify({ groups, perGroup, concurrency, passes: [firing, repeat, resolved] }, null, 2),
  );
})().catch(e => {
  console.error(e);
  process.exit(1);
});
