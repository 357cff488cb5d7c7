import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyMetric } from './classify';
import { mannWhitneyUTest } from './mannWhitney';
import { normalQuantile } from './normal';
import { weightedSumScore } from './score';
import type { MetricClassificationLabel } from './types';

// The locator lives outside this package's rootDir: a plain require keeps it out of the tsc build.
const { referenceDir } = require('../../../../test/reference') as {
  referenceDir: (...parts: string[]) => string;
};

const fixture = <T>(file: string): T =>
  JSON.parse(readFileSync(join(referenceDir('kayenta'), file), 'utf8')) as T;

interface ClassifierCase {
  name: string;
  experiment: number[];
  control: number[];
  params: {
    tolerance: number;
    confLevel: number;
    effectSizeThresholds_decrease_increase: [number, number];
    criticalThresholds_decrease_increase: [number, number];
    effectSizeMeasure: 'meanRatio' | 'cles';
    direction: 'increase' | 'decrease' | 'either';
    nanStrategy: 'remove' | 'replace';
    isCriticalMetric: boolean;
  };
  expected: {
    classification: MetricClassificationLabel;
    critical?: boolean;
    deviation?: number | 'NaN';
  };
}

interface MannWhitneyCase {
  name: string;
  x_experiment?: number[];
  y_control?: number[];
  confidenceLevel?: number;
  expected: { ciLow: number; ciHigh: number; estimate: number } | number;
  tolerance?: number | string;
}

interface ScorerCase {
  name: string;
  groupWeights: Record<string, number>;
  metrics: { classification: MetricClassificationLabel; groups: string[]; critical: boolean }[];
  expectedSummary: number;
  expectedGroupScores?: Record<string, number>;
}

const classifierCases = fixture<{ cases: ClassifierCase[] }>('classifier-cases.json').cases;
const mwCases = fixture<{ cases: MannWhitneyCase[] }>('mannwhitney-ci-cases.json').cases;
const scorerCases = fixture<{ cases: ScorerCase[] }>('scorer-cases.json').cases;

describe('Kayenta reference: MannWhitneyClassifier', () => {
  it('has the 22 transcribed cases', () => {
    expect(classifierCases).toHaveLength(22);
  });

  it.each(classifierCases.map(c => [c.name, c] as const))('%s', (_name, c) => {
    const p = c.params;
    const [decrease, increase] = p.effectSizeThresholds_decrease_increase;
    const [critDecrease, critIncrease] = p.criticalThresholds_decrease_increase;
    const result = classifyMetric(c.control, c.experiment, {
      name: c.name,
      tolerance: p.tolerance,
      confidenceLevel: p.confLevel,
      direction: p.direction,
      nanStrategy: p.nanStrategy,
      critical: p.isCriticalMetric,
      mustHaveData: false,
      effectSizeMeasure: p.effectSizeMeasure,
      allowed: { decrease, increase },
      criticalThresholds: { decrease: critDecrease, increase: critIncrease },
    });
    expect(result.classification).toBe(c.expected.classification);
    if (c.expected.critical !== undefined) expect(result.critical).toBe(c.expected.critical);
    if (c.expected.deviation === 'NaN') expect(result.deviation).toBeNaN();
    else if (c.expected.deviation !== undefined)
      expect(result.deviation).toBe(c.expected.deviation);
  });
});

describe('Kayenta reference: the tied-ranks cases do not depend on the noise', () => {
  const tied = classifierCases.filter(c => c.name.startsWith('Tied Ranks'));

  it.each(tied.map(c => [c.name, c] as const))('%s: the same verdict under 200 seeds', (_n, c) => {
    expect(tied).toHaveLength(2);
    const p = c.params;
    const labels = new Set<string>();
    for (let seed = 1; seed <= 200; seed++) {
      labels.add(
        classifyMetric(c.control, c.experiment, {
          name: c.name,
          tolerance: p.tolerance,
          confidenceLevel: p.confLevel,
          direction: p.direction,
          nanStrategy: p.nanStrategy,
          critical: p.isCriticalMetric,
          mustHaveData: false,
          effectSizeMeasure: p.effectSizeMeasure,
          allowed: { decrease: 1, increase: 1 },
          criticalThresholds: { decrease: 1, increase: 1 },
          noiseSeed: seed,
        }).classification,
      );
    }
    expect([...labels]).toEqual([c.expected.classification]);
  });
});

describe('Kayenta reference: Mann-Whitney interval and estimate', () => {
  const intervals = mwCases.filter(c => c.x_experiment);

  it.each(intervals.map(c => [c.name, c] as const))('%s', (_name, c) => {
    const expected = c.expected as { ciLow: number; ciHigh: number; estimate: number };
    const r = mannWhitneyUTest(c.x_experiment!, c.y_control!, c.confidenceLevel);
    // Tolerances from the fixture: 1e-6 throughout, or 1e-6 for the interval and 1e-4 for the estimate.
    const estimateTolerance = typeof c.tolerance === 'number' ? c.tolerance : 1e-4;
    expect(Math.abs(r.ciLower - expected.ciLow)).toBeLessThan(1e-6);
    expect(Math.abs(r.ciUpper - expected.ciHigh)).toBeLessThan(1e-6);
    expect(Math.abs(r.estimate - expected.estimate)).toBeLessThan(estimateTolerance);
  });

  it('zQuant: the normal quantile at alpha/2 for a 0.98 level', () => {
    const c = mwCases.find(m => m.name === 'zQuant')!;
    expect(normalQuantile(0.01)).toBeCloseTo(c.expected as number, 6);
  });
});

describe('Kayenta reference: WeightedSumScorer', () => {
  it('has the 13 transcribed cases', () => {
    expect(scorerCases).toHaveLength(13);
  });

  it.each(scorerCases.map(c => [c.name, c] as const))('%s', (_name, c) => {
    const result = weightedSumScore(
      c.metrics.map((m, i) => ({ name: `m${i}`, muted: false, ...m })),
      c.groupWeights,
    );
    expect(result.score).toBe(c.expectedSummary);
    for (const [group, score] of Object.entries(c.expectedGroupScores ?? {})) {
      expect(result.groups.find(g => g.name === group)?.score).toBe(score);
    }
  });
});
