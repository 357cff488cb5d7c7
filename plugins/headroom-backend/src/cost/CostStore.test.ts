import { mockServices, TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  compileAttributionRules,
  formatMoney,
  parseMoney,
  type AttributionRule,
  type FocusRow,
} from '@headroom/core';
import { CostStore } from './CostStore';
import { CostIngest, type IngestResult } from './ingest';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const ledger = 'component:default/ledger';
const payouts = 'component:default/payouts';
const entities = [
  { ref: ledger, owner: 'group:default/team-payments', lineOfBusiness: 'payments' },
  { ref: payouts, owner: 'group:default/team-payments', lineOfBusiness: 'payments' },
];
const ownership = new Map(
  entities.map(e => [e.ref, { ownerRef: e.owner, lineOfBusiness: e.lineOfBusiness }]),
);
const rules: AttributionRule[] = [
  { id: 'support', type: 'shared', match: { serviceName: 'AWS Support*' }, split: { by: 'usage' } },
  { id: 'service-tag', type: 'tag', key: 'service' },
];

const SEP = Date.UTC(2024, 8, 1) / 1000;
const OCT = Date.UTC(2024, 9, 1) / 1000;
const DAY = 86_400;

function row(over: {
  billed: string;
  effective?: string;
  day: number;
  service?: string;
  serviceName?: string;
  bp?: number;
  currency?: string;
}): FocusRow {
  const start = (over.bp ?? SEP) + over.day * DAY + 3600;
  return {
    line: 2,
    billingAccountId: 'acct-1',
    subAccountId: null,
    billingCurrency: over.currency ?? 'USD',
    billingPeriodStart: over.bp ?? SEP,
    billingPeriodEnd: over.bp === OCT ? OCT + 31 * DAY : OCT,
    chargePeriodStart: start,
    chargePeriodEnd: start + 3600,
    chargeCategory: 'Usage',
    chargeClass: null,
    chargeFrequency: 'Usage-Based',
    billedCost: parseMoney(over.billed)!,
    effectiveCost: parseMoney(over.effective ?? over.billed)!,
    listCost: null,
    contractedCost: null,
    providerName: 'AWS',
    serviceName: over.serviceName ?? 'Amazon EC2',
    serviceCategory: 'Compute',
    resourceId: null,
    resourceName: null,
    regionId: null,
    skuId: null,
    pricingCategory: null,
    commitmentDiscountId: null,
    commitmentDiscountStatus: null,
    consumedQuantity: null,
    tags: over.service ? { service: over.service } : {},
  };
}

function ingest(sourceId: string, rows: FocusRow[]): IngestResult {
  const i = new CostIngest(compileAttributionRules(rules, entities), sourceId, 10);
  for (const r of rows) i.addRow(r);
  return i.finish();
}

/** September: ledger 3 + 1 on day 0 (EC2, S3), payouts 1 on day 0; support 10 split 4:1; 0.5 untagged. */
const september = () =>
  ingest('aws', [
    row({ billed: '3', day: 0, service: 'ledger' }),
    row({ billed: '1', day: 0, service: 'ledger', serviceName: 'Amazon S3' }),
    row({ billed: '1', effective: '0.25', day: 0, service: 'payouts' }),
    row({ billed: '10', day: 0, serviceName: 'AWS Support (Business)' }),
    row({ billed: '0.5', day: 1 }),
  ]);

describe('CostIngest', () => {
  it('breaks each entity-day down by service, with shared parts, adding up to its cells', () => {
    const r = september();
    const sums = (ref: string | null) => {
      let cells = 0n;
      let drivers = 0n;
      for (const c of r.aggregates.cells) if (c.entityRef === ref) cells += c.billed;
      for (const d of r.drivers) if (d.entityRef === ref) drivers += d.billed;
      return [formatMoney(cells), formatMoney(drivers)];
    };
    // Support 10 by usage of the day: ledger 4 of 5 → 8, payouts 1 of 5 → 2.
    expect(sums(ledger)).toEqual(['12', '12']);
    expect(sums(payouts)).toEqual(['3', '3']);
    expect(sums(null)).toEqual(['0.5', '0.5']);
    const ledgerDrivers = r.drivers
      .filter(d => d.entityRef === ledger)
      .map(d => [d.serviceName, d.sharedRuleId, formatMoney(d.billed)])
      .sort();
    expect(ledgerDrivers).toEqual([
      [null, 'support', '8'],
      ['Amazon EC2', null, '3'],
      ['Amazon S3', null, '1'],
    ]);
    expect(r.periods.map(p => [p.key, formatMoney(p.billed), p.rows])).toEqual([
      ['aws#2024-09-01T00:00:00Z#USD', '15.5', 5],
    ]);
    expect(r.billDays.map(b => [b.day - SEP, formatMoney(b.billed), b.rows]).sort()).toEqual([
      [0, '15', 4],
      [DAY, '0.5', 1],
    ]);
  });
});

