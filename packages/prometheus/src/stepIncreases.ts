import type { CounterSamples } from '@headroom/core';
import type { RangeSeries } from './client';

/**
 * Counting a window a few steps at a time, and giving the engine exactly what one read of the
 * whole window (`fetchCounterSamples`) would have given it.
 *
 * `sumCounters` adds several series into one counter after undoing each series' own resets, and
 * the engine only ever takes steps of that sum. So a read of a few new steps needs, per series,
 * only the last valid value before them (its carry); per step, the sum over series of their
 * increases is all that must be kept. One thing depends on where a read starts: a series with
 * no valid sample earlier in the read counts its whole value at its first sample there (it is
 * new to that read). A series that comes back after a gap is therefore new to every read that
 * starts inside the gap: such a step keeps a correction, the value it was counted from, to add
 * when the read it rebuilds starts after the series' previous sample.
 */

/** The last valid raw value of one series and the grid instant it was read at. */
export interface SeriesCarry {
  value: number;
  at: number;
}

/** Per series (its labels as JSON), what the next read continues from. */
export type CounterCarry = Map<string, SeriesCarry>;

/** What a step's increase changes by for a read that starts after `previous`. */
export interface StepCorrection {
  /** The step (unix seconds on the grid). */
  at: number;
  /** The series' previous valid sample, before a gap. */
  previous: number;
  /** The value the step's increase was counted from, added when the series is new to the read. */
  delta: number;
}

export interface StepIncreases {
  /** Per grid step, the series' increases added up; NaN when no series had a valid sample. */
  increases: Float64Array;
  corrections: StepCorrection[];
}

const EPSILON = 1e-6;

export function seriesKey(metric: Record<string, string>): string {
  return JSON.stringify(metric);
}

/**
 * The increases of `series` at each instant of `grid` (one `stepSeconds` apart), continuing from
 * `carry`, which is updated to the last valid value of each series. The same per-series rules as
 * `sumCounters`: a value that is NaN, negative or infinite is skipped, a drop is a restart from
 * zero (the new value is the increase), a series without carry counts its whole value.
 */
export function stepIncreases(
  series: readonly RangeSeries[],
  grid: Float64Array,
  stepSeconds: number,
  carry: CounterCarry,
): StepIncreases {
  const n = grid.length;
  const increases = new Float64Array(n).fill(NaN);
  const corrections: StepCorrection[] = [];
  if (n === 0) return { increases, corrections };
  const gridStart = grid[0]! - EPSILON;
  const gap = stepSeconds + EPSILON;
  for (const s of series) {
    const key = seriesKey(s.metric);
    const ts = s.timestamps;
    const vs = s.values;
    const m = ts.length;
    const carried = carry.get(key);
    let lastValue = carried ? carried.value : NaN;
    let lastAt = carried ? carried.at : NaN;
    let j = 0;
    // Samples of the series before the grid (a read in parts) were counted already.
    while (j < m && ts[j]! < gridStart) j++;
    for (let i = 0; i < n && j < m; i++) {
      const t = grid[i]!;
      while (j < m && ts[j]! < t - EPSILON) j++;
      if (j >= m || ts[j]! - t > EPSILON) continue;
      const v = vs[j]!;
      if (!(v >= 0 && v !== Infinity)) continue;
      let increase = v;
      if (lastValue === lastValue && v >= lastValue) {
        increase = v - lastValue;
        // After a gap a read starting inside it sees the series as new: it counts all of v.
        if (lastAt < t - gap && lastValue !== 0) {
          corrections.push({ at: t, previous: lastAt, delta: lastValue });
        }
      }
      lastValue = v;
      lastAt = t;
      const sum = increases[i]!;
      increases[i] = sum === sum ? sum + increase : increase;
    }
    if (lastValue === lastValue) {
      if (carried) {
        carried.value = lastValue;
        carried.at = lastAt;
      } else carry.set(key, { value: lastValue, at: lastAt });
    }
  }
  return { increases, corrections };
}

/** A copy of `carry` that `stepIncreases` may advance without touching the original. */
export function copyCarry(carry: CounterCarry): CounterCarry {
  const out: CounterCarry = new Map();
  for (const [k, c] of carry) out.set(k, { value: c.value, at: c.at });
  return out;
}

/**
 * Drops the series last seen before `first`: every read from `first` on sees them as new, which
 * is what a series without carry is.
 */
export function pruneCarry(carry: CounterCarry, first: number): void {
  for (const [k, c] of carry) if (c.at < first - EPSILON) carry.delete(k);
}

/**
 * The counter a read of `grid` would have summed, rebuilt from the kept increases of its steps
 * (`increases[i]` for `grid[i]`) and the corrections: a correction applies when the series'
 * previous sample lies before the read's first step and the step after it. The level starts at 0
 * at the first step with a valid sample (the engine takes that sample as the baseline, whatever
 * its value) and stays NaN before; steps without a valid sample keep the level.
 */
export function counterFromIncreases(
  grid: Float64Array,
  increases: Float64Array,
  corrections: readonly StepCorrection[],
): Float64Array {
  const n = grid.length;
  const out = new Float64Array(n).fill(NaN);
  if (n === 0) return out;
  const first = grid[0]!;
  const stepSeconds = n > 1 ? grid[1]! - first : 1;
  const adjusted = Float64Array.from(increases.subarray(0, n));
  for (const c of corrections) {
    if (!(c.previous < first - EPSILON && c.at > first + EPSILON)) continue;
    const i = Math.round((c.at - first) / stepSeconds);
    if (i < n && Math.abs(grid[i]! - c.at) <= EPSILON) adjusted[i] = adjusted[i]! + c.delta;
  }
  let level = NaN;
  for (let i = 0; i < n; i++) {
    const x = adjusted[i]!;
    if (x === x) level = level === level ? level + x : 0;
    out[i] = level;
  }
  return out;
}

/** The samples for `prepareSeries` from the kept increases of both counters on `grid`. */
export function samplesFromIncreases(
  grid: Float64Array,
  events: { increases: Float64Array; corrections: readonly StepCorrection[] },
  total: { increases: Float64Array; corrections: readonly StepCorrection[] },
  kind: 'good' | 'bad',
): CounterSamples {
  return {
    timestamps: grid,
    events: counterFromIncreases(grid, events.increases, events.corrections),
    total: counterFromIncreases(grid, total.increases, total.corrections),
    kind,
  };
}
