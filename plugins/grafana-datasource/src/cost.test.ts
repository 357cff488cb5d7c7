import type {
  CostAnomaly,
  CostRollupRow,
  EntityPeriodCost,
  UnitCostResponse,
  UnitCostRow,
} from '@headroom/plugin-headroom-common';
import { DataSource } from './datasource';
import {
  backendError,
  column,
  fakeBackendSrv,
  fakeTemplateSrv,
  makeRequest,
  settings,
  steadyHalfBurn,
  type Route,
} from './__fixtures__/fakeGrafana';
import type { HeadroomQuery } from './types';

const API = 'GET /api/datasources/proxy/uid/hr/headroom/api/headroom';
const D1 = 1_798_761_600; // 2027-01-01T00:00:00Z
const DAY = 86_400;

function setup(routes: Record<string, Route>) {
  const fake = fakeBackendSrv({ slos: [], counters: steadyHalfBurn, routes });
  const ds = new DataSource(settings, {
    backendSrv: () => fake.srv,
    templateSrv: () => fakeTemplateSrv({ lob: 'payments' }),
    origin: 'http://grafana.test',
  });
  return { ds, requests: fake.requests };
}

const run = (ds: DataSource, q: Partial<HeadroomQuery>) =>
  ds.query(makeRequest([{ refId: 'K', ...q }], D1, D1 + 3 * DAY));

function entityRow(entityRef: string, day: number, cost: string, previous: string | null, change: string | null) {
  const row: EntityPeriodCost = {
    entityRef,
    period: D1 + day * DAY,
    date: `2027-01-0${day + 1}`,
    currency: 'USD',
    cost,
    previous,
    change,
    changeRatio: previous === null || change === null ? null : Number(change) / Number(previous),
  };
  return row;
}

const ledgerDays = [
  entityRow('component:default/ledger', 0, '12.50', null, null),
  entityRow('component:default/ledger', 1, '15.00', '12.50', '2.50'),
  entityRow('component:default/ledger', 2, '9.999999999999', '15.00', '-5.000000000001'),
];

