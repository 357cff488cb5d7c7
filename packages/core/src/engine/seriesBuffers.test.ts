import fc from 'fast-check';
import {
  createSeriesBuffers,
  lastIndexAtOrBefore,
  lastIndexAtOrBeforeFrom,
  prepareSeries,
} from './series';
import type { CounterSamples } from './types';

/**
 * The counter semantics written the plain way (as documented in series.ts), to check the fused
 * fast path against: valid samples are finite and >= 0; a drop is a restart from zero.
 */
function referencePrefixes(s: CounterSamples): { bad: number[]; total: number[] } {
  const valid = (v: number) => Number.isFinite(v) && v >= 0;
  const bad: number[] = [];
  const total: number[] = [];
  let lastT: number | undefined;
  let lastE: number | undefined;
  let sumT = 0;
  let sumE = 0;
  let env = 0;
  let prevSumT = 0;
  for (let i = 0; i < s.timestamps.length; i++) {
    const v = s.total[i]!;
    if (valid(v)) {
      if (lastT !== undefined) sumT += v >= lastT ? v - lastT : v;
      lastT = v;
    }
    const e = s.events[i]!;
    if (valid(e)) {
      if (lastE !== undefined) sumE += e >= lastE ? e - lastE : e;
      lastE = e;
    }
    env = s.kind === 'good' ? Math.max(env, sumT - sumE) : Math.min(sumE, env + (sumT - prevSumT));
    prevSumT = sumT;
    total.push(sumT);
    bad.push(env);
  }
  return { bad, total };
}

const value = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: 5000 }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, -1, Infinity, -Infinity, 0) },
);

const samples = fc
  .record({
    kind: fc.constantFrom<'good' | 'bad'>('good', 'bad'),
    rows: fc.array(
      fc.record({ dt: fc.integer({ min: 0, max: 90 }), events: value, total: value }),
      { maxLength: 80 },
    ),
  })
  .map(({ kind, rows }): CounterSamples => {
    let t = 1_000;
    return {
      kind,
      timestamps: Float64Array.from(rows.map(r => (t += r.dt))),
      events: Float64Array.from(rows.map(r => r.events)),
      total: Float64Array.from(rows.map(r => r.total)),
    };
  });

describe('prepareSeries fast path and shared buffers', () => {
  it('equals the plain reading of the counter semantics, with and without buffers', () => {
    const buffers = createSeriesBuffers(4);
    fc.assert(
      fc.property(samples, s => {
        const want = referencePrefixes(s);
        const fresh = prepareSeries(s);
        expect(Array.from(fresh.totalPrefix)).toEqual(want.total);
        expect(Array.from(fresh.badPrefix)).toEqual(want.bad);
        const reused = prepareSeries(s, buffers);
        expect(Array.from(reused.totalPrefix)).toEqual(want.total);
        expect(Array.from(reused.badPrefix)).toEqual(want.bad);
      }),
      { numRuns: 500 },
    );
  });

  it('grows the buffers and hands out views of exactly the series length', () => {
    const buffers = createSeriesBuffers(2);
    const s: CounterSamples = {
      kind: 'good',
      timestamps: Float64Array.from([0, 60, 120, 180]),
      events: Float64Array.from([0, 9, 18, 27]),
      total: Float64Array.from([0, 10, 20, 30]),
    };
    const p = prepareSeries(s, buffers);
    expect(buffers.totalPrefix.length).toBeGreaterThanOrEqual(4);
    expect(p.totalPrefix.length).toBe(4);
    expect(Array.from(p.badPrefix)).toEqual([0, 1, 2, 3]);
    // A shorter series next reuses the same memory.
    const shorter = prepareSeries(
      {
        kind: 'good',
        timestamps: s.timestamps.subarray(0, 2),
        events: s.events.subarray(0, 2),
        total: s.total.subarray(0, 2),
      },
      buffers,
    );
    expect(shorter.totalPrefix.buffer).toBe(p.totalPrefix.buffer);
    expect(Array.from(shorter.totalPrefix)).toEqual([0, 10]);
  });

  it('refuses a first timestamp of -Infinity, NaN or +Infinity, and a step back', () => {
    const of = (ts: number[]): CounterSamples => ({
      kind: 'good',
      timestamps: Float64Array.from(ts),
      events: new Float64Array(ts.length),
      total: new Float64Array(ts.length),
    });
    expect(() => prepareSeries(of([-Infinity, 0]))).toThrow('timestamps[0] is not a finite');
    expect(() => prepareSeries(of([NaN]))).toThrow('timestamps[0] is not a finite');
    expect(() => prepareSeries(of([0, Infinity]))).toThrow('timestamps[1] is not a finite');
    expect(() => prepareSeries(of([5, 4]))).toThrow('timestamps[1] = 4 < timestamps[0] = 5');
  });
});

