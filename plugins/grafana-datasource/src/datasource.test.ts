import { dateTime, type DataFrame, type DataQueryRequest, type DataSourceInstanceSettings } from '@grafana/data';
import { DataSource } from './datasource';
import type { HeadroomDataSourceOptions, HeadroomQuery } from './types';
import {
  AT,
  column,
  DAY,
  fakeBackendSrv,
  fakeTemplateSrv,
  HttpError,
  outageLastHour,
  record,
  steadyHalfBurn,
  type Counters,
} from './__fixtures__/fakeGrafana';

const settings = {
  id: 1,
  uid: 'hr',
  type: 'headroom-slo-datasource',
  name: 'Headroom',
  url: '/api/datasources/proxy/uid/hr',
  access: 'proxy',
  jsonData: { backendUrl: 'http://backstage:7007', prometheusUid: 'prom' },
  meta: {} as DataSourceInstanceSettings['meta'],
  readOnly: false,
} as unknown as DataSourceInstanceSettings<HeadroomDataSourceOptions>;

const slos = [
  record('component:default/ledger', 'group:default/payments', 'payments'),
  record('component:default/wallet-api', 'group:default/wallets', 'retail'),
];

function setup(counters: Counters = steadyHalfBurn, vars: Record<string, string> = {}, routes = {}) {
  const fake = fakeBackendSrv({ slos, counters, routes });
  const ds = new DataSource(settings, {
    backendSrv: () => fake.srv,
    templateSrv: () => fakeTemplateSrv(vars),
    origin: 'http://grafana.test',
  });
  return { ds, requests: fake.requests };
}

function request(targets: HeadroomQuery[]): DataQueryRequest<HeadroomQuery> {
  return {
    targets,
    range: { from: dateTime((AT - 2 * DAY) * 1000), to: dateTime(AT * 1000), raw: { from: 'now-2d', to: 'now' } },
    scopedVars: {},
    maxDataPoints: 720,
    intervalMs: 60_000,
    interval: '1m',
    timezone: 'utc',
    app: 'dashboard',
    requestId: 'Q1',
    startTime: 0,
  } as unknown as DataQueryRequest<HeadroomQuery>;
}

const byKind = (frames: DataFrame[], kind: string) =>
  frames.filter((f) => (f.meta?.custom as { headroom?: string })?.headroom === kind);
const value = (f: DataFrame, name: string, i = 0) => f.fields.find((x) => x.name === name)!.values[i];

beforeAll(() => {
  jest.useFakeTimers({
    now: AT * 1000,
    doNotFake: ['setTimeout', 'setInterval', 'clearTimeout', 'queueMicrotask', 'nextTick', 'setImmediate'],
  });
});
afterAll(() => jest.useRealTimers());

