import { columnsExtent, decimate, extent } from './decimate';
import { drawBurndown } from './drawBurndown';

describe('decimate', () => {
  it('keeps first, min, max and last per pixel column', () => {
    // 8 points over [0, 8) on 2 columns: column 0 gets t = 0..3, column 1 gets t = 4..7.
    const cols = decimate([0, 1, 2, 3, 4, 5, 6, 7], [5, 1, 9, 4, 2, 2, 8, 3], 0, 8, 2);
    expect(Array.from(cols.count)).toEqual([4, 4]);
    expect(Array.from(cols.first)).toEqual([5, 2]);
    expect(Array.from(cols.min)).toEqual([1, 2]);
    expect(Array.from(cols.max)).toEqual([9, 8]);
    expect(Array.from(cols.last)).toEqual([4, 3]);
  });

  it('skips null and NaN and leaves empty columns empty', () => {
    const cols = decimate([0, 1, 2, 3], [null, NaN, 7, undefined], 0, 4, 4);
    expect(Array.from(cols.count)).toEqual([0, 0, 1, 0]);
    expect(cols.first[2]).toBe(7);
  });

  it('puts t = tMax into the last column and drops points outside the range', () => {
    const cols = decimate([-1, 10, 11], [1, 2, 3], 0, 10, 5);
    expect(Array.from(cols.count)).toEqual([0, 0, 0, 0, 1]);
    expect(cols.last[4]).toBe(2);
  });

  it('merges a column met twice when times are out of order', () => {
    // Two columns of 2 time units: t = 0, 1, 1.5 are column 0 (5, 1, 9), t = 3 is column 1 (2);
    // column 0 is left for column 1 and met again: first 5, min 1, max 9, last 9.
    const cols = decimate([0, 3, 1, 1.5], [5, 2, 1, 9], 0, 4, 2);
    expect(Array.from(cols.count)).toEqual([3, 1]);
    expect([cols.first[0], cols.min[0], cols.max[0], cols.last[0]]).toEqual([5, 1, 9, 9]);
    expect(columnsExtent(cols)).toEqual([1, 9]);
    expect(columnsExtent(decimate([0], [null], 0, 1, 3))).toBeNull();
  });

  it('extent ignores missing values', () => {
    expect(extent([null, 3, -2, NaN, 1])).toEqual([-2, 3]);
    expect(extent([null, NaN])).toBeNull();
  });
});

describe('drawBurndown', () => {
  it('draws at most four points per pixel column whatever the number of points', () => {
    const n = 43_200;
    const times = Float64Array.from({ length: n }, (_, i) => i * 60_000);
    const remaining = Float64Array.from({ length: n }, (_, i) => 1 - i / n + (i % 2 ? 0.01 : -0.01));
    const ctx = document.createElement('canvas').getContext('2d') as unknown as CanvasRenderingContext2D & {
      calls: unknown[][];
    };
    const width = 300;
    drawBurndown(ctx, width, 120, {
      times,
      remaining,
      tMin: 0,
      tMax: n * 60_000,
      yMin: 0,
      yMax: 1,
      ideal: true,
      colors: { line: 'green', ideal: 'grey', zero: 'red', grid: 'grey', fill: 'black' },
      ratio: 1,
    });
    const stroke = ctx.calls.find((c) => c[0] === 'stroke' && c[1] instanceof Path2D)!;
    const ops = (stroke[1] as unknown as { ops: unknown[] }).ops;
    const plotW = width - 40 - 8;
    expect(ops.length).toBeLessThanOrEqual(plotW * 4);
    expect(ops.length).toBeGreaterThan(plotW);
  });
});