/** Long runs of ordinary samples with rare odd values, so the paired runs and their exits get used. */
const longSamples = fc
  .record({
    kind: fc.constantFrom<'good' | 'bad'>('good', 'bad'),
    rows: fc.array(
      fc.record({
        dt: fc.integer({ min: 0, max: 90 }),
        events: fc.integer({ min: 0, max: 40 }),
        total: fc.integer({ min: 0, max: 50 }),
        odd: fc.oneof(
          { weight: 40, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.constantFrom(NaN, -1, Infinity, 0, 1e308) },
        ),
        oddIn: fc.constantFrom<'events' | 'total' | 'both'>('events', 'total', 'both'),
      }),
      { maxLength: 400 },
    ),
  })
  .map(({ kind, rows }): CounterSamples => {
    let t = 1_000;
    let e = 0;
    let v = 0;
    const ts: number[] = [];
    const events: number[] = [];
    const total: number[] = [];
    for (const r of rows) {
      ts.push((t += r.dt));
      e += r.events;
      v += r.total;
      events.push(r.odd !== undefined && r.oddIn !== 'total' ? r.odd : e);
      total.push(r.odd !== undefined && r.oddIn !== 'events' ? r.odd : v);
    }
    return {
      kind,
      timestamps: Float64Array.from(ts),
      events: Float64Array.from(events),
      total: Float64Array.from(total),
    };
  });

describe('prepareSeries over long runs', () => {
  it('equals the plain reading of the counter semantics', () => {
    fc.assert(
      fc.property(longSamples, s => {
        const want = referencePrefixes(s);
        const got = prepareSeries(s);
        expect(Array.from(got.totalPrefix)).toEqual(want.total);
        expect(Array.from(got.badPrefix)).toEqual(want.bad);
      }),
      { numRuns: 300 },
    );
  });

  it('equals it with fractional counters, whose sums round and whose total - good can dip', () => {
    const fractional = fc
      .record({
        kind: fc.constantFrom<'good' | 'bad'>('good', 'bad'),
        // Total can start in a higher binade than good or bad, so its steps round coarser.
        totalStart: fc.constantFrom(0, 0.1, 1e6 + 0.3, 2 ** 40),
        eventsStart: fc.constantFrom(0, 0.1),
        steps: fc.array(
          fc.record({
            dt: fc.integer({ min: 0, max: 90 }),
            events: fc.double({ min: 0, max: 40, noNaN: true }),
            // Often none: total - good then stays put in exact sums and wobbles in rounded ones.
            extra: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 10, noNaN: true })),
          }),
          { maxLength: 300 },
        ),
      })
      .map(({ kind, totalStart, eventsStart, steps }): CounterSamples => {
        let t = 1_000;
        let e = eventsStart;
        let v = totalStart;
        return {
          kind,
          timestamps: Float64Array.from(steps.map(r => (t += r.dt))),
          events: Float64Array.from(steps.map(r => (e += r.events))),
          total: Float64Array.from(steps.map(r => (v += r.events + r.extra))),
        };
      });
    fc.assert(
      fc.property(fractional, s => {
        const want = referencePrefixes(s);
        const got = prepareSeries(s);
        expect(Array.from(got.totalPrefix)).toEqual(want.total);
        expect(Array.from(got.badPrefix)).toEqual(want.bad);
      }),
      { numRuns: 300 },
    );
  });

  it('counts an infinite sample in the middle of a run as skipped, not as a step', () => {
    const n = 41;
    const ts = Array.from({ length: n }, (_, i) => 60 * i);
    const total = ts.map((_, i) => 10 * i);
    const events = ts.map((_, i) => 9 * i);
    total[20] = Infinity;
    events[30] = Infinity;
    const s: CounterSamples = {
      kind: 'good',
      timestamps: Float64Array.from(ts),
      events: Float64Array.from(events),
      total: Float64Array.from(total),
    };
    const p = prepareSeries(s);
    expect(p.totalPrefix[n - 1]).toBe(400);
    expect(p.badPrefix[n - 1]).toBe(40);
    expect(Array.from(p.totalPrefix)).toEqual(referencePrefixes(s).total);
  });

  it('reports the first bad timestamp even after an infinite one inside a run', () => {
    const s: CounterSamples = {
      kind: 'good',
      timestamps: Float64Array.from([0, 60, 120, Infinity, Infinity, 30, 40, 50]),
      events: new Float64Array(8),
      total: new Float64Array(8),
    };
    expect(() => prepareSeries(s)).toThrow('timestamps[3] is not a finite');
  });
});

