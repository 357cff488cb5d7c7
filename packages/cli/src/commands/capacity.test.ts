import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSloDocuments, type PeakForecast, type CapacityRecommendation } from '@headroom/core';
import { run } from '../program';
import type { Console } from '../io/console';
import { assessmentBody, entityParts, latencyObjectivesOf, serviceTimeAtLowLoad } from './capacity';

function capture(): Console & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, isTTY: false, out: t => stdout.push(t), err: t => stderr.push(t) };
}

const LEDGER_SLOS = `
apiVersion: openslo/v1
kind: SLO
metadata: { name: availability }
spec:
  service: ledger
  indicator:
    metadata: { name: ledger-availability }
    spec:
      ratioMetric:
        counter: true
        bad: { metricSource: { type: prometheus, spec: { query: 'http_requests_total{service="ledger",code=~"5.."}' } } }
        total: { metricSource: { type: prometheus, spec: { query: 'http_requests_total{service="ledger"}' } } }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.9995 }]
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: latency }
spec:
  service: ledger
  indicator:
    metadata: { name: ledger-latency }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { type: prometheus, spec: { query: 'http_request_duration_seconds_bucket{service="ledger",le="0.25"}' } } }
        total: { metricSource: { type: prometheus, spec: { query: 'http_request_duration_seconds_count{service="ledger"}' } } }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
`;

const GOOD = 'sum(rate(http_request_duration_seconds_bucket{service="ledger",le="0.25"}[5m]))';
const TOTAL = 'sum(rate(http_request_duration_seconds_count{service="ledger"}[5m]))';
// A looser second latency SLO: 90 % within 500 ms.
const P90 = LEDGER_SLOS.split('---')[1]!
  .replace('name: latency', 'name: latency-p90')
  .replace('le="0.25"', 'le="0.5"')
  .replace('target: 0.99', 'target: 0.9');

describe('latencyObjectivesOf', () => {
  it('reads a histogram-bucket ratio as a percentile objective with its per-second queries', () => {
    const { slos, issues } = parseSloDocuments(`${LEDGER_SLOS}\n---\n${P90}`, 'slos.yaml');
    expect(issues).toEqual([]);
    expect(latencyObjectivesOf(slos, 'ledger', 'slos.yaml')).toEqual([
      {
        slo: 'latency',
        objectiveSeconds: 0.25,
        percentile: 0.99,
        goodQuery: GOOD,
        totalQuery: TOTAL,
      },
      {
        slo: 'latency-p90',
        objectiveSeconds: 0.5,
        percentile: 0.9,
        goodQuery: GOOD.replace('0.25', '0.5'),
        totalQuery: TOTAL,
      },
    ]);
    expect(latencyObjectivesOf(slos, 'wallet-api', 'slos.yaml')).toEqual([]);
  });

  it('names the SLO whose bucket bound is not a number', () => {
    const { slos } = parseSloDocuments(LEDGER_SLOS.replace('le="0.25"', 'le="+Inf"'), 'slos.yaml');
    expect(() => latencyObjectivesOf(slos, 'ledger', 'slos.yaml')).toThrow(
      'slos.yaml: SLO latency: the bucket bound le="+Inf" is not a positive number of seconds',
    );
  });
});

