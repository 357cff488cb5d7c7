import { dataStart, costRangeStart, isCurrentPeriod } from './costRange';

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

describe('dataStart', () => {
  it('is the first period with data when the bill starts after the range does', () => {
    expect(dataStart('2026-07-01', [{ date: '2026-12' }, { date: '2026-11' }])).toBe('2026-11');
    expect(dataStart('2026-11-08', [{ date: '2026-11-20' }])).toBe('2026-11-20');
  });

  it('is the range start when data covers it, or when there is none', () => {
    expect(dataStart('2026-07-01', [{ date: '2026-07' }, { date: '2026-08' }])).toBe('2026-07-01');
    expect(dataStart('2026-07-01', [])).toBe('2026-07-01');
  });
});
