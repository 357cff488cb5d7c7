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
  const n = ts.length;
  const { totalPrefix, badPrefix } = prefixArrays(n, buffers);
  if (n === 0) return { timestamps: ts, badPrefix, totalPrefix };
  const pass = startCount(samples);
  countSamples(samples, pass, 0, n, badPrefix, totalPrefix);
  return { timestamps: ts, badPrefix, totalPrefix };
}

/** What the counting pass carries from one sample to the next. */
interface CountPass {
  goodKind: boolean;
  prevT: number;
  /** Last valid counter values; NaN before the first. */
  lastTotal: number;
  lastEvents: number;
  totalSum: number;
  eventsSum: number;
  /** The bad envelope (see `prepareSeries`). */
  bad: number;
  /** Total at the previous sample, for the bad-event envelope. */
  prevTotalSum: number;
}

function startCount(samples: CounterSamples): CountPass {
  const t0 = samples.timestamps[0]!;
  // Every later timestamp is checked against its predecessor, so only the first needs -Infinity
  // ruled out here.
  if (!(t0 > -Infinity && t0 < Infinity)) throw badTimestamp(samples.timestamps, 0);
  return {
    goodKind: samples.kind === 'good',
    prevT: t0,
    lastTotal: NaN,
    lastEvents: NaN,
    totalSum: 0,
    eventsSum: 0,
    bad: 0,
    prevTotalSum: 0,
  };
}

/**
 * Counts samples [from, to) into `pass`, writing each sample's prefixes. Runs of plain samples
 * (see `runGood` below) go through a tight loop; every other sample through `countOne`, which is
 * the whole definition.
 */
function countSamples(
  samples: CounterSamples,
  pass: CountPass,
  from: number,
  to: number,
  badPrefix: Float64Array,
  totalPrefix: Float64Array,
): void {
  let i = from;
  while (i < to) {
    const stop = pass.goodKind
      ? runGood(samples, pass, i, to, badPrefix, totalPrefix)
      : runBad(samples, pass, i, to, badPrefix, totalPrefix);
    if (stop < 0) {
      // The run met an infinite value: count it again sample by sample.
      for (const end = -1 - stop; i < end; i++) countOne(samples, pass, i, badPrefix, totalPrefix);
      continue;
    }
    i = stop;
    if (i < to) countOne(samples, pass, i++, badPrefix, totalPrefix);
  }
}

/**
 * One sample, every case: the timestamp checked, NaN, negative and infinite counter values
 * skipped, a drop taken as a restart from zero, and the bad envelope moved (see `prepareSeries`).
 */
function countOne(
  samples: CounterSamples,
  pass: CountPass,
  i: number,
  badPrefix: Float64Array,
  totalPrefix: Float64Array,
): void {
  const ts = samples.timestamps;
  const t = ts[i]!;
  // False for NaN, for +Infinity, and for a step back.
  if (!(t >= pass.prevT && t < Infinity)) throw badTimestamp(ts, i);
  pass.prevT = t;
  // The difference is NaN (so the test false) when either is NaN, and infinite for +Infinity.
  // A valid sample (>= 0, finite) below the last valid one is a restart from zero.
  const v = samples.total[i]!;
  const dv = v - pass.lastTotal;
  if (dv >= 0 && dv < Infinity) {
    pass.totalSum += dv;
    pass.lastTotal = v;
  } else if (v >= 0 && v < Infinity) {
    if (pass.lastTotal === pass.lastTotal) pass.totalSum += v;
    pass.lastTotal = v;
  }
  const e = samples.events[i]!;
  const de = e - pass.lastEvents;
  if (de >= 0 && de < Infinity) {
    pass.eventsSum += de;
    pass.lastEvents = e;
  } else if (e >= 0 && e < Infinity) {
    if (pass.lastEvents === pass.lastEvents) pass.eventsSum += e;
    pass.lastEvents = e;
  }
  // The bad prefix is kept monotone with every step in [0, total step], so that window counts
  // are plain prefix differences: additive, and never outside [0, total].
  if (pass.goodKind) {
    const missing = pass.totalSum - pass.eventsSum;
    if (missing > pass.bad) pass.bad = missing;
  } else {
    const capped = pass.bad + (pass.totalSum - pass.prevTotalSum);
    pass.bad = pass.eventsSum < capped ? pass.eventsSum : capped;
    pass.prevTotalSum = pass.totalSum;
  }
  totalPrefix[i] = pass.totalSum;
  badPrefix[i] = pass.bad;
}

