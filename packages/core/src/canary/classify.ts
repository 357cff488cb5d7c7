import { mannWhitneyUTest } from './mannWhitney';
import { seededRandom, gaussian } from '../random';
import { cles, meanRatio } from './stats';
import type {
  ClassifierParams,
  EffectSizeMeasure,
  EffectThresholds,
  MetricClassification,
  MetricDirection,
  NanStrategy,
} from './types';

/** What `classifyMetric` needs besides the two samples (already cleaned of NaN and outliers). */
export interface ClassifyOptions extends ClassifierParams {
  name: string;
  direction: MetricDirection;
  nanStrategy: NanStrategy;
  critical: boolean;
  mustHaveData: boolean;
  effectSizeMeasure: EffectSizeMeasure;
  allowed: EffectThresholds;
  criticalThresholds: EffectThresholds;
  /** Seed of the jitter given to two constant samples (default: a fixed one, for reproducible verdicts). */
  noiseSeed?: number;
}

// A fixed seed: the same samples always get the same noise, so a verdict can be reproduced.
const NOISE_SEED = 0x6b61796e;

/**
 * Two constant samples have no ranks to compare; a tiny Gaussian jitter (sd = value × 1e-5)
 * lets the test see which one is higher without changing any mean materially.
 */
function jitter(values: readonly number[], normal: () => number): number[] {
  const sd = values[0]! * 1e-5;
  return values.map(v => v + normal() * sd);
}

function sameSorted(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  return x.every((v, i) => v === y[i]);
}

const distinctCount = (v: readonly number[]) => new Set(v).size;

/**
 * Kayenta's Mann-Whitney classification of one metric, canary (experiment) against baseline
 * (control), in its order: no data, identical data, a single value, then the test. High when the
 * interval for the shift lies above +tolerance·|estimate| and the effect size reaches the allowed
 * increase (Low mirrored); a critical metric fails the canary only past its critical effect.
 * Any failure of the arithmetic gives Error rather than a verdict.
 */
export function classifyMetric(
  control: readonly number[],
  experiment: readonly number[],
  o: ClassifyOptions,
): MetricClassification {
  try {
    return classifyOrThrow(control, experiment, o);
  } catch (e) {
    return {
      classification: 'Error',
      reason: `Metric classification failed: ${(e as Error).message}`,
      deviation: NaN,
      critical: o.critical,
    };
  }
}

function classifyOrThrow(
  control: readonly number[],
  experiment: readonly number[],
  o: ClassifyOptions,
): MetricClassification {
  if (experiment.length === 0 || control.length === 0) {
    if (o.nanStrategy === 'replace') {
      return { classification: 'Pass', reason: null, deviation: 1, critical: false };
    }
    const reason = `Missing data for ${o.name}`;
    if (o.mustHaveData && !o.critical) {
      return { classification: 'NodataFailMetric', reason, deviation: 1, critical: false };
    }
    return { classification: 'Nodata', reason, deviation: 1, critical: o.critical };
  }
  if (sameSorted(experiment, control)) {
    return {
      classification: 'Pass',
      reason: 'The canary and baseline data are identical',
      deviation: 1,
      critical: false,
    };
  }
  if (distinctCount([...experiment, ...control]) === 1) {
    return { classification: 'Pass', reason: null, deviation: 1, critical: false };
  }

  let x = experiment;
  let y = control;
  if (distinctCount(experiment) === 1 && distinctCount(control) === 1) {
    const normal = gaussian(seededRandom(o.noiseSeed ?? NOISE_SEED));
    x = jitter(experiment, normal);
    y = jitter(control, normal);
  }
  const mw = mannWhitneyUTest(x, y, o.confidenceLevel);
  const bound = o.tolerance * Math.abs(mw.estimate);
  const deviation = meanRatio(y, x);
  const effectSize = o.effectSizeMeasure === 'cles' ? cles(y, x) : deviation;
  const test = { ...mw, effectSize };
  const effectUnknown = Number.isNaN(effectSize);
  const mayRise = o.direction === 'increase' || o.direction === 'either';
  const mayFall = o.direction === 'decrease' || o.direction === 'either';
  const high = mayRise && mw.ciLower > bound && (effectUnknown || effectSize >= o.allowed.increase);
  const low = mayFall && mw.ciUpper < -bound && (effectUnknown || effectSize <= o.allowed.decrease);
  if (!high && !low)
    return { classification: 'Pass', reason: null, deviation, critical: false, test };

  const label = high ? 'High' : 'Low';
  const critical =
    o.critical &&
    (effectUnknown ||
      (high
        ? effectSize >= o.criticalThresholds.increase
        : effectSize <= o.criticalThresholds.decrease));
  return {
    classification: label,
    reason: critical
      ? `The metric ${o.name} was classified as ${label} (Critical)`
      : `${o.name} was classified as ${label}`,
    deviation,
    critical,
    test,
  };
}
