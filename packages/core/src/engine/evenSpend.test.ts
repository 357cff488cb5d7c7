import { evenSpendLine, evenSpendRemaining } from './evenSpend';
import { windowEnd } from './windowEnd';

const unix = (iso: string) => Date.parse(iso) / 1000;

describe('even spend', () => {
  it('runs from all of the budget at the window start to none at its end', () => {
    expect(evenSpendRemaining(1000, 2000, 1000)).toBe(1);
    expect(evenSpendRemaining(1000, 2000, 1250)).toBe(0.75);
    expect(evenSpendRemaining(1000, 2000, 2000)).toBe(0);
    expect(evenSpendLine(1000, 2000)).toEqual([
      { t: 1000, remaining: 1 },
      { t: 2000, remaining: 0 },
    ]);
  });

  it("reaches 0 at a 31-day month's real end, not at its nominal 30 days", () => {
    const month = {
      duration: '1M',
      seconds: 30 * 86_400,
      isRolling: false,
      calendarUnit: 'month' as const,
    };
    const start = unix('2026-12-01T00:00:00Z');
    const end = windowEnd(month, unix('2026-12-02T00:00:00Z'));
    // After 30 of 31 days, 1/31 of the budget is still to be spent.
    expect(evenSpendRemaining(start, end, start + 30 * 86_400)).toBeCloseTo(1 / 31, 12);
    expect(evenSpendLine(start, end)[1]).toEqual({ t: unix('2027-01-01T00:00:00Z'), remaining: 0 });
  });

  it('rejects a window that ends before it starts, naming both ends', () => {
    expect(() => evenSpendRemaining(2000, 2000, 2000)).toThrow(
      /windowEnd \(2000\) after windowStart \(2000\)/,
    );
  });
});
