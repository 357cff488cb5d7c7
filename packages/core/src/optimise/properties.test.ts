import fc from 'fast-check';
import { parseMoney } from '../cost/decimal';
import { krrSimple, kubecostLike, vpaLike, type PodUsage } from './baselines';
import {
  allowedActions,
  proposeRecommendation,
  transitionRecommendation,
  type RecommendationAction,
} from './lifecycle';
import { hourlyProfile } from './profile';
import { recommendRightSizing } from './rightsize';
import { diurnal, GIB, MIB, START, workload } from './test-factory';
import { verifySaving } from './verify';

const pods = fc
  .record({
    n: fc.integer({ min: 100, max: 400 }),
    pods: fc.integer({ min: 1, max: 4 }),
    seed: fc.integer({ min: 0, max: 1e6 }),
    scale: fc.double({ min: 0.05, max: 8, noNaN: true }),
  })
  .map(({ n, pods, seed, scale }): PodUsage => {
    let a = seed + 1;
    const next = () => (a = (a * 16807) % 2147483647) / 2147483647;
    const timestamps = Float64Array.from({ length: n }, (_, i) => START + i * 300);
    return {
      timestamps,
      cpuCores: Array.from({ length: pods }, () =>
        Float64Array.from({ length: n }, () => scale * next()),
      ),
      memoryBytes: Array.from({ length: pods }, () =>
        Float64Array.from({ length: n }, () => (200 + 800 * next()) * MIB),
      ),
    };
  });

describe('baselines (properties)', () => {
  it('KRR covers every pod’s p95 and the largest memory + 15 %; VPA target sits between its bounds', () => {
    fc.assert(
      fc.property(pods, u => {
        const k = krrSimple(u);
        let p95 = -Infinity;
        for (const s of u.cpuCores) {
          const sorted = Float64Array.from(s).sort();
          const pos = 0.95 * (sorted.length - 1);
          const lo = Math.floor(pos);
          p95 = Math.max(
            p95,
            sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (pos - lo),
          );
        }
        expect(k.cpu.request!).toBeGreaterThanOrEqual(p95);
        expect(k.cpu.request!).toBeLessThanOrEqual(Math.max(0.01, p95 + 0.001));
        let max = 0;
        for (const s of u.memoryBytes) for (const v of s) max = Math.max(max, v);
        expect(k.memory.request!).toBeGreaterThanOrEqual(max * 1.15);
        expect(k.memory.request!).toBeLessThan(max * 1.15 + MIB);
        const v = vpaLike(u);
        expect(v.bounds!.lower.cpu).toBeLessThanOrEqual(v.cpu.request!);
        expect(v.cpu.request!).toBeLessThanOrEqual(v.bounds!.upper.cpu);
        expect(v.bounds!.lower.memory).toBeLessThanOrEqual(v.memory.request!);
        expect(v.memory.request!).toBeLessThanOrEqual(v.bounds!.upper.memory);
        // Kubecost's max / 0.7 is above KRR's p95 whenever KRR is above its floor.
        expect(kubecostLike(u).cpu.request!).toBeGreaterThanOrEqual(k.cpu.request! - 0.001);
      }),
      { numRuns: 60 },
    );
  });
});

