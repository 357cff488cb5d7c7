import { join } from 'node:path';
import {
  PrometheusClient,
  type GenerateOptions,
  type OutagePageOptions,
  type RuleGroup,
} from '@headroom/prometheus';
import { startExporter, METRIC } from './exporter';
import { Counters, uniform, type Profile } from './model';
import { OpenMetricsFile, seriesLabels, startPrometheus, tempDir } from './prom';
import { headroomGroups, headroomRuleFile, slothGroups, slothRuleFile } from './rules';

/**
 * Detection time and false pages, live: one Prometheus (15 s scrape, 30 s evaluation) scrapes
 * a small exporter and evaluates Sloth's rules and Headroom's for the same SLO (Sloth's example
 * slo1, 99.9 % over 30 days) on every service.
 *
 * - Outages of 100 %, 50 %, 10 % and 2 % of requests failing from t0 on, one service each, on 20
 *   requests/s with 0.02 % background errors. Detection time: the page alert's `activeAt` (the
 *   evaluation that found the condition true) minus t0. The 100 % and 50 % outages start 90 s
 *   after the anchor, live; the 10 % and 2 % outages, which take Sloth's rules about 9 and 44
 *   minutes, start before it in the backfilled history (t0 = anchor - 150 s and - 2400 s) so that
 *   both rule sets page a few minutes into the live run: every alert is still evaluated live,
 *   on windows that end in live data. A page that fires at the first evaluation is reported as
 *   not measured.
 * - Noisy but healthy services (average error ratio below the 0.1 % budget): steady errors, a
 *   service with one request every 50 s, short bursts of errors, and an error ratio that flaps.
 *   False pages are counted live during the run and, over their 7 days of backfilled history,
 *   by evaluating each rule set's page conditions every 15 s through range queries (recordings
 *   replaced by their expressions: the history has no recordings).
 *
 * BENCH_PROM_OUTAGE_PAGE=1 (or an evaluation interval such as `5s`) adds Headroom's opt-in
 * outage page (`outagePage`) to its rules; its replay runs on a grid of that interval.
 */

const HOUR = 3600;
const DAY = 86400;

/**
 * Headroom's rule options in this run: the outage page when BENCH_PROM_OUTAGE_PAGE asks, as `1`
 * (the defaults), an evaluation interval (`5s`) or the options as JSON
 * (`{"windowSeconds":45,"errorRatio":0.68,"interval":"2s"}`).
 */
export function detectionOptions(): GenerateOptions {
  const v = process.env.BENCH_PROM_OUTAGE_PAGE;
  if (!v || v === '0') return {};
  if (v === '1') return { outagePage: true };
  if (v.trim().startsWith('{')) return { outagePage: JSON.parse(v) as OutagePageOptions };
  return { outagePage: { interval: v } };
}

export interface Outage {
  service: string;
  ratio: number;
  /** t0 relative to the anchor, seconds. */
  offset: number;
}

/**
 * Three services per outage size: each rule group runs at its own offset in the evaluation
 * interval (a hash of its name), so one service alone would show one draw of that phase. Every
 * service is scraped at the same instants, so the live outages also start 0, 5 and 10 s apart:
 * three phases of the outage start against the 15 s scrape, not one.
 */
export const OUTAGES: Outage[] = (
  [
    [1, 90, 5],
    [0.5, 90, 5],
    [0.1, -150, 0],
    [0.02, -2400, 0],
  ] as const
).flatMap(([ratio, offset, stagger]) =>
  ['a', 'b', 'c'].map((r, i) => ({
    service: `outage-${Math.round(ratio * 100)}-${r}`,
    ratio,
    offset: offset + i * stagger,
  })),
);

/** Short bursts: one per 6 hours, 5–20 s long, 50–100 % of requests failing. */
function burst(seed: number, s: number): number {
  const slot = Math.floor(s / (6 * HOUR));
  const start = slot * 6 * HOUR + Math.floor(uniform(seed, slot, 7) * (6 * HOUR - 60));
  const length = 5 + Math.floor(uniform(seed, slot, 8) * 16);
  return s >= start && s < start + length ? 0.5 + 0.5 * uniform(seed, slot, 9) : 0;
}

