import { hourlyProfile, hourOfWeek } from './profile';
import { START } from './test-factory';

/** Hourly samples for `days` days: value(hourOfDay, dayIndex). */
function hourly(days: number, value: (hour: number, day: number) => number, start = START) {
  const n = days * 24;
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    timestamps[i] = start + i * 3600;
    values[i] = value(i % 24, Math.floor(i / 24));
  }
  return { timestamps, values };
}

describe('hourOfWeek', () => {
  it('counts from Sunday 00:00 in the zone', () => {
    // 2024-01-01 was a Monday: 00:00 UTC is bin 24; 13:00 UTC is bin 37.
    const t = Float64Array.of(START, START + 13 * 3600, START - 3600);
    expect(Array.from(hourOfWeek(t, 'UTC'))).toEqual([24, 37, 23]);
    // Paris is UTC+1 in January: Monday 00:00 UTC is Monday 01:00 there.
    expect(Array.from(hourOfWeek(t, 'Europe/Paris'))).toEqual([25, 38, 24]);
  });
});

describe('hourlyProfile', () => {
  it('finds a daily night window: hours 0-5 at 10, the rest at 100', () => {
    const { timestamps, values } = hourly(4, h => (h < 6 ? 10 : 100));
    const p = hourlyProfile(timestamps, values)!;
    expect(p.period).toBe('day');
    expect(p.peak).toBe(100);
    expect(p.windows).toEqual([
      {
        startBin: 0,
        hours: 6,
        start: { day: null, hour: 0 },
        end: { day: null, hour: 6 },
        load: 10,
        fractionOfPeak: 0.1,
        hoursPerWeek: 42,
      },
    ]);
    expect(p.lowHoursPerWeek).toBe(42);
  });

  it('keeps a window wrapping midnight whole (22:00-04:00)', () => {
    const { timestamps, values } = hourly(4, h => (h >= 22 || h < 4 ? 20 : 100));
    const p = hourlyProfile(timestamps, values)!;
    expect(p.windows.map(w => [w.startBin, w.hours, w.end.hour])).toEqual([[22, 6, 4]]);
  });

  it('drops windows shorter than minWindowHours and hours above lowFraction', () => {
    const { timestamps, values } = hourly(4, h => (h === 3 || h === 4 ? 10 : h === 10 ? 50 : 100));
    expect(hourlyProfile(timestamps, values)!.windows).toEqual([]);
    expect(
      hourlyProfile(timestamps, values, { minWindowHours: 2 })!.windows.map(w => w.startBin),
    ).toEqual([3]);
    // 50 is 50 % of the peak: low only with lowFraction 0.5 (and 1 h long).
    expect(
      hourlyProfile(timestamps, values, { minWindowHours: 1, lowFraction: 0.5 })!.windows.map(
        w => w.startBin,
      ),
    ).toEqual([3, 10]);
  });

  it('one busy night out of four keeps the hour out at p95', () => {
    const { timestamps, values } = hourly(4, (h, d) => (h < 6 ? (d === 2 ? 100 : 10) : 100));
    expect(hourlyProfile(timestamps, values)!.windows).toEqual([]);
  });

  it('chooses the weekly profile when weekends are quiet (Sat 00:00 → Mon 00:00)', () => {
    // Day 0 is Monday; days 5, 6, 12, 13 are Saturday and Sunday.
    const { timestamps, values } = hourly(14, (_h, d) => (d % 7 >= 5 ? 10 : 100));
    const p = hourlyProfile(timestamps, values)!;
    expect(p.period).toBe('week');
    expect(p.windows).toHaveLength(1);
    const w = p.windows[0]!;
    expect(w.start).toEqual({ day: 6, hour: 0 });
    expect(w.end).toEqual({ day: 1, hour: 0 });
    expect(w.hours).toBe(48);
    expect(w.hoursPerWeek).toBe(48);
  });

  it('reads hours in the requested time zone', () => {
    // Low 00:00-06:00 UTC is 01:00-07:00 in Paris (January).
    const { timestamps, values } = hourly(4, h => (h < 6 ? 10 : 100));
    const w = hourlyProfile(timestamps, values, { timeZone: 'Europe/Paris' })!.windows[0]!;
    expect([w.start.hour, w.end.hour]).toEqual([1, 7]);
  });

  it('needs minDays of history and aligned series', () => {
    const { timestamps, values } = hourly(2, () => 1);
    expect(hourlyProfile(timestamps, values)).toBeNull();
    expect(() => hourlyProfile(timestamps, values.subarray(1))).toThrow(
      /values has 47 samples but timestamps has 48/,
    );
    expect(() => hourlyProfile(timestamps, values, { lowFraction: 1.5 })).toThrow(
      /lowFraction must be in/,
    );
  });
});
