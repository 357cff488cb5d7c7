#!/usr/bin/env node
// Replays the page alerts the SLO rules would have sent over the backfilled history (which
// Prometheus never evaluated: rules run only from its start) through Headroom's Alertmanager
// webhook, as Alertmanager would have: one firing and one resolved notification per run.
//
//   node dev-env/demo-incidents/replay.mjs --prometheus <url> --rules <rules.yml> \
//     --webhook <url> --token <bearer> [--days 7]
//
// Each page rule's expression is evaluated with a range query over the last --days up to the
// time Prometheus started (its live rules take over from there), its recording-rule series
// replaced by their own expressions, at one step per minute — the history's resolution, on the
// same minute grid as its samples; a rule's `for` delays firing (a shorter run never fires). A
// run still firing at that time is left to the live rules.
// The labels are those Prometheus would send (the series', the rule's, `alertname`, the external
// labels); the fingerprint is Alertmanager's (FNV-1a 64 over the sorted labels). Impact start and
// mitigation are the backend's own, from the counters. Prints one JSON line per run.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import YAML from 'yaml';

const { values: opt } = parseArgs({
  options: {
    prometheus: { type: 'string' },
    rules: { type: 'string' },
    webhook: { type: 'string' },
    token: { type: 'string' },
    days: { type: 'string', default: '7' },
  },
});
for (const k of ['prometheus', 'rules', 'webhook', 'token']) {
  if (!opt[k]) {
    console.error(`replay.mjs: --${k} is required`);
    process.exit(2);
  }
}
const STEP = 60;

async function prom(path, params) {
  const url = `${opt.prometheus}/api/v1/${path}${params ? `?${new URLSearchParams(params)}` : ''}`;
  const res = await fetch(url);
  const body = await res.json().catch(() => ({}));
  if (!res.ok || body.status !== 'success') {
    throw new Error(`${url}: ${res.status} ${body.error ?? res.statusText}`);
  }
  return body.data;
}

/** Alertmanager's fingerprint of a label set: FNV-1a 64 of sorted names and values. */
function fingerprint(labels) {
  let h = 0xcbf29ce484222325n;
  const add = byte => {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  };
  for (const name of Object.keys(labels).sort()) {
    for (const b of Buffer.from(name)) add(b);
    add(0xff);
    for (const b of Buffer.from(labels[name])) add(b);
    add(0xff);
  }
  return h.toString(16).padStart(16, '0');
}

const selectorRe = /([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)\}/g;
const pairs = text =>
  Object.fromEntries(
    [...text.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"([^"]*)"/g)].map(m => [m[1], m[2]]),
  );

/** The alert's expression with each recording-rule series replaced by its expression. */
function inline(expr, records) {
  const labels = {};
  const text = expr.replace(selectorRe, (whole, name, sel) => {
    const want = pairs(sel);
    const rule = (records.get(name) ?? []).find(r =>
      Object.entries(want).every(([k, v]) => r.labels[k] === v),
    );
    if (!rule) return whole;
    // The recorded series carry the rule's labels; the alert's `without (…_window)` drops one.
    for (const [k, v] of Object.entries(rule.labels)) if (!k.endsWith('_window')) labels[k] = v;
    return `(${rule.expr.trim()})`;
  });
  return { text, labels };
}

const expand = (template, labels) =>
  template.replace(/\{\{\s*\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_, k) => labels[k] ?? '');

const iso = t => new Date(t * 1000).toISOString();

/** A rule's `for` in seconds (Prometheus durations such as 90s, 1m, 1h30m); 0 when absent. */
function seconds(duration) {
  if (!duration) return 0;
  const units = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
  let total = 0;
  for (const [, n, unit] of String(duration).matchAll(/(\d+)(ms|s|m|h|d|w|y)/g))
    total += Number(n) * units[unit];
  return total;
}

async function main() {
  const groups = YAML.parse(readFileSync(opt.rules, 'utf8')).groups ?? [];
  const rules = groups.flatMap(g => g.rules ?? []);
  const records = new Map();
  for (const r of rules.filter(r => r.record)) {
    const list = records.get(r.record) ?? [];
    list.push({ expr: String(r.expr), labels: r.labels ?? {} });
    records.set(r.record, list);
  }
  const pages = rules.filter(
    r =>
      r.alert &&
      Object.entries(r.labels ?? {}).some(([k, v]) => k.endsWith('severity') && v === 'page'),
  );
  const started = Math.floor(Date.parse((await prom('status/runtimeinfo')).startTime) / 1000);
  const external = YAML.parse((await prom('status/config')).yaml)?.global?.external_labels ?? {};
  const end = Math.floor(started / STEP) * STEP;
  const start = end - Number(opt.days) * 86400;
  let sent = 0;
  for (const rule of pages) {
    const { text, labels: recorded } = inline(String(rule.expr), records);
    const data = await prom('query_range', { query: text, start, end, step: STEP });
    for (const series of data.result) {
      const labels = {
        ...series.metric,
        ...recorded,
        ...(rule.labels ?? {}),
        alertname: rule.alert,
        ...external,
      };
      const times = series.values.map(([t]) => Number(t));
      // Runs of consecutive evaluations: firing from the first, resolved at the first miss.
      const runs = [];
      for (const t of times) {
        const last = runs.at(-1);
        if (last && t - last.to === STEP) last.to = t;
        else runs.push({ from: t, to: t });
      }
      // Pending for `for`, then firing: a run shorter than that never fired.
      const hold = seconds(rule.for);
      for (const run of runs) {
        if (run.from === start || run.to === end) continue; // began before the week, or still on
        run.from += Math.ceil(hold / STEP) * STEP;
        if (run.from > run.to) continue;
        const annotations = Object.fromEntries(
          Object.entries(rule.annotations ?? {}).map(([k, v]) => [k, expand(String(v), labels)]),
        );
        const fp = fingerprint(labels);
        const alert = (status, endsAt) => ({
          status,
          labels,
          annotations,
          startsAt: iso(run.from),
          endsAt,
          generatorURL: `${opt.prometheus}/graph?g0.expr=${encodeURIComponent(rule.expr)}`,
          fingerprint: fp,
        });
        for (const [status, endsAt] of [
          ['firing', '0001-01-01T00:00:00Z'],
          ['resolved', iso(run.to + STEP)],
        ]) {
          const res = await fetch(opt.webhook, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${opt.token}` },
            body: JSON.stringify({
              version: '4',
              groupKey: `{}:{alertname="${rule.alert}"}`,
              truncatedAlerts: 0,
              status,
              receiver: 'headroom',
              groupLabels: { alertname: rule.alert },
              commonLabels: labels,
              commonAnnotations: annotations,
              externalURL: opt.prometheus,
              alerts: [alert(status, endsAt)],
            }),
          });
          if (!res.ok) throw new Error(`${opt.webhook}: ${res.status} ${await res.text()}`);
        }
        sent += 1;
        console.log(
          JSON.stringify({
            alert: rule.alert,
            labels,
            startsAt: iso(run.from),
            endsAt: iso(run.to + STEP),
          }),
        );
      }
    }
  }
  console.error(
    `replay.mjs: ${sent} page alert run(s) of ${pages.length} page rules replayed from ${iso(start)} to ${iso(end)}`,
  );
}

main().catch(e => {
  console.error(`replay.mjs: ${e.message}`);
  process.exit(1);
});