export const NOISY: Array<{ service: string; profile: (seed: number) => Profile; note: string }> = [
  {
    service: 'noise-steady',
    profile: () => ({ rps: 20, errorRatio: () => 0.0005 }),
    note: '20 req/s, each request failing with probability 0.05 %',
  },
  {
    service: 'noise-low',
    profile: () => ({ rps: 0.02, errorRatio: () => 0.0005 }),
    note: 'one request every 50 s on average, 0.05 % failing',
  },
  {
    service: 'noise-bursts',
    profile: seed => ({ rps: 50, errorRatio: s => Math.max(0.0002, burst(seed, s)) }),
    note: '50 req/s, 0.02 % errors, and every 6 h a 5–20 s burst with 50–100 % failing (0.06 % on average)',
  },
  {
    service: 'noise-flapping',
    profile: () => ({ rps: 10, errorRatio: s => (Math.floor(s / 600) % 3 === 0 ? 0.0025 : 0) }),
    note: '10 req/s, 0.25 % errors for 10 minutes in every 30 (0.083 % on average)',
  },
];

const BASE: Profile = { rps: 20, errorRatio: () => 0.0002 };
const outageProfile = (o: Outage, t0: number): Profile => ({
  rps: BASE.rps,
  errorRatio: s => (s >= t0 ? Math.max(o.ratio, 0.0002) : 0.0002),
});

export interface DetectionResult {
  anchor: number;
  ready: number;
  liveSeconds: number;
  outages: Array<{
    service: string;
    ratio: number;
    t0: number;
    sloth: number | null;
    headroom: number | null;
    headroomStandard: number | null;
    headroomFirst: Burn | null;
    measured: boolean;
  }>;
  noisy: Array<{
    service: string;
    note: string;
    live: { sloth: number; headroom: number };
    replay: {
      sloth: number;
      headroom: number;
      headroomFast: number;
      headroomOutage: number;
      hours: number;
    };
  }>;
}

/** Which of Headroom's pages: the standard one, the fast burn or the outage page. */
export type Burn = 'fast' | 'outage' | 'standard';

/** `sloth <service>` or `headroom <service>` for a page alert, with the kind of Headroom's page. */
function keyOf(labels: Record<string, string>): { key: string; burn: Burn } | null {
  if (labels.sloth_severity === 'page' && labels.sloth_service)
    return { key: `sloth ${labels.sloth_service}`, burn: 'standard' };
  if (labels.headroom_severity === 'page' && labels.headroom_service) {
    const b = labels.headroom_burn;
    return {
      key: `headroom ${labels.headroom_service}`,
      burn: b === 'fast' || b === 'outage' ? b : 'standard',
    };
  }
  return null;
}

/** A page alert expression with each recorded ratio replaced by its rule's expression. */
function inlinePage(groups: RuleGroup[], idLabel: string, id: string): string {
  const rules = groups.flatMap(g => g.rules);
  const page = rules.find(
    r =>
      'alert' in r &&
      (r.labels?.sloth_severity ?? r.labels?.headroom_severity) === 'page' &&
      !r.labels?.headroom_burn,
  );
  if (!page) throw new Error(`no page alert for ${id}`);
  return page.expr.replace(/slo:sli_error:ratio_rate(\w+)\{[^}]*\}/g, (_m, w: string) => {
    const rec = rules.find(
      r =>
        'record' in r && r.record === `slo:sli_error:ratio_rate${w}` && r.labels?.[idLabel] === id,
    );
    if (!rec) throw new Error(`no slo:sli_error:ratio_rate${w} rule for ${id}`);
    return `(${rec.expr})`;
  });
}

function burnPage(groups: RuleGroup[], burn: 'fast' | 'outage'): string | undefined {
  const r = groups
    .flatMap(g => g.rules)
    .find(x => 'alert' in x && x.labels?.headroom_burn === burn);
  return r?.expr;
}

