import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../program';
import type { Console } from '../io/console';

function capture(): Console & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, isTTY: false, out: t => stdout.push(t), err: t => stderr.push(t) };
}

const dir = mkdtempSync(join(tmpdir(), 'headroom-canary-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const T0 = Date.UTC(2026, 11, 7, 10, 0, 0);
const time = (i: number) => new Date(T0 + i * 60_000).toISOString().replace('.000Z', 'Z');

/** One row per minute for each metric: `values[metric][i]` at minute i. */
function csv(values: Record<string, (number | string)[]>): string {
  const rows = ['timestamp,metric,value'];
  for (const [metric, vs] of Object.entries(values)) {
    vs.forEach((v, i) => rows.push(`${time(i)},${metric},${v}`));
  }
  return `${rows.join('\n')}\n`;
}

const latency = [120, 118, 125, 122, 119, 121, 124, 117, 123, 120, 122, 119];
const similar = [121, 119, 123, 120, 122, 118, 125, 121, 120, 124, 119, 122];
const slower = latency.map(v => v * 1.3);
/** Cumulative counters: `perMinute` requests, `bad` of them failing, each minute. */
const counter = (perMinute: number) => latency.map((_, i) => perMinute * (i + 1));

const config = file(
  'canary-config.json',
  JSON.stringify({
    name: 'checkout',
    metrics: [
      {
        name: 'latency_p99',
        query: { type: 'prometheus', metricName: 'latency_p99' },
        groups: ['latency'],
        analysisConfigurations: { canary: { direction: 'increase', critical: true } },
        scopeName: 'default',
      },
      {
        name: 'cpu',
        query: { type: 'prometheus', metricName: 'cpu' },
        groups: ['system'],
        analysisConfigurations: { canary: { mustHaveData: true } },
        scopeName: 'default',
      },
    ],
    classifier: {
      groupWeights: { latency: 70, system: 30 },
      scoreThresholds: { pass: 95, marginal: 75 },
    },
    burn: {
      slos: [
        {
          name: 'availability',
          objective: 0.99,
          badMetric: 'errors_total',
          totalMetric: 'requests_total',
        },
      ],
    },
  }),
);

async function judge(baseline: string, canary: string, ...extra: string[]) {
  const io = capture();
  const code = await run(
    ['canary', 'judge', '--baseline', baseline, '--canary', canary, '--config', config, ...extra],
    io,
  );
  return { code, out: io.stdout.join(''), err: io.stderr.join('\n') };
}

const baseline = file(
  'baseline.csv',
  csv({
    latency_p99: latency,
    cpu: latency,
    errors_total: counter(1),
    requests_total: counter(200),
  }),
);

describe('headroom canary judge', () => {
  it('passes a canary like its baseline: exit 0, score 100, every metric Pass', async () => {
    const canary = file(
      'good.csv',
      csv({
        latency_p99: similar,
        cpu: similar,
        errors_total: counter(1),
        requests_total: counter(200),
      }),
    );
    const { code, out } = await judge(baseline, canary);
    const v = JSON.parse(out);
    expect(code).toBe(0);
    expect(v).toMatchObject({ score: 100, classification: 'Pass', reason: null });
    expect(
      v.metrics.map((m: { name: string; classification: string }) => [m.name, m.classification]),
    ).toEqual([
      ['latency_p99', 'Pass'],
      ['cpu', 'Pass'],
    ]);
    expect(v.burn[0]).toMatchObject({ name: "SLO 'availability'", classification: 'Pass' });
  });

  it('fails a canary 30 % slower on a critical metric, with the reason', async () => {
    const canary = file(
      'slow.csv',
      csv({
        latency_p99: slower,
        cpu: similar,
        errors_total: counter(1),
        requests_total: counter(200),
      }),
    );
    const { code, out } = await judge(baseline, canary);
    const v = JSON.parse(out);
    expect(code).toBe(1);
    expect(v).toMatchObject({
      score: 0,
      classification: 'Fail',
      reason: 'Canary Failed: The metric latency_p99 was classified as High (Critical)',
    });
    expect(v.metrics[0]).toMatchObject({ classification: 'High', critical: true });
    expect(v.metrics[0].ratio).toBeCloseTo(1.3, 10);
  });

  it('fails a canary burning its error budget although every metric overlaps', async () => {
    // 10 of 200 requests a minute fail (5 % = 5× the 1 % budget); the baseline's 1 in 200 is 0.5×.
    const canary = file(
      'burning.csv',
      csv({
        latency_p99: similar,
        cpu: similar,
        errors_total: counter(10),
        requests_total: counter(200),
      }),
    );
    const { code, out } = await judge(baseline, canary);
    const v = JSON.parse(out);
    expect(code).toBe(1);
    expect(v.metrics.every((m: { classification: string }) => m.classification === 'Pass')).toBe(
      true,
    );
    expect(v.classification).toBe('Fail');
    expect(v.burn[0].canary.burnRate).toBeCloseTo(5, 10);
    expect(v.burn[0].baseline.burnRate).toBeCloseTo(0.5, 10);
    expect(v.reason).toMatch(
      /^Canary Failed: SLO 'availability': the canary burns its error budget at 5\.00×/,
    );
  });

  it('a metric without rows is missing data; NaN values are dropped; thresholds can be overridden', async () => {
    const canary = file(
      'nocpu.csv',
      csv({
        latency_p99: [...similar.slice(0, 10), 'NaN', 'NaN'],
        errors_total: counter(1),
        requests_total: counter(200),
      }),
    );
    const { code, out } = await judge(baseline, canary);
    const v = JSON.parse(out);
    expect(v.metrics[1]).toMatchObject({
      name: 'cpu',
      classification: 'NodataFailMetric',
      reason: 'Missing data for cpu',
    });
    expect(v.metrics[0].canary.count).toBe(10);
    // latency 100 × 0.7 + system 0 × 0.3 = 70: below the marginal 75.
    expect(v).toMatchObject({ score: 70, classification: 'Fail' });
    expect(code).toBe(1);
    const relaxed = await judge(baseline, canary, '--marginal', '60', '--pass', '90');
    expect(JSON.parse(relaxed.out)).toMatchObject({
      classification: 'Marginal',
      thresholds: { pass: 90, marginal: 60 },
    });
    expect(relaxed.code).toBe(1);
  });

  describe('bad input: exit 2, one line naming the file, line and field', () => {
    const bad = async (text: string) => {
      const path = file('bad.csv', text);
      const r = await judge(baseline, path);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.split('\n')).toHaveLength(1);
      return r.err.replace(path, '<canary>');
    };

    it.each([
      [
        'time,metric,value\n',
        'error: <canary>:1: header: must be "timestamp,metric,value" (found "time,metric,value")',
      ],
      [
        'timestamp,metric,value\n2026-12-07T10:00:00Z,cpu,1\n2026-12-07 10:01,cpu,2\n',
        'error: <canary>:3: timestamp: "2026-12-07 10:01" is not an RFC 3339 time like 2026-12-07T10:00:00Z',
      ],
      [
        'timestamp,metric,value\n1765101600,cpu,1\n',
        'error: <canary>:2: timestamp: "1765101600" is not an RFC 3339 time like 2026-12-07T10:00:00Z',
      ],
      [
        'timestamp,metric,value\n2026-12-07T10:00:00Z,cpu,fast\n',
        'error: <canary>:2: value: "fast" is not a number (write NaN for a missing value)',
      ],
      [
        'timestamp,metric,value\n2026-12-07T10:00:00Z,cpu,\n',
        'error: <canary>:2: value: "" is not a number (write NaN for a missing value)',
      ],
      [
        'timestamp,metric,value\n2026-12-07T10:00:00Z,latency_p95,1\n',
        'error: <canary>:2: metric: "latency_p95" is not a metric of the canary config',
      ],
      [
        'timestamp,metric,value\n2026-12-07T10:00:00Z,cpu,1,2\n',
        'error: <canary>:2: expected 3 fields (timestamp,metric,value), found 4',
      ],
      [
        'timestamp,metric,value\n2026-12-07T10:00:00Z,cpu,1\n2026-12-07T10:00:00Z,cpu,2\n',
        'error: <canary>:3: timestamp: cpu already has a value at 2026-12-07T10:00:00Z (line 2)',
      ],
    ])('%j', async (text, message) => {
      expect(await bad(text)).toBe(message);
    });

    it('names the config file and the field at fault', async () => {
      const cfg = file(
        'bad-config.json',
        JSON.stringify({
          metrics: [{ name: 'cpu', analysisConfigurations: { canary: { direction: 'up' } } }],
        }),
      );
      const io = capture();
      const code = await run(
        ['canary', 'judge', '--baseline', baseline, '--canary', baseline, '--config', cfg],
        io,
      );
      expect(code).toBe(2);
      expect(io.stderr).toEqual([
        `error: ${cfg}: metrics[0].analysisConfigurations.canary.direction: must be one of "increase", "decrease", "either", got "up"`,
      ]);
      const notJson = file('not.json', '{ metrics: ');
      const io2 = capture();
      expect(
        await run(
          ['canary', 'judge', '--baseline', baseline, '--canary', baseline, '--config', notJson],
          io2,
        ),
      ).toBe(2);
      expect(io2.stderr[0]).toMatch(new RegExp(`^error: ${notJson}: not valid JSON: `));
      const io3 = capture();
      expect(
        await run(
          [
            'canary',
            'judge',
            '--baseline',
            join(dir, 'nope.csv'),
            '--canary',
            baseline,
            '--config',
            config,
          ],
          io3,
        ),
      ).toBe(2);
      expect(io3.stderr).toEqual([`error: ${join(dir, 'nope.csv')}: no such file`]);
    });

    it('refuses a threshold that is not a score', async () => {
      const r = await judge(baseline, baseline, '--pass', '120');
      expect(r.code).toBe(2);
      expect(r.err).toBe('error: --pass: "120" is not a score between 0 and 100');
    });
  });
});
