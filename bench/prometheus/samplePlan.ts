/**
 * What the one sample plan costs to read, next to the two-resolution read the Grafana datasource
 * made before (a minute grid over the last 3 days, an hourly grid before), for a 30-day SLO whose
 * selectors match `BENCH_PLAN_SERIES` series (default 2 pods × 2 codes = 4) scraped every minute.
 *
 *   node_modules/.bin/tsc -b bench/prometheus && node bench/prometheus/dist/samplePlan.js
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseSloDocuments } from '@headroom/core';
import {
  fetchCounterSamples,
  planSloSamples,
  PrometheusClient,
  readPlannedSamples,
} from '@headroom/prometheus';
import { OpenMetricsFile, startPrometheus, tempDir } from './prom';

const DAY = 86_400;
const AT = Date.parse('2026-12-02T12:00:00Z') / 1000;
const ROUNDS = Number(process.env.BENCH_PLAN_ROUNDS ?? 7);
const PODS = Math.max(1, Math.round(Number(process.env.BENCH_PLAN_SERIES ?? 4) / 2));

const SLO = `apiVersion: openslo/v1
kind: SLO
metadata: { name: availability }
spec:
  service: ledger
  indicator:
    metadata: { name: ledger-errors }
    spec:
      ratioMetric:
        counter: true
        bad: { metricSource: { type: Prometheus, spec: { query: 'http_requests_total{service="ledger",code=~"5.."}' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'http_requests_total{service="ledger"}' } } }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.999 }]
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function ms(f: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function main(): Promise<void> {
  const dir = tempDir('headroom-plan-bench-');
  const om = new OpenMetricsFile(join(dir, 'history.om'));
  const from = AT - 35 * DAY;
  for (let pod = 0; pod < PODS; pod++) {
    for (const code of ['200', '500']) {
      const perMinute = code === '200' ? 100 : 0.1;
      for (let t = from + 15; t <= AT; t += 60) {
        om.sample(
          'http_requests_total',
          `service="ledger",pod="p${pod}",code="${code}"`,
          ((t - from) / 60) * perMinute,
          t,
        );
      }
    }
  }
  om.toBlocks(join(dir, 'data'));
  const prom = await startPrometheus({ dir, rules: {}, scrapeTargets: [] });
  try {
    const client = new PrometheusClient({ url: prom.url });
    const slo = parseSloDocuments(SLO, 'bench.yaml').slos[0]!;
    const plan = planSloSamples(slo, AT, 60);
    const planned: number[] = [];
    const twoGrids: number[] = [];
    let points = { planned: 0, twoGrids: 0 };
    for (let i = 0; i < ROUNDS + 1; i++) {
      let a = 0;
      const p = await ms(async () => {
        a = (await readPlannedSamples(client, slo, plan)).timestamps.length;
      });
      let b = 0;
      const o = await ms(async () => {
        const [coarse, fine] = await Promise.all([
          fetchCounterSamples(client, slo, AT - 30 * DAY - 3600, AT - 3 * DAY - 60, 3600),
          fetchCounterSamples(client, slo, AT - 3 * DAY - 60, AT, 60),
        ]);
        b = coarse.timestamps.length + fine.timestamps.length;
      });
      // The first round warms Prometheus' caches and is not counted.
      if (i === 0) continue;
      planned.push(p);
      twoGrids.push(o);
      points = { planned: a, twoGrids: b };
    }
    const load = loadavg().map(l => l.toFixed(2));
    console.log(
      [
        `series per selector: ${PODS} (bad) and ${PODS * 2} (total); rounds: ${ROUNDS}; load average ${load.join(' ')}`,
        `| read | grid points | median ms | min ms | max ms |`,
        `| --- | --- | --- | --- | --- |`,
        `| sample plan (60 s over 30 d + 1 step) | ${points.planned} | ${median(planned).toFixed(0)} | ${Math.min(...planned).toFixed(0)} | ${Math.max(...planned).toFixed(0)} |`,
        `| two grids (60 s over 3 d, 3600 s before) | ${points.twoGrids} | ${median(twoGrids).toFixed(0)} | ${Math.min(...twoGrids).toFixed(0)} | ${Math.max(...twoGrids).toFixed(0)} |`,
      ].join('\n'),
    );
  } finally {
    await prom.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
