import type { TimeWindow } from '../model/types';
import { windowEnd } from './windowEnd';

const unix = (iso: string) => Date.parse(iso) / 1000;
const DAY = 86_400;

function calendar(
  duration: string,
  unit: TimeWindow['calendarUnit'],
  seconds: number,
  timeZone = 'UTC',
): TimeWindow {
  return {
    duration,
    seconds,
    isRolling: false,
    calendarUnit: unit,
    calendar: { startTime: '', timeZone },
  };
}

describe('windowEnd', () => {
  it('is the evaluation instant for a rolling window', () => {
    expect(windowEnd({ duration: '30d', seconds: 30 * DAY, isRolling: true }, 1_800_000_000)).toBe(
      1_800_000_000,
    );
  });

  it("is the next month's first instant for a calendar month, 28, 30 or 31 days after its start", () => {
    const month = calendar('1M', 'month', 30 * DAY);
    // 31-day December: 31 days past the start, beyond the nominal 30.
    expect(windowEnd(month, unix('2026-12-02T10:00:00Z'))).toBe(unix('2027-01-01T00:00:00Z'));
    expect(windowEnd(month, unix('2026-02-10T12:00:00Z'))).toBe(unix('2026-03-01T00:00:00Z'));
    expect(windowEnd(month, unix('2026-11-30T23:59:00Z'))).toBe(unix('2026-12-01T00:00:00Z'));
  });

  it("follows the window's time zone and its daylight-saving change", () => {
    // Paris leaves summer time on 25 October 2026: that day lasts 25 hours, ending 23:00 UTC.
    const day = calendar('1d', 'day', DAY, 'Europe/Paris');
    expect(windowEnd(day, unix('2026-10-25T12:00:00Z'))).toBe(unix('2026-10-25T23:00:00Z'));
    const month = calendar('1M', 'month', 30 * DAY, 'America/New_York');
    expect(windowEnd(month, unix('2026-11-15T12:00:00Z'))).toBe(unix('2026-12-01T05:00:00Z'));
  });
});
