import { mockServices, TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { compileAttributionRules, parseMoney, type FocusRow } from '@headroom/core';
import { CostStore } from '../cost/CostStore';
import { CostIngest } from '../cost/ingest';
import { AnomalyScanner, scoreSeries, usualValue } from './AnomalyScanner';
import { costStoreReader } from './costStoreReader';
import { OptimisationStore } from './OptimisationStore';

jest.setTimeout(60_000);

const DAY = 86_400;
/** Monday 2026-08-03, UTC. */
const START = Date.UTC(2026, 7, 3) / 1000;
const DAYS = 100;
/** From this day on, a load-test cluster left running adds 100 a day to card-issuing's cost. */
const LEAK_DAY = 80;
const cardIssuing = 'component:default/card-issuing';
const ledger = 'component:default/ledger';

/** 100 a day on weekdays, 70 on weekends, ±1 % of deterministic wobble; +100 from LEAK_DAY. */
function dailyCost(day: number, leak: boolean): number {
  const weekday = day % 7 < 5;
  const wobble = 1 + 0.01 * Math.sin(day * 2.3);
  return (weekday ? 100 : 70) * wobble + (leak && day >= LEAK_DAY ? 100 : 0);
}

function monthStart(t: number): number {
  const d = new Date(t * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
}

function nextMonth(t: number): number {
  const d = new Date(t * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000;
}

function row(service: string, day: number, cost: number): FocusRow {
  const start = START + day * DAY;
  const amount = parseMoney(cost.toFixed(4))!;
  return {
    line: 2 + day,
    billingAccountId: 'acct-1',
    subAccountId: null,
    billingCurrency: 'USD',
    billingPeriodStart: monthStart(start),
    billingPeriodEnd: nextMonth(start),
    chargePeriodStart: start,
    chargePeriodEnd: start + DAY,
    chargeCategory: 'Usage',
    chargeClass: null,
    chargeFrequency: 'Usage-Based',
    billedCost: amount,
    effectiveCost: amount,
    listCost: null,
    contractedCost: null,
    providerName: 'AWS',
    serviceName: 'Amazon EC2',
    serviceCategory: 'Compute',
    resourceId: null,
    resourceName: null,
    regionId: null,
    skuId: null,
    pricingCategory: null,
    commitmentDiscountId: null,
    commitmentDiscountStatus: null,
    consumedQuantity: null,
    tags: { service },
  };
}

describe('scoreSeries and usualValue', () => {
  it('takes the median of the same point over the previous seven days', () => {
    const byTime = new Map<number, number>();
    [5, 1, 9, 3, 7, 100].forEach((v, i) => byTime.set((i + 1) * DAY, v));
    // At day 7 the previous days are 1..6: values 5, 1, 9, 3, 7, 100 → median (5 + 7) / 2.
    expect(usualValue(byTime, 7 * DAY)).toBe(6);
    expect(usualValue(byTime, 1 * DAY)).toBeNaN();
  });

  it('scores online: a later point never changes an earlier score', () => {
    const points = Array.from({ length: DAYS }, (_, d) => ({
      t: START + d * DAY,
      value: dailyCost(d, true),
    }));
    const all = scoreSeries(points, 0.5);
    const before = scoreSeries(points.slice(0, LEAK_DAY + 1), 0.5);
    expect(all.filter(p => p.t <= START + LEAK_DAY * DAY)).toEqual(before);
  });
});

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('AnomalyScanner on the cost store (%s)', id => {
  it('flags the day a resource was left running, with the usual cost beside it, and nothing before', async () => {
    const knex = await databases.init(id as TestDatabaseId);
    const database = mockServices.database({ knex, migrations: { skip: false } });
    const costs = await CostStore.create({ database });
    const store = await OptimisationStore.create({ database });
    const entities = [
      { ref: cardIssuing, owner: 'group:default/team-payments', lineOfBusiness: 'payments' },
      { ref: ledger, owner: 'group:default/team-payments', lineOfBusiness: 'payments' },
    ];
    const ingest = new CostIngest(
      compileAttributionRules([{ id: 'service-tag', type: 'tag', key: 'service' }], entities),
      'aws',
      10,
    );
    for (let d = 0; d < DAYS; d++) {
      ingest.addRow(row('card-issuing', d, dailyCost(d, true)));
      ingest.addRow(row('ledger', d, 2 * dailyCost(d, false)));
    }
    const ownership = new Map(
      entities.map(e => [e.ref, { ownerRef: e.owner, lineOfBusiness: e.lineOfBusiness }]),
    );
    await costs.replacePeriods('aws', ingest.finish(), ownership, 1, new Date());

    const reader = costStoreReader(costs);
    const series = await reader.costSeries(
      cardIssuing,
      new Date(START * 1000),
      new Date((START + DAYS * DAY) * 1000),
    );
    expect(series).toHaveLength(DAYS);
    expect(series[LEAK_DAY]).toEqual({
      start: START + LEAK_DAY * DAY,
      stepSeconds: DAY,
      cost: dailyCost(LEAK_DAY, true).toFixed(4).replace(/0+$/, ''),
      currency: 'USD',
    });

    const scanner = new AnomalyScanner({
      store,
      costs: reader,
      logger: mockServices.logger.mock(),
      historyDays: DAYS,
      threshold: 0.5,
      contexts: async () => ownership,
      // card-issuing served a steady 12.5 transactions/s: its unit cost leaks too.
      unitCostDrivers: async (entityRef, periods) =>
        entityRef === cardIssuing
          ? periods.map(period => ({ entityRef, period, value: 12.5 }))
          : undefined,
    });
    const now = new Date((START + DAYS * DAY + 3600) * 1000);
    const run = await scanner.run(now);
    expect(run).toMatchObject({ entities: 2, series: 3 });
    const found = await store.listAnomalies({});
    expect(found.length).toBe(run.anomalies);
    expect(found.every(a => a.entityRef === cardIssuing)).toBe(true);
    const unit = found.filter(a => a.series === 'unit-cost');
    const cost = found.filter(a => a.series === 'cost');
    // The same series divided by a constant: the same days, values divided by 12.5.
    expect(unit.map(a => a.at)).toEqual(cost.map(a => a.at));
    expect(unit[0]!.value).toBeCloseTo(cost[0]!.value / 12.5, 9);
    const first = cost[0]!;
    // Daily points: the detector's likelihood stage averages the last few surprises, so the
    // leak is flagged on its first days (a one-day blip alone would not be), never before it.
    const day = (first.at.getTime() / 1000 - START) / DAY;
    expect(day).toBeGreaterThanOrEqual(LEAK_DAY);
    expect(day).toBeLessThanOrEqual(LEAK_DAY + 2);
    expect(first).toMatchObject({
      series: 'cost',
      stepSeconds: DAY,
      currency: 'USD',
      ownerRef: 'group:default/team-payments',
      lineOfBusiness: 'payments',
    });
    expect(first.value).toBeCloseTo(dailyCost(day, true), 4);
    // The median of the seven days before it.
    const week = Array.from({ length: 7 }, (_, k) =>
      Number(dailyCost(day - 1 - k, true).toFixed(4)),
    ).sort((a, b) => a - b);
    expect(first.expected).toBeCloseTo(week[3]!, 4);
    expect(first.score).toBeGreaterThanOrEqual(0.5);

    // A second run finds the same points and stores nothing twice.
    expect((await scanner.run(now)).anomalies).toBe(0);
    expect(await store.listAnomalies({})).toHaveLength(found.length);
  });
});
