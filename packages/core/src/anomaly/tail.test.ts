import { erfc, normalUpperTail, twoSidedSurprise, upperSurprise } from './tail';

describe('normal tails', () => {
  // Reference values: Python's math.erfc.
  it.each([
    [0, 1.0],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [2, 0.004677734981047265],
    [5, 1.5374597944280351e-12],
    [10, 2.088487583762545e-45],
  ])('erfc(%d) to 1.2e-7 relative', (x, want) => {
    expect(Math.abs(erfc(x) / want - 1)).toBeLessThan(1.2e-7);
    expect(Math.abs(erfc(-x) - (2 - want))).toBeLessThan(1.2e-7 * want + 1e-15);
  });

  it('surprises in decimal digits: z = 3 two-sided 2.5687, one-sided 2.8697; z = −1 one-sided 0.0750', () => {
    expect(twoSidedSurprise(3)).toBeCloseTo(2.5686690402653873, 6);
    expect(twoSidedSurprise(-3)).toBeCloseTo(2.5686690402653873, 6);
    expect(upperSurprise(3)).toBeCloseTo(2.8696990359293686, 6);
    expect(upperSurprise(-1)).toBeCloseTo(0.07502601295781802, 6);
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 7);
  });

  it('stays finite far in the tail where the probability underflows', () => {
    // P(|Z| > 40) ≈ 7.3e-350, below the smallest double; its log is still exact enough.
    expect(twoSidedSurprise(40)).toBeGreaterThan(349);
    expect(twoSidedSurprise(40)).toBeLessThan(350);
  });
});
