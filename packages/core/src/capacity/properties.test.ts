import fc from 'fast-check';
import { fitResourceModel } from './fit';
import { forecastPeak } from './forecast';
import { recommendCapacity } from './recommend';
import { gaussian, rng, weeklyTraffic } from './test-factory';

/** A linear workload with Gaussian noise and a few spikes, drawn from a seed. */
const workload = fc
  .record({
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    n: fc.integer({ min: 40, max: 300 }),
    baseline: fc.double({ min: 0, max: 10, noNaN: true }),
    perUnit: fc.double({ min: 0, max: 0.01, noNaN: true }),
    sigma: fc.double({ min: 0.001, max: 1, noNaN: true }),
    spikes: fc.integer({ min: 0, max: 5 }),
  })
  .map(p => {
    const u = rng(p.seed);
    const g = gaussian(rng(p.seed ^ 0x5bd1e995));
    const driver = new Float64Array(p.n);
    const usage = new Float64Array(p.n);
    for (let i = 0; i < p.n; i++) {
      driver[i] = 10 + 990 * u();
      usage[i] = p.baseline + p.perUnit * driver[i]! + p.sigma * g();
    }
    for (let s = 0; s < p.spikes; s++) {
      const i = Math.floor(u() * p.n);
      usage[i] = usage[i]! + 20 * p.sigma;
    }
    return { driver, usage };
  });

const factor = fc.double({ min: 0.01, max: 100, noNaN: true });

function close(a: number, b: number, scale: number): void {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-6 * (Math.abs(scale) + 1e-12));
}

describe('fitResourceModel (properties)', () => {
  it('scaling usage by c scales the baseline, the per-unit cost and the residuals by c', () => {
    fc.assert(
      fc.property(workload, factor, ({ driver, usage }, c) => {
        const a = fitResourceModel(driver, usage);
        const b = fitResourceModel(
          driver,
          usage.map(x => c * x),
        );
        const level = Math.abs(a.baseline) + Math.abs(a.perUnit) * 1000 + a.residuals.sigma;
        close(b.baseline, c * a.baseline, c * level);
        close(b.perUnit * 1000, c * a.perUnit * 1000, c * level);
        close(b.residuals.sigma, c * a.residuals.sigma, c * level);
        close(b.residuals.p95, c * a.residuals.p95, c * level);
        expect(b.quality).toBe(a.quality);
      }),
    );
  });

  it('scaling the driver by c divides the per-unit cost by c and keeps the baseline', () => {
    fc.assert(
      fc.property(workload, factor, ({ driver, usage }, c) => {
        const a = fitResourceModel(driver, usage);
        const b = fitResourceModel(
          driver.map(x => c * x),
          usage,
        );
        const level = Math.abs(a.baseline) + Math.abs(a.perUnit) * 1000 + a.residuals.sigma;
        close(b.baseline, a.baseline, level);
        close(b.perUnit * c * 1000, a.perUnit * 1000, level);
      }),
    );
  });

  it('adding k to usage adds k to the baseline only', () => {
    fc.assert(
      fc.property(workload, fc.double({ min: -5, max: 5, noNaN: true }), ({ driver, usage }, k) => {
        const a = fitResourceModel(driver, usage);
        const b = fitResourceModel(
          driver,
          usage.map(x => x + k),
        );
        const level =
          Math.abs(a.baseline) + Math.abs(k) + Math.abs(a.perUnit) * 1000 + a.residuals.sigma;
        close(b.baseline, a.baseline + k, level);
        close(b.perUnit * 1000, a.perUnit * 1000, level);
      }),
    );
  });

  it('the coefficients do not depend on the order of the samples', () => {
    fc.assert(
      fc.property(workload, ({ driver, usage }) => {
        const a = fitResourceModel(driver, usage);
        const b = fitResourceModel(driver.slice().reverse(), usage.slice().reverse());
        const level = Math.abs(a.baseline) + Math.abs(a.perUnit) * 1000 + a.residuals.sigma;
        close(b.baseline, a.baseline, level);
        close(b.perUnit * 1000, a.perUnit * 1000, level);
      }),
    );
  });
});

describe('forecastPeak (properties)', () => {
  it('scaling the driver by c scales the peak and the band by c', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), factor, (seed, c) => {
        const h = weeklyTraffic({
          start: 1704067200,
          days: 15,
          stepSeconds: 1800,
          base: 100,
          growthPerDay: 2,
          dailyAmplitude: 0.4,
          weekendFactor: 0.7,
          noise: 0.05,
          seed,
        });
        const a = forecastPeak(h.timestamps, h.values, { horizonSeconds: 3 * 86400 });
        const b = forecastPeak(
          h.timestamps,
          h.values.map(x => c * x),
          { horizonSeconds: 3 * 86400 },
        );
        expect(b.seasonality).toBe(a.seasonality);
        close(b.peak, c * a.peak, c * a.peak);
        close(b.upper, c * a.upper, c * a.upper);
        expect(b.peakAt).toBe(a.peakAt);
      }),
      { numRuns: 30 },
    );
  });
});

describe('recommendCapacity (properties)', () => {
  it('needed × utilisation = usage at peak + margin; more peak or less utilisation never needs less', () => {
    fc.assert(
      fc.property(
        workload,
        fc.double({ min: 0, max: 5000, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        ({ driver, usage }, peak, band, target) => {
          const fit = fitResourceModel(driver, usage);
          fc.pre(fit.perUnit >= 0);
          const forecast = forecastPeak(
            Float64Array.from([0, 86400]),
            Float64Array.from([peak, peak]),
            { horizonSeconds: 86400 },
          );
          const at = (p: number, t: number) =>
            recommendCapacity({
              fit,
              forecast: { ...forecast, peak: p, upper: p * (1 + band) },
              unit: 'cores',
              targetUtilisation: t,
            });
          const r = at(peak, target);
          const total = r.components.usageAtPeak + r.components.margin;
          if (total > 0) close(r.needed * r.components.utilisation, total, total);
          expect(at(peak * 1.1 + 1, target).needed).toBeGreaterThanOrEqual(r.needed);
          expect(at(peak, target * 0.9).needed).toBeGreaterThanOrEqual(r.needed);
        },
      ),
    );
  });
});
