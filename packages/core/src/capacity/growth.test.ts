import { grownPeak } from './growth';

describe('grownPeak', () => {
  it('compounds a monthly growth', () => {
    expect(grownPeak(100, 0.5, 3)).toBeCloseTo(337.5, 10);
    expect(grownPeak(100, -0.5, 1)).toBeCloseTo(50, 10);
    expect(grownPeak(100, 0.1, 0)).toBe(100);
  });

  it('discounts a future peak back over negative months', () => {
    expect(grownPeak(121, 0.1, -2)).toBeCloseTo(100, 10);
    expect(grownPeak(grownPeak(80, 0.07, 5), 0.07, -5)).toBeCloseTo(80, 10);
  });
});
