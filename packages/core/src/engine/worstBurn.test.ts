import { worstBurnRate } from './worstBurn';

describe('worstBurnRate', () => {
  it('is the largest burn rate', () => {
    expect(worstBurnRate([0.5, 14.44, 2.5])).toBe(14.44);
    expect(worstBurnRate([0, 0])).toBe(0);
  });

  it('is null when no window had traffic', () => {
    expect(worstBurnRate([])).toBeNull();
    expect(worstBurnRate([null, undefined])).toBeNull();
  });

  it('leaves out what is not a measured number', () => {
    expect(worstBurnRate([null, 3, NaN, Infinity, -Infinity, 1])).toBe(3);
    expect(worstBurnRate([Infinity])).toBeNull();
  });
});
