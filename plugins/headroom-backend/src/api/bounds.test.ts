import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { SloInput } from '@headroom/plugin-headroom-common';
import type { JsonObject } from '@backstage/types';
import express from 'express';
import request from 'supertest';
import { availabilitySlo, sloWrite } from '../__fixtures__/slos';
import { ownerEditPermissions } from '../__fixtures__/ownerPolicy';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { headroomPlugin } from '../plugin';
import { spec as openApiSpec } from '../schema/openapi/generated/router';
import { createRouter } from '../slos/routes';
import {
  ApiBounds,
  apiBoundsSettings,
  defaultMaxWindowSeconds,
  MAX_WINDOW_CAP_SECONDS,
  pointsPerSeries,
} from './bounds';
import { spanRoutes } from './spanGuard';

jest.setTimeout(60_000);

const DAY = 86_400;
const hana = 'user:default/hana.mori';
const permissions = ownerEditPermissions({ [hana]: [hana, 'group:default/team-payments'] });
const as = (user: string) => mockCredentials.user.header(user);

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'ledger', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
  },
];

const slo = (window: string): SloInput => ({
  name: 'availability',
  objective: 0.999,
  window,
  indicator: {
    type: 'ratio',
    bad: 'http_requests_total{service="ledger",code=~"5.."}',
    total: 'http_requests_total{service="ledger"}',
  },
});

const config = (data: JsonObject) => mockServices.rootConfig({ data: { headroom: data } });

describe('apiBoundsSettings and the default bound', () => {
  it('reads a duration of at most 400 days, and names the key otherwise', () => {
    expect(apiBoundsSettings(config({ api: { maxWindow: '30d' } }), 60)).toEqual({
      maxWindowSeconds: 30 * DAY,
      maxPointsPerSeries: undefined,
      evaluationStepSeconds: 60,
    });
    expect(apiBoundsSettings(config({}), 60).maxWindowSeconds).toBeUndefined();
    for (const bad of ['401d', '9999d', 'soon', '0d']) {
      expect(() => apiBoundsSettings(config({ api: { maxWindow: bad } }), 60)).toThrow(
        `headroom.api.maxWindow must be a duration from 1s to 400d such as 90d, got '${bad}'`,
      );
    }
    expect(() => apiBoundsSettings(config({ api: { maxPointsPerSeries: 1.5 } }), 60)).toThrow(
      'headroom.api.maxPointsPerSeries must be a whole number of at least 2, got 1.5',
    );
  });

  it("reads the cost routes' own bound, at most 400 days, and names the key otherwise", () => {
    expect(
      apiBoundsSettings(config({ api: { maxCostRange: '180d' } }), 60).maxCostRangeSeconds,
    ).toBe(180 * DAY);
    expect(apiBoundsSettings(config({}), 60).maxCostRangeSeconds).toBeUndefined();
    expect(() => apiBoundsSettings(config({ api: { maxCostRange: '2y' } }), 60)).toThrow(
      "headroom.api.maxCostRange must be a duration from 1s to 400d such as 180d, got '2y'",
    );
  });

  it('is the longest window in use, from 90 to 400 days', () => {
    expect(defaultMaxWindowSeconds([])).toBe(90 * DAY);
    expect(defaultMaxWindowSeconds(['30d', '4w', '1h'])).toBe(90 * DAY);
    expect(defaultMaxWindowSeconds(['30d', '120d', 'not a duration'])).toBe(120 * DAY);
    expect(defaultMaxWindowSeconds(['1Y', '9999d'])).toBe(MAX_WINDOW_CAP_SECONDS);
  });

  it('counts the samples of a range read with both ends', () => {
    // 90 days at a minute: 129 600 steps, 129 601 samples.
    expect(pointsPerSeries(90 * DAY, 60)).toBe(129_601);
    expect(pointsPerSeries(59, 60)).toBe(1);
  });

  it('reads the windows in use once a minute, once for requests arriving together', async () => {
    let reads = 0;
    let windows = ['200d'];
    let now = 0;
    const bounds = new ApiBounds(
      apiBoundsSettings(config({}), 60),
      async () => {
        reads += 1;
        return windows;
      },
      () => now,
    );
    const [a, b] = await Promise.all([bounds.maxWindowSeconds(), bounds.maxWindowSeconds()]);
    expect([a, b, reads]).toEqual([200 * DAY, 200 * DAY, 1]);
    windows = ['300d'];
    now = 59_999;
    expect(await bounds.maxWindowSeconds()).toBe(200 * DAY);
    now = 60_000;
    expect(await bounds.maxWindowSeconds()).toBe(300 * DAY);
    expect(reads).toBe(2);
    expect(await bounds.maxPointsPerSeries()).toBe(pointsPerSeries(300 * DAY, 60));
  });
});

