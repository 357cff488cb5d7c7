import { evaluateSlo } from './evaluate';
import { prepareSeries, windowCounts } from './series';
import { makeSlo, rollingWindow, samples } from './test-factory';
import {
  meetsThreshold,
  occurrencesFromGauge,
  ratioTimeslicesFromCounters,
  timeslicesFromCounters,
  timeslicesFromGauge,
} from './timeslices';

// Four one-minute slices from t=60 (counters sampled every 30 s, 50 requests per step):
// (60,120] all good; (120,180] 2 of 100 bad (ratio 0.98); (180,240] no traffic; (240,300] good.
const counters = samples(
  [60, 90, 120, 150, 180, 210, 240, 270, 300, 310],
  [0, 50, 100, 149, 198, 198, 198, 248, 298, 298],
  [0, 50, 100, 150, 200, 200, 200, 250, 300, 300],
);

describe('timeslicesFromCounters', () => {
  it('counts slices good when their ratio meets the slice target; empty slices not at all', () => {
    const s = timeslicesFromCounters(counters, 60, 0.99);
    expect(Array.from(s.timestamps)).toEqual([60, 120, 180, 240, 300]);
    expect(Array.from(s.total)).toEqual([0, 1, 2, 2, 3]);
    expect(Array.from(s.events)).toEqual([0, 1, 1, 1, 2]);
    expect(s.kind).toBe('good');
    // A 98 % slice target accepts the second slice.
    expect(Array.from(timeslicesFromCounters(counters, 60, 0.98).events)).toEqual([0, 1, 2, 2, 3]);
  });

  it('feeds the same window maths: SLI = good slices / counted slices', () => {
    const slo = makeSlo({
      window: rollingWindow(1),
      objective: { target: 0.5 },
      budgetingMethod: 'Timeslices',
    });
    const series = prepareSeries(timeslicesFromCounters(counters, 60, 0.99));
    expect(windowCounts(series, 0, 300)).toEqual({ bad: 1, total: 3 });
    expect(evaluateSlo(slo, series).sli).toBeCloseTo(2 / 3, 12);
  });

  it('judges only complete slices: a first partial slice and the slice in progress are left out', () => {
    const s = timeslicesFromCounters(samples([90, 150, 210], [0, 10, 20], [0, 10, 20]), 60, 0.99);
    // Slices (120,180] only: (60,120] is cut by the first sample, (180,240] not finished.
    expect(Array.from(s.timestamps)).toEqual([120, 180]);
    expect(Array.from(s.total)).toEqual([0, 1]);
  });

  it('RatioTimeslices: the good counter adds each slice ratio', () => {
    const s = ratioTimeslicesFromCounters(counters, 60);
    expect(Array.from(s.total)).toEqual([0, 1, 2, 2, 3]);
    const good = Array.from(s.events);
    expect(good[2]).toBeCloseTo(1.98, 12);
    expect(good[4]).toBeCloseTo(2.98, 12);
  });

  it('rejects bad slice settings', () => {
    expect(() => timeslicesFromCounters(counters, 0, 0.99)).toThrow(
      'objective.timeSliceWindowSeconds must be positive, got 0',
    );
    expect(() => timeslicesFromCounters(counters, 60, 99)).toThrow(
      'objective.timeSliceTarget must be a fraction in [0, 1], got 99',
    );
  });
});

describe('gauges (threshold indicators)', () => {
  // Latency in seconds every 20 s; good when < 0.3.
  const ts = Float64Array.from([0, 20, 40, 60, 80, 100, 120, 140, 160, 180]);
  const latency = Float64Array.from([0.1, 0.1, 0.1, 0.2, 0.5, 0.1, NaN, NaN, NaN, 0.1]);

  it('timeslices: a slice is good when its samples meet the threshold', () => {
    const s = timeslicesFromGauge(ts, latency, 'lt', 0.3, 60);
    // (0,60]: 0.1 0.1 0.2 good; (60,120]: 0.5 bad; (120,180]: only 0.1 at 180 → good.
    expect(Array.from(s.timestamps)).toEqual([0, 60, 120, 180]);
    expect(Array.from(s.total)).toEqual([0, 1, 2, 3]);
    expect(Array.from(s.events)).toEqual([0, 1, 1, 2]);
    // Half of (60,120]'s samples are good, enough with a 0.5 slice target.
    expect(Array.from(timeslicesFromGauge(ts, latency, 'lt', 0.3, 60, 0.5).events)).toEqual([
      0, 1, 2, 3,
    ]);
  });

  it('a slice with only NaN samples is not counted', () => {
    const s = timeslicesFromGauge(ts, latency, 'lt', 0.3, 40);
    // (120,160] holds only NaN.
    expect(Array.from(s.timestamps)).toEqual([0, 40, 80, 120, 160]);
    expect(Array.from(s.total)).toEqual([0, 1, 2, 3, 3]);
    expect(Array.from(s.events)).toEqual([0, 1, 1, 2, 2]);
  });

  it('occurrences: one event per valid sample, the first one included', () => {
    const s = occurrencesFromGauge(ts, latency, 'lt', 0.3);
    const series = prepareSeries(s);
    // 7 valid samples, one (0.5) bad.
    expect(windowCounts(series, -1, 180)).toEqual({ bad: 1, total: 7 });
    expect(windowCounts(series, 0, 180)).toEqual({ bad: 1, total: 6 });
    expect(windowCounts(series, 60, 100)).toEqual({ bad: 1, total: 2 });
  });

  it('compares with each operator', () => {
    expect([1, 2, 3].map(v => meetsThreshold(v, 'lt', 2))).toEqual([true, false, false]);
    expect([1, 2, 3].map(v => meetsThreshold(v, 'lte', 2))).toEqual([true, true, false]);
    expect([1, 2, 3].map(v => meetsThreshold(v, 'gt', 2))).toEqual([false, false, true]);
    expect([1, 2, 3].map(v => meetsThreshold(v, 'gte', 2))).toEqual([false, true, true]);
  });

  it('rejects mismatched columns', () => {
    expect(() => occurrencesFromGauge(ts, new Float64Array(2), 'lt', 1)).toThrow(
      'gauge values has 2 entries but timestamps has 10',
    );
  });
});