describe('serviceTimeAtLowLoad', () => {
  it('calibrates M/M/1 on the misses of the quietest tenth of the samples, pooled', () => {
    // 20 samples at 100 requests/s; the quietest tenth (driver 1 and 2) miss 0.1 and 0.3 of them:
    // 0.4 / 200 = 0.002, S = 0.25 / ln(500) = 0.25 / 6.214608 = 0.0402278 s.
    const driver = Float64Array.from({ length: 20 }, (_, i) => 20 - i);
    const total = new Float64Array(20).fill(100);
    const good = Float64Array.from(driver, d => (d === 1 ? 99.9 : d === 2 ? 99.7 : 90));
    const s = serviceTimeAtLowLoad(driver, good, total, 0.25, 60)!;
    expect(s.missRatio).toBeCloseTo(0.002, 12);
    expect(s.serviceTimeSeconds).toBeCloseTo(0.0402278, 7);
  });

  it('bounds the miss ratio by one in the quiet requests when none missed, and skips gaps', () => {
    // Quiet samples driver 1 and 2 (driver 3 has no latency): 2 × 10/s × 60 s = 1200 requests,
    // S = 0.25 / ln(1200) = 0.25 / 7.090077 = 0.0352605 s.
    const driver = Float64Array.from([3, 1, 2, ...Array.from({ length: 17 }, (_, i) => 10 + i)]);
    const total = new Float64Array(20).fill(10);
    const good = Float64Array.from(total);
    good[0] = NaN;
    const s = serviceTimeAtLowLoad(driver, good, total, 0.25, 60)!;
    expect(s.missRatio).toBeCloseTo(1 / 1200, 15);
    expect(s.serviceTimeSeconds).toBeCloseTo(0.0352605, 7);
    expect(serviceTimeAtLowLoad(driver, good, new Float64Array(20), 0.25, 60)).toBeUndefined();
  });
});

describe('entityParts', () => {
  it('fills in Backstage defaults and rejects what is not a reference', () => {
    expect(entityParts('market-data')).toEqual({
      kind: 'component',
      namespace: 'default',
      name: 'market-data',
    });
    expect(entityParts('Component:payments/ledger')).toEqual({
      kind: 'component',
      namespace: 'payments',
      name: 'ledger',
    });
    expect(() => entityParts('a b')).toThrow('--entity: "a b" is not an entity reference');
  });
});

describe('assessmentBody', () => {
  it('turns the fit and forecast into inputs whose declared arithmetic gives the same peak and margins', () => {
    const forecast = {
      peak: 121,
      upper: 145.2,
      trend: { levelAtEnd: 100, slopePerDay: 1 / 3 },
      quality: 'poor',
    } as PeakForecast;
    const recommendation = {
      unit: 'cores',
      components: { usageMargin: 0.4 },
    } as CapacityRecommendation;
    const body = assessmentBody({
      driver: 'requests per second',
      forecast,
      horizonSeconds: 30 * 86400,
      targetUtilisation: 0.7,
      recommendation,
      fit: { baseline: -0.5, perUnit: 0.02, quality: 'good' },
      requestPerReplica: 2,
      current: { replicas: 4, requests: 2 },
      latency: { serviceTimeSeconds: 0.05, objectiveSeconds: 0.25, percentile: 0.99 },
      note: 'n',
    });
    // growth = (1/3 × 30) / 100 = 0.1 a month; over one month 121 / 1.1 = 110 is today's peak;
    // the band 145.2 / 121 - 1 = 0.2.
    expect(body.note).toBe('n');
    expect(body.inputs).toEqual({
      driver: 'requests per second',
      expectedPeak: expect.closeTo(110, 9),
      growthPerMonth: expect.closeTo(0.1, 12),
      horizonMonths: 1,
      peakUncertainty: expect.closeTo(0.2, 12),
      usage: { unit: 'cores', baseline: 0, perUnit: 0.02, noise: 0.4 },
      targetUtilisation: 0.7,
      latency: { serviceTimeSeconds: 0.05, objectiveSeconds: 0.25, percentile: 0.99 },
      requestPerReplica: 2,
      current: { replicas: 4, requests: 2 },
      measured: { fitQuality: 'good', forecastQuality: 'poor' },
    });
  });
});

interface Post {
  url: string;
  headers: IncomingHttpHeaders;
  body: { inputs: Record<string, unknown> & { usage: Record<string, number> }; note: string };
}

/**
 * One node:http server playing Prometheus (query_range over a synthetic week: a daily driver
 * cycle with CPU and memory exactly linear in it, one request in 10,000 slower than 250 ms) and the
 * backend's assessment endpoint (it stores what it is sent and answers like the backend).
 */
