import { windowLabel } from './durations';
import { timeToExhaustion } from './exhaustion';

describe('windowLabel', () => {
  it('uses the largest unit that divides the window', () => {
    expect([300, 1800, 3600, 5400, 86400, 259200, 2592000, 45].map(windowLabel)).toEqual([
      '5m',
      '30m',
      '1h',
      '90m',
      '1d',
      '3d',
      '30d',
      '45s',
    ]);
  });

  it('rejects non-positive lengths', () => {
    expect(() => windowLabel(0)).toThrow(
      'window length must be a positive number of seconds, got 0',
    );
  });
});

describe('timeToExhaustion', () => {
  it('projects the remaining fraction at the current burn rate', () => {
    // Half the budget of a 30-day window at burn rate 2: 0.5 * 30 d / 2 = 7.5 d.
    expect(timeToExhaustion(0.5, 2, 2592000)).toBe(648000);
  });

  it('is 0 when the budget is spent, null when nothing burns or nothing is known', () => {
    expect(timeToExhaustion(0, 3, 2592000)).toBe(0);
    expect(timeToExhaustion(-0.4, null, 2592000)).toBe(0);
    expect(timeToExhaustion(0.5, 0, 2592000)).toBeNull();
    expect(timeToExhaustion(0.5, null, 2592000)).toBeNull();
    expect(timeToExhaustion(null, 2, 2592000)).toBeNull();
  });
});
