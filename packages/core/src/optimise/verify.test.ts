import { parseMoney } from '../cost/decimal';
import { verifySaving } from './verify';

const M = (s: string) => parseMoney(s)!;
const MONTH30 = 30 * 86400;

describe('verifySaving', () => {
  it('holds the driver fixed: a traffic rise does not hide the saving', () => {
    // Before: 1000 for 1e6 requests (0.001 each); after: 800 for 1.2e6 (0.000667 each), 30 days each.
    // At the after volume the old unit cost would have cost 1200: saving 400 over 30 days, × 730 h /
    // 720 h = 405.555556 a month. The cost alone fell 200 → 202.777778 a month.
    const v = verifySaving({
      before: { cost: M('1000'), driver: 1e6, seconds: MONTH30 },
      after: { cost: M('800'), driver: 1.2e6, seconds: MONTH30 },
      promisedMonthlySaving: M('450'),
    });
    expect(v.unitCost.before).toBeCloseTo(0.001, 15);
    expect(v.unitCost.after).toBeCloseTo(0.0008 / 1.2, 15);
    expect(v.realisedMonthlySaving).toBe(M('405.555556'));
    expect(v.rawMonthlySaving).toBe(M('202.777778'));
    expect(v.ratio).toBeCloseTo(405.5555556 / 450, 8);
    expect(v.outcome).toBe('realised');
    expect(v.suggestRollback).toBe(false);
    expect(v.reasons[0]).toBe(
      "unit cost 0.001 → 0.0006667 per unit of driver (-33.3 %); at the after period's volume that is 405.555556 a month against 450 promised (90.1 %): realised (cost alone: 202.777778 a month)",
    );
  });

  it('a traffic fall does not fake one', () => {
    // Cost fell by half because traffic halved; unit cost unchanged: nothing realised.
    const v = verifySaving({
      before: { cost: M('1000'), driver: 1e6, seconds: MONTH30 },
      after: { cost: M('500'), driver: 5e5, seconds: MONTH30 },
      promisedMonthlySaving: M('300'),
    });
    expect(v.realisedMonthlySaving).toBe(0n);
    expect(v.rawMonthlySaving).toBe(M('506.944444'));
    expect(v.outcome).toBe('not-realised');
  });

  it('partial when under 80 % of the promise', () => {
    const v = verifySaving({
      before: { cost: M('1000'), driver: 1e6, seconds: MONTH30 },
      after: { cost: M('900'), driver: 1e6, seconds: MONTH30 },
      promisedMonthlySaving: M('300'),
    });
    // 100 × 730 / 720 = 101.388889 of 300.
    expect(v.realisedMonthlySaving).toBe(M('101.388889'));
    expect(v.outcome).toBe('partial');
  });

  it('flags an SLO regression beyond noise after a scale-down and suggests rollback', () => {
    // Error ratio 0.1 % → 0.2 % over a million events each: pooled p = 0.0015,
    // se = √(0.0015 × 0.9985 × 2e-6) = 5.4731e-5, z = 0.001 / se = 18.27.
    const v = verifySaving({
      before: { cost: M('1000'), driver: 1e6, seconds: MONTH30, slo: { good: 999000, total: 1e6 } },
      after: { cost: M('800'), driver: 1e6, seconds: MONTH30, slo: { good: 998000, total: 1e6 } },
      promisedMonthlySaving: M('200'),
    });
    expect(v.slo.z).toBeCloseTo(0.001 / Math.sqrt(0.0015 * 0.9985 * 2e-6), 9);
    expect(v.slo.regression).toBe(true);
    expect(v.suggestRollback).toBe(true);
    expect(v.reasons).toContain('the SLO regressed after a scale-down: roll the change back');
  });

  it('a small change in SLI is noise; a burn rate crossing 1 is not', () => {
    // 10 vs 12 bad events of 10,000: z ≈ 0.43.
    const base = { cost: M('10'), driver: 10000, seconds: 86400 };
    const quiet = verifySaving({
      before: { ...base, slo: { good: 9990, total: 10000 } },
      after: { ...base, cost: M('8'), slo: { good: 9988, total: 10000 } },
      promisedMonthlySaving: M('50'),
    });
    expect(quiet.slo.regression).toBe(false);
    expect(quiet.slo.z).toBeLessThan(1);
    const burning = verifySaving({
      before: { ...base, burnRate: 0.6 },
      after: { ...base, cost: M('8'), burnRate: 1.4 },
      promisedMonthlySaving: M('50'),
    });
    expect(burning.slo.regression).toBe(true);
    expect(burning.suggestRollback).toBe(true);
    expect(burning.reasons).toContain(
      'burn rate 0.6 → 1.4: the error budget now runs out before the window ends',
    );
  });

  it('does not suggest rolling back an increase', () => {
    const v = verifySaving({
      before: { cost: M('10'), driver: 100, seconds: 86400, burnRate: 0.5 },
      after: { cost: M('12'), driver: 100, seconds: 86400, burnRate: 2 },
      promisedMonthlySaving: M('-60'),
    });
    expect(v.slo.regression).toBe(true);
    expect(v.suggestRollback).toBe(false);
  });

  it('rejects periods without volume or length', () => {
    const ok = { cost: M('1'), driver: 1, seconds: 1 };
    expect(() =>
      verifySaving({ before: { ...ok, driver: 0 }, after: ok, promisedMonthlySaving: 0n }),
    ).toThrow('verifySaving: before.driver must be positive (no volume, no unit cost), got 0');
    expect(() =>
      verifySaving({ before: ok, after: { ...ok, seconds: 0 }, promisedMonthlySaving: 0n }),
    ).toThrow(/after.seconds must be positive/);
    expect(() =>
      verifySaving({
        before: ok,
        after: { ...ok, slo: { good: 5, total: 4 } },
        promisedMonthlySaving: 0n,
      }),
    ).toThrow(/after.slo must have 0 ≤ good ≤ total/);
  });
});
