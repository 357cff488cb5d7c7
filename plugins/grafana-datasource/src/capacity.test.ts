import { DataSource } from './datasource';
import type { CapacityAssessmentJson } from './api/types';
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
import { capacityHeadroom } from './frames/capacityFrames';

const API = 'GET /api/datasources/proxy/uid/hr/headroom/api';
const NOW = 1_800_000_000;

function assessment(
  entityRef: string,
  unit: 'cores' | 'GiB',
  needed: number,
  current: number | null,
  extra: Partial<CapacityAssessmentJson> = {}
): CapacityAssessmentJson {
  return {
    entityRef,
    version: 2,
    ownerRef: 'group:default/payments',
    lineOfBusiness: 'payments',
    inputs: { driver: 'requests per second', targetUtilisation: 0.7 },
    result: {
      driverPeakNow: 800,
      driverPeakAtHorizon: 1417.2,
      driverUpperAtHorizon: 1771.5,
      capacity: {
        unit,
        needed,
        current: current === null ? null : { provisioned: current, verdict: 'over-provisioned' },
        quality: 'poor',
      },
    },
    recommendation: { unit, needed, replicas: 3, monthlyCost: 140.16, currency: 'USD' },
    note: null,
    assessedAt: '2026-11-01T00:00:00.000Z',
    assessedBy: 'user:default/ana',
    approvedAt: null,
    approvedBy: null,
    staleAt: '2027-01-30T00:00:00.000Z',
    stale: false,
    ...extra,
  };
}

const ledger = assessment('component:default/ledger', 'cores', 3.2, 4);
const wallet = assessment('component:default/wallet-api', 'GiB', 6, null, {
  lineOfBusiness: 'retail',
  ownerRef: 'group:default/wallets',
  stale: true,
  approvedAt: '2026-11-02T00:00:00.000Z',
});

/** A backend with these assessments and a catalog listing them plus one service never assessed. */
function setup(assessments: CapacityAssessmentJson[], routes: Record<string, Route> = {}, vars = {}) {
  const byPath: Record<string, Route> = {
    [`${API}/catalog/entities`]: () =>
      [...assessments.map((a) => a.entityRef), 'component:default/fx-rates'].map((ref) => ({
        kind: 'Component',
        metadata: { namespace: 'default', name: ref.split('/')[1] },
      })),
  };
  for (const a of [...assessments.map((x) => x.entityRef), 'component:default/fx-rates']) {
    const found = assessments.find((x) => x.entityRef === a);
    byPath[`${API}/headroom/capacity/entities/component/default/${a.split('/')[1]}/assessment`] = () =>
      found ?? backendError(404, 'NotFoundError', `${a} has no capacity assessment`);
  }
  const fake = fakeBackendSrv({ slos: [], counters: steadyHalfBurn, routes: { ...byPath, ...routes } });
  const ds = new DataSource(settings, {
    backendSrv: () => fake.srv,
    templateSrv: () => fakeTemplateSrv(vars),
    origin: 'http://grafana.test',
  });
  return { ds, requests: fake.requests };
}

const run = (ds: DataSource, q: Record<string, unknown>) =>
  ds.query(makeRequest([{ refId: 'C', queryType: 'capacity', ...q }], NOW - 86_400, NOW));

