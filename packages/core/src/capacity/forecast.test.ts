import { forecastPeak } from './forecast';
import { DAY, gaussian, rng, WEEK, weeklyTraffic } from './test-factory';

/** Largest value of a function over [from, to) sampled every minute. */
function trueMax(f: (t: number) => number, from: number, to: number): number {
  let m = -Infinity;
  for (let t = from; t < to; t += 60) m = Math.max(m, f(t));
  return m;
}

// Monday 2024-01-01 00:00 UTC.
const START = 1704067200;

describe('forecastPeak', () => {
  it('weekly pattern with growth: next week peak within 10 %', () => {
    // 5 weeks of 5-minute samples; the first 4 are the history, the fifth is the truth.
    const all = weeklyTraffic({
      start: START,
      days: 35,
      stepSeconds: 300,
      base: 1000,
      growthPerDay: 10,
      dailyAmplitude: 0.5,
      weekendFactor: 0.6,
      noise: 0.05,
      seed: 1,
    });
    const cut = (28 * DAY) / 300;
    const f = forecastPeak(all.timestamps.subarray(0, cut), all.values.subarray(0, cut), {
      horizonSeconds: WEEK,
    });
    const lastT = all.timestamps[cut - 1]!;
    const noiseFree = trueMax(all.qps, lastT + 1, lastT + WEEK + 1);
    let sampled = -Infinity;
    for (let i = cut; i < all.values.length; i++) sampled = Math.max(sampled, all.values[i]!);
    expect(f.seasonality).toBe('weekly');
    expect(f.mode).toBe('multiplicative');
    expect(f.quality).toBe('good');
    // The model's peak against the noise-free peak (1,989 on Friday 14:00): within 3 %.
    expect(Math.abs(f.modelPeak / noiseFree - 1)).toBeLessThan(0.03);
    // The expected peak against the sampled peak of the next week (noise included): within 10 %.
    expect(Math.abs(f.peak / sampled - 1)).toBeLessThan(0.1);
    expect(f.upper).toBeGreaterThan(f.peak);
    expect(f.peak).toBeGreaterThan(f.modelPeak);
    // Peak on a weekday at 14:00 ± 1 h, in the forecast week.
    const at = new Date(f.peakAt * 1000);
    expect([1, 2, 3, 4, 5]).toContain(at.getUTCDay());
    expect(Math.abs(at.getUTCHours() + at.getUTCMinutes() / 60 - 14)).toBeLessThanOrEqual(1);
    expect(f.peakAt).toBeGreaterThan(lastT);
    // The trend is the weekly mean: growth 10/day × (5 + 2 × 0.6) / 7 = 8.86/day, within 10 %.
    expect(Math.abs(f.trend.slopePerDay / ((10 * 6.2) / 7) - 1)).toBeLessThan(0.1);
    expect(f.seasonalStrength).toBeGreaterThan(0.9);
    expect(f.curve.timestamps.length).toBe(169);
    expect(f.curve.timestamps[168]).toBe(lastT + WEEK);
  });

  it('a daily pattern without weekly structure picks daily', () => {
    const h = weeklyTraffic({
      start: START,
      days: 21,
      stepSeconds: 600,
      base: 200,
      growthPerDay: 0,
      dailyAmplitude: 0.4,
      weekendFactor: 1,
      noise: 0.03,
      seed: 4,
    });
    const f = forecastPeak(h.timestamps, h.values, { horizonSeconds: 2 * DAY });
    expect(f.seasonality).toBe('daily');
    // Noise-free peak 200 × 1.4 = 280.
    expect(Math.abs(f.modelPeak / 280 - 1)).toBeLessThan(0.03);
    expect(Math.abs(f.trend.slopePerDay)).toBeLessThan(1);
  });

  it('a noise-free linear trend: the peak is the line at the horizon, exactly', () => {
    // 100 + 5 per day, hourly for 10 days (t = 0 … 239 h); horizon 2 days.
    const n = 240;
    const timestamps = Float64Array.from({ length: n }, (_, i) => START + 3600 * i);
    const values = timestamps.map(t => 100 + (5 * (t - START)) / DAY);
    const f = forecastPeak(timestamps, values, { horizonSeconds: 2 * DAY });
    expect(f.seasonality).toBe('none');
    const end = START + 239 * 3600 + 2 * DAY;
    expect(f.peakAt).toBe(end);
    // 100 + 5 × (239 / 24 + 2) = 159.791666…
    expect(f.modelPeak).toBeCloseTo(100 + 5 * (239 / 24 + 2), 6);
    expect(f.peak).toBeCloseTo(f.modelPeak, 6);
    expect(f.upper).toBeCloseTo(f.modelPeak, 6);
    expect(f.trend.slopePerDay).toBeCloseTo(5, 9);
  });

  it('additive mode for a series that goes negative', () => {
    // A net-flow driver: sin(daily) × 50 + noise, hourly for 14 days.
    const g = gaussian(rng(3));
    const timestamps = Float64Array.from({ length: 14 * 24 }, (_, i) => START + 3600 * i);
    const values = timestamps.map(t => 50 * Math.sin((2 * Math.PI * t) / DAY) + g());
    const f = forecastPeak(timestamps, values, { horizonSeconds: DAY, seasonality: 'daily' });
    expect(f.mode).toBe('additive');
    expect(f.seasonality).toBe('daily');
    // Hourly bins centred on the hours sample the sine at its peak (06:00 UTC): 50.
    expect(Math.abs(f.modelPeak - 50)).toBeLessThan(2);
    expect(f.peakAt % DAY).toBe(6 * 3600);
  });

  it('says when the history is too short for what is asked', () => {
    const h = weeklyTraffic({
      start: START,
      days: 10,
      stepSeconds: 600,
      base: 200,
      growthPerDay: 0,
      dailyAmplitude: 0.4,
      weekendFactor: 0.5,
      noise: 0.03,
      seed: 4,
    });
    const f = forecastPeak(h.timestamps, h.values, {
      horizonSeconds: 14 * DAY,
      seasonality: 'weekly',
    });
    expect(f.seasonality).toBe('weekly');
    expect(f.quality).toBe('poor');
    expect(f.reasons[0]).toMatch(
      /^only 9\.99 days of history: a weekly profile from fewer than two cycles/,
    );
    expect(f.reasons[1]).toBe('the horizon (14 days) is longer than the history (9.99 days)');

    const short = forecastPeak(h.timestamps.subarray(0, 100), h.values.subarray(0, 100), {
      horizonSeconds: DAY,
      seasonality: 'weekly',
    });
    expect(short.seasonality).toBe('none');
    expect(short.quality).toBe('insufficient');
    expect(short.reasons[0]).toMatch(
      /^weekly seasonality needs at least one full cycle of history/,
    );
  });

  it('rejects bad input, naming the field', () => {
    const t = Float64Array.from([1, 2, 3]);
    expect(() => forecastPeak(t, new Float64Array(2), { horizonSeconds: 1 })).toThrow(
      'forecastPeak: driver has 2 values but timestamps has 3',
    );
    expect(() => forecastPeak(t, new Float64Array(3), { horizonSeconds: 0 })).toThrow(
      'forecastPeak: horizonSeconds must be a positive number, got 0',
    );
    expect(() =>
      forecastPeak(Float64Array.from([1, 3, 2]), new Float64Array(3), { horizonSeconds: 1 }),
    ).toThrow('forecastPeak: timestamps must not decrease: timestamps[2] = 2 < 3');
    expect(() => forecastPeak(t, new Float64Array(3).fill(NaN), { horizonSeconds: 1 })).toThrow(
      'forecastPeak: driver has no finite samples',
    );
  });
});
