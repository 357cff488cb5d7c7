import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { stringify } from 'yaml';
import { parseDuration } from '@headroom/core';
import {
  PrometheusClient,
  type GenerateOptions,
  type RecordingRule,
  type RuleGroup,
} from '@headroom/prometheus';
import { startExporter, METRIC } from './exporter';
import { Counters, uniform } from './model';
import { binary, OpenMetricsFile, selfMetrics, seriesLabels, startPrometheus } from './prom';
import { headroomGroups, slothGroups } from './rules';

/**
 * Rule evaluation cost of 100 SLOs (Sloth's example slo1 on 100 services), Sloth's rules next to
 * Headroom's, in one Prometheus over 30 days of history (15 s samples, 2 series per service:
 * code 200 and 500) plus Sloth's recorded 5-minute ratios every 30 s over the same 30 days (what
 * its 30-day ratio reads once it has run for a month). The rule sets run one after the other,
 * each for the same time, while the exporter keeps the counters going; Prometheus' own metrics
 * give each group's evaluation time (`prometheus_rule_group_last_duration_seconds`, read after
 * every new iteration) and its CPU time.
 */

export const SLOS = 100;
const STEP = 15;
const DAY = 86400;
const HISTORY = 30 * DAY + 3600;

export const costServices = () =>
  Array.from({ length: SLOS }, (_, i) => `svc-${String(i).padStart(3, '0')}`);

/** 5–50 requests/s, a daily cycle of ±50 %, 0.05 % errors (Poisson). */
function stepTraffic(i: number, t: number): { requests: number; errors: number } {
  const rps = 5 + ((i * 7) % 46);
  const daily = 1 + 0.5 * Math.sin((2 * Math.PI * (t % DAY)) / DAY);
  const requests = Math.round(rps * STEP * daily * (0.9 + 0.2 * uniform(1000 + i, t, 0)));
  const mean = requests * 0.0005;
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  const u = uniform(1000 + i, t, 1);
  while (u > cdf) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return { requests, errors: Math.min(k, requests) };
}

interface Final {
  anchor: number;
  counters: Record<string, { ok: number; err: number }>;
}

/**
 * Writes the history into `dir/data` (two files over disjoint halves of the time range, turned
 * into blocks by two promtool processes at once; blocks that do not overlap leave Prometheus no
 * compaction to do while it is measured).
 */
export async function generateCostHistory(dir: string, anchor: number): Promise<void> {
  const services = costServices();
  const start = anchor - HISTORY;
  const middle = start + Math.floor(HISTORY / 2 / STEP) * STEP;
  const files = [
    new OpenMetricsFile(join(dir, 'cost-a.om')),
    new OpenMetricsFile(join(dir, 'cost-b.om')),
  ];
  const final: Final = { anchor, counters: {} };
  const fileOf = (t: number) => files[t < middle ? 0 : 1]!;
  // Counters per service, one pass per service; recorded ratios kept for after the raw family.
  const recorded: Array<{ labels: string; ts: Float64Array; vs: Float64Array }> = [];
  for (const [i, service] of services.entries()) {
    const n = Math.floor(HISTORY / STEP);
    const ts = new Float64Array(n);
    const ok = new Float64Array(n);
    const err = new Float64Array(n);
    let o = 1_000_000 + i;
    let e = 1000;
    for (let k = 0; k < n; k++) {
      const t = start + (k + 1) * STEP;
      const x = stepTraffic(i, t);
      o += x.requests - x.errors;
      e += x.errors;
      ts[k] = t;
      ok[k] = o;
      err[k] = e;
    }
    for (const [code, vs] of [
      ['200', ok],
      ['500', err],
    ] as const) {
      const labels = seriesLabels({ service, code, job: 'bench', instance: 'bench' });
      for (let k = 0; k < n; k++) fileOf(ts[k]!).sample(METRIC, labels, vs[k]!, ts[k]!);
    }
    final.counters[service] = { ok: o, err: e };
    // Sloth's slo:sli_error:ratio_rate5m every 30 s over the last 30 days: errors over requests
    // in the 20 steps before.
    const rule = slothGroups(service)
      .flatMap(g => g.rules)
      .find((r): r is RecordingRule => 'record' in r && r.record === 'slo:sli_error:ratio_rate5m')!;
    const m = Math.floor((30 * DAY) / 30);
    const rts = new Float64Array(m);
    const rvs = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      const k = n - 1 - 2 * (m - 1 - j);
      const dt = ok[k]! + err[k]! - (ok[k - 20]! + err[k - 20]!);
      rts[j] = ts[k]!;
      rvs[j] = dt > 0 ? (err[k]! - err[k - 20]!) / dt : 0;
    }
    recorded.push({ labels: seriesLabels(rule.labels!), ts: rts, vs: rvs });
  }
  for (const r of recorded)
    for (let j = 0; j < r.ts.length; j++)
      fileOf(r.ts[j]!).sample('slo:sli_error:ratio_rate5m', r.labels, r.vs[j]!, r.ts[j]!);
  await Promise.all(files.map(f => f.toBlocksAsync(join(dir, 'data'))));
  writeFileSync(join(dir, 'final.json'), JSON.stringify(final));
}