describe('lastIndexAtOrBeforeFrom', () => {
  it('equals the binary search from any start at or before the answer', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 60 }),
        fc.integer({ min: -10, max: 1500 }),
        fc.nat(),
        (steps, t, pick) => {
          let acc = 0;
          const ts = Float64Array.from(steps.map(d => (acc += d)));
          const want = lastIndexAtOrBefore(ts, t);
          // Any start in [-1, want] is allowed.
          const from = want < 0 ? -1 : (pick % (want + 2)) - 1;
          expect(lastIndexAtOrBeforeFrom(ts, t, from)).toBe(want);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('index searches with a guess from even spacing', () => {
  /** The answer by reading every timestamp. */
  const scan = (ts: Float64Array, t: number) => {
    let i = -1;
    while (i + 1 < ts.length && ts[i + 1]! <= t) i++;
    return i;
  };
  /** Sorted timestamps: evenly spaced, with repeats, or with gaps and jitter. */
  const timestamps = fc.oneof(
    fc
      .record({ n: fc.integer({ min: 0, max: 80 }), step: fc.constantFrom(15, 60, 0.1) })
      .map(({ n, step }) => Float64Array.from({ length: n }, (_, i) => 1000 + i * step)),
    fc
      .array(
        fc.oneof(fc.integer({ min: 0, max: 3 }), fc.double({ min: 0, max: 200, noNaN: true })),
        {
          maxLength: 80,
        },
      )
      .map(steps => {
        let acc = 1000;
        return Float64Array.from(steps.map(d => (acc += d)));
      }),
  );

  it('finds what a scan finds, at and between samples and outside the series', () => {
    fc.assert(
      fc.property(
        timestamps,
        fc.double({ min: 900, max: 20_000, noNaN: true }),
        fc.nat(),
        (ts, x, k) => {
          const onSample = ts.length > 0 && k % 2 === 0 ? ts[k % ts.length]! : x;
          for (const t of [x, onSample]) {
            const want = scan(ts, t);
            expect(lastIndexAtOrBefore(ts, t)).toBe(want);
            const from = want < 0 ? -1 : (k % (want + 2)) - 1;
            for (const step of [undefined, 60, 15, 0.1, 0, -60, NaN, Infinity]) {
              expect(lastIndexAtOrBeforeFrom(ts, t, from, step)).toBe(want);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
