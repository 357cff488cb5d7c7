import type { CounterSamples, PreparedSeries } from './types';

/**
 * Counter semantics (see the package README): the increase over a window (from, to] is the sum
 * of the positive steps between consecutive samples in it, starting from the last sample at or
 * before `from`; a drop means the counter restarted from zero, so the new value is the step.
 * NaN, infinite and negative samples are skipped: the next valid sample's step is taken against
 * the last valid one. Before the first valid sample the prefix is 0, so counting starts at the
 * first sample when no sample exists at or before `from`.
 */

function checkColumns(samples: CounterSamples): void {
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
}

function badTimestamp(ts: Float64Array, i: number): Error {
  const t = ts[i]!;
  if (!Number.isFinite(t)) {
    return new Error(`CounterSamples.timestamps[${i}] is not a finite number (${t})`);
  }
  return new Error(
    `CounterSamples.timestamps must not decrease: timestamps[${i}] = ${t} < timestamps[${i - 1}] = ${ts[i - 1]}`,
  );
}

/**
 * Reusable storage for `prepareSeries`: evaluating thousands of SLOs one after another with one
 * pair of prefix arrays avoids allocating (and zero-filling, and later collecting) two
 * window-sized arrays per SLO, which cost more than the counting itself.
 */
export interface SeriesBuffers {
  badPrefix: Float64Array;
  totalPrefix: Float64Array;
}

export function createSeriesBuffers(capacity = 0): SeriesBuffers {
  return { badPrefix: new Float64Array(capacity), totalPrefix: new Float64Array(capacity) };
}

/** Views of length n into the buffers, grown (by half again, at least to n) when too small. */
function prefixArrays(n: number, buffers?: SeriesBuffers): SeriesBuffers {
  if (!buffers) return createSeriesBuffers(n);
  if (buffers.totalPrefix.length < n) {
    const capacity = Math.max(n, Math.ceil(buffers.totalPrefix.length * 1.5));
    buffers.totalPrefix = new Float64Array(capacity);
    buffers.badPrefix = new Float64Array(capacity);
  }
  return {
    badPrefix: buffers.badPrefix.subarray(0, n),
    totalPrefix: buffers.totalPrefix.subarray(0, n),
  };
}

/**
 * Builds the prefix sums once so that any window query is two binary searches. Good and total are
 * scraped as separate series, so around a reset or a scrape skew good can run ahead of total (or a
 * bad counter ahead of total) for a while. The bad prefix is therefore an envelope that never
 * goes down and never grows faster than total: for good-event counters the running maximum of
 * total - good (a dip while good is ahead is not undone later as false errors), for bad-event
 * counters the bad count held back to what total has grown by (and caught up when total does).
 * Every window's bad count is then a prefix difference in [0, total], and windows add up.
 *
 * One fused pass checks the timestamps and accumulates both counters. With `buffers` the prefix
 * arrays are views into them: the result is valid until the next call with the same buffers.
 */
export function prepareSeries(samples: CounterSamples, buffers?: SeriesBuffers): PreparedSeries {
  checkColumns(samples);
  const ts = samples.timestamps;
  const events = samples.events;
  const total = samples.total;
  const n = ts.length;
  const { totalPrefix, badPrefix } = prefixArrays(n, buffers);
  if (n === 0) return { timestamps: ts, badPrefix, totalPrefix };
  // Every later timestamp is checked against its predecessor, so only the first needs -Infinity
  // ruled out here.
  if (!(ts[0]! > -Infinity && ts[0]! < Infinity)) throw badTimestamp(ts, 0);
  const goodKind = samples.kind === 'good';
  let prevT = ts[0]!;
  let lastTotal = NaN;
  let lastEvents = NaN;
  let totalSum = 0;
  let eventsSum = 0;
  // The bad prefix is kept monotone with every step in [0, total step], so that window counts
  // are plain prefix differences: additive, and never outside [0, total].
  let bad = 0;
  let prevTotalSum = 0;
  for (let i = 0; i < n; i++) {
    const t = ts[i]!;
    // False for NaN, for +Infinity, and for a step back.
    if (!(t >= prevT && t < Infinity)) throw badTimestamp(ts, i);
    prevT = t;
    // The common case first: a valid sample at or above the last valid one. The difference is
    // NaN (so the test false) when either is NaN, and infinite for +Infinity. Otherwise a valid
    // sample (>= 0, finite) below the last valid one is a restart from zero; NaN, negative and
    // infinite samples are skipped.
    const v = total[i]!;
    const dv = v - lastTotal;
    if (dv >= 0 && dv < Infinity) {
      totalSum += dv;
      lastTotal = v;
    } else if (v >= 0 && v < Infinity) {
      if (lastTotal === lastTotal) totalSum += v;
      lastTotal = v;
    }
    const e = events[i]!;
    const de = e - lastEvents;
    if (de >= 0 && de < Infinity) {
      eventsSum += de;
      lastEvents = e;
    } else if (e >= 0 && e < Infinity) {
      if (lastEvents === lastEvents) eventsSum += e;
      lastEvents = e;
    }
    totalPrefix[i] = totalSum;
    if (goodKind) {
      const missing = totalSum - eventsSum;
      if (missing > bad) bad = missing;
    } else {
      const capped = bad + (totalSum - prevTotalSum);
      bad = eventsSum < capped ? eventsSum : capped;
      prevTotalSum = totalSum;
    }
    badPrefix[i] = bad;
  }
  return { timestamps: ts, badPrefix, totalPrefix };
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
 * Index of the last timestamp <= t, searching forward from `from` (whose timestamp is known to be
 * <= t, or -1): gallops 1, 2, 4, … samples ahead, then bisects the last stride. Equal to
 * `lastIndexAtOrBefore(timestamps, t)` whenever timestamps[from] <= t.
 */
export function lastIndexAtOrBeforeFrom(timestamps: Float64Array, t: number, from: number): number {
  const n = timestamps.length;
  let lo = from;
  let stride = 1;
  while (lo + stride < n && timestamps[lo + stride]! <= t) {
    lo += stride;
    stride *= 2;
  }
  // The answer is in [lo, min(lo + stride, n) - 1]: timestamps[lo] <= t (or lo = from = -1).
  let hi = Math.min(lo + stride, n);
  lo += 1;
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
