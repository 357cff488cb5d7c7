import { gaussian, seededRandom } from './random';

describe('seeded random numbers', () => {
  it('repeat for a seed and differ between seeds', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    // Pinned: every recorded synthetic figure depends on this exact sequence.
    expect(xs[0]).toBeCloseTo(0.6011037519201636, 15);
  });

  it('draw normals with mean 0 and variance 1', () => {
    const g = gaussian(seededRandom(7));
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const x = g();
      sum += x;
      sq += x * x;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.01);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.01);
  });
});
