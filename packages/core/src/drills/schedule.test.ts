import { cronMatches, drillHold, lastDueAt } from './schedule';

// 2027-01-15T08:00:00Z is a Friday.
const FRI_0800 = 1_800_000_000;

describe('cronMatches', () => {
  it('matches minute, hour, ranges, lists and steps in UTC', () => {
    expect(cronMatches('0 8 * * *', FRI_0800)).toBe(true);
    expect(cronMatches('0 8 * * *', FRI_0800 + 59)).toBe(true);
    expect(cronMatches('0 8 * * *', FRI_0800 + 60)).toBe(false);
    expect(cronMatches('*/15 6-9 * * 1-5', FRI_0800 + 45 * 60)).toBe(true);
    expect(cronMatches('0 8 * * 1,2', FRI_0800)).toBe(false);
    expect(cronMatches('0 8 * 2 *', FRI_0800)).toBe(false);
  });

  it('takes either day field when both are restricted, as cron does', () => {
    expect(cronMatches('0 8 15 * 1', FRI_0800)).toBe(true); // the 15th, not a Monday
    expect(cronMatches('0 8 1 * 5', FRI_0800)).toBe(true); // a Friday, not the 1st
    expect(cronMatches('0 8 1 * 1', FRI_0800)).toBe(false);
  });

  it('refuses an expression that is not one', () => {
    expect(() => cronMatches('61 * * * *', FRI_0800)).toThrow(/minute field "61"/);
  });
});

describe('lastDueAt', () => {
  it('is the latest cron minute or game day in (since, now]', () => {
    const s = { cron: '0 8 * * *', minBudgetRemaining: 0.25 };
    expect(lastDueAt(s, FRI_0800 - 60, FRI_0800 + 600)).toBe(FRI_0800);
    expect(lastDueAt(s, FRI_0800, FRI_0800 + 600)).toBeUndefined();
    // Down for three days: one run, at the latest slot.
    expect(lastDueAt(s, FRI_0800 - 3 * 86400, FRI_0800 + 600)).toBe(FRI_0800);
    const game = { at: ['2027-01-15T08:30:00Z'], minBudgetRemaining: 0.25 };
    expect(lastDueAt(game, FRI_0800, FRI_0800 + 1800)).toBe(FRI_0800 + 1800);
    expect(lastDueAt(game, FRI_0800, FRI_0800 + 1799)).toBeUndefined();
  });
});

describe('drillHold', () => {
  it('holds during a freeze, below the budget floor and on an unknown budget', () => {
    expect(drillHold({ minBudgetRemaining: 0.25, budgetRemaining: 0.6 })).toBeUndefined();
    expect(drillHold({ minBudgetRemaining: 0.25, budgetRemaining: 0.6, freeze: 'year end' })).toBe(
      'a change freeze holds: year end',
    );
    expect(drillHold({ minBudgetRemaining: 0.25, budgetRemaining: 0.2 })).toBe(
      'the error budget left 20.0 % is below the floor 25.0 %',
    );
    expect(drillHold({ minBudgetRemaining: 0.25, budgetRemaining: null })).toBe(
      'the error budget left is unknown',
    );
  });
});