describe('error budget from Prometheus counters, computed by the engine', () => {
  it('gives SLI, budget and time to exhaustion for a steady half-pace burn', async () => {
    const { ds } = setup();
    const res = await ds.query(
      request([{ refId: 'A', queryType: 'errorBudget', entity: 'component:default/ledger', slo: 'availability' }])
    );
    expect(res.errors).toBeUndefined();
    const [status] = byKind(res.data, 'status');
    // 0.5 bad in 1000 per minute: SLI 0.9995; half the 0.1 % budget spent; 0.5 left at burn 0.5
    // lasts 0.5 * 30 d / 0.5 = 30 d.
    expect(value(status!, 'sli')).toBeCloseTo(0.9995, 12);
    expect(value(status!, 'budgetRemaining')).toBeCloseTo(0.5, 12);
    expect(value(status!, 'timeToExhaustion')).toBeCloseTo(30 * DAY, 6);
    expect(value(status!, 'alertState')).toBe('ok');
    expect(status!.fields.find((f) => f.name === 'budgetRemaining')!.config.unit).toBe('percentunit');
    expect(status!.fields.find((f) => f.name === 'timeToExhaustion')!.config).toMatchObject({
      unit: 's',
      displayName: 'Time to exhaustion',
    });
  });

  it('gives a burndown from 100 % at the window start to 50 % now, and the ideal line to 0 at the end', async () => {
    const { ds } = setup();
    const res = await ds.query(
      request([{ refId: 'A', queryType: 'burndown', entity: 'component:default/ledger', slo: 'availability' }])
    );
    const [bd] = byKind(res.data, 'burndown');
    const time = bd!.fields[0]!.values as number[];
    const remaining = bd!.fields[1]!.values as number[];
    const ideal = bd!.fields[2]!.values as number[];
    // Hourly points over 30 days: 721 including both ends.
    expect(time).toHaveLength(721);
    expect(time[0]).toBe((AT - 30 * DAY) * 1000);
    expect(time[720]).toBe(AT * 1000);
    expect(remaining[0]).toBe(1);
    expect(remaining[360]).toBeCloseTo(0.75, 12);
    expect(remaining[720]).toBeCloseTo(0.5, 12);
    expect(ideal[0]).toBe(1);
    expect(ideal[720]).toBe(0);
    expect((bd!.meta!.custom as { windowSeconds: number }).windowSeconds).toBe(30 * DAY);
  });

  it('pages during a full outage in the last hour, with the budget overspent', async () => {
    const { ds } = setup(outageLastHour);
    const res = await ds.query(
      request([{ refId: 'A', queryType: 'errorBudget', entity: 'component:default/ledger', slo: 'availability' }])
    );
    const [status] = byKind(res.data, 'status');
    // bad = 0.5 * (43 200 - 60) + 1000 * 60 = 81 570; allowed = 0.001 * 43 200 000 = 43 200.
    expect(value(status!, 'budgetRemaining')).toBeCloseTo(1 - 81_570 / 43_200, 10);
    expect(value(status!, 'timeToExhaustion')).toBe(0);
    expect(value(status!, 'alertState')).toBe('page');
    const [rates] = byKind(res.data, 'burnRates');
    const rows = rates!.fields[0]!.values.map((_, i) => ({
      severity: value(rates!, 'severity', i),
      window: value(rates!, 'window', i),
      rate: value(rates!, 'rate', i),
      threshold: value(rates!, 'threshold', i),
      firing: value(rates!, 'firing', i),
    }));
    // The fast page: 1h and 5m both at 1000x against 14.4.
    expect(rows).toContainEqual({
      severity: 'page',
      window: '1h',
      rate: expect.closeTo(1000, 9),
      threshold: expect.closeTo(14.4, 9),
      firing: true,
    });
    expect(rows).toContainEqual({
      severity: 'page',
      window: '5m',
      rate: expect.closeTo(1000, 9),
      threshold: expect.closeTo(14.4, 9),
      firing: true,
    });
    // The 3-day ticket window: (0.5 * (4320 - 60) + 60 000) / 4 320 000 / 0.001 = 14.381944...
    const ticket3d = rows.find((r) => r.window === '3d')!;
    expect(ticket3d.rate).toBeCloseTo((0.5 * (4320 - 60) + 60_000) / 4_320_000 / 0.001, 9);
    // Sloth's slow ticket: 10 % of the budget in 3 days, 0.10 * 30 / 3 = 1; its 6h window is at
    // (0.5 * 300 + 60 000) / 360 000 / 0.001 = 167.08..., so it fires too.
    expect(ticket3d.threshold).toBeCloseTo(1, 12);
    expect(ticket3d.firing).toBe(true);
    expect(rows.find((r) => r.window === '6h' && r.severity === 'ticket')!.rate).toBeCloseTo(
      (0.5 * 300 + 60_000) / 360_000 / 0.001,
      9
    );
  });

  it('reads the sample plan on one minute grid, through the Prometheus datasource proxy', async () => {
    const { ds, requests } = setup();
    await ds.query(
      request([{ refId: 'A', queryType: 'status', entity: 'component:default/ledger', slo: 'availability' }])
    );
    const prom = requests.filter((r) => r.url.includes('/uid/prom/'));
    expect(
      prom.every(
        (r) => r.url === 'http://grafana.test/api/datasources/proxy/uid/prom/api/v1/query_range' && r.method === 'POST'
      )
    ).toBe(true);
    const forms = prom.map((r) => new URLSearchParams(r.data as string));
    // One resolution, as the backend and the CLI read: an hourly grid before the alert windows
    // would lose what a counter gained between two hourly samples and a reset.
    expect(new Set(forms.map((f) => f.get('step')))).toEqual(new Set(['60']));
    // From one minute before the 30-day window, to the evaluation instant.
    expect(Math.min(...forms.map((f) => Number(f.get('start'))))).toBe(AT - 30 * DAY - 60);
    expect(Math.max(...forms.map((f) => Number(f.get('end'))))).toBe(AT);
  });
});