/** The evaluation interval of the group holding Headroom's outage page, in seconds. */
function outageStep(groups: RuleGroup[]): number {
  const g = groups.find(x => x.name.endsWith('-outage'));
  const m = /^(\d+)s$/.exec(g?.interval ?? '');
  if (!m) throw new Error(`outage group interval ${String(g?.interval)} is not whole seconds`);
  return Number(m[1]);
}

/** Instants (on a grid of `step` seconds) where an expression has a value, over [from, to]. */
async function firingTimes(
  client: PrometheusClient,
  expr: string,
  from: number,
  to: number,
  step = 15,
): Promise<Set<number>> {
  const out = new Set<number>();
  for (let a = from; a <= to; a += 10_000 * step) {
    const b = Math.min(to, a + (10_000 - 1) * step);
    for (const s of await client.queryRange(expr, a, b, step))
      for (const t of s.timestamps) out.add(t);
  }
  return out;
}

/** Pages = rising edges of the firing condition on its grid of `step` seconds. */
function episodes(times: Set<number>, step = 15): number {
  let n = 0;
  for (const t of times) if (!times.has(t - step)) n++;
  return n;
}

/**
 * Pages over several conditions on different grids: instants where any holds, each held for its
 * grid step (as an alert stays active until the next evaluation), merged into episodes.
 */
function mergedEpisodes(parts: Array<{ times: Set<number>; step: number }>): number {
  const spans = parts
    .flatMap(p => [...p.times].map(t => [t, t + p.step] as const))
    .sort((a, b) => a[0] - b[0]);
  let n = 0;
  let end = -Infinity;
  for (const [a, b] of spans) {
    if (a > end) n++;
    if (b > end) end = b;
  }
  return n;
}