/*
 * The runs: plain samples, two a step, counted without the envelope's choice. A sample is plain
 * when its timestamp is at or after the last one, both counters are at or above their last values
 * (so no NaN), and the bad envelope takes its plain value: total - good not below the envelope
 * (good-event counters), or the bad sum not above the envelope plus total's step (bad-event
 * counters). For such samples `countOne` would compute exactly these sums and take exactly this
 * value, so the prefixes are the same to the last bit; the envelope's comparison, which follows
 * the data and so defeats branch prediction, becomes part of the run's test, which holds on
 * ordinary data. Infinity passes these tests, but sticks: a run that took one ends with an
 * infinite timestamp or sum, and then returns -1 - (where it stopped) and leaves `pass` as it
 * was, for `countOne` to count the run again. Otherwise it returns where it stopped: the sample
 * there (or the one after) is for `countOne`.
 */

/** Good-event counters: the envelope is total - good, while that does not fall. */
function runGood(
  samples: CounterSamples,
  pass: CountPass,
  from: number,
  to: number,
  badPrefix: Float64Array,
  totalPrefix: Float64Array,
): number {
  const ts = samples.timestamps;
  const total = samples.total;
  const events = samples.events;
  let prevT = pass.prevT;
  let lastTotal = pass.lastTotal;
  let lastEvents = pass.lastEvents;
  let totalSum = pass.totalSum;
  let eventsSum = pass.eventsSum;
  let bad = pass.bad;
  let i = from;
  for (; i + 1 < to; i += 2) {
    const t1 = ts[i]!;
    const t2 = ts[i + 1]!;
    const v1 = total[i]!;
    const v2 = total[i + 1]!;
    const e1 = events[i]!;
    const e2 = events[i + 1]!;
    const dv1 = v1 - lastTotal;
    const de1 = e1 - lastEvents;
    const dv2 = v2 - v1;
    const de2 = e2 - e1;
    const total1 = totalSum + dv1;
    const events1 = eventsSum + de1;
    const total2 = total1 + dv2;
    const events2 = events1 + de2;
    const bad1 = total1 - events1;
    const bad2 = total2 - events2;
    const plain = t1 >= prevT && t2 >= t1 && dv1 >= 0 && de1 >= 0 && dv2 >= 0 && de2 >= 0;
    if (!(plain && bad1 >= bad && bad2 >= bad1)) break;
    totalPrefix[i] = total1;
    badPrefix[i] = bad1;
    totalPrefix[i + 1] = total2;
    badPrefix[i + 1] = bad2;
    prevT = t2;
    lastTotal = v2;
    lastEvents = e2;
    totalSum = total2;
    eventsSum = events2;
    bad = bad2;
  }
  return endRun(pass, i, prevT, lastTotal, lastEvents, totalSum, eventsSum, bad);
}

