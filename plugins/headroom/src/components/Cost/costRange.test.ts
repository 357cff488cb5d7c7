import { costRangeStart, isCurrentPeriod } from './costRange';

describe('costRangeStart', () => {
  it('starts six months back on the first of the month, across a year', () => {
    expect(costRangeStart('month', new Date('2026-11-25T23:59:00Z'))).toBe('2026-06-01');
    expect(costRangeStart('month', new Date('2026-03-01T00:00:00Z'))).toBe('2025-10-01');
  });

  it('starts 29 days back at day grain, so that 30 days show with today', () => {
    expect(costRangeStart('day', new Date('2026-11-25T10:00:00Z'))).toBe('2026-10-27');
    expect(costRangeStart('day', new Date('2026-03-01T10:00:00Z'))).toBe('2026-01-31');
  });
});

describe('isCurrentPeriod', () => {
  const now = new Date('2026-11-25T10:00:00Z');
  it('knows the month and the day that hold now', () => {
    expect(isCurrentPeriod('2026-11', 'month', now)).toBe(true);
    expect(isCurrentPeriod('2026-10', 'month', now)).toBe(false);
    expect(isCurrentPeriod('2026-11-25', 'day', now)).toBe(true);
    expect(isCurrentPeriod('2026-11-24', 'day', now)).toBe(false);
  });
});
