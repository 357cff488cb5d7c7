import { CostAggregator, mergeCostAggregates } from './aggregate';
import { compileAttributionRules } from './attribution';
import { parseMoney, setMoneyParts } from './decimal';
import { createFocusRowParts } from './normalise';
import { reconcileCosts } from './reconcile';
import { periodOf, rollupCosts, UNALLOCATED, UNASSIGNED } from './rollup';
import { focusRow } from './test-factory';
import { parseFocusTimestamp } from './time';
import type { CostEntity } from './types';

const A = 'component:default/a';
const B = 'component:default/b';
const C = 'component:default/c';
const entities: CostEntity[] = [
  { ref: A, owner: 'group:default/core', lineOfBusiness: 'retail' },
  { ref: B, owner: 'group:default/core', lineOfBusiness: 'retail' },
  { ref: C, owner: null, lineOfBusiness: 'finance' },
];
const m = (s: string) => parseMoney(s)!;
const t = (s: string) => parseFocusTimestamp(s)!;

describe('CostAggregator with shared splits', () => {
  function run(split: 'even' | 'usage' | 'metric') {
    const attributor = compileAttributionRules(
      [
        {
          id: 'shared',
          type: 'shared',
          match: { serviceName: 'Support' },
          among: [A, B, C],
          split: split === 'metric' ? { by: 'metric', weights: { [A]: 1, [B]: 3 } } : { by: split },
        },
        { id: 'svc', type: 'tag', key: 'service' },
      ],
      entities,
    );
    const agg = new CostAggregator(attributor);
    agg.add(focusRow({ billed: '3', effective: '1', tags: { service: 'a' } }));
    agg.add(focusRow({ billed: '1', effective: '3', tags: { service: 'b' } }));
    agg.add(focusRow({ billed: '0.5', tags: { service: 'nobody' } }));
    agg.add(focusRow({ billed: '1.00', effective: '2.00', serviceName: 'Support' }));
    return agg.finish();
  }
  const sharedOf = (cells: ReturnType<typeof run>['cells'], ref: string) =>
    cells
      .filter(c => c.entityRef === ref && c.ruleId === 'shared')
      .map(c => [c.billed, c.effective]);

  it('even: thirds, the odd pico-unit to the first', () => {
    const r = run('even');
    expect(sharedOf(r.cells, A)).toEqual([[m('0.333333333334'), m('0.666666666667')]]);
    expect(sharedOf(r.cells, C)).toEqual([[m('0.333333333333'), m('0.666666666666')]]);
  });

  it('usage: by direct cost of the same day, each view by its own usage', () => {
    const r = run('usage');
    // Billed usage A 3, B 1, C 0 → 0.75 / 0.25; effective usage A 1, B 3 → 0.5 / 1.5.
    expect(sharedOf(r.cells, A)).toEqual([[m('0.75'), m('0.5')]]);
    expect(sharedOf(r.cells, B)).toEqual([[m('0.25'), m('1.5')]]);
    expect(sharedOf(r.cells, C)).toEqual([]);
  });

  it('metric: by fixed weights', () => {
    const r = run('metric');
    expect(sharedOf(r.cells, A)).toEqual([[m('0.25'), m('0.5')]]);
    expect(sharedOf(r.cells, B)).toEqual([[m('0.75'), m('1.5')]]);
  });

  it('keeps unallocated cost as a cell and reconciles every billing period to the cent', () => {
    const r = run('usage');
    expect(r.cells.filter(c => c.entityRef === null)).toEqual([
      expect.objectContaining({ ruleId: null, billed: m('0.5'), rows: 1 }),
    ]);
    const rec = reconcileCosts(r);
    expect(rec).toHaveLength(2);
    expect(rec.every(x => x.ok)).toBe(true);
    expect(rec.find(x => x.view === 'billed')).toMatchObject({
      bill: m('5.5'),
      attributed: m('5'),
      unallocated: m('0.5'),
      differenceCents: 0n,
    });
  });

  it('leaves a usage pool unallocated on a day with no usage among its entities', () => {
    const attributor = compileAttributionRules(
      [{ id: 's', type: 'shared', match: { serviceName: 'Support' }, split: { by: 'usage' } }],
      entities,
    );
    const agg = new CostAggregator(attributor);
    agg.add(focusRow({ billed: '2', serviceName: 'Support' }));
    const r = agg.finish();
    expect(r.shared).toEqual([
      expect.objectContaining({ ruleId: 's', split: false, billed: m('2') }),
    ]);
    expect(r.cells).toEqual([
      expect.objectContaining({ entityRef: null, ruleId: 's', billed: m('2') }),
    ]);
    expect(reconcileCosts(r).every(x => x.ok)).toBe(true);
  });
});

