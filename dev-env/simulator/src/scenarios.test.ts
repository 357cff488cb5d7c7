// The demo's promises, checked on the counters Prometheus would see, with the arithmetic an
// SRE would do by hand on the increases.

import { CounterClock, ServiceCounters } from './counters';
import { createContext, errorSharesAt, requestRate } from './model';
import { WORLD, findService } from './world';

// Wednesday 2026-11-25 09:16 UTC.
const ANCHOR = 1795598160;
const DAY = 86400;
const ctx = createContext(WORLD, 20260101, ANCHOR);
const index = (name: string) => WORLD.services.findIndex(s => s.name === name);

// Counters every minute over the last 30 days: one forward walk shared by every test.
const snapshots = new Map<number, ServiceCounters[]>();
beforeAll(() => {
  const clock = new CounterClock(ctx);
  for (let t = ANCHOR - 30 * DAY; t <= ANCHOR; t += 60) snapshots.set(t, clock.at(t));
}, 60_000);

const at = (service: string, t: number): ServiceCounters => {
  const all = snapshots.get(t);
  if (!all) throw new Error(`no snapshot at ${t}`);
  return all[index(service)]!;
};
const total = (c: ServiceCounters) => c.requests.reduce((a, b) => a + b, 0);
// STATUS_CODES order: 200, 429, 500, 503.
const errors = (c: ServiceCounters) => c.requests[2]! + c.requests[3]!;
const errorRatio = (service: string, from: number, to: number) =>
  (errors(at(service, to)) - errors(at(service, from))) /
  (total(at(service, to)) - total(at(service, from)));

describe('order-gateway: fast burn right now', () => {
  it('fails 5 % of requests over the last 5 minutes', () => {
    expect(errorRatio('order-gateway', ANCHOR - 300, ANCHOR)).toBeGreaterThan(0.045);
    expect(errorRatio('order-gateway', ANCHOR - 300, ANCHOR)).toBeLessThan(0.055);
  });

  it('burns more than 14.4 times a 99.9 % budget over 1 h and 5 m (the page fires)', () => {
    const pageRatio = 14.4 * (1 - 0.999); // 0.0144
    // 25 of the last 60 minutes at 5 %: about 0.05 * 25 / 60 = 0.021.
    expect(errorRatio('order-gateway', ANCHOR - 3600, ANCHOR)).toBeGreaterThan(pageRatio);
    expect(errorRatio('order-gateway', ANCHOR - 300, ANCHOR)).toBeGreaterThan(pageRatio);
  });

  it('was healthy an hour before', () => {
    expect(errorRatio('order-gateway', ANCHOR - 2 * 3600, ANCHOR - 3600)).toBeLessThan(0.001);
  });
});

describe('withdrawal-signer: slow burn over days', () => {
  it('has less than 10 % of its 30-day 99.9 % error budget left, but some', () => {
    const ratio = errorRatio('withdrawal-signer', ANCHOR - 30 * DAY, ANCHOR);
    const remaining = 1 - ratio / 0.001;
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThan(0.1);
  });

  it('burns above 3x over 1 day and 2 hours (ticket) but below 6x over 6 hours (no page)', () => {
    expect(errorRatio('withdrawal-signer', ANCHOR - DAY, ANCHOR)).toBeGreaterThan(0.003);
    expect(errorRatio('withdrawal-signer', ANCHOR - 7200, ANCHOR)).toBeGreaterThan(0.003);
    expect(errorRatio('withdrawal-signer', ANCHOR - 6 * 3600, ANCHOR)).toBeLessThan(0.006);
  });

  it('leaves 0-10 % of the budget whatever the weekday of the anchor', () => {
    // Expected values rather than counters: 5-minute rectangles of rate × error share.
    const service = findService('withdrawal-signer');
    for (let day = 0; day < 7; day++) {
      const anchor = ANCHOR + day * DAY;
      const shifted = createContext(WORLD, 20260101, anchor);
      let bad = 0;
      let all = 0;
      for (let t = anchor - 30 * DAY; t < anchor; t += 300) {
        const rate = requestRate(shifted, service, t + 150);
        const shares = errorSharesAt(shifted, service, t + 150);
        all += rate;
        bad += rate * (shares.internalError + shares.unavailable);
      }
      const remaining = 1 - bad / all / 0.001;
      expect(remaining).toBeGreaterThan(0);
      expect(remaining).toBeLessThan(0.1);
    }
  });
});

