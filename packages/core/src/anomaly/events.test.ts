import fc from 'fast-check';
import { ANOMALY_ALARM_THRESHOLD, AnomalyEventDetector } from './events';

const T0 = 1704067200; // 2024-01-01T00:00:00Z
const STEP = 300;

function run(values: readonly number[], times?: readonly number[]): number[] {
  const d = new AnomalyEventDetector();
  return values.map((v, i) => d.update(times?.[i] ?? T0 + i * STEP, v));
}

/** A sawtooth 0, 1, …, 10, 0, 1, … : every value in [0, 10] is familiar after 11 points. */
const saw = (n: number) => Array.from({ length: n }, (_, i) => i % 11);

const alarms = (scores: readonly number[]) =>
  scores.flatMap((s, i) => (s >= ANOMALY_ALARM_THRESHOLD ? [i] : []));

describe('AnomalyEventDetector', () => {
  it('never looks ahead: a prefix scores the same whatever follows it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
          minLength: 2,
          maxLength: 700,
        }),
        fc.nat(),
        (values, cut) => {
          const full = run(values);
          const k = cut % (values.length + 1);
          expect(run(values.slice(0, k))).toEqual(full.slice(0, k));
          for (const s of full) expect(s >= 0 && s < 1).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('is silent while it learns the first 300 points', () => {
    const values = saw(300).map((v, i) => (i === 299 ? 1e6 : v));
    expect(run(values).every(s => s === 0)).toBe(true);
  });

  it('alarms once where a value beyond every value seen starts, not for the whole event', () => {
    const values = saw(600);
    // A plateau at 20 for 40 points: the range was [0, 10].
    for (let i = 400; i < 440; i++) values[i] = 20;
    const s = run(values);
    expect(alarms(s)).toEqual([400]);
    // 20 is (20 − 10) / 10 = 100 % of the range past it, 250 tolerances of 0.4 %: a score of at
    // least 250 / 251 (another feature may exceed its own range by more).
    expect(s[400]).toBeGreaterThanOrEqual(250 / 251);
    expect(Math.max(...s.slice(401))).toBeLessThan(ANOMALY_ALARM_THRESHOLD);
  });

  it('needs a larger value for a second alarm: the bound moved 10 % of the range past the first', () => {
    // Within 100 points of an alarm only a new extreme value can alarm (the other features,
    // which follow the spike for a while, cannot), so the value's bound alone decides here.
    const values = saw(560);
    values[400] = 20; // alarm; the high bound becomes 20 + 0.1 × (10 − 0) = 21
    values[440] = 21; // after the 30 quiet points, but not beyond 21
    values[470] = 23; // beyond it by 2 / 21 of the range: 23.8 tolerances
    const s = run(values);
    expect(alarms(s)).toEqual([400, 470]);
    expect(s[440]).toBeLessThan(ANOMALY_ALARM_THRESHOLD);
  });

  it('stays quiet for 30 points after an alarm, whatever comes', () => {
    const values = saw(600);
    values[400] = 20;
    values[420] = 1000; // inside the quiet period: no alarm, the score stays below the threshold
    values[431] = 5000; // after it
    const s = run(values);
    expect(alarms(s)).toEqual([400, 431]);
    expect(s[420]).toBeGreaterThan(0.49);
    expect(s[420]).toBeLessThan(ANOMALY_ALARM_THRESHOLD);
  });

  it('a missing value returns NaN and changes nothing', () => {
    const values = saw(500);
    values[450] = 30;
    const plain = run(values);
    const d = new AnomalyEventDetector();
    const withGap: number[] = [];
    values.forEach((v, i) => {
      if (i === 420) expect(d.update(T0 + i * STEP - 1, Number.NaN)).toBeNaN();
      withGap.push(d.update(T0 + i * STEP, v));
    });
    expect(withGap).toEqual(plain);
  });

  it('rejects a timestamp that does not increase and a bad warm-up', () => {
    const d = new AnomalyEventDetector();
    d.update(T0, 1);
    expect(() => d.update(T0, 2)).toThrow(/not after the previous/);
    expect(() => new AnomalyEventDetector({ warmupPoints: 0 })).toThrow(/warmupPoints/);
    expect(() => new AnomalyEventDetector({ warmupPoints: 2.5 })).toThrow(/warmupPoints/);
  });
});
