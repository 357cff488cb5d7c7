import { huberLine, mad, median, quantile, theilSen, weightedLine } from './stats';

describe('robust statistics', () => {
  it('quantiles interpolate between order statistics', () => {
    const v = Float64Array.from([4, 1, 3, 2, 5]);
    expect(median(v)).toBe(3);
    expect(quantile(v, 0.95)).toBeCloseTo(4.8, 12); // position 3.8 of 0..4
    expect(quantile(v, 0)).toBe(1);
    expect(quantile(v, 1)).toBe(5);
    expect(median([])).toBeNaN();
    // The caller's array keeps its order.
    expect(Array.from(v)).toEqual([4, 1, 3, 2, 5]);
  });

  it('MAD is the median distance to the median', () => {
    // Median 3; distances 2, 1, 0, 1, 97 → median 1.
    expect(mad([1, 2, 3, 4, 100])).toBe(1);
  });

  it('Theil–Sen: median of pairwise slopes, median intercept', () => {
    // Slopes 1, 2, 3 → 2; y - 2x = 0, -1, 0 → 0.
    expect(theilSen([0, 1, 2], [0, 1, 4])).toEqual({ intercept: 0, slope: 2 });
    // One wild point out of six does not tilt it.
    const line = theilSen([0, 1, 2, 3, 4, 5], [1, 3, 5, 7, 9, 1000]);
    expect(line.slope).toBe(2);
    expect(line.intercept).toBe(1);
  });

  it('weighted least squares; zero weights drop points', () => {
    expect(weightedLine([0, 1, 2], [1, 3, 5])).toEqual({ intercept: 1, slope: 2 });
    const w = weightedLine([0, 1, 2, 3], [1, 3, 5, 100], [1, 1, 1, 0]);
    expect(w.intercept).toBeCloseTo(1, 12);
    expect(w.slope).toBeCloseTo(2, 12);
  });

  it('Huber: an exact line for most points ignores the rest', () => {
    const x = Float64Array.from({ length: 10 }, (_, i) => i);
    const y = x.map(v => 1 + 2 * v);
    y[9] = 100;
    const h = huberLine(x, y);
    expect(h.intercept).toBeCloseTo(1, 12);
    expect(h.slope).toBeCloseTo(2, 12);
    expect(h.scale).toBeLessThan(1e-12);
    expect(h.weights[9]).toBe(0);
  });

  it('Huber: symmetric residuals within k scales leave least squares unchanged', () => {
    // Residuals ±0.1 alternate: MAD scale 0.148, all within 1.345 scales → weights 1 → OLS.
    const x = [0, 1, 2, 3, 4, 5, 6, 7];
    const y = x.map((v, i) => 3 + 0.5 * v + (i % 2 ? 0.1 : -0.1));
    const h = huberLine(x, y);
    const ols = weightedLine(x, y);
    expect(h.intercept).toBeCloseTo(ols.intercept, 12);
    expect(h.slope).toBeCloseTo(ols.slope, 12);
    expect(Array.from(h.weights).every(w => w === 1)).toBe(true);
  });
});