describe('the healthy services', () => {
  it('spend less than half of their 30-day budget', () => {
    for (const service of WORLD.services) {
      if (service.name === 'withdrawal-signer') continue;
      const objective = service.slos?.find(s => s.kind === 'availability')?.objective ?? 0.999;
      const spent = errorRatio(service.name, ANCHOR - 30 * DAY, ANCHOR) / (1 - objective);
      expect({ service: service.name, halfSpent: spent > 0.5 }).toEqual({
        service: service.name,
        halfSpent: false,
      });
    }
  });

  it('serve hundreds to a few thousand requests per second at the weekly peak', () => {
    for (const service of WORLD.services) {
      let peak = 0;
      for (let t = ANCHOR - 7 * DAY + 300; t <= ANCHOR; t += 300) {
        peak = Math.max(
          peak,
          (total(at(service.name, t)) - total(at(service.name, t - 300))) / 300,
        );
      }
      expect(peak).toBeGreaterThan(100);
      expect(peak).toBeLessThan(5000);
    }
  });

  it('grow week over week and dip at night', () => {
    const weekly = (from: number) =>
      total(at('order-gateway', from + 7 * DAY)) - total(at('order-gateway', from));
    const lastWeek = weekly(ANCHOR - 7 * DAY);
    const threeWeeksAgo = weekly(ANCHOR - 28 * DAY);
    // 3 % a week over three weeks: 1.03^3 = 1.093, give or take the noise.
    expect(lastWeek / threeWeeksAgo).toBeGreaterThan(1.05);
    expect(lastWeek / threeWeeksAgo).toBeLessThan(1.14);
    // Yesterday (Tuesday) 14:30 UTC against 05:30 UTC.
    const midnight = ANCHOR - (ANCHOR % DAY) - DAY;
    const rate = (t: number) =>
      (total(at('order-gateway', t)) - total(at('order-gateway', t - 300))) / 300;
    expect(rate(midnight + 14.5 * 3600) / rate(midnight + 5.5 * 3600)).toBeGreaterThan(2);
  });
});

describe('market-data: over-provisioned three times', () => {
  it('requests about 3x the p95 of its CPU use over the last week', () => {
    const md = findService('market-data');
    const cores: number[] = [];
    for (let t = ANCHOR - 7 * DAY + 300; t <= ANCHOR; t += 300) {
      cores.push((at(md.name, t).cpuSeconds - at(md.name, t - 300).cpuSeconds) / 300);
    }
    cores.sort((a, b) => a - b);
    const p95 = cores[Math.floor(0.95 * (cores.length - 1))]!;
    expect(md.cpu.requestCores / p95).toBeGreaterThan(2.7);
    expect(md.cpu.requestCores / p95).toBeLessThan(3.3);
  });
});

describe('ledger: latency near its threshold at the trading peak', () => {
  const shareUnder250 = (from: number, to: number) => {
    // LATENCY_BUCKETS: 0.05, 0.1, 0.25 — index 2 is the 250 ms bucket.
    const a = at('ledger', from);
    const b = at('ledger', to);
    return (b.buckets[2]! - a.buckets[2]!) / (b.durationCount - a.durationCount);
  };

  it('keeps 99.0-99.6 % under 250 ms in the worst 5 minutes of yesterday, above 99.9 % at night', () => {
    const midnight = ANCHOR - (ANCHOR % DAY) - DAY;
    let worst = 1;
    for (let t = midnight + 300; t <= midnight + DAY; t += 300)
      worst = Math.min(worst, shareUnder250(t - 300, t));
    expect(worst).toBeGreaterThan(0.99);
    expect(worst).toBeLessThan(0.996);
    expect(shareUnder250(midnight + 5 * 3600, midnight + 5 * 3600 + 300)).toBeGreaterThan(0.999);
  });
});

describe('card-issuing: a resource left running', () => {
  const hourly = (f: (c: ServiceCounters) => number, t: number) =>
    (f(at('card-issuing', t)) - f(at('card-issuing', t - 3600))) / 3600;

  it('burns about 6 more cores for the last 2 days with no more traffic', () => {
    const before = ANCHOR - 3 * DAY;
    const cpuNow = hourly(c => c.cpuSeconds, ANCHOR);
    const cpuBefore = hourly(c => c.cpuSeconds, before);
    expect(cpuNow - cpuBefore).toBeGreaterThan(5);
    expect(cpuNow - cpuBefore).toBeLessThan(7);
    const traffic = hourly(total, ANCHOR) / hourly(total, before);
    expect(traffic).toBeGreaterThan(0.8);
    expect(traffic).toBeLessThan(1.2);
    // Just before the start nothing had changed yet.
    expect(hourly(c => c.cpuSeconds, ANCHOR - 2 * DAY) - cpuBefore).toBeLessThan(1);
  });
});
