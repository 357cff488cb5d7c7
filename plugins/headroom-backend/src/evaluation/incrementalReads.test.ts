import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  burndown,
  burndownPoints,
  parseSloDocuments,
  prepareSeries,
  type Slo,
} from '@headroom/core';
import { planSloSamples } from '@headroom/prometheus';
import fs from 'node:fs';
import path from 'node:path';
import {
  backfill,
  startPrometheus,
  tempDir,
  type RunningPrometheus,
} from '../../../../test/prometheus/prometheus';
import { sloWrite } from '../__fixtures__/slos';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { SloCountStore } from '../database/SloCountStore';
import type { StoredSlo } from '../database/types';
import { SloEvaluator, type EvaluationSettings, type SampleReadCounts } from './SloEvaluator';

/**
 * Incremental evaluation against a real Prometheus gives what a full read of the window gives:
 * a sequence of evaluations (with missed ones, a backend restart and a changed definition) on
 * counters with resets, gaps, a series that comes and one that goes, and a scrape outage, each
 * compared with a full read at the same instant, and far fewer samples read.
 */

jest.setTimeout(180_000);

const unix = (iso: string) => Date.parse(iso) / 1000;
const MINUTE = 60;
const DAY = 86_400;
const STEP = 60;
/** The first evaluation; the others follow within the hour. */
const AT0 = unix('2026-12-02T12:00:00Z');
const END = AT0 + 61 * MINUTE;
const FROM = AT0 - 9 * DAY;
/** Scrapes 15 s past each minute, so the sample grid never sits on a scrape. */
const SCRAPE_OFFSET = 15;
const PER_POD_MINUTE = 100;
/** Pod b restarts (its counters from zero) long before, and again during the evaluations. */
const RESTARTS = [AT0 - 3 * DAY + 30 + SCRAPE_OFFSET, AT0 + 15 * MINUTE + 30 + SCRAPE_OFFSET];
/**
 * Pod a is not scraped for half an hour, 7 days back: the rolling window's first step falls in
 * this gap for the first 26 evaluation minutes, where a full read sees pod a as new after it.
 */
const OLD_GAP = [AT0 - 7 * DAY - 5 * MINUTE, AT0 - 7 * DAY + 25 * MINUTE] as const;
/** Pod a is not scraped for a quarter of an hour during the evaluations. */
const NEW_GAP = [AT0 + 10 * MINUTE, AT0 + 25 * MINUTE] as const;
/** Nothing is scraped for 7 minutes: steps without any sample. */
const OUTAGE = [AT0 + 40 * MINUTE, AT0 + 47 * MINUTE] as const;
/** Pod c starts during the evaluations; pod d stopped 5 days ago. */
const C_STARTS = AT0 + 5 * MINUTE;
const D_STOPS = AT0 - 5 * DAY;

/** Share of failing requests: 0.1 %, and 1 % for the last six hours before AT0 and after. */
function failingBetween(from: number, to: number): number {
  const hot = AT0 - 6 * 3600;
  const overlap = Math.max(0, to - Math.max(hot, from));
  return ((0.001 * (to - from) + 0.009 * Math.min(overlap, to - from)) / MINUTE) * PER_POD_MINUTE;
}

function scraped(pod: string, t: number): boolean {
  if (t > OUTAGE[0] && t < OUTAGE[1]) return false;
  if (pod === 'a' && ((t > OLD_GAP[0] && t < OLD_GAP[1]) || (t > NEW_GAP[0] && t < NEW_GAP[1])))
    return false;
  if (pod === 'c' && t < C_STARTS) return false;
  if (pod === 'd' && t > D_STOPS) return false;
  return true;
}

/** Cumulative counters of a pod at `t` since its last (re)start: fractional failures, e2e-like. */
function podCounters(pod: string, t: number): { ok: number; failed: number } {
  let since = pod === 'c' ? C_STARTS : FROM;
  if (pod === 'b') for (const r of RESTARTS) if (t >= r) since = r;
  const all = ((t - since) / MINUTE) * PER_POD_MINUTE;
  const failed = failingBetween(since, t);
  return { ok: all - failed, failed };
}