describe('requests over the default bound (the longest SLO window in use, at least 90 days)', () => {
  let server: Parameters<typeof request>[0];
  let stop: () => Promise<void>;
  const api = '/api/headroom';
  const entity = `${api}/entities/component/default/ledger`;
  const get = (path: string) => request(server).get(`${api}${path}`).set('authorization', as(hana));
  const post = (path: string, body: object) =>
    request(server).post(`${api}${path}`).set('authorization', as(hana)).send(body);
  const bound =
    /the longest (window|range) this API accepts is 90d \(headroom\.api\.maxWindow; by default the longest SLO window in use, from 90d to 400d\)/;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        headroomPlugin,
        catalogServiceMock.factory({ entities }),
        schedulerServiceFactory,
        permissions.factory,
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        mockServices.rootConfig.factory({ data: { headroom: { evaluation: { enabled: false } } } }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    const created = await post('/entities/component/default/ledger/slos', slo('30d'));
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    await stop();
  });

  it('refuses a preview with a 9999d window before reading Prometheus', async () => {
    // No Prometheus is configured: a preview that got as far as reading would be a 503.
    const r = await post('/entities/component/default/ledger/slos/preview', slo('9999d'));
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(
      /^Body field window of POST \/api\/headroom\/entities\/component\/default\/ledger\/slos\/preview is 9999d; /,
    );
    expect(r.body.error.message).toMatch(bound);
  });

  it('refuses to create or update an SLO with a window over the bound, and changes nothing', async () => {
    const created = await request(server)
      .post(`${entity}/slos`)
      .set('authorization', as(hana))
      .send({ ...slo('91d'), name: 'quarterly' });
    expect(created.status).toBe(400);
    expect(created.body.error.message).toMatch(/^Body field window of POST .* is 91d; /);
    expect((await get('/entities/component/default/ledger/slos/quarterly')).status).toBe(404);

    const before = await get('/entities/component/default/ledger/slos/availability');
    const updated = await request(server)
      .put(`${entity}/slos/availability`)
      .set('authorization', as(hana))
      .send({ version: before.body.version, slo: slo('400d') });
    expect(updated.status).toBe(400);
    expect(updated.body.error.message).toMatch(/^Body field slo\.window of PUT .* is 400d; /);
    const after = await get('/entities/component/default/ledger/slos/availability');
    expect(after.body).toMatchObject({ version: before.body.version, window: '30d' });
    expect((await get('/slos')).body.totalCount).toBe(1);

    // At the bound it is accepted.
    const ok = await request(server)
      .post(`${entity}/slos`)
      .set('authorization', as(hana))
      .send({ ...slo('90d'), name: 'quarterly' });
    expect(ok.status).toBe(201);
    await request(server)
      .delete(`${entity}/slos/quarterly?version=1`)
      .set('authorization', as(hana))
      .expect(204);
  });

  it('refuses incident, MTTx and change ranges over the bound, and takes the 90-day defaults', async () => {
    const long = 'from=2026-01-01T00:00:00Z&to=2026-04-11T00:00:00Z'; // 100 days
    for (const path of ['/incidents', '/incidents/mttx', '/changes']) {
      const r = await get(`${path}?${long}`);
      expect(r.status).toBe(400);
      expect(r.body.error.message).toMatch(
        /^Query parameters from and to of GET \/api\/headroom\/\S+ span 100d, from 2026-01-01T00:00:00.000Z to 2026-04-11T00:00:00.000Z; /,
      );
      expect(r.body.error.message).toMatch(bound);
      expect((await get(`${path}?from=2026-01-01T00:00:00Z&to=2026-03-31T00:00:00Z`)).status).toBe(
        200,
      );
      expect((await get(path)).status).toBe(200);
    }
  });

  it('refuses a canary judgement over the bound or over the samples bound, and stores no verdict', async () => {
    const change = await post('/changes', {
      entityRef: 'component:default/ledger',
      version: '2.0.0',
      kind: 'canary',
    });
    expect(change.status).toBe(201);
    const judge = (from: string, to: string) =>
      post(`/changes/${change.body.id}/judge`, {
        config: { metrics: [] },
        queries: {},
        from,
        to,
      });
    const long = await judge('2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z');
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/^Body fields from and to of POST .*\/judge span 151d/);
    // 30 days at the judge's 15 s step: 172 801 samples a series, over 90 days at a minute.
    const dense = await judge('2026-01-01T00:00:00Z', '2026-01-31T00:00:00Z');
    expect(dense.status).toBe(400);
    expect(dense.body.error.message).toMatch(
      /would read 172801 samples per series \(30d at a 15 s step\); the most this API reads is 129601 \(headroom\.api\.maxPointsPerSeries/,
    );
    const after = await get(`/changes/${change.body.id}`);
    expect(after.body.verdicts).toEqual([]);
  });

  it('refuses cost and anomaly periods over the cost bound, and takes months under it', async () => {
    const refused = [
      '/cost/rollup?from=2023-01-01&to=2024-12-31',
      '/cost/reconciliation?from=2024-01',
      '/cost/lines-of-business/payments?from=2023-01-01&to=2025-01-01',
      '/cost/entities/component/default/ledger?from=1680000000&to=1720000000',
      '/cost/entities/component/default/ledger/drivers?from=2023-01-01&to=2024-06-01',
      '/cost/entities/component/default/ledger/unit-cost?from=2023-01-01&to=2024-06-01',
      '/optimise/anomalies?from=2023-01-01T00:00:00Z&to=2024-06-01T00:00:00Z',
    ];
    for (const path of refused) {
      const r = await get(path);
      expect([path, r.status]).toEqual([path, 400]);
      expect(r.body.error.message).toMatch(
        /^Query parameters from and to of GET .* the longest range this API accepts is 400d \(headroom\.api\.maxCostRange; by default 400d\)/,
      );
    }
    // The cost card's monthly trend: six months, over the 90-day window bound; and a dashboard's
    // last 90 days of anomalies, a second over 90 days once its range is rounded.
    for (const path of [
      '/optimise/anomalies?from=2024-01-01T00:00:00Z&to=2024-04-01T00:00:01Z',
      '/cost/rollup?from=2024-01-01&to=2024-07-01',
      '/cost/entities/component/default/ledger?from=2024-01-01&to=2024-07-01',
    ]) {
      expect([path, (await get(path)).status]).toEqual([path, 200]);
    }
  });

  it('refuses drill and runbook periods over the bound', async () => {
    const refused = [
      '/drills/entities/component/default/ledger?days=91',
      '/drills/weak-links?days=366',
      '/drills/resilience?days=999',
      '/runbooks/recovery?days=120',
      '/runbooks/entities/component/default/ledger?days=91',
    ];
    for (const path of refused) {
      const r = await get(path);
      expect([path, r.status]).toEqual([path, 400]);
      expect(r.body.error.message).toMatch(bound);
      expect(r.body.error.message).toMatch(
        /^(Query parameters from and to|Query parameter days) of GET /,
      );
    }
    expect((await get('/drills/weak-links?days=90')).status).toBe(200);
    expect((await get('/runbooks/recovery?days=90')).status).toBe(200);
    expect((await get('/cost/rollup?from=2024-01-01&to=2024-03-01')).status).toBe(200);
  });

  it('lists a rule for every documented route with a period, window or range parameter', () => {
    const spec = openApiSpec as unknown as {
      paths: Record<
        string,
        Record<string, { parameters?: Array<{ $ref?: string; name?: string }> }>
      >;
      components: { parameters: Record<string, { name: string }> };
    };
    const named = (p: { $ref?: string; name?: string }) =>
      p.name ?? spec.components.parameters[p.$ref!.split('/').pop()!]!.name;
    const documented: string[] = [];
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const names = (op.parameters ?? []).map(named);
        if (names.includes('from') || names.includes('days')) {
          documented.push(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
        }
      }
    }
    const listed = spanRoutes({}).map(r => `${r.method} ${r.path}`);
    expect(documented.length).toBeGreaterThan(10);
    expect(documented.filter(d => !listed.includes(d))).toEqual([]);
  });
});

