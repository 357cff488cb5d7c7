import fc from 'fast-check';
import { prepareSeries } from '../engine/series';
import { compareBurn, wilsonLowerBound } from './burn';
import { parseCanaryConfig } from './config';
import { judgeCanary, prepareValues } from './judge';
import { mannWhitneyUTest } from './mannWhitney';
import { outlierFences, removeOutliers } from './stats';

const metric = (name: string, canary: Record<string, unknown> = {}, groups = ['g']) => ({
  name,
  query: { type: 'prometheus', metricName: name },
  groups,
  analysisConfigurations: { canary },
  scopeName: 'default',
});

const config = (metrics: unknown[], classifier: unknown = {}) =>
  parseCanaryConfig({ name: 'c', metrics, classifier });

// Two well-separated samples (the canary 20 % higher) and an overlapping pair.
const base = [100, 102, 98, 101, 99, 103, 97, 100, 101, 99, 100, 102];
const higher = base.map(v => v * 1.2);
const same = [101, 99, 100, 102, 98, 100, 101, 100, 99, 103, 97, 101];

describe('parseCanaryConfig', () => {
  it('applies the judge defaults', () => {
    const c = config([metric('latency')]);
    expect(c.metrics[0]!.judge).toEqual({
      direction: 'either',
      nanStrategy: 'remove',
      outliers: { strategy: 'keep', factor: 3 },
      critical: false,
      mustHaveData: false,
      muted: false,
      effectSize: {
        measure: 'meanRatio',
        allowed: { decrease: 1, increase: 1 },
        critical: { decrease: 1, increase: 1 },
      },
    });
    expect(c.thresholds).toEqual({ pass: 95, marginal: 75 });
    expect(c.thresholdsConfigured).toBe(false);
  });

  it('reads "none" strategies as Kayenta does, cles defaults to 0.5, string numbers', () => {
    const c = config(
      [
        metric('x', {
          nanStrategy: 'none',
          outliers: { strategy: 'none' },
          effectSize: { measure: 'cles', allowedIncrease: '0.7' },
        }),
      ],
      { groupWeights: { g: 100 }, scoreThresholds: { pass: '75.0', marginal: '50.0' } },
    );
    expect(c.metrics[0]!.judge.nanStrategy).toBe('remove');
    expect(c.metrics[0]!.judge.outliers.strategy).toBe('keep');
    expect(c.metrics[0]!.judge.effectSize.allowed).toEqual({ decrease: 0.5, increase: 0.7 });
    expect(c.thresholds).toEqual({ pass: 75, marginal: 50 });
  });

  it('names the field at fault', () => {
    expect(() => config([metric('x', { direction: 'up' })])).toThrow(
      'metrics[0].analysisConfigurations.canary.direction: must be one of "increase", "decrease", "either", got "up"',
    );
    expect(() => config([metric('x', { outliers: { outlierFactor: 0 } })])).toThrow(
      'metrics[0].analysisConfigurations.canary.outliers.outlierFactor: must be > 0, got 0',
    );
    expect(() => config([metric('x'), metric('x')])).toThrow(
      'metrics[1].name: "x" is declared twice',
    );
    expect(() => config([metric('x')], { groupWeights: { a: 70, b: 40 } })).toThrow(
      'classifier.groupWeights: weights add up to 110, more than 100',
    );
    expect(() => config([metric('x')], { scoreThresholds: { pass: 50, marginal: 75 } })).toThrow(
      'classifier.scoreThresholds: marginal (75) must not be above pass (50)',
    );
    expect(() => parseCanaryConfig({ metrics: [] })).toThrow('metrics: must be a non-empty list');
    expect(() => config([metric('x', { critical: 'yes' })])).toThrow(
      'metrics[0].analysisConfigurations.canary.critical: must be true or false, got "yes"',
    );
  });
});

