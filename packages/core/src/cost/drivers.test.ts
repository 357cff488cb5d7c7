import { CostAggregator } from './aggregate';
import { compileAttributionRules } from './attribution';
import { parseMoney, setMoneyParts } from './decimal';
import { CostDriverSums, driverShares, type CostDriverCell } from './drivers';
import { createFocusRowParts } from './normalise';
import { focusRow } from './test-factory';
import { parseFocusTimestamp } from './time';
import type { CostEntity } from './types';

const A = 'component:default/a';
const B = 'component:default/b';
const entities: CostEntity[] = [
  { ref: A, owner: 'group:default/core', lineOfBusiness: 'retail' },
  { ref: B, owner: 'group:default/core', lineOfBusiness: 'retail' },
];
const m = (s: string) => parseMoney(s)!;
const day = (s: string) => parseFocusTimestamp(s)!;

describe('CostDriverSums', () => {
  const attributor = compileAttributionRules(
    [
      {
        id: 'shared',
        type: 'shared',
        match: { serviceName: 'Support' },
        among: [A, B],
        split: { by: 'even' },
      },
      { id: 'svc', type: 'tag', key: 'service' },
    ],
    entities,
  );
  const rows = [
    focusRow({ billed: '3', effective: '2', tags: { service: 'a' } }),
    focusRow({ billed: '1.25', effective: '1', tags: { service: 'a' } }),
    focusRow({ billed: '2', serviceName: 'Amazon S3', tags: { service: 'a' } }),
    focusRow({ billed: '0.5', tags: { service: 'nobody' } }),
    focusRow({ billed: '0.25', start: '2024-09-02T00:00:00Z', tags: { service: 'b' } }),
    focusRow({ billed: '4', serviceName: 'Support' }),
  ];

  it('sums each entity’s spending by service, charge category and day, and the bill per day', () => {
    const aggregator = new CostAggregator(attributor);
    const sums = new CostDriverSums();
    for (const r of rows) {
      const a = attributor.attribute(r);
      aggregator.add(r, a);
      sums.add(r, a);
    }
    const { drivers, billDays } = sums.finish(aggregator.finish(), new Set(['shared']));
    const of = (entityRef: string | null, serviceName: string | null) =>
      drivers.filter(d => d.entityRef === entityRef && d.serviceName === serviceName);
    // A's EC2: 3 + 1.25 billed, 2 + 1 effective, on 1 September.
    expect(of(A, 'Amazon EC2')).toEqual([
      expect.objectContaining({
        day: day('2024-09-01'),
        billed: m('4.25'),
        effective: m('3'),
        sharedRuleId: null,
      }),
    ]);
    expect(of(A, 'Amazon S3')[0]!.billed).toBe(m('2'));
    expect(of(null, 'Amazon EC2')[0]!.billed).toBe(m('0.5'));
    // The 4 of support is split evenly: 2 each, as a driver named by its rule.
    expect(
      drivers.filter(d => d.sharedRuleId === 'shared').map(d => [d.entityRef, d.billed]),
    ).toEqual([
      [A, m('2')],
      [B, m('2')],
    ]);
    // The bill as stated, per day: 3 + 1.25 + 2 + 0.5 + 4 on the 1st (5 rows), 0.25 on the 2nd.
    expect(billDays.map(b => [b.day, b.billed, b.rows])).toEqual([
      [day('2024-09-01'), m('10.75'), 5],
      [day('2024-09-02'), m('0.25'), 1],
    ]);
  });

  it('gives the same sums from rows filled in place', () => {
    const fromRows = new CostDriverSums();
    const fromParts = new CostDriverSums();
    const parts = createFocusRowParts();
    for (const r of rows) {
      const a = attributor.attribute(r);
      fromRows.add(r, a);
      Object.assign(parts, r);
      setMoneyParts(parts.billed, r.billedCost);
      setMoneyParts(parts.effective, r.effectiveCost);
      fromParts.addParts(parts, a);
    }
    const none = { cells: [] };
    expect(fromParts.finish(none, new Set())).toEqual(fromRows.finish(none, new Set()));
  });
});

describe('driverShares', () => {
  const cell = (serviceName: string | null, billed: string, currency = 'USD'): CostDriverCell => ({
    entityRef: A,
    currency,
    billingPeriodStart: 0,
    day: 0,
    serviceName,
    chargeCategory: 'Usage',
    sharedRuleId: null,
    billed: m(billed),
    effective: m(billed),
  });

  it('sums by service over days, largest first, with its share of the currency total', () => {
    const r = driverShares(
      [
        cell('EC2', '1'),
        cell('S3', '1'),
        cell('EC2', '1'),
        cell('RDS', '1'),
        cell('EC2', '5', 'EUR'),
      ],
      'billed',
      2,
    );
    // EUR's EC2 5 of 5, USD's EC2 2 of 4; the limit of 2 leaves out RDS and S3 at 1 each.
    expect(r.items.map(i => [i.serviceName, i.currency, i.cost, i.share])).toEqual([
      ['EC2', 'EUR', m('5'), 1],
      ['EC2', 'USD', m('2'), 0.5],
    ]);
    expect(r.totals).toEqual([
      { currency: 'EUR', cost: m('5') },
      { currency: 'USD', cost: m('4') },
    ]);
    expect(
      driverShares([cell('EC2', '1'), cell('S3', '2')], 'billed', 5).items.map(i => i.share),
    ).toEqual([0.666666666, 0.333333333]);
  });

  it('has no share when the currency total is zero', () => {
    const r = driverShares([cell('EC2', '1'), cell('Credit', '-1')], 'effective', 5);
    expect(r.items.map(i => i.share)).toEqual([null, null]);
  });
});
