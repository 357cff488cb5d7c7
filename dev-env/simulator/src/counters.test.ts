import { CounterClock, completedSteps, countersAt } from './counters';
import {
  STEP_SECONDS,
  ServiceCounters,
  addStep,
  createContext,
  epochOf,
  zeroCounters,
} from './model';
import { WORLD, findService } from './world';

// Wednesday 2026-11-25 09:16 UTC.
const ANCHOR = 1795598160;
// One service keeps these mechanics tests fast; the world-wide ones live in scenarios.test.ts.
const orderGateway = findService('order-gateway');
const small = { ...WORLD, services: [orderGateway] };
const ctx = createContext(small, 7, ANCHOR);

const flatten = (c: ServiceCounters): number[] => [
  ...c.requests,
  ...c.buckets,
  c.durationCount,
  c.durationSum,
  c.cpuSeconds,
  ...c.drivers,
];

describe('counters', () => {
  it('count a step only once it has finished', () => {
    const epoch = epochOf(ctx);
    expect(completedSteps(ctx, epoch)).toBe(0);
    expect(completedSteps(ctx, epoch + STEP_SECONDS - 0.001)).toBe(0);
    expect(completedSteps(ctx, epoch + STEP_SECONDS)).toBe(1);
    expect(completedSteps(ctx, epoch + 10 * STEP_SECONDS + 7)).toBe(10);
    expect(() => completedSteps(ctx, epoch - 1)).toThrow(/before the simulation epoch/);
  });

  it('are a pure function of the time: walking forward, backward or fresh gives the same values', () => {
    const clock = new CounterClock(ctx);
    const later = clock.at(ANCHOR);
    const earlier = clock.at(ANCHOR - 3 * 86400 + 7);
    expect(flatten(countersAt(ctx, ANCHOR)[0]!)).toEqual(flatten(later[0]!));
    expect(flatten(countersAt(ctx, ANCHOR - 3 * 86400 + 7)[0]!)).toEqual(flatten(earlier[0]!));
    // A different seed is a different world.
    const other = countersAt(createContext(small, 8, ANCHOR), ANCHOR)[0]!;
    expect(other.requests[0]).not.toBe(later[0]!.requests[0]);
  });

  it('never decrease, through the fast-burn spike included', () => {
    const clock = new CounterClock(ctx);
    let previous = flatten(clock.at(ANCHOR - 6 * 3600)[0]!);
    for (let t = ANCHOR - 6 * 3600 + 60; t <= ANCHOR + 3600; t += 60) {
      const current = flatten(clock.at(t)[0]!);
      current.forEach((value, i) => expect(value).toBeGreaterThanOrEqual(previous[i]!));
      previous = current;
    }
  });

  it('keep the histogram consistent with the requests counter in every step', () => {
    const start = completedSteps(ctx, ANCHOR - 3600);
    for (let step = start; step < start + 240; step++) {
      const c = zeroCounters(orderGateway);
      addStep(ctx, orderGateway, step, c);
      const requests = c.requests.reduce((a, b) => a + b, 0);
      expect(c.buckets[c.buckets.length - 1]).toBe(c.durationCount);
      expect(c.durationCount).toBe(requests);
      for (let b = 1; b < c.buckets.length; b++) {
        expect(c.buckets[b]!).toBeGreaterThanOrEqual(c.buckets[b - 1]!);
      }
      // order-gateway's mean latency is tens of milliseconds.
      expect(c.durationSum / c.durationCount).toBeGreaterThan(0.01);
      expect(c.durationSum / c.durationCount).toBeLessThan(0.1);
    }
  });
});