describe('reconcileCosts', () => {
  it('reports a difference in cents when cells do not add up to the bill', () => {
    const agg = new CostAggregator();
    agg.add(focusRow({ billed: '10' }));
    const r = agg.finish();
    r.cells[0]!.billed -= m('0.02');
    const rec = reconcileCosts(r, 'day').find(x => x.view === 'billed')!;
    expect(rec).toMatchObject({ ok: false, differenceCents: -2n, period: t('2024-09-01') });
  });
});

describe('rollupCosts', () => {
  const attributor = compileAttributionRules(
    [{ id: 'svc', type: 'tag', key: 'service' }],
    entities,
  );
  const agg = new CostAggregator(attributor);
  agg.add(
    focusRow({
      billed: '10',
      effective: '8',
      start: '2024-08-31T23:00:00Z',
      tags: { service: 'a' },
    }),
  );
  agg.add(focusRow({ billed: '4', start: '2024-08-31T01:00:00Z', tags: { service: 'c' } }));
  agg.add(
    focusRow({
      billed: '15',
      effective: '9',
      start: '2024-09-01T00:00:00Z',
      tags: { service: 'a' },
    }),
  );
  agg.add(focusRow({ billed: '5', start: '2024-09-02T10:00:00Z', tags: { service: 'b' } }));
  agg.add(focusRow({ billed: '1', start: '2024-09-02T10:00:00Z', tags: {} }));
  const r = agg.finish();

  it('by owner and month, billed; September so far has no like-for-like August to compare', () => {
    // The data runs from 31 August to 2 September: September is month to date (2 of 30 days),
    // and 1–2 August are before the data starts, so there is no change to give (it used to
    // compare 2 days of September with 1 day of August as if both were whole months).
    const rows = rollupCosts(r, entities, { by: 'owner', grain: 'month', view: 'billed' });
    expect(rows.map(x => [x.key, x.period, x.cost, x.previous, x.change, x.changeRatio])).toEqual([
      ['(unassigned)', t('2024-08-01'), m('4'), null, null, null],
      ['group:default/core', t('2024-08-01'), m('10'), null, null, null],
      [UNALLOCATED, t('2024-09-01'), m('1'), null, null, null],
      [UNASSIGNED, t('2024-09-01'), 0n, null, null, null],
      ['group:default/core', t('2024-09-01'), m('20'), null, null, null],
    ]);
    expect(rows.map(x => x.partial ?? null)).toEqual([
      null,
      null,
      { days: 2, of: 30 },
      { days: 2, of: 30 },
      { days: 2, of: 30 },
    ]);
  });

  it('by billing period: a charge of 31 August on the September bill is September’s', () => {
    // Every row of the fixture is on the bill starting 2024-09-01 (see test-factory).
    const rows = rollupCosts(r, entities, {
      by: 'owner',
      grain: 'month',
      view: 'billed',
      period: 'billing',
    });
    expect(rows.map(x => [x.key, x.period, x.cost, x.previous])).toEqual([
      [UNALLOCATED, t('2024-09-01'), m('1'), null],
      [UNASSIGNED, t('2024-09-01'), m('4'), null],
      ['group:default/core', t('2024-09-01'), m('30'), null],
    ]);
    expect(
      periodOf(
        { day: t('2024-08-31'), billingPeriodStart: t('2024-09-01') },
        { grain: 'day', period: 'billing' },
      ),
    ).toBe(t('2024-08-31'));
  });

  it('by entity and day, amortised view', () => {
    const rows = rollupCosts(r, entities, { by: 'entity', grain: 'day', view: 'effective' }).filter(
      x => x.key === A,
    );
    expect(rows.map(x => [x.period, x.cost, x.previous])).toEqual([
      [t('2024-08-31'), m('8'), null],
      [t('2024-09-01'), m('9'), m('8')],
      [t('2024-09-02'), 0n, m('9')],
    ]);
  });

  it('by line of business', () => {
    const rows = rollupCosts(r, entities, { by: 'lineOfBusiness', grain: 'month', view: 'billed' });
    expect(rows.filter(x => x.period === t('2024-09-01')).map(x => [x.key, x.cost])).toEqual([
      [UNALLOCATED, m('1')],
      ['finance', 0n],
      ['retail', m('20')],
    ]);
  });

  it('merges imports', () => {
    const merged = mergeCostAggregates([r, r]);
    const bill = merged.bill.reduce((s, b) => s + b.billed, 0n);
    expect(bill).toBe(m('70'));
    expect(reconcileCosts(merged).every(x => x.ok)).toBe(true);
  });
});