describe('cost by period', () => {
  it("reads an entity's cost per day with the change, as decimals from the cost API", async () => {
    const { ds, requests } = setup({
      [`${API}/cost/entities/component/default/ledger`]: () => ({
        entityRef: 'component:default/ledger',
        grain: 'day',
        view: 'effective',
        items: [...ledgerDays].reverse(),
      }),
    });
    const res = await run(ds, { queryType: 'cost', entity: 'ledger', view: 'effective' });
    expect(res.errors).toBeUndefined();
    expect(res.data).toHaveLength(1);
    const [f] = res.data;
    expect(column(f, 'time')).toEqual([D1 * 1000, (D1 + DAY) * 1000, (D1 + 2 * DAY) * 1000]);
    expect(column(f, 'cost')).toEqual([12.5, 15, 9.999999999999]);
    expect(column(f, 'previous')).toEqual([null, 12.5, 15]);
    expect(column(f, 'change')).toEqual([null, 2.5, -5.000000000001]);
    // 2.50 / 12.50 = 0.2
    expect(column(f, 'changeRatio')[1]).toBeCloseTo(0.2, 12);
    expect(f.fields[1].config).toMatchObject({ unit: 'currencyUSD', displayName: 'component:default/ledger' });
    expect(f.meta.custom).toMatchObject({ headroom: 'cost', view: 'effective', grain: 'day', by: 'entity' });
    expect(requests[0]!.url).toBe(
      `/api/datasources/proxy/uid/hr/headroom/api/headroom/cost/entities/component/default/ledger?from=${D1}&to=${D1 + 3 * DAY}&grain=day&view=effective`
    );
  });

  it('reads the view from a dashboard variable and names a view that is neither', async () => {
    const fake = fakeBackendSrv({
      slos: [],
      counters: steadyHalfBurn,
      routes: {
        [`${API}/cost/entities/component/default/ledger`]: () => ({
          entityRef: 'component:default/ledger',
          grain: 'day',
          view: 'effective',
          items: ledgerDays,
        }),
      },
    });
    const requests = fake.requests;
    const withVars = new DataSource(settings, {
      backendSrv: () => fake.srv,
      templateSrv: () => fakeTemplateSrv({ view: 'effective', bad: 'amortised' }),
      origin: 'http://grafana.test',
    });
    const ok = await run(withVars, { queryType: 'cost', entity: 'ledger', view: '$view' as never });
    expect(ok.errors).toBeUndefined();
    expect(requests[0]!.url).toMatch(/&view=effective$/);
    const bad = await run(withVars, { queryType: 'cost', entity: 'ledger', view: '$bad' as never });
    expect(bad.errors).toEqual([{ refId: 'K', message: 'view: "amortised" (from "$bad") is not billed or effective' }]);
    expect(requests).toHaveLength(1);
  });

  it('rolls up by owner with the unallocated cost as its own series, one series per currency', async () => {
    const row = (key: string, currency: string, cost: string): CostRollupRow => ({
      key,
      period: D1,
      date: '2027-01',
      currency,
      cost,
      previous: null,
      change: null,
      changeRatio: null,
    });
    const { ds, requests } = setup({
      [`${API}/cost/rollup`]: () => ({
        by: 'owner',
        grain: 'month',
        view: 'billed',
        items: [
          row('group:default/payments', 'USD', '1200.10'),
          row('(unallocated)', 'USD', '80.00'),
          row('group:default/payments', 'EUR', '30.00'),
          row('group:default/wallets', 'USD', '500.00'),
        ],
      }),
    });
    const all = await run(ds, { queryType: 'cost', costBy: 'owner', grain: 'month' });
    expect(all.data.map((f: { name: string }) => f.name)).toEqual([
      '(unallocated) (USD)',
      'group:default/payments (EUR)',
      'group:default/payments (USD)',
      'group:default/wallets (USD)',
    ]);
    expect(all.data[1].fields[1].config.unit).toBe('currencyEUR');
    expect(column(all.data[2], 'cost')).toEqual([1200.1]);
    expect(new URL(requests[0]!.url, 'http://x').searchParams.toString()).toBe(
      `by=owner&from=${D1}&to=${D1 + 3 * DAY}&grain=month&view=billed`
    );

    const one = await run(ds, { queryType: 'cost', costBy: 'owner', owner: 'payments' });
    expect(one.data.map((f: { name: string }) => f.name)).toEqual([
      'group:default/payments (EUR)',
      'group:default/payments (USD)',
    ]);
  });

  it("gives one series per entity of a line of business, from the line's cost route", async () => {
    const { ds, requests } = setup({
      [`${API}/cost/lines-of-business/payments`]: () => ({
        lineOfBusiness: 'payments',
        grain: 'day',
        view: 'billed',
        items: [...ledgerDays, entityRow('component:default/fx-rates', 0, '3.00', null, null)],
      }),
    });
    const res = await run(ds, { queryType: 'cost', lineOfBusiness: '$lob' });
    expect(res.data.map((f: { name: string }) => f.name)).toEqual([
      'component:default/fx-rates',
      'component:default/ledger',
    ]);
    expect(requests[0]!.url).toContain('/cost/lines-of-business/payments?');
  });

  it('gives no frames when nothing was spent, and names a bad amount', async () => {
    const empty = setup({
      [`${API}/cost/rollup`]: () => ({ by: 'lineOfBusiness', grain: 'day', view: 'billed', items: [] }),
    });
    const res = await run(empty.ds, { queryType: 'cost', costBy: 'lineOfBusiness' });
    expect(res).toEqual({ data: [] });

    const bad = setup({
      [`${API}/cost/entities/component/default/ledger`]: () => ({
        entityRef: 'component:default/ledger',
        grain: 'day',
        view: 'billed',
        items: [entityRow('component:default/ledger', 0, '1,200.00', null, null)],
      }),
    });
    const err = await run(bad.ds, { queryType: 'cost', entity: 'component:default/ledger' });
    expect(err.errors![0]!.message).toBe(
      `cost of component:default/ledger: component:default/ledger period ${D1} cost: "1,200.00" is not a decimal amount`
    );
  });

  it.each([
    [401, 'AuthenticationError', 'Missing credentials'],
    [404, 'NotFoundError', 'Not found'],
    [500, 'Error', 'database is locked'],
  ])('names the backend and the request on HTTP %i', async (status, name, message) => {
    const { ds } = setup({ [`${API}/cost/rollup`]: () => backendError(status, name, message) });
    const res = await run(ds, { queryType: 'cost', costBy: 'entity' });
    expect(res.errors![0]!.message).toBe(
      `Headroom backend: GET /api/datasources/proxy/uid/hr/headroom/api/headroom/cost/rollup?by=entity&from=${D1}&to=${D1 + 3 * DAY}&grain=day&view=billed: HTTP ${status} Error: ${message}`
    );
  });
});