describe('parseCanaryConfig: burn', () => {
  it('reads the SLOs and the policy, with defaults', () => {
    const c = parseCanaryConfig({
      metrics: [metric('x')],
      burn: {
        slos: [{ name: 'availability', objective: 0.999, goodMetric: 'ok', totalMetric: 'all' }],
        maxRatio: 3,
      },
    });
    expect(c.burn).toEqual({
      slos: [
        {
          name: 'availability',
          objective: 0.999,
          events: { kind: 'good', metric: 'ok' },
          totalMetric: 'all',
        },
      ],
      policy: { maxBurnRate: 14.4, maxRatio: 3, confidenceLevel: 0.98 },
    });
    expect(parseCanaryConfig({ metrics: [metric('x')] }).burn.slos).toEqual([]);
  });

  it('names the field at fault', () => {
    const burn = (b: unknown) => () => parseCanaryConfig({ metrics: [metric('x')], burn: b });
    expect(
      burn({ slos: [{ name: 'a', objective: 99.9, badMetric: 'e', totalMetric: 't' }] }),
    ).toThrow('burn.slos[0].objective: must be a fraction in (0, 1), got 99.9');
    expect(burn({ slos: [{ name: 'a', objective: 0.99, totalMetric: 't' }] })).toThrow(
      'burn.slos[0]: needs exactly one of badMetric and goodMetric',
    );
    expect(burn({ maxBurnRate: 1 })).toThrow('burn.maxBurnRate: must be > 1, got 1');
  });
});

describe('outliers (R-7 percentiles)', () => {
  it('computes the widened fences by hand', () => {
    // Q1 = 2, Q3 = 4, IQR = 2; p1 = 1.04, p99 = 4 + 0.96 × 96 = 96.16.
    const [lo, hi] = outlierFences([1, 2, 3, 4, 100], 3);
    expect(lo).toBeCloseTo(-4, 12);
    expect(hi).toBeCloseTo(96.16, 12);
    expect(removeOutliers([1, 2, 3, 4, 100], 3)).toEqual([1, 2, 3, 4]);
    // With factor 50 the IQR fence (104) is above the 99th percentile: nothing is dropped.
    expect(removeOutliers([1, 2, 3, 4, 100], 50)).toEqual([1, 2, 3, 4, 100]);
  });

  it('drops NaN first (or counts it as 0), then outliers', () => {
    const c = config([metric('x', { outliers: { strategy: 'remove' } })]).metrics[0]!.judge;
    expect(prepareValues([1, NaN, 2, 3, 4, 100], c)).toEqual([1, 2, 3, 4]);
    const r = config([metric('x', { nanStrategy: 'replace' })]).metrics[0]!.judge;
    expect(prepareValues([1, NaN, 2], r)).toEqual([1, 0, 2]);
  });
});