describe('SLO lists, filters and template variables', () => {
  it('lists every SLO with its stored status, filtered by owner', async () => {
    const { ds } = setup();
    const res = await ds.query(request([{ refId: 'L', queryType: 'slos', owner: 'group:default/payments' }]));
    const [list] = res.data;
    expect(list!.length).toBe(1);
    expect(value(list!, 'entity')).toBe('component:default/ledger');
    expect(value(list!, 'alertState')).toBe('no-data');
    expect(value(list!, 'budgetRemaining')).toBeNull();
  });

  it('lists SLOs created through the API too, reading page after page', async () => {
    const apiSlo = { ...record('component:default/fx-rates', 'group:default/payments', 'payments'), origin: 'api' };
    const fake = fakeBackendSrv({ slos: [...slos, apiSlo], counters: steadyHalfBurn, pageSize: 2 });
    const ds = new DataSource(settings, {
      backendSrv: () => fake.srv,
      templateSrv: () => fakeTemplateSrv(),
      origin: 'http://grafana.test',
    });
    const res = await ds.query(request([{ refId: 'L', queryType: 'slos', owner: 'payments' }]));
    expect(res.errors).toBeUndefined();
    // Ledger and fx-rates belong to payments: a page of 2 holds both, totalCount 2 ends the loop.
    expect(column(res.data[0], 'entity')).toEqual(['component:default/fx-rates', 'component:default/ledger']);
    expect(fake.requests.map((r) => new URL(r.url, 'http://x').search)).toEqual([
      '?owner=group%3Adefault%2Fpayments&limit=1000&offset=0',
    ]);

    const all = await ds.query(request([{ refId: 'L', queryType: 'slos' }]));
    expect(all.data[0]!.length).toBe(3);
    // Three SLOs at two a page: offsets 0 and 2.
    expect(fake.requests.slice(1).map((r) => new URL(r.url, 'http://x').searchParams.get('offset'))).toEqual([
      '0',
      '2',
    ]);
  });

  it('interpolates template variables in entity and line of business', async () => {
    const { ds, requests } = setup(steadyHalfBurn, { service: 'component:default/wallet-api', lob: 'retail' });
    const res = await ds.query(
      request([{ refId: 'L', queryType: 'slos', entity: '$service', lineOfBusiness: '$lob' }])
    );
    expect(res.data[0]!.length).toBe(1);
    // The backend filters: one request carries both filters.
    expect(requests.map((r) => r.url)).toEqual([
      '/api/datasources/proxy/uid/hr/headroom/api/headroom/slos?entityRef=component%3Adefault%2Fwallet-api&lineOfBusiness=retail&limit=1000&offset=0',
    ]);
  });

  it('answers variable queries for lines of business, owners, services and SLOs', async () => {
    const { ds } = setup();
    expect(await ds.metricFindQuery('lobs()')).toEqual([{ text: 'payments' }, { text: 'retail' }]);
    expect(await ds.metricFindQuery('owners()')).toEqual([
      { text: 'group:default/payments' },
      { text: 'group:default/wallets' },
    ]);
    expect(await ds.metricFindQuery('services(retail)')).toEqual([{ text: 'component:default/wallet-api' }]);
    expect(await ds.metricFindQuery('slos(component:default/ledger)')).toEqual([{ text: 'availability' }]);
    await expect(ds.metricFindQuery('teams()')).rejects.toThrow('use lobs(), owners(), services()');
  });
});