describe('CostAggregator.addParts', () => {
  it('gives the same aggregates as add, large amounts and credits included', () => {
    const attributor = compileAttributionRules(
      [
        { id: 'shared', type: 'shared', match: { serviceName: 'Support' }, split: { by: 'usage' } },
        { id: 'svc', type: 'tag', key: 'service' },
      ],
      entities,
    );
    const rows = [
      focusRow({ billed: '3.000000000001', tags: { service: 'a' } }),
      focusRow({ billed: '-1.5', effective: '-1.25', tags: { service: 'b' } }),
      focusRow({ billed: '123456789012345678.123456789012', tags: { service: 'a' } }),
      focusRow({ billed: '0.333333333333', serviceName: 'Support', start: '2024-09-02T05:00:00Z' }),
      focusRow({ billed: '2', tags: { service: 'a' }, start: '2024-09-02T06:00:00Z' }),
      focusRow({ billed: '7', tags: { service: 'nobody' }, billingCurrency: 'EUR' }),
      focusRow({ billed: '1', listCost: m('1.1'), tags: { service: 'b' } }),
    ];
    const viaAdd = new CostAggregator(attributor);
    const viaParts = new CostAggregator(attributor);
    const parts = createFocusRowParts();
    for (const r of rows) {
      viaAdd.add(r);
      const { billedCost, effectiveCost, listCost, contractedCost, ...rest } = r;
      Object.assign(parts, rest);
      setMoneyParts(parts.billed, billedCost);
      setMoneyParts(parts.effective, effectiveCost);
      parts.hasList = listCost !== null;
      if (listCost !== null) setMoneyParts(parts.list, listCost);
      parts.hasContracted = contractedCost !== null;
      viaParts.addParts(parts);
    }
    const a = viaAdd.finish();
    expect(viaParts.finish()).toEqual(a);
    // 3.000000000001 - 1.5 + 123456789012345678.123456789012 + 0.333333333333 + 2 + 1
    expect(a.bill.find(b => b.currency === 'USD')!.billed).toBe(
      m('123456789012345682.956790122346'),
    );
    expect(a.bill.find(b => b.currency === 'USD')!.list).toBe(m('1.1'));
    expect(reconcileCosts(a, 'day').every(r => r.ok)).toBe(true);
  });
});

describe('CostAggregator.state and merge', () => {
  it('any division of the rows, merged in order, gives the same aggregates as one pass', () => {
    const attributor = compileAttributionRules(
      [
        { id: 'shared', type: 'shared', match: { serviceName: 'Support' }, split: { by: 'usage' } },
        { id: 'svc', type: 'tag', key: 'service' },
      ],
      entities,
    );
    const rows = [
      focusRow({ billed: '3.000000000001', tags: { service: 'a' } }),
      focusRow({ billed: '0.333333333333', serviceName: 'Support' }),
      focusRow({ billed: '-1.5', effective: '-1.25', tags: { service: 'b' } }),
      focusRow({ billed: '123456789012345678.123456789012', tags: { service: 'a' } }),
      focusRow({ billed: '2', tags: { service: 'c' }, start: '2024-09-02T06:00:00Z' }),
      focusRow({ billed: '7', tags: { service: 'nobody' }, billingCurrency: 'EUR' }),
      focusRow({ billed: '1', listCost: m('1.1'), tags: { service: 'b' } }),
      focusRow({ billed: '0.1', serviceName: 'Support', start: '2024-09-02T07:00:00Z' }),
      focusRow({
        billed: '5',
        tags: { service: 'a' },
        billingPeriodEnd: t('2024-10-02T00:00:00Z'),
      }),
    ];
    const whole = new CostAggregator(attributor);
    for (const r of rows) whole.add(r);
    const expected = whole.finish();
    for (let cut1 = 0; cut1 <= rows.length; cut1++) {
      for (let cut2 = cut1; cut2 <= rows.length; cut2++) {
        const merged = new CostAggregator(attributor);
        for (const [from, to] of [
          [0, cut1],
          [cut1, cut2],
          [cut2, rows.length],
        ] as const) {
          const part = new CostAggregator(attributor);
          for (const r of rows.slice(from, to)) part.add(r);
          // Through a structured clone, as a worker thread hands it over.
          merged.merge(structuredClone(part.state()));
        }
        expect(merged.finish()).toEqual(expected);
      }
    }
    expect(expected.bill.find(b => b.currency === 'USD')!.billingPeriodEnd).toBe(
      t('2024-10-02T00:00:00Z'),
    );
  });
});