describe('judgeCanary', () => {
  const values = (m: Record<string, number[]>) => new Map(Object.entries(m));

  it('passes an overlapping canary and fails one 20 % higher on an increase-only metric', () => {
    const c = config([metric('latency', { direction: 'increase' })]);
    const good = judgeCanary({
      config: c,
      baseline: values({ latency: base }),
      canary: values({ latency: same }),
    });
    expect(good).toMatchObject({ score: 100, classification: 'Pass', reason: null });
    expect(good.metrics[0]).toMatchObject({ classification: 'Pass', critical: false });
    const bad = judgeCanary({
      config: c,
      baseline: values({ latency: base }),
      canary: values({ latency: higher }),
    });
    expect(bad.metrics[0]).toMatchObject({
      classification: 'High',
      reason: 'latency was classified as High',
    });
    expect(bad.metrics[0]!.ratio).toBeCloseTo(1.2, 10);
    expect(bad).toMatchObject({ score: 0, classification: 'Fail' });
    // The same rise on a decrease-only metric (a success rate) is no failure.
    const up = judgeCanary({
      config: config([metric('latency', { direction: 'decrease' })]),
      baseline: values({ latency: base }),
      canary: values({ latency: higher }),
    });
    expect(up.metrics[0]!.classification).toBe('Pass');
  });

  it('weights groups, leaves muted metrics out, and classifies against the thresholds', () => {
    const c = config(
      [
        metric('cpu', {}, ['system']),
        metric('latency', {}, ['requests']),
        metric('errors', {}, ['requests']),
        metric('noisy', { muted: true }, ['requests']),
      ],
      { groupWeights: { system: 20, requests: 80 }, scoreThresholds: { pass: 90, marginal: 55 } },
    );
    const v = judgeCanary({
      config: c,
      baseline: values({ cpu: base, latency: base, errors: base, noisy: base }),
      canary: values({ cpu: higher, latency: same, errors: same, noisy: higher }),
    });
    // system 0 × 0.2 + requests 100 × 0.8 = 80: marginal. The muted High is reported, not counted.
    expect(v.score).toBe(80);
    expect(v.classification).toBe('Marginal');
    expect(v.metrics.find(m => m.name === 'noisy')).toMatchObject({
      classification: 'High',
      muted: true,
    });
    expect(v.groups).toEqual([
      { name: 'system', score: 0, noData: false, metrics: 1 },
      { name: 'requests', score: 100, noData: false, metrics: 2 },
    ]);
    const passed = judgeCanary({
      config: c,
      baseline: values({ cpu: base, latency: base, errors: base }),
      canary: values({ cpu: higher, latency: same, errors: same }),
      thresholds: { pass: 80, marginal: 50 },
    });
    expect(passed.classification).toBe('Pass');
  });

  it('a critical metric fails the canary; mustHaveData fails the metric, not the canary', () => {
    const c = config(
      [
        metric('errors', { critical: true, direction: 'increase' }),
        metric('latency', { mustHaveData: true }),
        metric('cpu'),
      ],
      { groupWeights: { g: 100 } },
    );
    const critical = judgeCanary({
      config: c,
      baseline: values({ errors: base, latency: base, cpu: base }),
      canary: values({ errors: higher, latency: same, cpu: same }),
    });
    expect(critical).toMatchObject({
      score: 0,
      classification: 'Fail',
      reason: 'Canary Failed: The metric errors was classified as High (Critical)',
    });
    const missing = judgeCanary({
      config: c,
      baseline: values({ errors: base, latency: base, cpu: base }),
      canary: values({ errors: same, cpu: same, latency: [NaN, NaN] }),
    });
    expect(missing.metrics.find(m => m.name === 'latency')).toMatchObject({
      classification: 'NodataFailMetric',
      reason: 'Missing data for latency',
    });
    // Pass 2 of 3 judged metrics.
    expect(missing.score).toBe(66.67);
  });

  it('cles measures the effect as the share of pairs where the canary is higher', () => {
    const c = config([
      metric('latency', { effectSize: { measure: 'cles', allowedIncrease: 0.9 } }),
    ]);
    const v = judgeCanary({
      config: c,
      baseline: values({ latency: base }),
      canary: values({ latency: higher }),
    });
    // Every canary value is above every baseline value.
    expect(v.metrics[0]!.test!.effectSize).toBe(1);
    expect(v.metrics[0]!.classification).toBe('High');
  });

  it('Nodata for half the metrics or more fails the canary', () => {
    const c = config([metric('a'), metric('b')]);
    const v = judgeCanary({
      config: c,
      baseline: values({ a: base, b: base }),
      canary: values({ a: same }),
    });
    expect(v.metrics[1]!.classification).toBe('Nodata');
    expect(v).toMatchObject({
      score: 0,
      classification: 'Fail',
      reason: 'Canary Failed: 50% or more metrics returned NODATA',
    });
  });
});

