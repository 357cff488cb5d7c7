import fc from 'fast-check';
import { AnomalyDetector } from './detector';

const STEP = 300;
const DAY = 86400;
const T0 = 1704067200; // 2024-01-01T00:00:00Z

/** Deterministic noise in [-1, 1) (a linear congruential generator), so tests are repeatable. */
function noise(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  };
}

/** 5-minute points with a daily cycle of ±40 around 100 and ±2 of noise. */
function dailySeries(days: number, seed = 1): { t: number[]; v: number[] } {
  const rnd = noise(seed);
  const t: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < (days * DAY) / STEP; i++) {
    t.push(T0 + i * STEP);
    v.push(100 + 40 * Math.sin((2 * Math.PI * i * STEP) / DAY) + 2 * rnd());
  }
  return { t, v };
}

function scores(t: number[], v: number[]): number[] {
  const d = new AnomalyDetector();
  return v.map((x, i) => d.update(t[i]!, x));
}

describe('AnomalyDetector', () => {
  it('never looks ahead: the scores of a prefix do not change when rows are appended', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 400 }),
        fc.array(fc.integer({ min: 1, max: 7200 }), { minLength: 400, maxLength: 400 }),
        fc.nat(),
        (values, gaps, cut) => {
          const t: number[] = [];
          let now = T0;
          for (let i = 0; i < values.length; i++) t.push((now += gaps[i]!));
          const full = scores(t, values);
          const k = cut % (values.length + 1);
          expect(scores(t.slice(0, k), values.slice(0, k))).toEqual(full.slice(0, k));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('never looks ahead on a long seasonal series with an anomaly after the cut', () => {
    const { t, v } = dailySeries(10);
    const full = scores(t, v);
    const cut = 2000;
    const changed = v.map((x, i) => (i >= cut ? x * 5 : x));
    expect(scores(t, changed).slice(0, cut)).toEqual(full.slice(0, cut));
  });

  it('is deterministic and keeps every score in [0, 1]', () => {
    const { t, v } = dailySeries(6);
    const a = scores(t, v);
    expect(scores(t, v)).toEqual(a);
    for (const s of a) expect(s >= 0 && s <= 1).toBe(true);
  });

  it('learns a daily cycle, then flags a spike that the cycle does not explain', () => {
    const { t, v } = dailySeries(8);
    const spikeAt = 7 * 288 + 100;
    v[spikeAt] = v[spikeAt]! + 30; // 15 noise amplitudes
    const s = scores(t, v);
    const normalDay = s.slice(6 * 288, 7 * 288);
    expect(Math.max(...normalDay)).toBeLessThan(0.5);
    expect(s[spikeAt]).toBeGreaterThan(0.5);
  });

  it('flags a level shift, then accepts the new level', () => {
    const { t, v } = dailySeries(8);
    const shiftAt = 6 * 288;
    for (let i = shiftAt; i < v.length; i++) v[i] = v[i]! + 50;
    const s = scores(t, v);
    expect(Math.max(...s.slice(shiftAt, shiftAt + 3))).toBeGreaterThan(0.5);
    // Half a day later the shifted series is normal again.
    expect(Math.max(...s.slice(shiftAt + 144, shiftAt + 288))).toBeLessThan(0.5);
  });

  it('stops flagging a burst that recurs at the same hour every day', () => {
    const rnd = noise(7);
    const t: number[] = [];
    const v: number[] = [];
    for (let i = 0; i < 10 * 288; i++) {
      t.push(T0 + i * STEP);
      // A one-point burst around 03:25 each day, a few minutes early or late, as a cron job.
      const burst = i % 288 === 41 + (Math.floor(i / 288) % 3) - 1;
      v.push(burst ? 80 : 10 + rnd());
    }
    const s = scores(t, v);
    const burstScores = s.flatMap((x, i) => (v[i] === 80 ? [x] : []));
    expect(burstScores[2]).toBeGreaterThan(0.5); // third day, still news
    expect(burstScores[9]).toBeLessThan(0.5); // tenth day, a known pattern
  });

  describe.each([
    ['hourly', 3600],
    ['5-minute', 300],
  ])('slow leaks, %s points', (_, step) => {
    /** Six weeks of points, a daily cycle of ±30 around 100 and ±6 of noise; from day 35 a leak
     * that adds 40 over three days and stays. */
    const perHour = 3600 / step;
    const onset = 35 * 24 * perHour;
    function leakSeries(): { t: number[]; v: number[] } {
      const rnd = noise(1);
      const t: number[] = [];
      const v: number[] = [];
      for (let i = 0; i < 42 * 24 * perHour; i++) {
        t.push(T0 + i * step);
        const leak = i >= onset ? 40 * Math.min(1, (i - onset) / (72 * perHour)) : 0;
        v.push(100 + 30 * Math.sin((2 * Math.PI * i) / (24 * perHour)) + 6 * rnd() + leak);
      }
      return { t, v };
    }
    const run = (
      options: ConstructorParameters<typeof AnomalyDetector>[0],
      t: number[],
      v: number[],
    ) => {
      const d = new AnomalyDetector(options);
      return v.map((x, i) => d.update(t[i]!, x));
    };
    const hours = (points: number) => points / perHour;

    it('are found by the drift stage within a day, where the forecast stage absorbs them', () => {
      const { t, v } = leakSeries();
      const withDrift = run({}, t, v);
      const forecastOnly = run({ drift: false }, t, v);
      // Three normal weeks after the two-week warm-up: the drift stage adds no alarm (at five
      // minutes the forecast stage has one of its own there).
      const normal = [14 * 24 * perHour, onset] as const;
      const alarms = (scores: number[]) => scores.slice(...normal).filter(s => s >= 0.5).length;
      expect(alarms(withDrift)).toBe(alarms(forecastOnly));
      expect(alarms(forecastOnly)).toBeLessThanOrEqual(perHour === 1 ? 0 : 12);
      // The ramp itself: the forecast stage never reaches 0.5 in its three days.
      expect(Math.max(...forecastOnly.slice(onset, onset + 72 * perHour))).toBeLessThan(0.5);
      const first = withDrift.findIndex((s, i) => i >= onset && s >= 0.5);
      expect(hours(first - onset)).toBeGreaterThan(6);
      expect(hours(first - onset)).toBeLessThan(24);
      // Reported, then the raised level is learnt afresh: alarmed for hours, not for the week.
      const alarmed = withDrift.slice(onset).filter(s => s >= 0.5).length;
      expect(hours(alarmed)).toBeGreaterThan(6);
      expect(hours(alarmed)).toBeLessThan(48);
    });

    it('never looks ahead: the drift stage scores a prefix the same whatever follows it', () => {
      const { t, v } = leakSeries();
      const full = run({}, t, v);
      for (const cut of [onset - 1, onset + 20 * perHour, onset + 30 * perHour]) {
        const changed = v.map((x, i) => (i >= cut ? x * 3 : x));
        expect(run({}, t, changed).slice(0, cut)).toEqual(full.slice(0, cut));
        expect(run({}, t.slice(0, cut), v.slice(0, cut))).toEqual(full.slice(0, cut));
      }
    });
  });

  it('returns NaN for a missing value without changing what it learned', () => {
    const { t, v } = dailySeries(3);
    const a = new AnomalyDetector();
    const b = new AnomalyDetector();
    const sa: number[] = [];
    const sb: number[] = [];
    for (let i = 0; i < v.length; i++) {
      sa.push(a.update(t[i]!, v[i]!));
      if (i === 500) expect(b.update(t[i]! - 1, Number.NaN)).toBeNaN();
      sb.push(b.update(t[i]!, v[i]!));
    }
    expect(sb).toEqual(sa);
  });

  it('rejects timestamps that do not increase and options out of range', () => {
    const d = new AnomalyDetector();
    d.update(100, 1);
    expect(() => d.update(100, 1)).toThrow(/not after the previous/);
    expect(() => new AnomalyDetector({ levelRate: 0 })).toThrow(/levelRate/);
    expect(() => new AnomalyDetector({ trendDamping: 1.5 })).toThrow(/trendDamping/);
    expect(() => new AnomalyDetector({ driftAllowance: -1 })).toThrow(/driftAllowance/);
    expect(() => new AnomalyDetector({ driftBaselineSeconds: Number.NaN })).toThrow(
      /driftBaselineSeconds/,
    );
  });
});
