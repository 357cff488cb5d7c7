import type { CounterSamples, PreparedSeries } from './types';

/**
 * Counter semantics (see the package README): the increase over a window (from, to] is the sum
 * of the positive steps between consecutive samples in it, starting from the last sample at or
 * before `from`; a drop means the counter restarted from zero, so the new value is the step.
 * NaN, infinite and negative samples are skipped: the next valid sample's step is taken against
 * the last valid one. Before the first valid sample the prefix is 0, so counting starts at the
 * first sample when no sample exists at or before `from`.
 */

function checkSamples(samples: CounterSamples): void {
  const n = samples.timestamps.length;
  if (samples.events.length !== n) {
    throw new Error(
      `CounterSamples.events has ${samples.events.length} values but timestamps has ${n}`,
    );
  }
  if (samples.total.length !== n) {
    throw new Error(
      `CounterSamples.total has ${samples.total.length} values but timestamps has ${n}`,
    );
  }
  if (samples.kind !== 'good' && samples.kind !== 'bad') {
    throw new Error(`CounterSamples.kind must be 'good' or 'bad', got ${String(samples.kind)}`);
  }
  const ts = samples.timestamps;
  let prev = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = ts[i]!;
    if (!Number.isFinite(t)) {
      throw new Error(`CounterSamples.timestamps[${i}] is not a finite number (${t})`);
    }
    if (t < prev) {
      throw new Error(
        `CounterSamples.timestamps must not decrease: timestamps[${i}] = ${t} < timestamps[${i - 1}] = ${prev}`,
      );
    }
    prev = t;
  }
}

/**
 * Writes the running sum of counter increases of `values` into `out` (same length). Returns `out`.
 * One pass, no allocation besides `out`.
 */
export function counterPrefix(values: Float64Array, out: Float64Array): Float64Array {
  let last = NaN;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    // `v >= 0` is false for NaN; the second test drops +Infinity.
    if (v >= 0 && v !== Infinity) {
      if (last === last) {
        sum += v >= last ? v - last : v;
      }
      last = v;
    }
    out[i] = sum;
  }
  return out;
}

/**
 * Builds the prefix sums once so that any window query is two binary searches. `badPrefix` is
 * `totalPrefix - goodPrefix` for good-event counters: a window's bad count is then the difference
 * of two entries, and `windowCounts` clamps it to [0, total] per window.
 */
export function prepareSeries(samples: CounterSamples): PreparedSeries {
  checkSamples(samples);
  const n = samples.timestamps.length;
  const totalPrefix = counterPrefix(samples.total, new Float64Array(n));
  const badPrefix = counterPrefix(samples.events, new Float64Array(n));
  if (samples.kind === 'good') {
    for (let i = 0; i < n; i++) badPrefix[i] = totalPrefix[i]! - badPrefix[i]!;
  }
  return { timestamps: samples.timestamps, badPrefix, totalPrefix };
}

/** Index of the last timestamp <= t, or -1 when every timestamp is after t. */
export function lastIndexAtOrBefore(timestamps: Float64Array, t: number): number {
  let lo = 0;
  let hi = timestamps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timestamps[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Bad and total events over (from, to]. Bad is clamped to [0, total]: good and total are scraped
 * as separate series, so across a reset or a scrape skew good can briefly exceed total (negative
 * bad) or bad exceed total; an error ratio outside [0, 1] would be meaningless.
 */
export function windowCounts(
  series: PreparedSeries,
  from: number,
  to: number,
): { bad: number; total: number } {
  if (!(to > from)) return { bad: 0, total: 0 };
  const end = lastIndexAtOrBefore(series.timestamps, to);
  if (end < 0) return { bad: 0, total: 0 };
  const start = lastIndexAtOrBefore(series.timestamps, from);
  const total =
    start < 0 ? series.totalPrefix[end]! : series.totalPrefix[end]! - series.totalPrefix[start]!;
  const rawBad =
    start < 0 ? series.badPrefix[end]! : series.badPrefix[end]! - series.badPrefix[start]!;
  return { bad: clampBad(rawBad, total), total };
}

export function clampBad(bad: number, total: number): number {
  if (bad < 0) return 0;
  return bad > total ? total : bad;
}

/** Bad / total over (at - windowSeconds, at]; null when the window has no traffic. */
export function errorRatio(
  series: PreparedSeries,
  at: number,
  windowSeconds: number,
): number | null {
  const { bad, total } = windowCounts(series, at - windowSeconds, at);
  return total > 0 ? bad / total : null;
}
