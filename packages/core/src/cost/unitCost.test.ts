import { parseMoney } from './decimal';
import type { CostEntity } from './types';
import {
  flagUnitCosts,
  quantileSorted,
  unitCostBands,
  unitCostDriver,
  unitCosts,
} from './unitCost';

const lob = (ref: string, l: string | null): CostEntity => ({ ref, lineOfBusiness: l });

describe('unit cost', () => {
  it('reads the driver annotation', () => {
    expect(
      unitCostDriver({
        ref: 'x',
        annotations: {
          'headroom.dev/unit-cost-query': ' sum(rate(x[1d])) ',
          'headroom.dev/unit-cost-driver': 'request',
        },
      }),
    ).toEqual({
      query: 'sum(rate(x[1d]))',
      unit: 'request',
    });
    expect(unitCostDriver({ ref: 'x' })).toBeNull();
  });

  it('divides cost by driver; no driver or zero traffic gives no unit cost', () => {
    const u = unitCosts(
      [
        { entityRef: 'a', period: 0, currency: 'USD', cost: parseMoney('12.5')! },
        { entityRef: 'b', period: 0, currency: 'USD', cost: parseMoney('3')! },
        { entityRef: 'c', period: 0, currency: 'USD', cost: parseMoney('3')! },
      ],
      [
        { entityRef: 'a', period: 0, value: 1000 },
        { entityRef: 'b', period: 0, value: 0 },
      ],
    );
    expect(u.map(x => [x.entityRef, x.cost, x.driver, x.unitCost])).toEqual([
      ['a', 12.5, 1000, 0.0125],
      ['b', 3, 0, null],
      ['c', 3, null, null],
    ]);
  });

  it('quantiles interpolate linearly', () => {
    expect(quantileSorted([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it('bands each line of business and flags entities outside p25..p75', () => {
    const entities = [
      lob('a', 'retail'),
      lob('b', 'retail'),
      lob('c', 'retail'),
      lob('d', 'retail'),
      lob('e', 'retail'),
      lob('f', 'finance'),
      lob('g', null),
    ];
    // Unit costs 1..5 in retail: p25 2, p50 3, p75 4.
    const costs = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((ref, i) => ({
      entityRef: ref,
      period: 0,
      currency: 'USD',
      cost: parseMoney(String(i + 1))!,
    }));
    const u = unitCosts(
      costs,
      costs.map(c => ({ entityRef: c.entityRef, period: 0, value: 1 })),
    );
    const bands = unitCostBands(u, entities);
    expect(bands).toEqual([
      { lineOfBusiness: 'retail', period: 0, currency: 'USD', entities: 5, p25: 2, p50: 3, p75: 4 },
    ]);
    const flags = flagUnitCosts(u, bands, entities);
    expect(flags.map(f => [f.entityRef, f.position, f.flagged])).toEqual([
      ['a', 'below', true],
      ['b', 'within', false],
      ['c', 'within', false],
      ['d', 'within', false],
      ['e', 'above', true],
      ['f', 'no-band', false],
      ['g', 'no-band', false],
    ]);
  });
});
