import fc from 'fast-check';
import { formatDuration, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['500ms', 0.5],
    ['30s', 30],
    ['5m', 300],
    ['1h', 3_600],
    ['1h30m', 5_400],
    ['1d', 86_400],
    ['2w', 1_209_600],
    ['28d', 2_419_200],
    ['30d', 2_592_000],
    ['1y', 31_536_000],
    // OpenSLO calendar units: a month is 30 days and a quarter 90 days for rates.
    ['1M', 2_592_000],
    ['1Q', 7_776_000],
    ['1Y', 31_536_000],
    ['1.5h', 5_400],
  ])('%s is %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', '30x', '5', 'm', '1h 30m', '-5m', '5m1h', '1m1m', '1.h'])('rejects %j', text => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [0.25, '250ms'],
    [45, '45s'],
    [90, '90s'],
    [300, '5m'],
    [3_600, '1h'],
    [5_400, '90m'],
    [86_400, '1d'],
    [2_592_000, '30d'],
    [2_419_200, '4w'],
    [31_536_000, '1y'],
  ])('%d seconds is %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('rejects negative and non-finite values', () => {
    expect(() => formatDuration(-1)).toThrow(RangeError);
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError);
  });

  it('round-trips through parseDuration for any whole number of milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 365 * 86_400_000 }), millis => {
        const seconds = millis / 1000;
        expect(parseDuration(formatDuration(seconds))).toBe(seconds);
      }),
    );
  });

  it('gives the largest unit that divides the duration exactly', () => {
    const sizes: Record<string, number> = {
      s: 1,
      m: 60,
      h: 3_600,
      d: 86_400,
      w: 604_800,
      y: 31_536_000,
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.constantFrom('s', 'm', 'h', 'd', 'w'),
        (n, unit) => {
          const seconds = n * (sizes[unit] as number);
          const [, count, used] = /^(\d+)([a-z]+)$/.exec(formatDuration(seconds)) ?? [];
          expect(Number(count) * (sizes[used as string] as number)).toBe(seconds);
          for (const size of Object.values(sizes)) {
            if (size > (sizes[used as string] as number)) expect(seconds % size).not.toBe(0);
          }
        },
      ),
    );
  });
});
