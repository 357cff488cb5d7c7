import fc from 'fast-check';
import {
  createMoneyParts,
  ExactSum,
  moneyOfParts,
  parseMoneyInto,
  formatMoney,
  formatMoneyFixed,
  moneyFromNumber,
  moneyToCents,
  moneyToNumber,
  parseMoney,
  splitMoney,
  weightsFromNumbers,
} from './decimal';

describe('parseMoney', () => {
  it.each([
    ['0.00001605990', 16059900n],
    ['20.52022672899', 20520226728990n],
    ['-1.5', -1500000000000n],
    ['+12', 12000000000000n],
    ['.5', 500000000000n],
    ['7.', 7000000000000n],
    ['1.5E-05', 15000000n],
    ['2.5e3', 2500000000000000n],
    ['0.0000000000005', 0n], // half to even: ...0|5 → 0
    ['0.0000000000015', 2n], // ...1|5 → 2
    ['0.00000000000051', 1n],
    ['-0.0000000000016', -2n],
  ])('%s → %s pico-units', (text, expected) => {
    expect(parseMoney(text)).toBe(expected);
  });

  it.each([
    '',
    'NULL',
    '$1,200.00',
    '1,200',
    ' 1',
    '1 ',
    '1.2.3',
    '-',
    '.',
    'e5',
    '1e',
    '1e99999',
    'abc',
    '0x10',
  ])('rejects %j', text => {
    expect(parseMoney(text)).toBeUndefined();
  });

  it('round-trips any 12-decimal amount through formatMoney', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), v => {
        expect(parseMoney(formatMoney(v))).toBe(v);
      }),
    );
  });
});

describe('formatting and conversion', () => {
  it('formats the shortest exact decimal', () => {
    expect(formatMoney(20520226728990n)).toBe('20.52022672899');
    expect(formatMoney(-1500000000000n, 2)).toBe('-1.50');
    expect(formatMoney(0n)).toBe('0');
  });

  it('formats a fixed number of decimals for people, rounded half to even', () => {
    expect(formatMoneyFixed(parseMoney('20.52022672899')!, 2)).toBe('20.52');
    expect(formatMoneyFixed(parseMoney('9448.515754')!, 2)).toBe('9448.52');
    expect(formatMoneyFixed(parseMoney('0.125')!, 2)).toBe('0.12');
    expect(formatMoneyFixed(parseMoney('0.135')!, 2)).toBe('0.14');
    expect(formatMoneyFixed(parseMoney('-1.005')!, 2)).toBe('-1.00');
    expect(formatMoneyFixed(parseMoney('-0.004')!, 2)).toBe('0.00');
    expect(formatMoneyFixed(parseMoney('7.5')!, 0)).toBe('8');
    expect(formatMoneyFixed(parseMoney('0.05')!, 3)).toBe('0.050');
    expect(() => formatMoneyFixed(1n, 13)).toThrow(/decimals: 13/);
  });

  it('rounds cents half to even', () => {
    expect(moneyToCents(parseMoney('20.52022672899')!)).toBe(2052n);
    expect(moneyToCents(parseMoney('0.125')!)).toBe(12n);
    expect(moneyToCents(parseMoney('0.135')!)).toBe(14n);
    expect(moneyToCents(parseMoney('-0.125')!)).toBe(-12n);
    expect(moneyToCents(parseMoney('0.1250000001')!)).toBe(13n);
  });

  it('converts JSON numbers through their decimal text', () => {
    expect(moneyFromNumber(0.425469)).toBe(425469000000n);
    expect(moneyFromNumber(NaN)).toBeUndefined();
    expect(moneyToNumber(425469000000n)).toBe(0.425469);
  });
});