function unitRow(day: number, cost: string, driver: number | null, band: UnitCostRow['band']): UnitCostRow {
  const unitCost = driver ? Number(cost) / driver : null;
  return {
    period: D1 + day * DAY,
    date: `2027-01-0${day + 1}`,
    currency: 'USD',
    cost,
    driver,
    unitCost,
    band,
    position: band && unitCost !== null ? (unitCost > band.p75 ? 'above' : 'within') : 'no-band',
    flagged: band !== null && unitCost !== null && unitCost > band.p75,
  };
}

const band0 = { entities: 3, p25: 0.01, p50: 0.0125, p75: 0.015 };
const band1 = { entities: 3, p25: 0.011, p50: 0.013, p75: 0.014 };

function unitAnswer(entityRef: string, rows: UnitCostRow[], driver = true): UnitCostResponse {
  return {
    entityRef,
    lineOfBusiness: 'payments',
    grain: 'day',
    view: 'billed',
    driver: driver ? { query: 'sum(rate(http_requests_total[5m]))', unit: 'QPS' } : null,
    items: rows,
  };
}

describe('unit cost from the backend', () => {
  it("shows an entity's cost per QPS with the cost and driver, and its line's band", async () => {
    const { ds } = setup({
      [`${API}/cost/entities/component/default/ledger/unit-cost`]: () =>
        unitAnswer('component:default/ledger', [unitRow(1, '16.00', 1000, band1), unitRow(0, '12.00', 1000, band0)]),
    });
    const res = await run(ds, { queryType: 'unitCost', entity: 'component:default/ledger' });
    expect(res.errors).toBeUndefined();
    const [line, band] = res.data;
    expect(line.meta.custom).toMatchObject({
      headroom: 'unitCost',
      key: 'component:default/ledger',
      driverUnit: 'QPS',
    });
    // 12.00 / 1000 and 16.00 / 1000; 0.016 is above the day's p75 of 0.014.
    expect(column(line, 'unitCost')).toEqual([0.012, 0.016]);
    expect(column(line, 'cost')).toEqual([12, 16]);
    expect(column(line, 'driver')).toEqual([1000, 1000]);
    expect(column(line, 'flagged')).toEqual([false, true]);
    expect(line.fields[1].config.displayName).toBe('ledger cost per QPS');
    expect(band.meta.custom).toMatchObject({ headroom: 'unitCostBand', key: 'payments' });
    expect(column(band, 'p25')).toEqual([0.01, 0.011]);
    expect(column(band, 'p75')).toEqual([0.015, 0.014]);
    expect(column(band, 'time')).toEqual([D1 * 1000, (D1 + DAY) * 1000]);
  });

  it('shows every entity of a line of business that has a driver, and the band once', async () => {
    const { ds, requests } = setup({
      [`${API}/cost/lines-of-business/payments`]: () => ({
        lineOfBusiness: 'payments',
        grain: 'day',
        view: 'billed',
        items: [...ledgerDays, entityRow('component:default/fx-rates', 0, '3.00', null, null)],
      }),
      [`${API}/cost/entities/component/default/ledger/unit-cost`]: () =>
        unitAnswer('component:default/ledger', [unitRow(0, '12.00', 1000, band0)]),
      [`${API}/cost/entities/component/default/fx-rates/unit-cost`]: () =>
        unitAnswer('component:default/fx-rates', [unitRow(0, '3.00', null, band0)], false),
    });
    const res = await run(ds, { queryType: 'unitCost', lineOfBusiness: 'payments' });
    expect(res.data.map((f: { meta: { custom: { headroom: string; key: string } } }) => f.meta.custom)).toEqual([
      expect.objectContaining({ headroom: 'unitCost', key: 'component:default/ledger' }),
      expect.objectContaining({ headroom: 'unitCostBand', key: 'payments' }),
    ]);
    expect(requests.filter((r) => r.url.includes('/unit-cost?')).length).toBe(2);
  });

  it('asks for an entity or a line of business', async () => {
    const res = await run(setup({}).ds, { queryType: 'unitCost' });
    expect(res.errors![0]!.message).toBe('unit cost: give an entity or a line of business');
  });
});