describe.each(databases.eachSupportedId())('CostStore (%s)', databaseId => {
  let store: CostStore;
  let knex: Awaited<ReturnType<typeof databases.init>>;

  beforeAll(async () => {
    knex = await databases.init(databaseId as TestDatabaseId);
    store = await CostStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
  });

  afterEach(async () => {
    for (const t of [
      'headroom_cost_cells',
      'headroom_cost_drivers',
      'headroom_cost_bill_days',
      'headroom_cost_periods',
      'headroom_cost_imports',
    ]) {
      await knex(t).del();
    }
  });

  const billedOf = async (q: Parameters<CostStore['cells']>[0]) => {
    const byEntity = new Map<string | null, bigint>();
    for (const c of await store.cells(q)) {
      byEntity.set(c.entityRef, (byEntity.get(c.entityRef) ?? 0n) + c.billed);
    }
    return Object.fromEntries([...byEntity].map(([k, v]) => [String(k), formatMoney(v)]));
  };

  it('stores cells exactly, with owner and line of business, and reads them by day, entity and line of business', async () => {
    const at = new Date('2024-10-02T00:00:00Z');
    await store.replacePeriods('aws', september(), ownership, 1, at);
    expect(await billedOf({})).toEqual({ [ledger]: '12', [payouts]: '3', null: '0.5' });
    expect(await billedOf({ fromDay: SEP + DAY })).toEqual({ null: '0.5' });
    expect(await billedOf({ toDay: SEP + DAY, lineOfBusiness: 'payments' })).toEqual({
      [ledger]: '12',
      [payouts]: '3',
    });
    const payoutCells = await store.cells({ entityRef: payouts });
    // Effective support is split by effective usage: 10 × 0.25 / 4.25 = 10/17, to 12 decimals.
    expect(payoutCells.map(c => [formatMoney(c.billed), formatMoney(c.effective)]).sort()).toEqual([
      ['1', '0.25'],
      ['2', '0.588235294118'],
    ]);
    expect(payoutCells[0]).toMatchObject({
      ownerRef: 'group:default/team-payments',
      lineOfBusiness: 'payments',
      sourceId: 'aws',
      day: SEP,
    });
    const drivers = await store.drivers({ entityRef: ledger });
    expect(drivers.map(d => formatMoney(d.billed)).sort()).toEqual(['1', '3', '8']);
    const [period] = await store.periods({});
    expect(period).toMatchObject({ key: 'aws#2024-09-01T00:00:00Z#USD', rows: 5, importId: 1 });
    expect(formatMoney(period!.billed)).toBe('15.5');
    expect((await store.billDays({})).map(b => formatMoney(b.billed)).sort()).toEqual([
      '0.5',
      '15',
    ]);
  });

  it('replaces a re-imported period and leaves other periods and sources alone', async () => {
    const at = new Date('2024-10-02T00:00:00Z');
    await store.replacePeriods('aws', september(), ownership, 1, at);
    const october = ingest('aws', [row({ billed: '7', day: 0, bp: OCT, service: 'ledger' })]);
    await store.replacePeriods('aws', october, ownership, 2, at);
    const gcp = ingest('gcp', [row({ billed: '2', day: 0, service: 'payouts' })]);
    await store.replacePeriods('gcp', gcp, ownership, 3, at);
    // September again, with ledger's EC2 corrected from 3 to 2 (support splits 3:1 then).
    const corrected = ingest('aws', [
      row({ billed: '2', day: 0, service: 'ledger' }),
      row({ billed: '1', day: 0, service: 'ledger', serviceName: 'Amazon S3' }),
      row({ billed: '1', day: 0, service: 'payouts' }),
      row({ billed: '10', day: 0, serviceName: 'AWS Support (Business)' }),
      row({ billed: '0.5', day: 1 }),
    ]);
    await store.replacePeriods('aws', corrected, ownership, 4, at);
    expect(await billedOf({ sourceId: 'aws', toDay: OCT })).toEqual({
      [ledger]: '10.5',
      [payouts]: '3.5',
      null: '0.5',
    });
    expect(await billedOf({ fromDay: OCT })).toEqual({ [ledger]: '7' });
    expect(await billedOf({ sourceId: 'gcp' })).toEqual({ [payouts]: '2' });
    expect((await store.periods({})).map(p => [p.key, p.importId])).toEqual([
      ['aws#2024-09-01T00:00:00Z#USD', 4],
      ['gcp#2024-09-01T00:00:00Z#USD', 3],
      ['aws#2024-10-01T00:00:00Z#USD', 2],
    ]);
    expect((await store.drivers({ entityRef: ledger, toDay: OCT })).length).toBe(3);
  });

  it('keeps the previous data when writing the new data fails half-way', async () => {
    const at = new Date('2024-10-02T00:00:00Z');
    await store.replacePeriods('aws', september(), ownership, 1, at);
    const broken = september();
    // A driver without currency violates NOT NULL after the deletes and the cell inserts.
    broken.drivers[0] = { ...broken.drivers[0]!, serviceName: 'x'.repeat(10) };
    (broken.drivers[0] as { currency: string | null }).currency = null;
    broken.aggregates.cells.forEach(c => (c.billed *= 2n));
    await expect(store.replacePeriods('aws', broken, ownership, 2, at)).rejects.toThrow();
    expect(await billedOf({})).toEqual({ [ledger]: '12', [payouts]: '3', null: '0.5' });
    expect((await store.periods({}))[0]?.importId).toBe(1);
  });

  it('fails runs left running longer than the timeout, and only those', async () => {
    const old = await store.startRun({
      sourceId: 'aws',
      trigger: 'schedule',
      requestedBy: null,
      startedAt: new Date('2024-10-02T00:00:00Z'),
    });
    const recent = await store.startRun({
      sourceId: 'k8s',
      trigger: 'schedule',
      requestedBy: null,
      startedAt: new Date('2024-10-02T00:50:00Z'),
    });
    const now = new Date('2024-10-02T01:00:00Z');
    expect(await store.failAbandonedRuns(new Date('2024-10-02T00:30:00Z'), now)).toBe(1);
    expect(await store.run(old)).toMatchObject({
      status: 'failed',
      finishedAt: '2024-10-02T01:00:00.000Z',
      error: expect.stringMatching(/^interrupted/),
    });
    expect((await store.run(recent))!.status).toBe('running');
  });

  it('records runs with their outcome, newest first, and the last run of each source', async () => {
    const t0 = new Date('2024-10-02T00:00:00Z');
    const a = await store.startRun({
      sourceId: 'aws',
      trigger: 'schedule',
      requestedBy: null,
      startedAt: t0,
    });
    const b = await store.startRun({
      sourceId: 'aws',
      trigger: 'upload',
      requestedBy: 'user:default/hana.mori',
      startedAt: new Date('2024-10-02T01:00:00Z'),
    });
    const c = await store.startRun({
      sourceId: 'k8s',
      trigger: 'request',
      requestedBy: null,
      startedAt: t0,
    });
    await store.finishRun(b, {
      status: 'failed',
      finishedAt: new Date('2024-10-02T01:00:05Z'),
      rows: 0,
      badRows: 2,
      badRowSamples: [{ file: 'upload', line: 3, column: 'BilledCost', message: 'not a number' }],
      periods: [],
      error: 'upload: unexpected end of file',
      warnings: ['w'],
    });
    const run = await store.run(b);
    expect(run).toMatchObject({
      id: b,
      sourceId: 'aws',
      trigger: 'upload',
      status: 'failed',
      requestedBy: 'user:default/hana.mori',
      startedAt: '2024-10-02T01:00:00.000Z',
      finishedAt: '2024-10-02T01:00:05.000Z',
      badRows: 2,
      badRowSamples: [{ file: 'upload', line: 3, column: 'BilledCost', message: 'not a number' }],
      error: 'upload: unexpected end of file',
      warnings: ['w'],
    });
    expect((await store.runs({ sourceId: 'aws', limit: 10 })).map(r => r.id)).toEqual([b, a]);
    expect((await store.runs({ limit: 1 })).map(r => r.id)).toEqual([c]);
    expect((await store.runs({ limit: 10 }))[1]!.badRowSamples).toEqual([]);
    const last = await store.lastRuns();
    expect([...last].map(([s, r]) => [s, r.id]).sort()).toEqual([
      ['aws', b],
      ['k8s', c],
    ]);
    expect(await store.run(c + 100)).toBeUndefined();
  });
});