describe('requests over a configured headroom.api.maxWindow', () => {
  let server: Parameters<typeof request>[0];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        headroomPlugin,
        catalogServiceMock.factory({ entities }),
        schedulerServiceFactory,
        permissions.factory,
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        mockServices.rootConfig.factory({
          data: { headroom: { evaluation: { enabled: false }, api: { maxWindow: '7d' } } },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop();
  });

  it('holds windows and ranges to it', async () => {
    const created = await request(server)
      .post('/api/headroom/entities/component/default/ledger/slos')
      .set('authorization', as(hana))
      .send(slo('30d'));
    expect(created.status).toBe(400);
    expect(created.body.error.message).toMatch(
      /is 30d; the longest window this API accepts is 1w \(headroom\.api\.maxWindow\)$/,
    );
    const incidents = (q: string) =>
      request(server).get(`/api/headroom/incidents?${q}`).set('authorization', as(hana));
    expect((await incidents('from=2026-01-01T00:00:00Z&to=2026-01-09T00:00:00Z')).status).toBe(400);
    expect((await incidents('from=2026-01-01T00:00:00Z&to=2026-01-07T00:00:00Z')).status).toBe(200);
    // The 90-day default period is longer than the bound: the request must name a shorter one.
    const byDefault = await incidents('to=2026-01-07T00:00:00Z');
    expect(byDefault.status).toBe(400);
    expect(byDefault.body.error.message).toMatch(
      /^Query parameters from \(default 90 days before to\) and to of GET .* span 90d/,
    );
  });
});