describe('headroom capacity --record', () => {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-capacity-'));
  const sloFile = join(dir, 'slos.yaml');
  writeFileSync(sloFile, `${LEDGER_SLOS}\n---\n${P90}`);
  const day = 86400;
  const driverAt = (t: number) => 100 + 50 * Math.sin((2 * Math.PI * t) / day);
  const series: Record<string, (t: number) => number> = {
    'sum(rate(http_requests_total{service="ledger"}[5m]))': driverAt,
    'sum(rate(container_cpu_usage_seconds_total{service="ledger"}[5m]))': t =>
      0.5 + 0.01 * driverAt(t),
    'sum(container_memory_working_set_bytes{service="ledger"}) / 2^30': t =>
      2 + 0.001 * driverAt(t),
    'sum(kube_pod_container_resource_requests{service="ledger",resource="cpu"})': () => 6,
    'sum(kube_pod_container_resource_requests{service="ledger",resource="memory"}) / 2^30': () => 8,
    'sum(kube_deployment_spec_replicas{service="ledger"})': () => 3,
    // One request in 10,000 slower than 250 ms, none slower than 500 ms.
    [GOOD]: t => driverAt(t) * (1 - 1e-4),
    [TOTAL]: driverAt,
    [GOOD.replace('0.25', '0.5')]: driverAt,
  };
  let server: Server;
  let base: string;
  const posts: Post[] = [];
  let reply: { status: number; body: unknown } | undefined;

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const parts: Buffer[] = [];
      for await (const chunk of req) parts.push(chunk as Buffer);
      const text = Buffer.concat(parts).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/api/v1/query_range') {
        const p = new URLSearchParams(req.method === 'POST' ? text : url.search);
        const f = series[p.get('query') ?? ''];
        const [start, end, step] = ['start', 'end', 'step'].map(k => Number(p.get(k)));
        const values: [number, string][] = [];
        if (f) for (let t = start!; t <= end!; t += step!) values.push([t, String(f(t))]);
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            status: 'success',
            data: { resultType: 'matrix', result: f ? [{ metric: {}, values }] : [] },
          }),
        );
        return;
      }
      const body = JSON.parse(text) as Post['body'];
      posts.push({ url: req.url ?? '', headers: req.headers, body });
      if (reply) {
        res
          .writeHead(reply.status, { 'content-type': 'application/json' })
          .end(JSON.stringify(reply.body));
        return;
      }
      const unit = body.inputs.usage.unit;
      const latency = body.inputs.latency as { serviceTimeSeconds: number } | undefined;
      const cap = latency ? 1 - (latency.serviceTimeSeconds * Math.log(100)) / 0.25 : null;
      res.writeHead(201, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          entityRef: 'component:default/ledger',
          version: 6 + posts.length,
          recommendation: { unit, needed: 42 },
          result: {
            capacity: {
              components: { utilisation: cap ?? 0.7, latencyUtilisationCap: cap },
            },
          },
        }),
      );
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    posts.length = 0;
    reply = undefined;
  });

  const args = (...extra: string[]) => [
    'capacity',
    '--prometheus',
    base,
    '--entity',
    'component:default/ledger',
    '--history',
    '7d',
    '--at',
    String(20 * day),
    '--slo',
    sloFile,
    ...extra,
  ];

  it('records memory, then CPU capped by the latency SLO, and prints the stored versions', async () => {
    const io = capture();
    const code = await run(
      args('--record', `${base}/`, '--token', 'secret', '--format', 'json'),
      io,
    );
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    const out = JSON.parse(io.stdout.join('\n'));
    // Quiet misses 1e-4: S = 0.25 / ln(10^4) = 0.25 / 9.210340 = 0.0271431 s; M/M/1 at p99 allows
    // 1 - S × ln(100) / 0.25 = 1 - 4.605170 / 9.210340 = 0.5, below the 0.7 target. The p90 SLO
    // (no miss) allows more, so the p99 one caps.
    expect(out.latency).toMatchObject({
      slo: 'latency',
      serviceTimeSeconds: expect.closeTo(0.0271431, 6),
      lowLoadMissRatio: expect.closeTo(1e-4, 9),
      objectiveSeconds: 0.25,
      percentile: 0.99,
    });
    expect(out.cpu.components.latencyUtilisationCap).toBeCloseTo(0.5, 6);
    expect(out.cpu.components.utilisation).toBeCloseTo(0.5, 6);
    expect(out.memory.components.latencyUtilisationCap).toBeNull();
    expect(out.memory.components.utilisation).toBe(0.7);

    expect(posts.map(p => p.url)).toEqual([
      '/api/headroom/capacity/entities/component/default/ledger/assessments',
      '/api/headroom/capacity/entities/component/default/ledger/assessments',
    ]);
    expect(posts.map(p => p.headers.authorization)).toEqual(['Bearer secret', 'Bearer secret']);
    const [memory, cpu] = posts.map(p => p.body.inputs);
    // The lines are exact: 0.5 + 0.01 × driver cores, 2 + 0.001 × driver GiB; no residuals.
    expect(cpu!.usage).toEqual({
      unit: 'cores',
      baseline: expect.closeTo(0.5, 6),
      perUnit: expect.closeTo(0.01, 8),
      noise: expect.closeTo(0, 6),
    });
    expect(memory!.usage).toEqual({
      unit: 'GiB',
      baseline: expect.closeTo(2, 6),
      perUnit: expect.closeTo(0.001, 8),
      noise: expect.closeTo(0, 6),
    });
    // 6 cores over 3 replicas, 8 GiB over 3.
    expect(cpu!.requestPerReplica).toBe(2);
    expect(memory!.requestPerReplica).toBeCloseTo(8 / 3, 12);
    expect(cpu!.latency).toEqual({
      serviceTimeSeconds: expect.closeTo(0.0271431, 6),
      objectiveSeconds: 0.25,
      percentile: 0.99,
    });
    expect(memory!.latency).toBeUndefined();
    expect(cpu!.targetUtilisation).toBe(0.7);
    expect(cpu!.horizonMonths).toBe(1);
    // The backend's peak, expectedPeak × (1 + growth)^1 × (1 + uncertainty), is the CLI's band.
    const grown = (cpu!.expectedPeak as number) * (1 + (cpu!.growthPerMonth as number));
    expect(grown).toBeCloseTo(out.driverPeak.expected, 9);
    expect(grown * (1 + (cpu!.peakUncertainty as number))).toBeCloseTo(out.driverPeak.upper, 9);
    expect(posts[1]!.body.note).toMatch(
      /^Fitted by headroom capacity from 7d of Prometheus history/,
    );

    expect(out.recorded).toEqual([
      expect.objectContaining({ version: 7, unit: 'GiB', latencyUtilisationCap: null }),
      expect.objectContaining({
        version: 8,
        unit: 'cores',
        utilisation: expect.closeTo(0.5, 6),
      }),
    ]);
  });

  it('says which versions were stored in the table output', async () => {
    const io = capture();
    expect(await run(args('--record', base), io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toContain(
      'Recorded memory assessment version 7 of component:default/ledger: 42 GiB needed at utilisation 0.7',
    );
    expect(text).toContain(
      'Recorded CPU assessment version 8 of component:default/ledger: 42 cores needed at utilisation 0.5 (the latency objective caps it at 0.5)',
    );
  });

  it('names the backend URL and the HTTP status when the backend refuses', async () => {
    reply = { status: 403, body: { error: { name: 'NotAllowedError', message: 'may not edit' } } };
    const io = capture();
    expect(await run(args('--record', base), io)).toBe(2);
    expect(io.stderr.join('\n')).toContain(
      `POST ${base}/api/headroom/capacity/entities/component/default/ledger/assessments: HTTP 403: may not edit`,
    );
  });

  it('names an unreachable backend', async () => {
    const io = capture();
    expect(await run(args('--record', 'http://127.0.0.1:1'), io)).toBe(2);
    expect(io.stderr.join('\n')).toContain(
      'POST http://127.0.0.1:1/api/headroom/capacity/entities/component/default/ledger/assessments: ',
    );
    expect(posts).toEqual([]);
  });

  it('rejects a --record that is not an http URL before querying anything', async () => {
    const io = capture();
    expect(await run(args('--record', 'ftp://x'), io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('--record "ftp://x" must be an http or https URL');
  });
});