describe('SLO burn: canary against baseline', () => {
  // Cumulative counters over a 10-minute window: `bad` of `total` requests failed.
  const counters = (bad: number, total: number) =>
    prepareSeries({
      timestamps: Float64Array.of(0, 600),
      events: Float64Array.of(0, bad),
      total: Float64Array.of(0, total),
      kind: 'bad',
    });
  const compare = (canary: [number, number], baseline: [number, number]) =>
    compareBurn({
      name: "SLO 'availability'",
      objective: 0.99,
      canary: counters(...canary),
      baseline: counters(...baseline),
      at: 600,
      windowSeconds: 600,
    });

  it('fails a canary burning 5× while the baseline burns 0.5×', () => {
    const r = compare([50, 1000], [5, 1000]);
    expect(r.canary.burnRate).toBeCloseTo(5, 10);
    expect(r.baseline.burnRate).toBeCloseTo(0.5, 10);
    // Wilson lower bound of 50/1000 at one-sided 98 % (z = 2.0537): 0.03764, over the 1 % budget.
    expect(r.canary.burnRateLowerBound).toBeCloseTo(3.764, 2);
    expect(r.limit).toBe(1);
    expect(r.classification).toBe('High');
    expect(r.reason).toBe(
      "SLO 'availability': the canary burns its error budget at 5.00× (at least 3.76× at 98 % confidence, limit 1.00×); the baseline 0.50×",
    );
  });

  it('passes a canary burning as a struggling baseline does, and a quiet canary with one error', () => {
    expect(compare([50, 1000], [40, 1000])).toMatchObject({ classification: 'Pass', limit: 8 });
    // One error in 20 requests is a 5× burn on paper, but not evidence of one.
    const one = compare([1, 20], [0, 1000]);
    expect(one.canary.burnRate).toBeCloseTo(5, 10);
    expect(one.canary.burnRateLowerBound!).toBeLessThan(1);
    expect(one.classification).toBe('Pass');
    expect(compare([0, 0], [5, 1000]).classification).toBe('Nodata');
  });

  it('fails at the page rate whatever the baseline does', () => {
    expect(compare([300, 1000], [250, 1000])).toMatchObject({
      classification: 'High',
      limit: 14.4,
    });
  });

  it('fails the whole verdict even when every metric distribution overlaps', () => {
    const c = parseCanaryConfig({ metrics: [metric('latency')] });
    const v = judgeCanary({
      config: c,
      baseline: new Map([['latency', base]]),
      canary: new Map([['latency', same]]),
      burn: [compare([50, 1000], [5, 1000])],
    });
    expect(v.metrics[0]!.classification).toBe('Pass');
    expect(v.score).toBe(0);
    expect(v.classification).toBe('Fail');
    expect(v.reason).toMatch(
      /^Canary Failed: SLO 'availability': the canary burns its error budget at 5.00×/,
    );
  });

  it('Wilson bound: 0 without events, below the observed ratio otherwise', () => {
    expect(wilsonLowerBound(0, 0, 0.98)).toBe(0);
    expect(wilsonLowerBound(0, 100, 0.98)).toBe(0);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, share) => {
          const bad = Math.floor(n * share);
          const lb = wilsonLowerBound(bad, n, 0.98);
          return lb >= 0 && lb <= bad / n + 1e-12;
        },
      ),
    );
  });
});

describe('Mann-Whitney properties', () => {
  const sample = fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 25 });
  it('the interval holds the estimate, and swapping the samples mirrors it', () => {
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        fc.pre(new Set([...x, ...y]).size > 1);
        const r = mannWhitneyUTest(x, y, 0.95);
        const s = mannWhitneyUTest(y, x, 0.95);
        // Brent stops within its 1e-4 tolerance of a root, so compare at that scale.
        return (
          r.ciLower <= r.estimate + 1e-4 &&
          r.estimate <= r.ciUpper + 1e-4 &&
          Math.abs(r.ciLower + s.ciUpper) < 2e-4 + 1e-9 * Math.abs(r.ciLower)
        );
      }),
      { numRuns: 200 },
    );
  });
});