describe('splitMoney', () => {
  it('splits 1.00 three ways exactly, the first part taking the odd pico-unit', () => {
    const parts = splitMoney(1000000000000n, [1n, 1n, 1n])!;
    expect(parts).toEqual([333333333334n, 333333333333n, 333333333333n]);
  });

  it('splits by weight and keeps the sign of a credit', () => {
    expect(splitMoney(-10n, [3n, 1n])).toEqual([-8n, -2n]);
    expect(splitMoney(10n, [0n, 0n])).toBeUndefined();
    expect(() => splitMoney(10n, [-1n, 2n])).toThrow(/negative/);
  });

  it('parts always add up to the amount and stay within one unit of the exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 12 }),
        (amount, weights) => {
          const total = weights.reduce((a, b) => a + b, 0n);
          const parts = splitMoney(amount, weights);
          if (total === 0n) return expect(parts).toBeUndefined();
          expect(parts!.reduce((a, b) => a + b, 0n)).toBe(amount);
          parts!.forEach((p, i) => {
            const exact = (amount * weights[i]!) / total;
            const d = p - exact;
            expect(d >= -1n && d <= 1n).toBe(true);
          });
        },
      ),
    );
  });

  it('turns metric weights into integers with nine decimals', () => {
    expect(weightsFromNumbers([0.5, 2])).toEqual([500000000n, 2000000000n]);
    expect(() => weightsFromNumbers([NaN])).toThrow(/finite/);
  });
});

describe('money in number parts', () => {
  const decimalText = fc
    .tuple(
      fc.constantFrom('', '-', '+'),
      fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 19 }),
      fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 16 })),
      fc.option(fc.integer({ min: -20, max: 20 })),
    )
    .map(
      ([sign, whole, frac, exp]) =>
        `${sign}${whole}${frac === null ? '' : `.${frac}`}${exp === null ? '' : `E${exp}`}`,
    );

  it('parseMoneyInto reads exactly what parseMoney reads, and refuses what it refuses', () => {
    fc.assert(
      fc.property(fc.oneof(decimalText, fc.string()), text => {
        const parts = createMoneyParts();
        const ok = parseMoneyInto(text, parts);
        const exact = parseMoney(text);
        expect(ok).toBe(exact !== undefined);
        if (exact !== undefined) {
          expect(moneyOfParts(parts)).toBe(exact);
          if (parts.big === null) {
            expect(Math.abs(parts.units)).toBeLessThan(1e15);
            expect(Math.abs(parts.pico)).toBeLessThan(1e12);
          }
        }
      }),
    );
    const p = createMoneyParts();
    expect(parseMoneyInto('-0.00001605990', p)).toBe(true);
    expect(p).toEqual({ units: -0, pico: -16059900, big: null });
    expect(parseMoneyInto('12345678901234567890.5', p)).toBe(true);
    expect(p.big).toBe(12345678901234567890500000000000n);
  });

  it('ExactSum adds parts exactly past 2^53, in any mix with bigint adds', () => {
    fc.assert(
      fc.property(
        fc.array(decimalText, { maxLength: 60 }),
        fc.integer({ min: 1, max: 5000 }),
        (texts, repeat) => {
          const sum = new ExactSum();
          let expected = 0n;
          const parts = createMoneyParts();
          for (const t of texts) {
            if (!parseMoneyInto(t, parts)) continue;
            for (let k = 0; k < repeat; k++) sum.addParts(parts);
            const v = parseMoney(t)!;
            expected += v * BigInt(repeat);
            sum.add(v);
            expected += v;
          }
          expect(sum.value()).toBe(expected);
        },
      ),
      { numRuns: 50 },
    );
    // 10 million rows of 999,999,999,999,999.999999999999 stay exact.
    const big = createMoneyParts();
    parseMoneyInto('999999999999999.999999999999', big);
    expect(big.big).toBeNull();
    const s = new ExactSum();
    for (let k = 0; k < 10_000_000; k++) s.addParts(big);
    expect(s.value()).toBe(parseMoney('999999999999999.999999999999')! * 10_000_000n);
  });
});
