import { columnsExtent, decimate, extent } from './decimate';
import { burndownGeometry, plotArea } from './burndownGeometry';

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

describe('burndownGeometry', () => {
  it('draws at most four points per pixel column whatever the number of points', () => {
    const n = 43_200;
    const times = Float64Array.from({ length: n }, (_, i) => i * 60_000);
    const remaining = Float64Array.from({ length: n }, (_, i) => 1 - i / n + (i % 2 ? 0.01 : -0.01));
    const width = 300;
    const plotW = width - 40 - 8;
    const cols = decimate(times, remaining, 0, n * 60_000, plotArea(width, 120).width);
    const g = burndownGeometry(cols, width, 120, { ideal: true, yMin: 0, yMax: 1 });
    const ops = g.line.match(/[ML]/g)!;
    expect(ops.length).toBeLessThanOrEqual(plotW * 4);
    expect(ops.length).toBeGreaterThan(plotW);
  });
});

describe('burndownGeometry on a hand-computed series', () => {
  // Plot 4 columns × 100 rows at (40, 6): y(v) = 6 + (1 - v) × 100.
  const width = 40 + 4 + 8;
  const height = 6 + 100 + 18;

  it('draws first → min → max → last per column, leaves gaps open, and frames the plot', () => {
    // Columns of 2 time units: [1, 0.5], [0.9, 0.8], nothing, [0.2, 0.2].
    const cols = decimate([0, 1, 2, 3, 6, 7], [1, 0.5, 0.9, 0.8, 0.2, 0.2], 0, 8, 4);
    const g = burndownGeometry(cols, width, height, { ideal: true });
    // In eighths of a pixel: column 0's middle is x = 40.5 px = 324, y(1) = 6 px = 48.
    expect(g.line).toBe('M324 48L324 448L324 48L324 448L332 128L332 208L332 128L332 208M348 688');
    expect(g.grid).toEqual([
      { value: 1, y: 6.5, label: '100%', zero: false },
      { value: 0.5, y: 56.5, label: '50%', zero: false },
      { value: 0, y: 106.5, label: '0%', zero: true },
    ]);
    expect(g.ideal).toBe('M40 6L44 106');
    expect(g.floor).toBeNull();
    expect(burndownGeometry(cols, width, height, { ideal: false }).ideal).toBeNull();
  });

  it('widens the value axis to an overspent budget and labels its floor', () => {
    const cols = decimate([0, 7], [1, -0.5], 0, 8, 4);
    const g = burndownGeometry(cols, width, height, { ideal: true });
    expect([g.yMin, g.yMax]).toEqual([-0.5, 1]);
    // y(v) = 6 + (1 - v) × 100 / 1.5: the floor's row is 106, its label 4 px above.
    expect(g.floor).toEqual({ y: 102, label: '-50%' });
    expect(g.line).toBe('M324 48M348 848');
  });

  it('draws nothing but the frame without data', () => {
    const g = burndownGeometry(decimate([0, 1], [null, NaN], 0, 8, 4), width, height, { ideal: false });
    expect(g.line).toBe('');
    expect(g.grid.map((l) => l.label)).toEqual(['100%', '50%', '0%']);
  });
});
