import { quantileSorted } from '../capacity/stats';
import { averageRanks } from './ranks';

/**
 * Small statistics of the canary judge: the mean the reference computes (with its second-pass
 * correction), the two effect sizes and the IQR outlier fences.
 */

/** Arithmetic mean with a second pass that removes most of the rounding of the first. */
export function mean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const m = sum / n;
  let correction = 0;
  for (let i = 0; i < n; i++) correction += values[i]! - m;
  return m + correction / n;
}

/** mean(experiment) / mean(control); NaN when either mean is 0 (no ratio to speak of). */
export function meanRatio(control: ArrayLike<number>, experiment: ArrayLike<number>): number {
  const c = mean(control);
  const e = mean(experiment);
  return c === 0 || e === 0 ? NaN : e / c;
}

/**
 * Common-language effect size (Vargha and Delaney's A): the share of (experiment, control)
 * pairs where the experiment is higher, ties counting half. 0.5 means no difference.
 */
export function cles(control: ArrayLike<number>, experiment: ArrayLike<number>): number {
  const m = experiment.length;
  const n = control.length;
  const pooled = new Float64Array(m + n);
  for (let i = 0; i < m; i++) pooled[i] = experiment[i]!;
  for (let j = 0; j < n; j++) pooled[m + j] = control[j]!;
  const { ranks } = averageRanks(pooled);
  let r1 = 0;
  for (let i = 0; i < m; i++) r1 += ranks[i]!;
  return (2 * r1 - m * (m + 1)) / (2 * n * m);
}

/** Percentile p (0..100) by the R-7 method (linear between order statistics). */
export function percentile(values: ArrayLike<number>, p: number): number {
  return quantileSorted(Float64Array.from(values).sort(), p / 100);
}

/**
 * Tukey's fences widened so that they never cut inside the 1st..99th percentiles:
 * lower = min(p1, Q1 − f·IQR), upper = max(p99, Q3 + f·IQR). With few points a plain IQR rule
 * would drop ordinary values; the percentiles keep it from doing so.
 */
export function outlierFences(values: ArrayLike<number>, factor: number): [number, number] {
  if (!(factor > 0)) throw new RangeError(`outlierFactor must be > 0, got ${factor}`);
  const sorted = Float64Array.from(values).sort();
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const iqr = q3 - q1;
  return [
    Math.min(quantileSorted(sorted, 0.01), q1 - factor * iqr),
    Math.max(quantileSorted(sorted, 0.99), q3 + factor * iqr),
  ];
}

/** The values inside the fences, in their order. */
export function removeOutliers(values: readonly number[], factor: number): number[] {
  if (values.length === 0) return [];
  const [lo, hi] = outlierFences(values, factor);
  return values.filter(v => v >= lo && v <= hi);
}