describe('GET …/burndown of an SLO whose window is over the bound', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('is refused before Prometheus is read', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseSloStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    // Written as a file would be: the API would not take this window under the bound.
    await store.create(
      sloWrite('component:default/ledger', availabilitySlo('ledger', 'availability', 0.99)),
      hana,
    );
    const cfg = config({ api: { maxWindow: '7d' } });
    const logger = mockServices.logger.mock();
    const router = await createRouter({
      config: cfg,
      logger,
      store,
      httpAuth: mockServices.httpAuth({ defaultCredentials: mockCredentials.none() }),
      permissions: mockServices.permissions.mock({
        authorizeConditional: async queries => queries.map(() => ({ result: 'ALLOW' }) as never),
      }),
      catalog: {} as CatalogService,
    });
    const app = express();
    app.use(router);
    app.use(MiddlewareFactory.create({ config: cfg, logger }).error());
    const r = await request(app)
      .get('/entities/component/default/ledger/slos/availability/burndown')
      .set('authorization', as(hana));
    // Without Prometheus configured, a burndown that got as far as reading would be a 503.
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(
      /^Window of SLO 'availability' of GET \/entities\/component\/default\/ledger\/slos\/availability\/burndown is 30d; the longest window this API accepts is 1w/,
    );
  });
});
