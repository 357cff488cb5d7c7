import type { ComparisonOp } from '../model/types';
import { prepareSeries, windowCounts } from './series';
import type { CounterSamples } from './types';

/**
 * Timeslices budgeting and threshold indicators, turned into good/total counters so that the
 * same window maths (prepareSeries, windowCounts, burn rates, budgets) applies unchanged.
 *
 * Slices are aligned to multiples of `sliceSeconds` since the epoch, slice k covering
 * (k * s, (k + 1) * s]. Only complete slices between the first and the last sample are emitted
 * (a slice cut by the first sample or still in progress is not judged). A slice without traffic (no events, or no valid gauge sample) is
 * not counted at all: it is neither good nor bad. The output starts with a zero sample at the
 * first slice's start, so the first slice counts in every window that contains its end.
 */

function checkSliceSeconds(sliceSeconds: number): void {
  if (!(sliceSeconds > 0) || !Number.isFinite(sliceSeconds)) {
    throw new RangeError(`objective.timeSliceWindowSeconds must be positive, got ${sliceSeconds}`);
  }
}

/** Complete slices between the first and last sample: a partial first slice is not judged either. */
function sliceRange(first: number, last: number, s: number): { start: number; count: number } {
  const start = Math.ceil(first / s) * s;
  return { start, count: Math.max(0, Math.floor((last - start) / s)) };
}

function emptyCounters(): CounterSamples {
  return {
    timestamps: new Float64Array(0),
    events: new Float64Array(0),
    total: new Float64Array(0),
    kind: 'good',
  };
}

/**
 * Slice counters from event counters (Timeslices): a slice is good when its own good/total ratio
 * is >= `sliceTarget`. Output: cumulative good slices and counted slices, one sample per slice end.
 */
export function timeslicesFromCounters(
  samples: CounterSamples,
  sliceSeconds: number,
  sliceTarget: number,
): CounterSamples {
  if (!(sliceTarget >= 0 && sliceTarget <= 1)) {
    throw new RangeError(
      `objective.timeSliceTarget must be a fraction in [0, 1], got ${sliceTarget}`,
    );
  }
  return slicesFromCounters(samples, sliceSeconds, ratio => (ratio >= sliceTarget ? 1 : 0));
}

/**
 * Slice counters for RatioTimeslices budgeting: each slice with traffic adds its good/total ratio
 * to the good counter and 1 to the total, so a window's SLI is the mean of its slices' ratios.
 */
export function ratioTimeslicesFromCounters(
  samples: CounterSamples,
  sliceSeconds: number,
): CounterSamples {
  return slicesFromCounters(samples, sliceSeconds, ratio => ratio);
}

function slicesFromCounters(
  samples: CounterSamples,
  sliceSeconds: number,
  score: (goodRatio: number) => number,
): CounterSamples {
  checkSliceSeconds(sliceSeconds);
  const series = prepareSeries(samples);
  const ts = samples.timestamps;
  if (ts.length === 0) return emptyCounters();
  const { start, count } = sliceRange(ts[0]!, ts[ts.length - 1]!, sliceSeconds);
  const timestamps = new Float64Array(count + 1);
  const good = new Float64Array(count + 1);
  const total = new Float64Array(count + 1);
  timestamps[0] = start;
  let goodSum = 0;
  let totalSum = 0;
  for (let k = 0; k < count; k++) {
    const from = start + k * sliceSeconds;
    const to = from + sliceSeconds;
    const c = windowCounts(series, from, to);
    if (c.total > 0) {
      goodSum += score((c.total - c.bad) / c.total);
      totalSum += 1;
    }
    timestamps[k + 1] = to;
    good[k + 1] = goodSum;
    total[k + 1] = totalSum;
  }
  return { timestamps, events: good, total, kind: 'good' };
}

/** Whether `value op threshold` holds (the objective's op for threshold indicators). */
export function meetsThreshold(value: number, op: ComparisonOp, threshold: number): boolean {
  switch (op) {
    case 'lt':
      return value < threshold;
    case 'lte':
      return value <= threshold;
    case 'gt':
      return value > threshold;
    case 'gte':
      return value >= threshold;
    default:
      throw new RangeError(`objective.op must be one of lt, lte, gt, gte, got ${String(op)}`);
  }
}

function checkGauge(timestamps: Float64Array, values: Float64Array): void {
  if (values.length !== timestamps.length) {
    throw new Error(
      `gauge values has ${values.length} entries but timestamps has ${timestamps.length}`,
    );
  }
  for (let i = 1; i < timestamps.length; i++) {
    if (!(timestamps[i]! >= timestamps[i - 1]!)) {
      throw new Error(`gauge timestamps must not decrease (index ${i})`);
    }
  }
}

/**
 * Slice counters from a gauge (threshold indicator, Timeslices): a slice is good when at least
 * `sliceTarget` (default 1: every one) of its valid samples meet `value op threshold`. NaN samples
 * are skipped; a slice with no valid sample is not counted.
 */
export function timeslicesFromGauge(
  timestamps: Float64Array,
  values: Float64Array,
  op: ComparisonOp,
  threshold: number,
  sliceSeconds: number,
  sliceTarget = 1,
): CounterSamples {
  checkSliceSeconds(sliceSeconds);
  checkGauge(timestamps, values);
  if (timestamps.length === 0) return emptyCounters();
  const { start, count } = sliceRange(
    timestamps[0]!,
    timestamps[timestamps.length - 1]!,
    sliceSeconds,
  );
  const out = new Float64Array(count + 1);
  const good = new Float64Array(count + 1);
  const total = new Float64Array(count + 1);
  out[0] = start;
  let i = 0;
  // Samples at or before the first slice's start belong to the slice before it.
  while (i < timestamps.length && timestamps[i]! <= start) i++;
  let goodSum = 0;
  let totalSum = 0;
  for (let k = 0; k < count; k++) {
    const to = start + (k + 1) * sliceSeconds;
    let valid = 0;
    let met = 0;
    for (; i < timestamps.length && timestamps[i]! <= to; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) continue;
      valid++;
      if (meetsThreshold(v, op, threshold)) met++;
    }
    if (valid > 0) {
      totalSum += 1;
      if (met >= sliceTarget * valid) goodSum += 1;
    }
    out[k + 1] = to;
    good[k + 1] = goodSum;
    total[k + 1] = totalSum;
  }
  return { timestamps: out, events: good, total, kind: 'good' };
}

/**
 * Event counters from a gauge (threshold indicator, Occurrences): each valid sample is one event,
 * good when `value op threshold` holds; NaN samples are not events. A leading zero sample at the
 * first timestamp makes the first event count in windows that contain it.
 */
export function occurrencesFromGauge(
  timestamps: Float64Array,
  values: Float64Array,
  op: ComparisonOp,
  threshold: number,
): CounterSamples {
  checkGauge(timestamps, values);
  const n = timestamps.length;
  if (n === 0) return emptyCounters();
  const out = new Float64Array(n + 1);
  const good = new Float64Array(n + 1);
  const total = new Float64Array(n + 1);
  out[0] = timestamps[0]!;
  let goodSum = 0;
  let totalSum = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) {
      totalSum += 1;
      if (meetsThreshold(v, op, threshold)) goodSum += 1;
    }
    out[i + 1] = timestamps[i]!;
    good[i + 1] = goodSum;
    total[i + 1] = totalSum;
  }
  return { timestamps: out, events: good, total, kind: 'good' };
}
