import {
  formatAge,
  formatChange,
  formatMoney,
  formatMoneyNumber,
  formatPeriod,
  formatQuantity,
  formatBurnRate,
  formatObjective,
  formatPercent,
  formatSeconds,
  formatTimeToExhaustion,
  fractionToPercentText,
  percentTextToFraction,
} from './format';

describe('fractionToPercentText', () => {
  it.each([
    [0.999, '99.9'],
    [0.9995, '99.95'],
    [0.99, '99'],
    [0.5, '50'],
    [0.05, '5'],
    [0.001, '0.1'],
    [1, '100'],
    [-0.25, '-25'],
    [0.123456, '12.3456'],
  ])('%p → %p', (fraction, text) => {
    expect(fractionToPercentText(fraction)).toBe(text);
  });
});

describe('percentTextToFraction', () => {
  it.each([
    ['99.9', 0.999],
    ['99.95 %', 0.9995],
    ['99', 0.99],
    ['5', 0.05],
    ['0.1', 0.001],
    ['.5', 0.005],
    ['100', 1],
  ])('%p → %p', (text, fraction) => {
    expect(percentTextToFraction(text)).toBe(fraction);
  });

  it.each(['', 'abc', '99.9.9', '%', '1e3'])('rejects %p', text => {
    expect(percentTextToFraction(text)).toBeUndefined();
  });

  it('round-trips the objectives people write', () => {
    for (const text of ['99', '99.5', '99.9', '99.95', '99.99', '99.999', '95', '90.5']) {
      expect(fractionToPercentText(percentTextToFraction(text)!)).toBe(text);
    }
  });
});

describe('display formats', () => {
  it('writes objectives exactly', () => {
    expect(formatObjective(0.999)).toBe('99.9%');
  });

  it('rounds measured fractions and shows a dash without a value', () => {
    expect(formatPercent(0.98765)).toBe('98.77%');
    expect(formatPercent(-0.3512, 1)).toBe('-35.1%');
    expect(formatPercent(null)).toBe('—');
  });

  it('writes burn rates with two decimals below ten', () => {
    expect(formatBurnRate(0.4)).toBe('0.40×');
    expect(formatBurnRate(14.44)).toBe('14.4×');
    expect(formatBurnRate(null)).toBe('—');
  });

  it('writes durations in the two largest units', () => {
    expect(formatSeconds(59)).toBe('< 1m');
    expect(formatSeconds(42 * 60)).toBe('42m');
    expect(formatSeconds(5 * 3600 + 12 * 60 + 30)).toBe('5h 12m');
    expect(formatSeconds(3 * 86400 + 4 * 3600 + 59 * 60)).toBe('3d 4h');
    expect(formatSeconds(2 * 86400 + 30 * 60)).toBe('2d');
  });

  it('writes ages and time to exhaustion', () => {
    expect(formatAge(12)).toBe('12s ago');
    expect(formatAge(3 * 3600 + 60)).toBe('3h 1m ago');
    expect(formatTimeToExhaustion(null, 0.8)).toBe('not burning');
    expect(formatTimeToExhaustion(7200, 0.1)).toBe('2h');
    expect(formatTimeToExhaustion(null, -0.2)).toBe('exhausted');
  });
});

describe('formatMoney', () => {
  it.each<[string, string | null, { decimals?: number; signed?: boolean }, string]>([
    ['1234.565', 'USD', {}, '1,234.57 USD'],
    ['1234.564999', 'USD', {}, '1,234.56 USD'],
    ['0.005', null, {}, '0.01'],
    ['-0.004', 'EUR', {}, '0.00 EUR'],
    ['-1234567.891', 'USD', {}, '−1,234,567.89 USD'],
    ['42', 'USD', { signed: true }, '+42.00 USD'],
    ['0.1', 'USD', { decimals: 4 }, '0.1000 USD'],
    ['999.995', 'USD', {}, '1,000.00 USD'],
    ['.5', null, { decimals: 0 }, '1'],
    // Beyond float precision: the text is rounded, not a double.
    ['12345678901234567.125', null, {}, '12,345,678,901,234,567.13'],
  ])('%p %p %p → %p', (amount, currency, options, text) => {
    expect(formatMoney(amount, currency, options)).toBe(text);
  });

  it('gives the same rounding as a plain number for CSV', () => {
    expect(formatMoney('-1234567.895', null, { plain: true })).toBe('-1234567.90');
    expect(formatMoney('42', null, { plain: true, signed: true })).toBe('+42.00');
    expect(formatMoney(null, null, { plain: true })).toBe('');
  });

  it('shows a dash for no amount and unparseable text as it came', () => {
    expect(formatMoney(null, 'USD')).toBe('—');
    expect(formatMoney('1e3', 'USD')).toBe('1e3');
  });
});

describe('formatMoneyNumber', () => {
  it('rounds a number to cents', () => {
    expect(formatMoneyNumber(3128.5714, 'USD')).toBe('3,128.57 USD');
    expect(formatMoneyNumber(null, 'USD')).toBe('—');
  });
});

describe('formatChange', () => {
  it.each([
    [0.123, '+12.3%'],
    [-0.0449, '−4.5%'],
    [0.00001, '0.0%'],
    [-0.00001, '0.0%'],
    [2, '+200.0%'],
  ])('%p → %p', (fraction, text) => {
    expect(formatChange(fraction)).toBe(text);
  });

  it('shows a dash without an earlier period', () => {
    expect(formatChange(null)).toBe('—');
  });
});

describe('formatQuantity', () => {
  it.each([
    [3 / 0.7, '4.286'],
    [0.012345, '0.01235'],
    [1500, '1,500'],
    [1234567.8, '1,234,568'],
    [2, '2'],
    [0, '0'],
    [-12.5, '-12.5'],
  ])('%p → %p', (value, text) => {
    expect(formatQuantity(value)).toBe(text);
  });
});

describe('formatPeriod', () => {
  it.each([
    ['2026-11', 'Nov 2026'],
    ['2026-01-05', '5 Jan 2026'],
    ['2026-13', '2026-13'],
    ['last week', 'last week'],
  ])('%p → %p', (date, text) => {
    expect(formatPeriod(date)).toBe(text);
  });
});