export async function runDetection(
  log: (s: string) => void,
  maxLiveSeconds = 600,
): Promise<DetectionResult> {
  const dir = tempDir('headroom-bench-detect-');
  const anchor = Math.floor(Date.now() / 1000);
  const counters = new Map<string, Counters>();
  const exporter = await startExporter(counters);
  const file = new OpenMetricsFile(join(dir, 'history.om'));
  const histories: Array<{ service: string; from: number; profile: Profile; seed: number }> = [];
  OUTAGES.forEach((o, i) =>
    histories.push({
      service: o.service,
      from: anchor - DAY,
      profile: outageProfile(o, anchor + o.offset),
      seed: 101 + i,
    }),
  );
  NOISY.forEach((n, i) =>
    histories.push({
      service: n.service,
      from: anchor - 7 * DAY,
      profile: n.profile(201 + i),
      seed: 201 + i,
    }),
  );
  for (const h of histories) {
    const c = new Counters(h.profile, h.seed, h.from);
    const rows: Array<[number, number, number]> = [];
    for (let t = h.from + 15; t < anchor; t += 15) {
      c.advanceTo(t);
      rows.push([t, c.ok, c.err]);
    }
    for (const [code, i] of [
      ['200', 1],
      ['500', 2],
    ] as const) {
      const labels = seriesLabels({ service: h.service, code, job: 'bench', instance: 'bench' });
      for (const r of rows) file.sample(METRIC, labels, r[i], r[0]);
    }
    counters.set(h.service, c);
  }
  file.toBlocks(join(dir, 'data'));
  log(
    `detection: history backfilled (${Math.round(Date.now() / 1000 - anchor)} s after the anchor)`,
  );

  const services = [...OUTAGES.map(o => o.service), ...NOISY.map(n => n.service)];
  const prom = await startPrometheus({
    dir,
    rules: {
      'sloth.yml': slothRuleFile(services),
      'headroom.yml': headroomRuleFile(services, detectionOptions()),
    },
    scrapeTargets: [exporter.target],
  });
  const ready = Date.now() / 1000;
  log(`detection: Prometheus ready at anchor + ${(ready - anchor).toFixed(1)} s`);
  const client = new PrometheusClient({ url: prom.url, timeoutMs: 120_000 });

  try {
    const activeAt = new Map<string, number>();
    const firingNow = new Set<string>();
    const liveEpisodes = new Map<string, number>();
    const deadline = anchor + maxLiveSeconds;
    const wanted = OUTAGES.flatMap(o => [`sloth ${o.service}`, `headroom ${o.service}`]);
    for (;;) {
      const seen = new Set<string>();
      for (const a of await client.alerts()) {
        const k = keyOf(a.labels);
        if (!k || a.state !== 'firing') continue;
        const at = Date.parse(a.activeAt ?? '') / 1000;
        for (const key of [k.key, `${k.key} ${k.burn}`]) {
          if (!activeAt.has(key) || at < activeAt.get(key)!) activeAt.set(key, at);
        }
        seen.add(k.key);
      }
      for (const k of seen)
        if (!firingNow.has(k)) liveEpisodes.set(k, (liveEpisodes.get(k) ?? 0) + 1);
      firingNow.clear();
      for (const k of seen) firingNow.add(k);
      const now = Date.now() / 1000;
      if (wanted.every(k => activeAt.has(k)) || now > deadline) break;
      await new Promise(r => setTimeout(r, 1000));
    }
    const liveSeconds = Date.now() / 1000 - ready;
    log(`detection: live phase over after ${liveSeconds.toFixed(0)} s`);

    const outages = OUTAGES.map(o => {
      const t0 = anchor + o.offset;
      const d = (k: string) => (activeAt.has(k) ? activeAt.get(k)! - t0 : null);
      const sloth = d(`sloth ${o.service}`);
      const headroom = d(`headroom ${o.service}`);
      const first = (['outage', 'fast', 'standard'] as const).find(
        b => headroom !== null && d(`headroom ${o.service} ${b}`) === headroom,
      );
      // Fired at the first evaluations: the condition may have held before Prometheus started.
      const measured = [sloth, headroom].every(x => x !== null && t0 + x > ready + 35);
      return {
        service: o.service,
        ratio: o.ratio,
        t0,
        sloth,
        headroom,
        headroomStandard: d(`headroom ${o.service} standard`),
        headroomFirst: first ?? null,
        measured,
      };
    });

    // False pages over the noisy services' backfilled week, 6 h in (the windows are full) to
    // the anchor.
    const noisy: DetectionResult['noisy'] = [];
    for (const n of NOISY) {
      const from = anchor - 7 * DAY + 6 * HOUR;
      const to = anchor - 60;
      const id = `${n.service}-slo1`;
      const sloth = await firingTimes(
        client,
        inlinePage(slothGroups(n.service), 'sloth_id', id),
        from,
        to,
      );
      const hGroups = headroomGroups([n.service], detectionOptions());
      const standard = await firingTimes(client, inlinePage(hGroups, 'headroom_id', id), from, to);
      const fastExpr = burnPage(hGroups, 'fast');
      const fast = fastExpr ? await firingTimes(client, fastExpr, from, to) : new Set<number>();
      const outageExpr = burnPage(hGroups, 'outage');
      const step = outageExpr ? outageStep(hGroups) : 15;
      const outage = outageExpr
        ? await firingTimes(client, outageExpr, from, to, step)
        : new Set<number>();
      noisy.push({
        service: n.service,
        note: n.note,
        live: {
          sloth: liveEpisodes.get(`sloth ${n.service}`) ?? 0,
          headroom: liveEpisodes.get(`headroom ${n.service}`) ?? 0,
        },
        replay: {
          sloth: episodes(sloth),
          headroom: mergedEpisodes([
            { times: new Set([...standard, ...fast]), step: 15 },
            { times: outage, step },
          ]),
          headroomFast: episodes(fast),
          headroomOutage: episodes(outage, step),
          hours: (to - from) / HOUR,
        },
      });
      log(`detection: replayed ${n.service}`);
    }
    return { anchor, ready, liveSeconds, outages, noisy };
  } finally {
    await prom.stop();
    await exporter.close();
    const { rmSync } = await import('node:fs');
    rmSync(dir, { recursive: true, force: true });
  }
}
