import { formatBurnRate, formatHumanDuration, formatPercent } from './format';

describe('formatting', () => {
  it('shows percentages without trailing zeros and a dash for no data', () => {
    expect(formatPercent(0.999)).toBe('99.9%');
    expect(formatPercent(0.99951)).toBe('99.951%');
    expect(formatPercent(-0.25, 1)).toBe('-25%');
    expect(formatPercent(null)).toBe('–');
  });
  it('shows burn rates as multiples', () => {
    expect(formatBurnRate(14.4)).toBe('14.4×');
    expect(formatBurnRate(0.5)).toBe('0.50×');
    expect(formatBurnRate(0)).toBe('0×');
    expect(formatBurnRate(null)).toBe('–');
  });
  it('shows durations with their two largest units', () => {
    expect(formatHumanDuration(93784)).toBe('1d 2h');
    expect(formatHumanDuration(2700)).toBe('45m');
    expect(formatHumanDuration(59)).toBe('59s');
    expect(formatHumanDuration(0)).toBe('spent');
    expect(formatHumanDuration(null)).toBe('never');
  });
});