/** The same in a child process at the lowest CPU priority (`nice`), while other work runs. */
export function generateCostHistoryInChild(dir: string, anchor: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'nice',
      [
        '-n',
        '19',
        process.execPath,
        join(__dirname, 'run.js'),
        '--generate-cost-history',
        dir,
        String(anchor),
      ],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    child.on('error', reject);
    child.on('exit', code =>
      code === 0 ? resolve() : reject(new Error(`cost history generation exited with ${code}`)),
    );
  });
}

export interface PhaseResult {
  rules: 'sloth' | 'headroom' | 'none';
  label: string;
  groups: number;
  /** Σ over groups of mean evaluation time × (30 s / interval): seconds per 30-second cycle. */
  evalSecondsPer30s: number;
  evalMsPerSloPer30s: number;
  evaluationsSeen: number;
  cpuSecondsPerSecond: number;
  recordingSeries: number;
  seriesPerSlo: number;
  /** ALERTS series of the rule set at the end (healthy traffic: none expected). */
  alerts: number;
  /** Seconds per 30-second cycle by kind of group (Sloth: sli, meta, alerts; Headroom: page, ticket, period). */
  byKind: Record<string, number>;
  /**
   * Samples the rules read per SLO per 30 s: each rule's expression run once as an instant query
   * with `stats=all` (Prometheus' totalQueryableSamples), times 30 s / its group's interval,
   * averaged over the first SLOs. Independent of the machine's load.
   */
  samplesPerSloPer30s: number;
  /** One-minute load average at the end of the phase. */
  loadAverage: number;
  seconds: number;
}

function kindOf(group: string): string {
  const name = group.slice(group.indexOf(';') + 1);
  if (name.startsWith('sloth-slo-sli-recordings-')) return 'sli';
  if (name.startsWith('sloth-slo-meta-recordings-')) return 'meta';
  if (name.startsWith('sloth-slo-alerts-')) return 'alerts';
  if (name.endsWith('-page')) return 'page';
  if (name.endsWith('-fast')) return 'fast';
  if (name.endsWith('-period')) return 'period';
  return 'ticket';
}

/** Samples read per SLO per 30 s by `groups`, over their first `sample` SLOs (see PhaseResult). */
async function samplesRead(url: string, groups: RuleGroup[], sample: number): Promise<number> {
  const ids = costServices().slice(0, sample);
  let total = 0;
  for (const g of groups) {
    if (!ids.some(id => g.name.includes(`-${id}-slo1`))) continue;
    // Groups without an interval run at the server's (30 s).
    const interval = (g.interval && parseDuration(g.interval)) || 30;
    for (const r of g.rules) {
      const body = new URLSearchParams({ query: r.expr, stats: 'all' });
      const res = (await (await fetch(`${url}/api/v1/query`, { method: 'POST', body })).json()) as {
        data?: { stats?: { samples?: { totalQueryableSamples?: number } } };
      };
      const n = res.data?.stats?.samples?.totalQueryableSamples;
      if (n === undefined) throw new Error(`no query stats for ${r.expr}`);
      total += (n * 30) / interval;
    }
  }
  return total / sample;
}

