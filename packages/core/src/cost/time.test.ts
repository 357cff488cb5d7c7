import { dayStart, isoSeconds, monthStart, parseFocusTimestamp, previousMonthStart } from './time';

describe('parseFocusTimestamp', () => {
  it.each([
    ['2024-09-01T00:00:00Z', 1725148800],
    ['2024-09-01 00:00:00', 1725148800], // the FinOps sample: no T, no Z, UTC
    ['2024-09-18 22:00:00', 1725148800 + 17 * 86400 + 22 * 3600],
    ['2024-09-01T00:00Z', 1725148800],
    ['2024-09-01', 1725148800],
    ['2024-09-01T00:00:00.250Z', 1725148800],
    ['2024-09-01T02:00:00+02:00', 1725148800],
    ['2024-08-31T22:00:00-0200', 1725148800],
    ['2024-02-29T00:00:00Z', 1709164800],
  ])('%s → %d', (text, expected) => {
    expect(parseFocusTimestamp(text)).toBe(expected);
  });

  it.each([
    '5/1/25', // spreadsheet dates in the spec's SaaS examples
    '2023-02-01T30:00:00Z', // hour 30, in a spec purchase example
    '2023-02-29T00:00:00Z',
    '2024-13-01',
    '2024-09-01X00:00:00',
    '2024-09-01T00:00:00ZZ',
    '2024-09-01T00:00:00.Z',
    'NULL',
    '',
  ])('rejects %j', text => {
    expect(parseFocusTimestamp(text)).toBeUndefined();
  });
});

describe('calendar helpers', () => {
  it('finds the UTC day and month', () => {
    const t = parseFocusTimestamp('2024-09-18 22:30:00')!;
    expect(isoSeconds(dayStart(t))).toBe('2024-09-18T00:00:00Z');
    expect(isoSeconds(monthStart(t))).toBe('2024-09-01T00:00:00Z');
    expect(isoSeconds(previousMonthStart(parseFocusTimestamp('2024-01-01')!))).toBe(
      '2023-12-01T00:00:00Z',
    );
  });
});
