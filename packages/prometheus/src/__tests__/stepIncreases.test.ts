import { prepareSeries } from '@headroom/core';
import fc from 'fast-check';
import type { RangeSeries } from '../client';
import { sampleGrid, sumCounters } from '../samples';
import {
  copyCarry,
  counterFromIncreases,
  pruneCarry,
  stepIncreases,
  type CounterCarry,
  type StepCorrection,
} from '../stepIncreases';

const STEP = 60;

const series = (name: string, ts: number[], vs: number[]): RangeSeries => ({
  metric: { pod: name },
  timestamps: Float64Array.from(ts),
  values: Float64Array.from(vs),
});

/** The part of each series on `grid`, as a range query over it returns. */
function clip(all: RangeSeries[], grid: Float64Array): RangeSeries[] {
  const a = grid[0]!;
  const b = grid[grid.length - 1]!;
  return all
    .map(s => {
      const keep = Array.from(s.timestamps.keys()).filter(
        i => s.timestamps[i]! >= a && s.timestamps[i]! <= b,
      );
      return {
        metric: s.metric,
        timestamps: Float64Array.from(keep.map(i => s.timestamps[i]!)),
        values: Float64Array.from(keep.map(i => s.values[i]!)),
      };
    })
    .filter(s => s.timestamps.length > 0);
}

describe('stepIncreases', () => {
  it('adds the series’ increases per step, undoing each one’s reset; NaN where none has a value', () => {
    const grid = sampleGrid(0, 240, STEP);
    const carry: CounterCarry = new Map();
    const { increases, corrections } = stepIncreases(
      [
        series('a', [0, 60, 120, 180], [1000, 1010, 1020, 1030]),
        series('b', [0, 60, 120, 180], [5, 7, 1, 4]),
      ],
      grid,
      STEP,
      carry,
    );
    // New series count their whole value; b's drop to 1 is a restart: +1, then +3.
    expect(Array.from(increases)).toEqual([1005, 12, 11, 13, NaN]);
    expect(corrections).toEqual([]);
    expect(carry.get(JSON.stringify({ pod: 'b' }))).toEqual({ value: 4, at: 180 });
  });

  it('continues from the carry and keeps a correction for a series back from a gap', () => {
    const carry: CounterCarry = new Map([[JSON.stringify({ pod: 'a' }), { value: 50, at: 0 }]]);
    const { increases, corrections } = stepIncreases(
      [series('a', [180, 240], [80, 90])],
      sampleGrid(120, 240, STEP),
      STEP,
      carry,
    );
    expect(Array.from(increases)).toEqual([NaN, 30, 10]);
    // A read starting at 60 or 120 sees the series first at 180, with all of its 80.
    expect(corrections).toEqual([{ at: 180, previous: 0, delta: 50 }]);
  });

  it('rebuilds the counter a read of the same grid would sum (hand-computed)', () => {
    const corrections: StepCorrection[] = [{ at: 180, previous: 0, delta: 50 }];
    const grid = sampleGrid(60, 240, STEP);
    const increases = Float64Array.from([NaN, NaN, 30, 10]);
    // From 60: a is new at 180 (80 counted from the baseline), so the level starts there.
    expect(Array.from(counterFromIncreases(grid, increases, corrections))).toEqual([
      NaN,
      NaN,
      0,
      10,
    ]);
    expect(
      Array.from(
        counterFromIncreases(
          sampleGrid(0, 240, STEP),
          Float64Array.from([2, 0, ...increases.subarray(1)]),
          corrections,
        ),
      ),
    ).toEqual([0, 0, 0, 30, 40]);
  });
});

/** Integer counters (as request counters are): every sum is exact, so equal means identical. */
const seriesArb = fc.record({
  present: fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
  steps: fc.array(fc.nat(20), { minLength: 60, maxLength: 60 }),
  resets: fc.array(fc.nat(59), { maxLength: 3 }),
  start: fc.nat(1000),
  invalid: fc.array(fc.nat(59), { maxLength: 2 }),
});

interface SeriesSpec {
  present: boolean[];
  steps: number[];
  resets: number[];
  start: number;
  invalid: number[];
}

function makeSeries(name: string, spec: SeriesSpec): RangeSeries {
  const ts: number[] = [];
  const vs: number[] = [];
  let v = spec.start;
  for (let i = 0; i < 60; i++) {
    v = spec.resets.includes(i) ? spec.steps[i]! : v + spec.steps[i]!;
    if (!spec.present[i]) continue;
    ts.push(i * STEP);
    vs.push(spec.invalid.includes(i) ? NaN : v);
  }
  return series(name, ts, vs);
}

describe('reads in parts give what one read gives', () => {
  it('for any series, split, late re-read and read start (property)', () => {
    fc.assert(
      fc.property(
        fc.array(seriesArb, { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 12 }),
        fc.nat(4),
        fc.nat(30),
        (specs, parts, overlap, lag) => {
          const all = specs.map((s, k) => makeSeries(`p${k}`, s));
          const full = sampleGrid(0, 59 * STEP, STEP);
          // What a store keeps: increases per step, corrections, the carry at the settled step.
          const kept = new Float64Array(60).fill(NaN);
          let corrections: StepCorrection[] = [];
          let carry: CounterCarry = new Map();
          let settled = -1;
          let end = -1;
          for (const p of parts) {
            end = Math.min(59, end + p);
            // Each read's own window starts `lag` steps back from a fixed 30-step length.
            const first = Math.max(0, end - 29 - lag);
            if (settled < first - 1) {
              // Fell out of the window: start again there, as a first read does.
              kept.fill(NaN);
              corrections = [];
              carry = new Map();
              settled = first - 1;
            }
            const from = settled + 1;
            const settle = Math.max(settled, end - overlap);
            const read = clip(all, full.subarray(from, end + 1));
            const a = stepIncreases(read, full.subarray(from, settle + 1), STEP, carry);
            const b = stepIncreases(
              read,
              full.subarray(settle + 1, end + 1),
              STEP,
              copyCarry(carry),
            );
            kept.set(a.increases, from);
            kept.set(b.increases, settle + 1);
            corrections = [
              ...corrections.filter(c => c.at < from * STEP),
              ...a.corrections,
              ...b.corrections,
            ];
            settled = settle;
            pruneCarry(carry, first * STEP);

            const grid = full.subarray(first, end + 1);
            const expected = prepareSeries({
              timestamps: grid,
              events: sumCounters(clip(all, grid), grid),
              total: sumCounters(clip(all, grid), grid),
              kind: 'good',
            });
            const rebuilt = counterFromIncreases(grid, kept.subarray(first, end + 1), corrections);
            const got = prepareSeries({
              timestamps: grid,
              events: rebuilt,
              total: rebuilt,
              kind: 'good',
            });
            expect(Array.from(got.totalPrefix)).toEqual(Array.from(expected.totalPrefix));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
