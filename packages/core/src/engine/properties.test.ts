import fc from 'fast-check';
import { budgetStatus } from './budget';
import { budgetRatio, burnRate } from './burnrate';
import { prepareSeries, windowCounts } from './series';
import type { CounterSamples } from './types';

/**
 * Random counters: integer steps (so sums are exact), good never ahead of total within a step,
 * occasional restarts, gaps in time and NaN samples.
 */
const counterSamples = fc
  .array(
    fc.record({
      dt: fc.integer({ min: 1, max: 120 }),
      total: fc.integer({ min: 0, max: 1000 }),
      badShare: fc.double({ min: 0, max: 1, noNaN: true }),
      restart: fc.boolean(),
      missing: fc.constantFrom(false, false, false, false, true),
    }),
    { minLength: 1, maxLength: 60 },
  )
  .map(steps => {
    const n = steps.length;
    const s: CounterSamples = {
      timestamps: new Float64Array(n),
      events: new Float64Array(n),
      total: new Float64Array(n),
      kind: 'good',
    };
    let t = 1000;
    let good = 0;
    let total = 0;
    steps.forEach((step, i) => {
      t += step.dt;
      const bad = Math.floor(step.total * step.badShare);
      if (step.restart) {
        good = 0;
        total = 0;
      }
      good += step.total - bad;
      total += step.total;
      s.timestamps[i] = t;
      s.events[i] = step.missing ? NaN : good;
      s.total[i] = step.missing ? NaN : total;
    });
    return s;
  });

const instant = fc.integer({ min: 900, max: 9000 });

describe('window counts (property)', () => {
  it('(a,b] + (b,c] = (a,c]', () => {
    fc.assert(
      fc.property(counterSamples, instant, instant, instant, (samples, x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        const s = prepareSeries(samples);
        const left = windowCounts(s, a, b);
        const right = windowCounts(s, b, c);
        const whole = windowCounts(s, a, c);
        expect(left.total + right.total).toBe(whole.total);
        expect(left.bad + right.bad).toBe(whole.bad);
      }),
    );
  });

  it('a window counts no more than a window containing it', () => {
    fc.assert(
      fc.property(counterSamples, instant, instant, instant, instant, (samples, ...ts) => {
        const [a, b, c, d] = ts.sort((p, q) => p - q) as [number, number, number, number];
        const s = prepareSeries(samples);
        const inner = windowCounts(s, b, c);
        const outer = windowCounts(s, a, d);
        expect(inner.total).toBeLessThanOrEqual(outer.total);
        expect(inner.bad).toBeLessThanOrEqual(outer.bad);
        expect(inner.bad).toBeLessThanOrEqual(inner.total);
        expect(inner.bad).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('budgets and burn rates (property)', () => {
  const objective = fc.double({ min: 0.5, max: 0.99999, noNaN: true });

  it('consumed + remaining = 1 and consumed + remaining events = allowed events', () => {
    fc.assert(
      fc.property(
        objective,
        fc.integer({ min: 1, max: 1e9 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (target, total, share) => {
          const b = budgetStatus(target, Math.floor(total * share), total);
          expect(b.consumed! + b.remaining!).toBeCloseTo(1, 9);
          expect(b.consumedEvents + b.remainingEvents).toBeCloseTo(b.totalEvents, 6);
          expect(b.totalEvents).toBeCloseTo(budgetRatio(target) * total, 6);
        },
      ),
    );
  });

  it('a burn rate does not change when all traffic is scaled', () => {
    fc.assert(
      fc.property(
        counterSamples,
        objective,
        fc.integer({ min: 2, max: 1000 }),
        instant,
        fc.integer({ min: 1, max: 5000 }),
        (samples, target, k, at, w) => {
          const scaled: CounterSamples = {
            ...samples,
            events: samples.events.map(v => v * k),
            total: samples.total.map(v => v * k),
          };
          const a = burnRate(prepareSeries(samples), at, w, target);
          const b = burnRate(prepareSeries(scaled), at, w, target);
          if (a === null) expect(b).toBeNull();
          else expect(b).toBeCloseTo(a, 9);
        },
      ),
    );
  });
});
