import type { TimeWindow } from '../model/types';
import { windowStart } from './calendar';

const at = (iso: string) => Date.parse(iso) / 1000;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

function calendar(
  duration: string,
  calendarUnit: TimeWindow['calendarUnit'],
  timeZone?: string,
  startTime?: string,
  seconds = 30 * 86400,
): TimeWindow {
  return {
    duration,
    seconds,
    isRolling: false,
    calendarUnit,
    ...(timeZone || startTime
      ? { calendar: { startTime: startTime ?? '', timeZone: timeZone ?? 'UTC' } }
      : {}),
  };
}

describe('windowStart', () => {
  it('is at - seconds for a rolling window', () => {
    expect(windowStart({ duration: '30d', seconds: 2592000, isRolling: true }, 3e6)).toBe(408000);
  });

  describe('calendar month in America/New_York', () => {
    const month = calendar('1M', 'month', 'America/New_York', '2024-01-01 00:00:00');

    it('starts at local midnight on the 1st, EST (UTC-5) in March', () => {
      expect(iso(windowStart(month, at('2024-03-15T12:00:00Z')))).toBe('2024-03-01T05:00:00.000Z');
    });

    it('crosses the spring DST change: 23:30 EDT on 31 March is still in March', () => {
      expect(iso(windowStart(month, at('2024-04-01T03:30:00Z')))).toBe('2024-03-01T05:00:00.000Z');
      // April starts at midnight EDT (UTC-4).
      expect(iso(windowStart(month, at('2024-04-01T04:00:00Z')))).toBe('2024-04-01T04:00:00.000Z');
      expect(iso(windowStart(month, at('2024-04-20T00:00:00Z')))).toBe('2024-04-01T04:00:00.000Z');
    });

    it('crosses the autumn DST change: November starts in EDT, December in EST', () => {
      expect(iso(windowStart(month, at('2024-11-15T12:00:00Z')))).toBe('2024-11-01T04:00:00.000Z');
      expect(iso(windowStart(month, at('2024-12-10T12:00:00Z')))).toBe('2024-12-01T05:00:00.000Z');
    });

    it('counts periods before the start time backwards', () => {
      expect(iso(windowStart(month, at('2023-07-04T12:00:00Z')))).toBe('2023-07-01T04:00:00.000Z');
    });
  });

  it("follows the start time's wall clock (OpenSLO example: 2022-01-01 12:00:00, New York)", () => {
    const w = calendar('1M', 'month', 'America/New_York', '2022-01-01 12:00:00');
    // 11:00 EST on 1 March is before noon: still February's period, from 1 Feb 12:00 EST.
    expect(iso(windowStart(w, at('2024-03-01T16:00:00Z')))).toBe('2024-02-01T17:00:00.000Z');
    expect(iso(windowStart(w, at('2024-03-01T17:00:01Z')))).toBe('2024-03-01T17:00:00.000Z');
  });

  it('clamps a start on the 31st to the end of shorter months', () => {
    const w = calendar('1M', 'month', 'UTC', '2024-01-31');
    expect(iso(windowStart(w, at('2024-02-20T00:00:00Z')))).toBe('2024-01-31T00:00:00.000Z');
    expect(iso(windowStart(w, at('2024-03-05T00:00:00Z')))).toBe('2024-02-29T00:00:00.000Z');
    expect(iso(windowStart(w, at('2024-04-05T00:00:00Z')))).toBe('2024-03-31T00:00:00.000Z');
  });

  it('starts weeks on Monday by default', () => {
    // Thursday 14 March 2024 → Monday 11 March.
    const w = calendar('1w', 'week');
    expect(iso(windowStart(w, at('2024-03-14T10:00:00Z')))).toBe('2024-03-11T00:00:00.000Z');
  });

  it('counts two-week periods from the start time', () => {
    const w = calendar('2w', 'week', 'UTC', '2024-01-01');
    expect(iso(windowStart(w, at('2024-01-20T00:00:00Z')))).toBe('2024-01-15T00:00:00.000Z');
    expect(iso(windowStart(w, at('2024-01-29T00:00:01Z')))).toBe('2024-01-29T00:00:00.000Z');
  });

  it('starts quarters and years on their first day', () => {
    expect(iso(windowStart(calendar('1Q', 'quarter'), at('2024-05-20T00:00:00Z')))).toBe(
      '2024-04-01T00:00:00.000Z',
    );
    expect(iso(windowStart(calendar('1y', 'year'), at('2024-05-20T00:00:00Z')))).toBe(
      '2024-01-01T00:00:00.000Z',
    );
  });

  it('starts a day at local midnight across a DST change (Europe/Berlin)', () => {
    // Clocks go forward at 01:00 UTC on 31 March 2024; the day began at 00:00 CET = 23:00 UTC.
    const w = calendar('1d', 'day', 'Europe/Berlin');
    expect(iso(windowStart(w, at('2024-03-31T12:00:00Z')))).toBe('2024-03-30T23:00:00.000Z');
    expect(iso(windowStart(w, at('2024-04-01T12:00:00Z')))).toBe('2024-03-31T22:00:00.000Z');
  });

  it('counts fixed-length periods from the start time without a calendar unit', () => {
    const w = calendar('7d', undefined, 'UTC', '2024-01-01 00:00:00', 7 * 86400);
    expect(iso(windowStart(w, at('2024-01-20T00:00:00Z')))).toBe('2024-01-15T00:00:00.000Z');
  });

  it('names the bad field', () => {
    expect(() => windowStart(calendar('1M', 'month', 'Mars/Olympus'), 0)).toThrow(
      'window.calendar.timeZone: unknown time zone "Mars/Olympus"',
    );
    expect(() => windowStart(calendar('1M', 'month', 'UTC', 'next tuesday'), 0)).toThrow(
      'window.calendar.startTime: cannot read "next tuesday"',
    );
  });
});