describe('capacity headroom query', () => {
  it('computes headroom as 1 - needed / current', () => {
    // 3.2 cores needed of 4 provisioned: a fifth spare.
    expect(capacityHeadroom(3.2, 4)).toBeCloseTo(0.2, 12);
    // 5 needed of 4: a quarter short.
    expect(capacityHeadroom(5, 4)).toBeCloseTo(-0.25, 12);
    expect(capacityHeadroom(3.2, null)).toBeNull();
    expect(capacityHeadroom(3.2, 0)).toBeNull();
  });

  it('gives one row per assessed service, CPU and memory in their own columns', async () => {
    const { ds, requests } = setup([ledger, wallet]);
    const res = await run(ds, {});
    expect(res.errors).toBeUndefined();
    const [f] = res.data;
    // fx-rates has no assessment (404): left out of the list.
    expect(column(f, 'entity')).toEqual(['component:default/ledger', 'component:default/wallet-api']);
    expect(column(f, 'resource')).toEqual(['cpu', 'memory']);
    expect(column(f, 'cpuRecommended')).toEqual([3.2, null]);
    expect(column(f, 'cpuCurrent')).toEqual([4, null]);
    expect(column(f, 'memoryRecommended')).toEqual([null, 6]);
    expect(column(f, 'memoryCurrent')).toEqual([null, null]);
    expect(column(f, 'headroom')[0]).toBeCloseTo(0.2, 12);
    expect(column(f, 'headroom')[1]).toBeNull();
    expect(column(f, 'driverPeakForecast')).toEqual([1417.2, 1417.2]);
    expect(column(f, 'stale')).toEqual([false, true]);
    expect(column(f, 'approved')).toEqual([false, true]);
    expect(column(f, 'staleAt')).toEqual([Date.UTC(2027, 0, 30), Date.UTC(2027, 0, 30)]);
    expect(column(f, 'verdict')).toEqual(['over-provisioned', '']);
    expect(f.fields.find((x: { name: string }) => x.name === 'memoryRecommended').config.unit).toBe('gbytes');
    expect(f.fields.find((x: { name: string }) => x.name === 'monthlyCost').config.unit).toBe('currencyUSD');
    expect(requests[0]!.url).toBe(
      '/api/datasources/proxy/uid/hr/headroom/api/catalog/entities?filter=kind%3Dcomponent%2Cspec.type%3Dservice&fields=kind,metadata.name,metadata.namespace'
    );
  });

  it('filters by line of business and owner on the assessment', async () => {
    const { ds } = setup([ledger, wallet]);
    expect(column((await run(ds, { lineOfBusiness: 'retail' })).data[0], 'entity')).toEqual([
      'component:default/wallet-api',
    ]);
    expect(column((await run(ds, { owner: 'payments' })).data[0], 'entity')).toEqual(['component:default/ledger']);
  });

  it('reads the services of a multi-value variable, leaving out those without an assessment', async () => {
    const { ds, requests } = setup(
      [ledger, wallet],
      {},
      {
        service: ['component:default/wallet-api', 'component:default/fx-rates'],
      }
    );
    const res = await run(ds, { entity: '$service' });
    expect(column(res.data[0], 'entity')).toEqual(['component:default/wallet-api']);
    // No catalog listing when the entities are named.
    expect(requests.some((r) => r.url.includes('/api/catalog/'))).toBe(false);
  });

  it('gives an empty frame when no service is assessed', async () => {
    const { ds } = setup([]);
    const res = await run(ds, {});
    expect(res.errors).toBeUndefined();
    expect(res.data[0].length).toBe(0);
    expect(res.data[0].fields.map((x: { name: string }) => x.name)).toContain('headroom');
  });

  it('says when the one named entity has no assessment', async () => {
    const { ds } = setup([ledger]);
    const res = await run(ds, { entity: 'component:default/fx-rates' });
    expect(res.data).toEqual([]);
    expect(res.errors![0]!.message).toBe(
      'Headroom backend: component:default/fx-rates has no capacity assessment (record one with POST /api/headroom/capacity/entities/…/assessments)'
    );
  });

  it.each([
    [401, 'AuthenticationError', 'Missing credentials'],
    [500, 'Error', 'connection to the database lost'],
  ])('names the backend and the request on HTTP %i', async (status, name, message) => {
    const { ds } = setup([ledger], {
      [`${API}/headroom/capacity/entities/component/default/ledger/assessment`]: () =>
        backendError(status, name, message),
    });
    const res = await run(ds, { entity: 'component:default/ledger' });
    expect(res.errors).toEqual([
      {
        refId: 'C',
        message: `Headroom backend: GET /api/datasources/proxy/uid/hr/headroom/api/headroom/capacity/entities/component/default/ledger/assessment: HTTP ${status} Error: ${message}`,
      },
    ]);
  });
});