/**
 * Two counter families of the same pods: requests with fractional failure counts, as the
 * cross-surface data has them, and jobs counted in whole numbers, as real counters are. A good
 * counter's errors are total - good, a difference of two large sums: on fractional counters
 * the rounding of either way of adding them up shows at about 1e-9 of the budget, so the
 * good-event SLO reads the whole-number counters, where every sum is exact.
 */
function openMetrics(): string {
  const lines = ['# TYPE http_requests_total unknown', '# TYPE ledger_jobs_total unknown'];
  for (const pod of ['a', 'b', 'c', 'd']) {
    for (let t = FROM + SCRAPE_OFFSET; t <= END; t += MINUTE) {
      if (!scraped(pod, t)) continue;
      const c = podCounters(pod, t);
      const labels = `service="ledger",pod="${pod}"`;
      lines.push(`http_requests_total{${labels},code="200"} ${c.ok} ${t}`);
      lines.push(`http_requests_total{${labels},code="500"} ${c.failed} ${t}`);
      const failedJobs = Math.floor(c.failed);
      lines.push(`ledger_jobs_total{${labels},outcome="ok"} ${c.ok + c.failed - failedJobs} ${t}`);
      lines.push(`ledger_jobs_total{${labels},outcome="failed"} ${failedJobs} ${t}`);
    }
  }
  return [...lines, '# EOF', ''].join('\n');
}

function sloYaml(
  name: string,
  events: 'bad' | 'good',
  eventsQuery: string,
  totalQuery: string,
  timeWindow: string,
): string {
  return `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: ledger
  indicator:
    metadata:
      name: ledger-${name}
    spec:
      ratioMetric:
        counter: true
        ${events}:
          metricSource:
            type: Prometheus
            spec:
              query: ${eventsQuery}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: ${totalQuery}
  timeWindow:
${timeWindow}
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
`;
}

function parse(text: string): Slo {
  const { slos, issues } = parseSloDocuments(text, 'ledger.yaml');
  expect(issues).toEqual([]);
  return slos[0]!;
}

const FAILED_REQUESTS = 'http_requests_total{service="ledger",code=~"5.."}';
const REQUESTS = 'http_requests_total{service="ledger"}';
const rolling = (d: string) => `    - duration: ${d}\n      isRolling: true`;
const jobsSlo = (window: string) =>
  parse(
    sloYaml(
      'jobs',
      'good',
      'ledger_jobs_total{service="ledger",outcome="ok"}',
      'ledger_jobs_total{service="ledger"}',
      rolling(window),
    ),
  );
const SLOS = [
  parse(sloYaml('errors-7d', 'bad', FAILED_REQUESTS, REQUESTS, rolling('7d'))),
  parse(
    sloYaml(
      'errors-monthly',
      'bad',
      FAILED_REQUESTS,
      REQUESTS,
      '    - duration: 1M\n      isRolling: false\n      calendar:\n        startTime: "2020-01-01 00:00:00"\n        timeZone: UTC',
    ),
  ),
  jobsSlo('2d'),
];
/** What the jobs SLO becomes from the restart on: a longer window, so its counts start over. */
const WIDENED = jobsSlo('4d');

/** Minutes after AT0 of each evaluation: some missed, a restart before 12, the change at 12. */
const MINUTES = [0, 1, 2, 11, 12, 13, 27, 38, 46, 60];
/** Where the burndowns are compared too (each a second full read). */
const BURNDOWN_AT = new Set([2, 27, 60]);
const RESTART_AT = 12;