async function measurePhase(
  url: string,
  rules: PhaseResult['rules'],
  label: string,
  warmup: number,
  seconds: number,
  idLabel: string,
  info: string,
  ruleGroups: RuleGroup[],
): Promise<PhaseResult> {
  await new Promise(r => setTimeout(r, warmup * 1000));
  const seen = new Map<string, { iterations: number; durations: number[]; interval: number }>();
  const cpu = async () =>
    (await selfMetrics(url)).find(m => m.name === 'process_cpu_seconds_total')!.value;
  const cpu0 = await cpu();
  const t0 = Date.now();
  while (Date.now() - t0 < seconds * 1000) {
    const metrics = await selfMetrics(url);
    const by = (name: string) =>
      new Map(metrics.filter(m => m.name === name).map(m => [m.labels.rule_group!, m.value]));
    const iterations = by('prometheus_rule_group_iterations_total');
    const last = by('prometheus_rule_group_last_duration_seconds');
    const interval = by('prometheus_rule_group_interval_seconds');
    for (const [g, it] of iterations) {
      const s = seen.get(g);
      if (!s) {
        seen.set(g, { iterations: it, durations: [], interval: interval.get(g)! });
      } else if (it > s.iterations) {
        s.iterations = it;
        s.durations.push(last.get(g)!);
      }
    }
    await new Promise(r => setTimeout(r, 2000));
  }
  const elapsed = (Date.now() - t0) / 1000;
  const cpuPerSecond = ((await cpu()) - cpu0) / elapsed;
  // Per kind of group: the mean duration of the evaluations seen, times the number of groups of
  // that kind in the rule set and 30 s / their interval (a group with a long interval may not
  // have run for every SLO within the measured time).
  const kinds = new Map<string, { groups: number; interval: number; durations: number[] }>();
  for (const g of ruleGroups) {
    const k = kinds.get(kindOf(g.name)) ?? {
      groups: 0,
      interval: (g.interval && parseDuration(g.interval)) || 30,
      durations: [],
    };
    k.groups++;
    kinds.set(kindOf(g.name), k);
  }
  let groups = 0;
  let evaluations = 0;
  for (const [g, s] of seen) {
    if (!s.durations.length) continue;
    groups++;
    evaluations += s.durations.length;
    kinds.get(kindOf(g))?.durations.push(...s.durations);
  }
  let per30 = 0;
  const byKind: Record<string, number> = {};
  for (const [kind, k] of kinds) {
    if (!k.durations.length) throw new Error(`${label}: no evaluation of a ${kind} group seen`);
    const mean = k.durations.reduce((a, b) => a + b, 0) / k.durations.length;
    byKind[kind] = (mean * k.groups * 30) / k.interval;
    per30 += byKind[kind];
  }
  const client = new PrometheusClient({ url });
  const count = async (expr: string) => {
    const r = await client.query(expr);
    return r.resultType === 'vector' ? (r.result[0]?.value ?? 0) : 0;
  };
  const some = ruleGroups.length > 0;
  // Every group has run by now (the phase lasts longer than the longest interval).
  const recordingSeries = some
    ? await count(`count({__name__=~"slo:.*|${info}", ${idLabel}=~".+"})`)
    : 0;
  const alerts = some ? await count(`count(ALERTS{${idLabel}=~".+"})`) : 0;
  const loadAverage = loadavg()[0]!;
  const samplesPerSloPer30s = some ? await samplesRead(url, ruleGroups, 5) : 0;
  return {
    rules,
    label,
    groups,
    evalSecondsPer30s: per30,
    evalMsPerSloPer30s: (per30 * 1000) / SLOS,
    evaluationsSeen: evaluations,
    cpuSecondsPerSecond: cpuPerSecond,
    recordingSeries,
    seriesPerSlo: recordingSeries / SLOS,
    alerts,
    byKind,
    samplesPerSloPer30s,
    loadAverage,
    seconds: elapsed,
  };
}

export interface CostVariant {
  rules: 'sloth' | 'headroom' | 'none';
  label: string;
  options?: GenerateOptions;
  /** Measured seconds, when not the run's default. */
  seconds?: number;
}

/**
 * Runs each variant in turn on the prepared history (`dir/data`, `dir/final.json`): its rule
 * file alone, `warmup` seconds, then `seconds` of measurement.
 */
export async function runCost(
  dir: string,
  variants: CostVariant[],
  log: (s: string) => void,
  warmup = 30,
  seconds = 150,
): Promise<PhaseResult[]> {
  binary('prometheus');
  const final = JSON.parse(readFileSync(join(dir, 'final.json'), 'utf8')) as Final;
  const services = costServices();
  const counters = new Map<string, Counters>();
  services.forEach((s, i) =>
    counters.set(
      s,
      new Counters(
        { rps: 5 + ((i * 7) % 46), errorRatio: () => 0.0005 },
        1000 + i,
        final.anchor,
        final.counters[s],
      ),
    ),
  );
  const exporter = await startExporter(counters);
  const prom = await startPrometheus({
    dir,
    rules: {},
    scrapeTargets: [exporter.target],
    selfScrape: false,
  });
  const results: PhaseResult[] = [];
  try {
    for (const v of variants) {
      const groups =
        v.rules === 'sloth'
          ? services.flatMap(slothGroups)
          : v.rules === 'headroom'
            ? headroomGroups(services, v.options ?? {})
            : [];
      const file = stringify({ groups }, { lineWidth: 0 });
      const { readdirSync, rmSync } = await import('node:fs');
      for (const f of readdirSync(prom.rulesDir)) rmSync(join(prom.rulesDir, f));
      writeFileSync(join(prom.rulesDir, `${v.label}.yml`), file);
      await prom.reload();
      const wait = groups.length ? warmup : 0;
      // Long enough for every group to run at least once after the warm-up.
      const longest = Math.max(
        0,
        ...groups.map(g => (g.interval && parseDuration(g.interval)) || 30),
      );
      const measured = v.seconds ?? Math.max(seconds, longest + 10);
      log(`cost: ${v.label} loaded, measuring for ${wait} + ${measured} s`);
      const idLabel = v.rules === 'sloth' ? 'sloth_id' : 'headroom_id';
      const info = v.rules === 'sloth' ? 'sloth_slo_info' : 'headroom_slo_info';
      results.push(
        await measurePhase(prom.url, v.rules, v.label, wait, measured, idLabel, info, groups),
      );
    }
  } finally {
    await prom.stop();
    await exporter.close();
  }
  return results;
}
