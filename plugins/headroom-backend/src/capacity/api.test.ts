import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import request from 'supertest';
import { createApiRouter } from '../api/router';
import { ownerEditPermissions } from '../__fixtures__/ownerPolicy';
import { headroomPlugin } from '../plugin';

jest.setTimeout(60_000);

const hana = 'user:default/hana.mori';
const chen = 'user:default/chen.wei';
const ownership: Record<string, string[]> = {
  [hana]: [hana, 'group:default/team-payments'],
  [chen]: [chen, 'group:default/team-data'],
};

/** Everyone reads, only members of the owning group edit. */
const permissions = ownerEditPermissions(ownership);

const DAY_MS = 86_400_000;
const createdDaysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

function service(name: string, owner: string, system: string, createdAt?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      ...(createdAt ? { annotations: { 'headroom.dev/created-at': createdAt } } : {}),
    },
    spec: { type: 'service', lifecycle: 'production', owner, system },
  };
}

const entities: Entity[] = [
  service('ledger', 'team-payments', 'payments-platform'),
  service('payouts', 'team-payments', 'payments-platform', createdDaysAgo(2)),
  service('warehouse-loader', 'team-data', 'data-platform', createdDaysAgo(5)),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'docs-site', namespace: 'default' },
    spec: { type: 'website', lifecycle: 'production', owner: 'team-data' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: 'payments-platform',
      namespace: 'default',
      annotations: { 'headroom.dev/line-of-business': 'payments' },
    },
    spec: { owner: 'team-payments' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: 'data-platform',
      namespace: 'default',
      annotations: { 'headroom.dev/line-of-business': 'data' },
    },
    spec: { owner: 'team-data' },
  },
];

const inputs = {
  expectedPeak: 200,
  usage: { unit: 'cores', baseline: 0.5, perUnit: 0.01 },
  requestPerReplica: 1,
};