describe('hourlyProfile (properties)', () => {
  it('every hour inside a window is low, and windows are long enough and disjoint', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 24, maxLength: 24 }),
        fc.double({ min: 0.1, max: 0.9, noNaN: true }),
        fc.integer({ min: 1, max: 6 }),
        (hours, lowFraction, minWindowHours) => {
          const n = 24 * 4;
          const timestamps = Float64Array.from({ length: n }, (_, i) => START + i * 3600);
          const values = Float64Array.from({ length: n }, (_, i) => hours[i % 24]!);
          const p = hourlyProfile(timestamps, values, { lowFraction, minWindowHours })!;
          const covered = new Set<number>();
          for (const w of p.windows) {
            expect(w.hours).toBeGreaterThanOrEqual(minWindowHours);
            for (let k = 0; k < w.hours; k++) {
              const bin = (w.startBin + k) % 24;
              expect(hours[bin]!).toBeLessThanOrEqual(lowFraction * p.peak + 1e-9);
              expect(covered.has(bin)).toBe(false);
              covered.add(bin);
            }
          }
          // The busiest hour is never in a window (with no load at all there are no windows).
          expect(covered.has(p.peakBin)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('recommendRightSizing (properties)', () => {
  it('never recommends less than the capacity model needs at the forecast peak, at any scale', () => {
    fc.assert(
      fc.property(
        fc.record({
          scale: fc.double({ min: 0.2, max: 20, noNaN: true }),
          over: fc.double({ min: 0.3, max: 5, noNaN: true }),
          replicas: fc.integer({ min: 1, max: 20 }),
          seed: fc.integer({ min: 1, max: 1000 }),
          strategy: fc.constantFrom('requests' as const, 'replicas' as const),
        }),
        ({ scale, over, replicas, seed, strategy }) => {
          const w = workload({
            days: 8,
            stepSeconds: 900,
            shape: diurnal(100 * scale, 0.5),
            cpuBase: 0.1 * scale,
            cpuPer: 0.01,
            memBase: GIB * scale,
            memPer: MIB,
            seed,
          });
          const peakCpu = 0.1 * scale + 0.01 * 150 * scale;
          const r = recommendRightSizing({
            ...w,
            current: {
              replicas,
              cpuRequest: (over * peakCpu) / replicas,
              memRequest: (over * 1.2 * GIB * scale) / replicas,
            },
            pricing: {
              kind: 'unit-prices',
              cpuCoreHour: 0.03,
              memoryGiBHour: 0.004,
              currency: 'USD',
            },
            strategy,
            schedule: false,
          });
          const a = r.recommended;
          if (r.action !== 'hold') {
            expect(a.cpuRequest * a.replicas).toBeGreaterThanOrEqual(r.needed.cpuCores - 1e-9);
            expect(a.memRequest * a.replicas).toBeGreaterThanOrEqual(r.needed.memoryBytes - 1);
          } else {
            // Held: the current allocation already covers the need.
            expect(a).toEqual(r.current);
          }
          // The promise matches the allocation change at the given prices.
          const cpu =
            (r.current.cpuRequest * r.current.replicas - a.cpuRequest * a.replicas) * 0.03 * 730;
          const mem =
            ((r.current.memRequest * r.current.replicas - a.memRequest * a.replicas) / GIB) *
            0.004 *
            730;
          expect(r.savingBreakdown.cpu).toBeCloseTo(cpu, 6);
          expect(r.savingBreakdown.memory).toBeCloseTo(mem, 6);
        },
      ),
      { numRuns: 12 },
    );
  }, 60_000);
});

describe('verifySaving (properties)', () => {
  const money = fc.integer({ min: 1, max: 1e7 }).map(c => parseMoney((c / 100).toFixed(2))!);
  it('is unchanged when both periods count the driver in another unit, and equals the raw saving at equal volume and length', () => {
    fc.assert(
      fc.property(
        money,
        money,
        fc.double({ min: 1, max: 1e9, noNaN: true }),
        fc.double({ min: 1, max: 1e9, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (c0, c1, d0, d1, unit) => {
          const seconds = 86400 * 30;
          const base = verifySaving({
            before: { cost: c0, driver: d0, seconds },
            after: { cost: c1, driver: d1, seconds },
            promisedMonthlySaving: 0n,
          });
          const scaled = verifySaving({
            before: { cost: c0, driver: d0 * unit, seconds },
            after: { cost: c1, driver: d1 * unit, seconds },
            promisedMonthlySaving: 0n,
          });
          expect(
            Number(scaled.realisedMonthlySaving - base.realisedMonthlySaving),
          ).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(Number(base.realisedMonthlySaving))));
          const same = verifySaving({
            before: { cost: c0, driver: d0, seconds },
            after: { cost: c1, driver: d0, seconds },
            promisedMonthlySaving: 0n,
          });
          expect(
            Math.abs(Number(same.realisedMonthlySaving - same.rawMonthlySaving)),
          ).toBeLessThanOrEqual(Number(parseMoney('0.00001')!));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('lifecycle (properties)', () => {
  const action = fc.oneof(
    fc.constant<RecommendationAction['type']>('accept'),
    fc.constant<RecommendationAction['type']>('reject'),
    fc.constant<RecommendationAction['type']>('apply'),
    fc.constant<RecommendationAction['type']>('verify'),
    fc.constant<RecommendationAction['type']>('rollback'),
  );
  const verification = verifySaving({
    before: { cost: 10n, driver: 1, seconds: 1 },
    after: { cost: 5n, driver: 1, seconds: 1 },
    promisedMonthlySaving: 1n,
  });
  it('an action succeeds exactly when the state allows it, and history only grows in time', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(action, fc.integer({ min: 0, max: 5 })), { maxLength: 12 }),
        steps => {
          let s = proposeRecommendation('p', 0);
          let t = 0;
          for (const [type, dt] of steps) {
            t += dt;
            const a: RecommendationAction =
              type === 'verify'
                ? { type, at: t, verification }
                : type === 'reject'
                  ? { type, at: t, by: 'x', reason: 'r' }
                  : { type, at: t, by: 'x' };
            const allowed = allowedActions(s).includes(type);
            if (allowed) {
              const next = transitionRecommendation(s, a);
              expect(next.history).toHaveLength(s.history.length + 1);
              s = next;
            } else {
              expect(() => transitionRecommendation(s, a)).toThrow(/cannot/);
            }
          }
          for (let i = 1; i < s.history.length; i++) {
            expect(s.history[i]!.at).toBeGreaterThanOrEqual(s.history[i - 1]!.at);
          }
          expect(s.history[s.history.length - 1]!.status).toBe(s.status);
        },
      ),
      { numRuns: 300 },
    );
  });
});