/** Bad-event counters: the envelope is the bad sum, while that grows no faster than total. */
function runBad(
  samples: CounterSamples,
  pass: CountPass,
  from: number,
  to: number,
  badPrefix: Float64Array,
  totalPrefix: Float64Array,
): number {
  const ts = samples.timestamps;
  const total = samples.total;
  const events = samples.events;
  let prevT = pass.prevT;
  let lastTotal = pass.lastTotal;
  let lastEvents = pass.lastEvents;
  let totalSum = pass.totalSum;
  let eventsSum = pass.eventsSum;
  let bad = pass.bad;
  let i = from;
  for (; i + 1 < to; i += 2) {
    const t1 = ts[i]!;
    const t2 = ts[i + 1]!;
    const v1 = total[i]!;
    const v2 = total[i + 1]!;
    const e1 = events[i]!;
    const e2 = events[i + 1]!;
    const dv1 = v1 - lastTotal;
    const de1 = e1 - lastEvents;
    const dv2 = v2 - v1;
    const de2 = e2 - e1;
    const total1 = totalSum + dv1;
    const events1 = eventsSum + de1;
    const total2 = total1 + dv2;
    const events2 = events1 + de2;
    const bad1 = events1;
    const bad2 = events2;
    const plain = t1 >= prevT && t2 >= t1 && dv1 >= 0 && de1 >= 0 && dv2 >= 0 && de2 >= 0;
    if (!(plain && bad1 <= bad + (total1 - totalSum) && bad2 <= bad1 + (total2 - total1))) break;
    totalPrefix[i] = total1;
    badPrefix[i] = bad1;
    totalPrefix[i + 1] = total2;
    badPrefix[i + 1] = bad2;
    prevT = t2;
    lastTotal = v2;
    lastEvents = e2;
    totalSum = total2;
    eventsSum = events2;
    bad = bad2;
  }
  return endRun(pass, i, prevT, lastTotal, lastEvents, totalSum, eventsSum, bad);
}

/** Hands a run's state back to `pass`, or returns -1 - i after an infinite value (see above). */
function endRun(
  pass: CountPass,
  i: number,
  prevT: number,
  lastTotal: number,
  lastEvents: number,
  totalSum: number,
  eventsSum: number,
  bad: number,
): number {
  if (!(prevT < Infinity && totalSum < Infinity && eventsSum < Infinity)) return -1 - i;
  pass.prevT = prevT;
  pass.lastTotal = lastTotal;
  pass.lastEvents = lastEvents;
  pass.totalSum = totalSum;
  pass.eventsSum = eventsSum;
  pass.bad = bad;
  pass.prevTotalSum = totalSum;
  return i;
}

/**
 * Index of the last timestamp <= t, or -1 when every timestamp is after t (timestamps sorted).
 * Tries first where evenly spaced timestamps would put t, as scraped series mostly are: two reads
 * instead of a binary search's dozen or more, which miss the cache on long series.
 */
export function lastIndexAtOrBefore(timestamps: Float64Array, t: number): number {
  const n = timestamps.length;
  if (n > 1) {
    const guess = evenGuess(timestamps, t, 0, (timestamps[n - 1]! - timestamps[0]!) / (n - 1));
    if (guess >= 0) return guess;
  }
  return bisectLastAtOrBefore(timestamps, t);
}

/**
 * The answer for t if it is within a sample of `from` + (t - timestamps[from]) / step (from >= 0,
 * timestamps[from] <= t); -1 when it is not there or cannot be told (NaN, a zero step).
 */
function evenGuess(timestamps: Float64Array, t: number, from: number, step: number): number {
  const n = timestamps.length;
  const g = from + Math.floor((t - timestamps[from]!) / step);
  if (!(g >= from && g < n)) return -1;
  // The answer is g when timestamps[g] <= t < timestamps[g + 1]; else look one sample either way.
  if (timestamps[g]! <= t) {
    if (g + 1 === n || timestamps[g + 1]! > t) return g;
    if (g + 2 === n || timestamps[g + 2]! > t) return g + 1;
    return -1;
  }
  return g > 0 && timestamps[g - 1]! <= t ? g - 1 : -1;
}

function bisectLastAtOrBefore(timestamps: Float64Array, t: number): number {
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
 * <= t, or -1): with `evenStep` (the mean spacing) first where evenly spaced timestamps would put
 * t, then by galloping 1, 2, 4, … samples ahead and bisecting the last stride. Equal to
 * `lastIndexAtOrBefore(timestamps, t)` whenever timestamps[from] <= t.
 */
export function lastIndexAtOrBeforeFrom(
  timestamps: Float64Array,
  t: number,
  from: number,
  evenStep?: number,
): number {
  const n = timestamps.length;
  if (evenStep !== undefined && from >= 0) {
    const guess = evenGuess(timestamps, t, from, evenStep);
    if (guess >= 0) return guess;
  }
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