/** |a - b| within 1e-9 of the larger; exact zeros and nulls must match exactly. */
function relativeDifference(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : Infinity;
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

describe('incremental evaluation against a real Prometheus', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let prometheus: RunningPrometheus;
  let dir: string;

  beforeAll(async () => {
    dir = tempDir('headroom-incremental-');
    backfill(openMetrics(), path.join(dir, 'data'));
    prometheus = await startPrometheus({ dir });
  });

  afterAll(async () => {
    await prometheus?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const settings = (url: string): EvaluationSettings => ({
    enabled: true,
    prometheusUrl: url,
    timeoutMs: 30_000,
    schedulerIntervalSeconds: 30,
    defaultIntervalSeconds: 60,
    concurrency: 1,
    batchSize: 100,
    stepSeconds: STEP,
    overlapSeconds: 300,
  });

  it('gives the full read’s SLI, budget, burn rates, alert state and burndown, reading far fewer samples', async () => {
    const knex = await databases.init('SQLITE_3');
    const database = mockServices.database({ knex, migrations: { skip: false } });
    const store = await DatabaseSloStore.create({ database });
    const logger = mockServices.logger.mock();
    const entityRef = 'component:default/ledger';
    let stored: StoredSlo[] = [];
    for (const slo of SLOS)
      stored.push(await store.create(sloWrite(entityRef, slo), 'user:default/hana.mori'));

    const full = new SloEvaluator({
      queue: store.evaluations,
      logger,
      settings: settings(prometheus.url),
    });
    const newIncremental = async () =>
      new SloEvaluator({
        queue: store.evaluations,
        logger,
        settings: settings(prometheus.url),
        counts: await SloCountStore.create({ database }),
      });
    let incremental = await newIncremental();
    const readsBefore: SampleReadCounts = { rangeQueries: 0, samples: 0, backfills: 0 };

    let worst = 0;
    const perEvaluation: { full: number; incremental: number; backfill: boolean }[] = [];
    const alertStates = new Set<string>();
    for (const minute of MINUTES) {
      if (minute === RESTART_AT) {
        // A restarted backend: nothing in memory, only the database.
        readsBefore.samples += incremental.reads.samples;
        readsBefore.backfills += incremental.reads.backfills;
        incremental = await newIncremental();
        const widened = stored.find(s => s.name === 'jobs')!;
        const updated = await store.update(
          sloWrite(entityRef, WIDENED),
          widened.version,
          'user:default/hana.mori',
        );
        stored = stored.map(s => (s.id === updated.id ? updated : s));
      }
      // Seconds past the minute, as the scheduler runs.
      const now = new Date((AT0 + minute * MINUTE + 7) * 1000);
      for (const slo of stored) {
        const fullBefore = full.reads.samples;
        expect(await full.evaluate(slo, now)).toBe(true);
        const fullStatus = (await store.getStatuses([slo.id], now)).get(slo.id)!;
        const incBefore = incremental.reads.samples;
        const backfillsBefore = incremental.reads.backfills;
        expect(await incremental.evaluate(slo, now)).toBe(true);
        const incStatus = (await store.getStatuses([slo.id], now)).get(slo.id)!;
        perEvaluation.push({
          full: full.reads.samples - fullBefore,
          incremental: incremental.reads.samples - incBefore,
          backfill: incremental.reads.backfills > backfillsBefore,
        });

        expect(incStatus.error).toBeNull();
        expect(incStatus.evaluatedAt).toBe(fullStatus.evaluatedAt);
        expect(incStatus.alertState).toBe(fullStatus.alertState);
        alertStates.add(incStatus.alertState!);
        const pairs: [number | null, number | null][] = [
          [incStatus.sli, fullStatus.sli],
          [incStatus.budgetRemaining, fullStatus.budgetRemaining],
          [incStatus.timeToExhaustionSeconds, fullStatus.timeToExhaustionSeconds],
        ];
        expect(incStatus.burnRates.map(b => b.window)).toEqual(
          fullStatus.burnRates.map(b => b.window),
        );
        incStatus.burnRates.forEach((b, i) => pairs.push([b.rate, fullStatus.burnRates[i]!.rate]));
        for (const [a, b] of pairs) {
          const d = relativeDifference(a, b);
          if (d > 1e-9) throw new Error(`${slo.name} at +${minute} min: ${a} vs ${b} (${d})`);
          worst = Math.max(worst, d);
        }
      }
      // The burndown from the same samples, every few evaluations (a full read each).
      if (BURNDOWN_AT.has(minute)) {
        for (const slo of stored) {
          const plan = planSloSamples(slo.definition, now.getTime() / 1000, STEP);
          const points = async (e: SloEvaluator) =>
            burndownPoints(
              burndown(slo.definition, prepareSeries(await e.readSamples(slo, plan)), {
                at: plan.at,
              }),
            );
          const a = await points(incremental);
          const b = await points(full);
          expect(a.map(p => p.t)).toEqual(b.map(p => p.t));
          a.forEach((p, i) => {
            const d = relativeDifference(p.remaining, b[i]!.remaining);
            if (d > 1e-9)
              throw new Error(
                `${slo.name} burndown at ${p.t}: ${p.remaining} vs ${b[i]!.remaining}`,
              );
            worst = Math.max(worst, d);
          });
        }
      }
    }
    // The data pages (1 % errors against a 0.1 % budget) and the windows hold traffic.
    expect(alertStates.has('page')).toBe(true);

    // A scheduled run keeps the counts of its SLOs in one transaction; a read after it reads
    // only the newest steps and still agrees with a full read.
    const runAt = new Date((AT0 + 61 * MINUTE + 7) * 1000);
    expect(await incremental.runDue(runAt)).toEqual({ evaluated: SLOS.length, failed: 0 });
    const counts = new SloCountStore(knex);
    for (const slo of stored) {
      const kept = await counts.load(slo.id, AT0, AT0 + DAY);
      expect(kept!.state.settledTo).toBe(AT0 + 61 * MINUTE - 300);
      const plan = planSloSamples(slo.definition, runAt.getTime() / 1000, STEP);
      const before = incremental.reads.samples;
      const a = prepareSeries(await incremental.readSamples(slo, plan));
      expect(incremental.reads.samples - before).toBeLessThan(20 * 6);
      const b = prepareSeries(await full.readSamples(slo, plan));
      const last = a.totalPrefix.length - 1;
      expect(relativeDifference(a.totalPrefix[last]!, b.totalPrefix[last]!)).toBeLessThan(1e-9);
      expect(relativeDifference(a.badPrefix[last]!, b.badPrefix[last]!)).toBeLessThan(1e-9);
    }

    // First sight of each SLO, and the widened one after the restart: whole windows read.
    expect(readsBefore.backfills + incremental.reads.backfills).toBe(SLOS.length + 1);
    const steady = perEvaluation.filter(e => !e.backfill);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const fullSteady = sum(steady.map(e => e.full));
    const incSteady = sum(steady.map(e => e.incremental));
    expect(incSteady * 100).toBeLessThan(fullSteady);

    const bytes = await Promise.all(stored.map(s => new SloCountStore(knex).storedBytes(s.id)));
    // Figures for the package README: samples read per evaluation and what is kept per SLO.
    console.log(
      [
        `evaluations: ${perEvaluation.length}, ${steady.length} after the first read`,
        `samples per evaluation, full read: ${Math.round(fullSteady / steady.length)}`,
        `samples per evaluation, incremental: ${(incSteady / steady.length).toFixed(1)} (${Math.round(fullSteady / incSteady)}x fewer)`,
        `first reads (backfills): ${sum(perEvaluation.filter(e => e.backfill).map(e => e.incremental))} samples`,
        `largest relative difference: ${worst}`,
        `bytes kept per SLO: ${stored.map((s, i) => `${s.name} ${bytes[i]}`).join(', ')}`,
      ].join('\n'),
    );
  });
});
