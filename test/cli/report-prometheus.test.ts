import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { run, type Console, type EvaluationJson } from '@headroom/cli';
import {
  backfill,
  startPrometheus,
  tempDir,
  type RunningPrometheus,
} from '../prometheus/prometheus';

/**
 * `headroom report --prometheus` against a real Prometheus holding exactly the example counters
 * that `report --series-dir` reads from CSV: both paths must give the same numbers.
 */
const examples = resolve(__dirname, '..', '..', 'dev-env', 'examples');
const sloFiles = [
  'order-gateway.openslo.yaml',
  'withdrawal-signer.sloth.yaml',
  'market-data.pyrra.yaml',
  'ledger.openslo-v1alpha.yaml',
].map(f => join(examples, 'slos', f));
const AT = '2026-11-23T12:00:00Z';

interface Csv {
  t: number[];
  a: number[]; // good or bad
  total: number[];
  kind: 'good' | 'bad';
}

function readCsv(name: string): Csv {
  const [header, ...lines] = readFileSync(join(examples, 'series', name), 'utf8')
    .trim()
    .split('\n');
  const kind = header!.split(',')[1] as 'good' | 'bad';
  const out: Csv = { t: [], a: [], total: [], kind };
  for (const line of lines) {
    const [ts, a, total] = line.split(',');
    out.t.push(Date.parse(ts!) / 1000);
    out.a.push(Number(a));
    out.total.push(Number(total));
  }
  return out;
}

/** One OpenMetrics family: `name` with one series per label set, each in time order. */
function family(name: string, series: { labels: string; t: number[]; v: number[] }[]): string[] {
  const lines = [`# TYPE ${name} unknown`];
  for (const s of series) s.t.forEach((t, i) => lines.push(`${name}{${s.labels}} ${s.v[i]} ${t}`));
  return lines;
}

function exampleOpenMetrics(): string {
  const requests: { labels: string; t: number[]; v: number[] }[] = [];
  // Requests of each service split into a 200 and a 500 series: selectors on `code` pick one,
  // the total selector sums both.
  for (const service of ['order-gateway', 'withdrawal-signer', 'ledger']) {
    const csv = readCsv(`${service}-availability.csv`);
    const bad = csv.kind === 'bad' ? csv.a : csv.a.map((g, i) => csv.total[i]! - g);
    const good = csv.total.map((n, i) => n - bad[i]!);
    requests.push({ labels: `service="${service}",code="200"`, t: csv.t, v: good });
    requests.push({ labels: `service="${service}",code="500"`, t: csv.t, v: bad });
  }
  const latency = readCsv('market-data-latency.csv');
  return [
    ...family('http_requests_total', requests),
    ...family('http_request_duration_seconds_bucket', [
      { labels: 'service="market-data",le="0.25"', t: latency.t, v: latency.a },
    ]),
    ...family('http_request_duration_seconds_count', [
      { labels: 'service="market-data"', t: latency.t, v: latency.total },
    ]),
    '# EOF',
    '',
  ].join('\n');
}

function capture(): Console & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, isTTY: false, out: t => stdout.push(t), err: t => stderr.push(t) };
}

describe('headroom report --prometheus', () => {
  let prom: RunningPrometheus;

  beforeAll(async () => {
    const dir = tempDir();
    backfill(exampleOpenMetrics(), join(dir, 'data'));
    prom = await startPrometheus({ dir });
  }, 120_000);

  afterAll(async () => {
    await prom?.stop();
  });

  it('gives the same numbers live as from the CSV files', async () => {
    const fromCsv = capture();
    expect(
      await run(
        [
          'report',
          '--series-dir',
          join(examples, 'series'),
          '--at',
          AT,
          '--format',
          'json',
          ...sloFiles,
        ],
        fromCsv,
      ),
    ).toBe(0);
    const live = capture();
    expect(
      await run(
        [
          'report',
          '--prometheus',
          prom.url,
          '--step',
          '5m',
          '--at',
          AT,
          '--format',
          'json',
          ...sloFiles,
        ],
        live,
      ),
    ).toBe(0);
    expect(live.stderr).toEqual([]);

    const csvRows = JSON.parse(fromCsv.stdout.join('')) as EvaluationJson[];
    const liveRows = JSON.parse(live.stdout.join('')) as EvaluationJson[];
    expect(liveRows.map(r => r.service)).toEqual(csvRows.map(r => r.service));
    for (const [i, want] of csvRows.entries()) {
      const got = liveRows[i]!;
      expect(got.events).toEqual(want.events);
      expect(got.sli!).toBeCloseTo(want.sli!, 9);
      expect(got.errorBudget.remaining!).toBeCloseTo(want.errorBudget.remaining!, 9);
      for (const [w, rate] of Object.entries(want.burnRates))
        expect(got.burnRates[w]!).toBeCloseTo(rate!, 9);
      expect(got.alerts.map(a => a.firing)).toEqual(want.alerts.map(a => a.firing));
    }
    expect(
      liveRows
        .find(r => r.service === 'order-gateway')!
        .alerts.some(a => a.severity === 'page' && a.firing),
    ).toBe(true);
  }, 120_000);

  it('lists an SLO it cannot read with the reason and exits 1, never a made-up number', async () => {
    const io = capture();
    // A port nothing listens on: the connection is refused.
    const code = await run(
      [
        'report',
        '--prometheus',
        'http://127.0.0.1:9',
        '--at',
        AT,
        '--format',
        'json',
        sloFiles[0]!,
      ],
      io,
    );
    expect(code).toBe(1);
    const rows = JSON.parse(io.stdout.join('')) as { slo: string; error?: string; sli?: number }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sli).toBeUndefined();
    expect(rows[0]!.error).toMatch(/127\.0\.0\.1:9/);
    expect(io.stderr.join('')).toMatch(/1 of 1 SLO\(s\) could not be evaluated/);
  }, 60_000);
});
