import { fitResourceModel } from './fit';
import { gaussian, rng } from './test-factory';
import { weightedLine } from './stats';

/** driver uniform in [lo, hi], usage = baseline + perUnit × driver + sigma × N(0,1). */
function linearWorkload(o: {
  n: number;
  baseline: number;
  perUnit: number;
  sigma: number;
  lo?: number;
  hi?: number;
  seed: number;
}): { driver: Float64Array; usage: Float64Array } {
  const u = rng(o.seed);
  const g = gaussian(rng(o.seed + 1));
  const lo = o.lo ?? 100;
  const hi = o.hi ?? 1000;
  const driver = new Float64Array(o.n);
  const usage = new Float64Array(o.n);
  for (let i = 0; i < o.n; i++) {
    driver[i] = lo + (hi - lo) * u();
    usage[i] = o.baseline + o.perUnit * driver[i]! + o.sigma * g();
  }
  return { driver, usage };
}

describe('fitResourceModel', () => {
  it('recovers an exact line', () => {
    // usage = 0.5 + 0.002 × driver at driver 100, 200, …, 4000.
    const driver = Float64Array.from({ length: 40 }, (_, i) => 100 * (i + 1));
    const usage = driver.map(d => 0.5 + 0.002 * d);
    const fit = fitResourceModel(driver, usage);
    expect(fit.baseline).toBeCloseTo(0.5, 10);
    expect(fit.perUnit).toBeCloseTo(0.002, 12);
    expect(fit.rSquared).toBeCloseTo(1, 12);
    expect(fit.n).toBe(40);
    expect(fit.quality).toBe('good');
    expect(fit.reasons).toEqual([]);
  });

  it('linear with Gaussian noise: baseline and per-unit cost within 5 %, sigma within 10 %', () => {
    // 0.4 cores idle + 1.5 millicores per request/s, noise sigma 0.05 cores, 2,000 samples.
    const { driver, usage } = linearWorkload({
      n: 2000,
      baseline: 0.4,
      perUnit: 0.0015,
      sigma: 0.05,
      seed: 7,
    });
    const fit = fitResourceModel(driver, usage);
    expect(Math.abs(fit.baseline / 0.4 - 1)).toBeLessThan(0.05);
    expect(Math.abs(fit.perUnit / 0.0015 - 1)).toBeLessThan(0.05);
    expect(Math.abs(fit.residuals.sigma / 0.05 - 1)).toBeLessThan(0.1);
    // Gaussian p95 = 1.645 sigma, p99 = 2.326 sigma.
    expect(fit.residuals.p95).toBeGreaterThan(0.9 * 1.645 * 0.05);
    expect(fit.residuals.p95).toBeLessThan(1.1 * 1.645 * 0.05);
    expect(fit.residuals.p99).toBeGreaterThan(0.85 * 2.326 * 0.05);
    expect(fit.residuals.p99).toBeLessThan(1.15 * 2.326 * 0.05);
    // Explained variance: var(perUnit × driver) = (0.0015 × 900)² / 12 = 0.151875, noise 0.0025.
    expect(fit.rSquared).toBeCloseTo(0.151875 / (0.151875 + 0.0025), 2);
    expect(fit.quality).toBe('good');
    expect(fit.structuralBreak).toBeNull();
  });

  it('5 % gross outliers barely move the robust fit, unlike least squares', () => {
    const { driver, usage } = linearWorkload({
      n: 1000,
      baseline: 0.4,
      perUnit: 0.0015,
      sigma: 0.05,
      seed: 11,
    });
    // Every 20th sample spikes by +2 cores (40 sigma): GC pauses, a noisy neighbour.
    for (let i = 0; i < usage.length; i += 20) usage[i] = usage[i]! + 2;
    const fit = fitResourceModel(driver, usage);
    const ols = weightedLine(driver, usage);
    // Least squares lifts the baseline by about 5 % × 2 = 0.1 cores (25 %).
    expect(ols.intercept - 0.4).toBeGreaterThan(0.07);
    expect(Math.abs(fit.baseline / 0.4 - 1)).toBeLessThan(0.05);
    expect(Math.abs(fit.perUnit / 0.0015 - 1)).toBeLessThan(0.05);
    expect(fit.quality).toBe('good');
    // The 50 spikes, plus the few Gaussian points beyond 3 sigma (0.27 % of 950, about 3).
    const outliers = Number(
      /^(\d+) of 1000 points .* lie beyond 3 robust sigmas/.exec(fit.notes[0]!)?.[1],
    );
    expect(outliers).toBeGreaterThanOrEqual(50);
    expect(outliers).toBeLessThanOrEqual(60);
  });

  it('skips NaN pairs', () => {
    const driver = Float64Array.from([1, 2, NaN, 4, 5, 6]);
    const usage = Float64Array.from([3, 5, 7, NaN, 11, Infinity]);
    const fit = fitResourceModel(driver, usage, { minPoints: 3 });
    // Valid pairs (1,3), (2,5), (5,11): usage = 1 + 2 × driver.
    expect(fit.n).toBe(3);
    expect(fit.baseline).toBeCloseTo(1, 12);
    expect(fit.perUnit).toBeCloseTo(2, 12);
  });

  it('a step change in the relation is detected and the fit flagged poor', () => {
    // First 60 %: 0.4 + 0.0015/unit. Then a release doubles the per-unit cost and adds 0.2 idle.
    const { driver, usage } = linearWorkload({
      n: 1000,
      baseline: 0.4,
      perUnit: 0.0015,
      sigma: 0.05,
      seed: 3,
    });
    const g = gaussian(rng(99));
    for (let i = 600; i < 1000; i++) usage[i] = 0.6 + 0.003 * driver[i]! + 0.05 * g();
    const fit = fitResourceModel(driver, usage);
    expect(fit.quality).toBe('poor');
    const b = fit.structuralBreak!;
    expect(b).not.toBeNull();
    expect(Math.abs(b.index - 600)).toBeLessThanOrEqual(10);
    expect(b.before.perUnit).toBeCloseTo(0.0015, 3);
    expect(b.after.perUnit).toBeCloseTo(0.003, 3);
    expect(Math.abs(b.after.baseline / 0.6 - 1)).toBeLessThan(0.1);
    expect(fit.reasons.some(r => r.startsWith(`the relation changed at sample ${b.index}`))).toBe(
      true,
    );
  });

  it('heavy noise is flagged poor with the robust R² in the reason', () => {
    // Noise sigma 0.5 cores against a driver effect spanning 0.135 cores.
    const { driver, usage } = linearWorkload({
      n: 1000,
      baseline: 2,
      perUnit: 0.00015,
      sigma: 0.5,
      seed: 5,
    });
    const fit = fitResourceModel(driver, usage);
    expect(fit.quality).toBe('poor');
    expect(fit.robustRSquared).toBeLessThan(0.6);
    expect(fit.reasons[0]).toMatch(/^the driver explains only .* \(robust R² .* < 0\.6\)/);
  });

  it('flat usage is good with a note, not poor', () => {
    // Memory: 1.2 GiB whatever the load, 1 % noise.
    const { driver, usage } = linearWorkload({
      n: 500,
      baseline: 1.2,
      perUnit: 0,
      sigma: 0.012,
      seed: 8,
    });
    const fit = fitResourceModel(driver, usage);
    expect(fit.quality).toBe('good');
    expect(Math.abs(fit.baseline / 1.2 - 1)).toBeLessThan(0.01);
    expect(fit.notes.some(n => n.startsWith('usage is flat'))).toBe(true);
  });

  it('too narrow a driver range and too few points', () => {
    const narrow = linearWorkload({
      n: 200,
      baseline: 0.4,
      perUnit: 0.0015,
      sigma: 0.01,
      lo: 990,
      hi: 1010,
      seed: 2,
    });
    const fit = fitResourceModel(narrow.driver, narrow.usage);
    expect(fit.quality).toBe('poor');
    expect(fit.reasons.some(r => r.startsWith('the driver varies too little'))).toBe(true);

    const few = linearWorkload({ n: 12, baseline: 0.4, perUnit: 0.0015, sigma: 0.01, seed: 2 });
    const small = fitResourceModel(few.driver, few.usage);
    expect(small.quality).toBe('insufficient');
    expect(small.reasons[0]).toBe('only 12 valid (driver, usage) pairs; at least 30 are needed');
    expect(Number.isFinite(small.perUnit)).toBe(true);

    const constant = fitResourceModel(new Float64Array(50).fill(300), new Float64Array(50).fill(1));
    expect(constant.quality).toBe('insufficient');
    expect(constant.reasons[0]).toMatch(/^the driver is constant \(300\)/);
    expect(constant.baseline).toBeNaN();
  });

  it('heteroscedastic residuals are flagged and the high-driver spread is reported', () => {
    // Noise proportional to load: sigma = 10 % of the per-unit part.
    const u = rng(21);
    const g = gaussian(rng(22));
    const driver = new Float64Array(1500);
    const usage = new Float64Array(1500);
    for (let i = 0; i < 1500; i++) {
      driver[i] = 100 + 900 * u();
      usage[i] = 0.2 + 0.002 * driver[i]! * (1 + 0.1 * g());
    }
    const fit = fitResourceModel(driver, usage);
    expect(fit.spreadRatio).toBeGreaterThan(2);
    expect(fit.quality).toBe('poor');
    expect(fit.highDriverResiduals.sigma).toBeGreaterThan(1.5 * fit.residuals.sigma);
    expect(fit.reasons.some(r => r.includes('heteroscedastic'))).toBe(true);
  });

  it('rejects arrays of different lengths, naming both', () => {
    expect(() => fitResourceModel(new Float64Array(3), new Float64Array(4))).toThrow(
      'fitResourceModel: usage has 4 values but driver has 3',
    );
  });
});