describe('capacity assessments API', () => {
  let server: Parameters<typeof request>[0];
  let stop: () => Promise<void>;
  const base = '/api/headroom/capacity/entities/component/default';
  const as = (user: string) => mockCredentials.user.header(user);

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        headroomPlugin,
        catalogServiceMock.factory({ entities }),
        schedulerServiceFactory,
        permissions.factory,
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        mockServices.rootConfig.factory({
          data: { headroom: { capacity: { staleAfterDays: 60 } } },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop();
  });

  it('records versions by the owning group, refuses others, and approves the latest', async () => {
    const first = await request(server)
      .post(`${base}/ledger/assessments`)
      .set('authorization', as(hana))
      .send({ inputs, note: 'launch estimate from the load test' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      entityRef: 'component:default/ledger',
      version: 1,
      ownerRef: 'group:default/team-payments',
      lineOfBusiness: 'payments',
      assessedBy: hana,
      approvedBy: null,
      stale: false,
      note: 'launch estimate from the load test',
    });
    // (0.5 + 0.01 × 200 + 0.01 × 50) / 0.7 = 4.2857 cores → 5 replicas of 1 core
    expect(first.body.recommendation.needed).toBeCloseTo(3 / 0.7, 10);
    expect(first.body.recommendation.replicas).toBe(5);
    expect(Date.parse(first.body.staleAt) - Date.parse(first.body.assessedAt)).toBe(60 * DAY_MS);

    const refused = await request(server)
      .post(`${base}/ledger/assessments`)
      .set('authorization', as(chen))
      .send({ inputs });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(
      /only members of its owner group:default\/team-payments/,
    );

    const second = await request(server)
      .post(`${base}/ledger/assessments`)
      .set('authorization', as(hana))
      .send({ inputs: { ...inputs, expectedPeak: 400 } });
    expect(second.body.version).toBe(2);

    const approveOld = await request(server)
      .post(`${base}/ledger/assessments/1/approve`)
      .set('authorization', as(hana));
    expect(approveOld.status).toBe(409);
    const approveByOutsider = await request(server)
      .post(`${base}/ledger/assessments/2/approve`)
      .set('authorization', as(chen));
    expect(approveByOutsider.status).toBe(403);
    const approved = await request(server)
      .post(`${base}/ledger/assessments/2/approve`)
      .set('authorization', as(hana));
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ version: 2, approvedBy: hana });

    const latest = await request(server)
      .get(`${base}/ledger/assessment`)
      .set('authorization', as(chen));
    expect(latest.body).toMatchObject({ version: 2, approvedBy: hana });
    expect(latest.body.inputs.expectedPeak).toBe(400);
    const history = await request(server)
      .get(`${base}/ledger/assessments`)
      .set('authorization', as(chen));
    expect(history.body.items.map((a: { version: number }) => a.version)).toEqual([2, 1]);
  });

  it('answers a dry run with the assessment it would store, and stores nothing', async () => {
    const dry = await request(server)
      .post(`${base}/payouts/assessments?dryRun=true`)
      .set('authorization', as(hana))
      .send({ inputs });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ version: 1, entityRef: 'component:default/payouts' });
    const none = await request(server)
      .get(`${base}/payouts/assessment`)
      .set('authorization', as(hana));
    expect(none.status).toBe(404);
  });

  it('assesses a service not yet in the catalog for its declared owner only', async () => {
    const missingOwner = await request(server)
      .post(`${base}/brand-new/assessments`)
      .set('authorization', as(hana))
      .send({ inputs });
    expect(missingOwner.status).toBe(404);
    expect(missingOwner.body.error.message).toMatch(/give its owner in body field ownerRef/);

    const foreign = await request(server)
      .post(`${base}/brand-new/assessments`)
      .set('authorization', as(chen))
      .send({ inputs, ownerRef: 'team-payments' });
    expect(foreign.status).toBe(403);

    const created = await request(server)
      .post(`${base}/brand-new/assessments`)
      .set('authorization', as(hana))
      .send({ inputs, ownerRef: 'team-payments', lineOfBusiness: 'payments' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ownerRef: 'group:default/team-payments',
      lineOfBusiness: 'payments',
    });
  });

  it('names the bad field of a bad body', async () => {
    const bad = await request(server)
      .post(`${base}/ledger/assessments`)
      .set('authorization', as(hana))
      .send({ inputs: { ...inputs, usage: { unit: 'cores', baseline: 0.5 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /Invalid capacity assessment in POST \/api\/headroom\/capacity\/entities\/component\/default\/ledger\/assessments: inputs\.usage\.perUnit/,
    );
    const extra = await request(server)
      .post(`${base}/ledger/assessments`)
      .set('authorization', as(hana))
      .send({ inputs, approvedBy: hana });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toMatch(/unknown fields: approvedBy/);
    const unauthenticated = await request(server)
      .post(`${base}/ledger/assessments`)
      .send({ inputs });
    expect(unauthenticated.status).toBe(401);
  });

  it('reports coverage of services per line of business', async () => {
    const res = await request(server)
      .get('/api/headroom/capacity/coverage')
      .set('authorization', as(chen));
    expect(res.status).toBe(200);
    // Services: ledger (assessed), payouts (new, dry run only), warehouse-loader (new); the
    // website and the not-yet-registered service do not count.
    expect(res.body.total).toMatchObject({ services: 3, assessed: 1, approved: 1, missing: 2 });
    expect(res.body.total.newServices).toMatchObject({ services: 2, assessed: 0, share: 0 });
    expect(
      res.body.linesOfBusiness.map((g: { lineOfBusiness: string; share: number }) => [
        g.lineOfBusiness,
        g.share,
      ]),
    ).toEqual([
      ['data', 0],
      ['payments', 0.5],
    ]);
    // The body is sent as serialised once, past the response validation of res.json: replayed
    // through a router that validates responses, it must pass the document's schema.
    const replay = await createApiRouter({
      logger: mockServices.logger.mock(),
      validateResponses: true,
      routes: [r => r.get('/capacity/coverage', (_req, out) => out.json(res.body as never))],
    });
    const replayed = await request(express().use(replay)).get('/capacity/coverage');
    expect(replayed.status).toBe(200);
    expect(replayed.body).toEqual(res.body);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
  });
});