describe('cost anomalies as annotations', () => {
  const anomaly = (entityRef: string, day: number, score: number): CostAnomaly => ({
    id: `${entityRef}#${day}`,
    entityRef,
    ownerRef: 'group:default/cards',
    lineOfBusiness: 'payments',
    series: 'cost',
    time: (D1 + day * DAY) * 1000,
    at: new Date((D1 + day * DAY) * 1000).toISOString(),
    stepSeconds: DAY,
    value: 412.5,
    expected: 120,
    score,
    currency: 'USD',
    text: `${entityRef}: cost $412.50, usually $120.00 (score ${score})`,
    tags: [`entity:${entityRef}`, 'lob:payments', 'series:cost'],
    detectedAt: '2027-01-04T00:00:00Z',
  });

  it('gives the frame fields Grafana maps to events: time, timeEnd, title, text, tags', async () => {
    const { ds, requests } = setup({
      [`${API}/optimise/anomalies`]: () => ({
        items: [anomaly('component:default/card-issuing', 2, 0.93), anomaly('component:default/ledger', 1, 0.71)],
      }),
    });
    const res = await run(ds, { queryType: 'anomalies', lineOfBusiness: 'payments', minScore: 0.5 });
    expect(res.errors).toBeUndefined();
    const [f] = res.data;
    expect(f.fields.map((x: { name: string }) => x.name).slice(0, 5)).toEqual([
      'time',
      'timeEnd',
      'title',
      'text',
      'tags',
    ]);
    // Sorted by time: ledger's day 1 first; each spans its day.
    expect(column(f, 'time')).toEqual([(D1 + DAY) * 1000, (D1 + 2 * DAY) * 1000]);
    expect(column(f, 'timeEnd')).toEqual([(D1 + 2 * DAY) * 1000, (D1 + 3 * DAY) * 1000]);
    expect(column(f, 'title')).toEqual([
      'Cost anomaly: component:default/ledger',
      'Cost anomaly: component:default/card-issuing',
    ]);
    // Grafana splits tags on commas.
    expect(column(f, 'tags')[0]).toBe('entity:component:default/ledger,lob:payments,series:cost');
    expect(column(f, 'score')).toEqual([0.71, 0.93]);
    expect(new URL(requests[0]!.url, 'http://x').searchParams.toString()).toBe(
      `lob=payments&from=${D1}&to=${D1 + 3 * DAY}&minScore=0.5`
    );
  });

  it('offers anomalies as the default annotation query and gives an empty frame when there are none', async () => {
    const { ds } = setup({ [`${API}/optimise/anomalies`]: () => ({ items: [] }) });
    expect(ds.annotations?.getDefaultQuery?.()).toEqual({ queryType: 'anomalies' });
    const res = await run(ds, { queryType: 'anomalies' });
    expect(res.data[0].length).toBe(0);
  });

  it('refuses a score outside 0..1 and names the backend on errors', async () => {
    const { ds } = setup({
      [`${API}/optimise/anomalies`]: () => backendError(403, 'NotAllowedError', 'Unauthorized'),
    });
    expect((await run(ds, { queryType: 'anomalies', minScore: 2 })).errors![0]!.message).toBe(
      'minScore: 2 is not a score between 0 and 1'
    );
    expect((await run(ds, { queryType: 'anomalies' })).errors![0]!.message).toBe(
      `Headroom backend: GET /api/datasources/proxy/uid/hr/headroom/api/headroom/optimise/anomalies?from=${D1}&to=${D1 + 3 * DAY}: HTTP 403 Error: Unauthorized`
    );
  });
});