describe('errors say what failed', () => {
  it('reports a missing SLO with the backend request and its message, per query', async () => {
    const { ds } = setup();
    const res = await ds.query(
      request([{ refId: 'B', queryType: 'status', entity: 'component:default/ledger', slo: 'latency' }])
    );
    expect(res.data).toEqual([]);
    expect(res.errors).toEqual([
      {
        refId: 'B',
        message:
          'Headroom backend: GET /api/datasources/proxy/uid/hr/headroom/api/headroom/entities/component/default/ledger/slos/latency: HTTP 404 Error: SLO latency of component:default/ledger not found',
      },
    ]);
  });

  it('rejects an entity that is not an entity reference', async () => {
    const { ds } = setup();
    const res = await ds.query(request([{ refId: 'C', queryType: 'slos', entity: 'not a ref!' }]));
    expect(res.errors![0]!.message).toBe(
      'entity: "not a ref!" is not an entity reference like component:default/ledger'
    );
  });

  it('health check names the part that is wrong', async () => {
    const ok = await setup().ds.testDatasource();
    expect(ok).toEqual({
      status: 'success',
      message: 'Headroom backend: 2 SLOs. Prometheus: 2 SLOs with recording rules.',
    });

    const denied = setup(
      steadyHalfBurn,
      {},
      {
        'GET /api/datasources/proxy/uid/hr/headroom/api/headroom/rollups/owners': () => {
          throw new HttpError(401, { error: { name: 'AuthenticationError', message: 'Missing credentials' } });
        },
        'POST /api/datasources/proxy/uid/prom/api/v1/query': () =>
          JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }),
      }
    );
    const bad = await denied.ds.testDatasource();
    expect(bad.status).toBe('error');
    expect(bad.message).toBe(
      'Headroom backend: GET /api/datasources/proxy/uid/hr/headroom/api/headroom/rollups/owners: HTTP 401 Error: Missing credentials (check the backend URL and token)\n' +
        'Prometheus: reachable, but it has no slo:sli_error:ratio_rate5m series: load the rules from `headroom rules`'
    );
  });
});

describe('recorded series', () => {
  const budgetQuery = async (ruleLabels?: 'sloth' | 'headroom') => {
    const fake = fakeBackendSrv({ slos, counters: steadyHalfBurn });
    const ds = new DataSource(
      { ...settings, jsonData: { ...settings.jsonData, ruleLabels } },
      {
        backendSrv: () => fake.srv,
        templateSrv: () => fakeTemplateSrv({}),
        origin: 'http://grafana.test',
      }
    );
    await ds.query(
      request([
        {
          refId: 'R',
          queryType: 'recorded',
          entity: 'component:default/ledger',
          slo: 'availability',
          recordedSeries: 'budget',
        },
      ])
    );
    const prom = fake.requests.filter((r) => r.url.endsWith('/uid/prom/api/v1/query_range'));
    return prom.map((r) => new URLSearchParams(r.data as string).get('query'));
  };

  it('evaluates on a grid that ends at the range end, so that a series younger than one step shows', async () => {
    const fake = fakeBackendSrv({ slos, counters: steadyHalfBurn });
    const ds = new DataSource(settings, {
      backendSrv: () => fake.srv,
      templateSrv: () => fakeTemplateSrv({}),
      origin: 'http://grafana.test',
    });
    const req = request([
      {
        refId: 'R',
        queryType: 'recorded',
        entity: 'component:default/ledger',
        slo: 'availability',
        recordedSeries: '5m',
      },
    ]);
    // 30 days drawn on 700 points: a step of 3,703 s, which does not divide the range.
    req.range = { ...req.range, from: dateTime((AT - 30 * DAY) * 1000), to: dateTime(AT * 1000) };
    req.intervalMs = Math.ceil((30 * DAY * 1000) / 700);
    await ds.query(req);
    const [form] = fake.requests
      .filter((r) => r.url.endsWith('/uid/prom/api/v1/query_range'))
      .map((r) => new URLSearchParams(r.data as string));
    const step = Number(form!.get('step'));
    expect(step).toBe(3703);
    expect(Number(form!.get('end'))).toBe(AT);
    // Whole steps back from the end, covering the whole range.
    const start = Number(form!.get('start'));
    expect((AT - start) % step).toBe(0);
    expect(start).toBeLessThanOrEqual(AT - 30 * DAY);
    expect(start).toBeGreaterThan(AT - 30 * DAY - step);
  });

  it('reads the budget remaining Sloth’s names record, and derives it from the period ratio with Headroom’s', async () => {
    expect(await budgetQuery()).toEqual(['slo:period_error_budget_remaining:ratio{sloth_id="ledger-availability"}']);
    // Headroom's names do not record it: 1 - the 30-day ratio / the rules' float64 budget.
    expect(await budgetQuery('headroom')).toEqual([
      '1 - slo:sli_error:ratio_rate30d{headroom_id="ledger-availability"} / 0.0009999999999999432',
    ]);
  });
});
