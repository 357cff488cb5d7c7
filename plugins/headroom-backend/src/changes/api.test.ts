import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { ownerEditPermissions } from '../__fixtures__/ownerPolicy';
import { headroomPlugin } from '../plugin';

jest.setTimeout(60_000);

const hana = 'user:default/hana.mori';
const chen = 'user:default/chen.wei';
const permissions = ownerEditPermissions({
  [hana]: [hana, 'group:default/team-payments'],
  [chen]: [chen, 'group:default/team-data'],
});
const as = (user: string) => mockCredentials.user.header(user);

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'ledger', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-payments', system: 'payments' },
    relations: [
      { type: 'dependencyOf', targetRef: 'component:default/wallet-api' },
      { type: 'providesApi', targetRef: 'api:default/ledger-api' },
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: 'payments',
      namespace: 'default',
      annotations: { 'headroom.dev/line-of-business': 'payments' },
    },
    spec: { owner: 'team-payments' },
  },
];

describe('changes API', () => {
  let server: Parameters<typeof request>[0];
  let stop: () => Promise<void>;
  let hook: Server;
  const hooked: unknown[] = [];

  beforeAll(async () => {
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', c => (body += c));
      req.on('end', () => {
        hooked.push(JSON.parse(body));
        res.writeHead(202).end();
      });
    });
    await new Promise<void>(resolve => hook.listen(0, '127.0.0.1', () => resolve()));
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/rollback`;
    const backend = await startTestBackend({
      features: [
        headroomPlugin,
        catalogServiceMock.factory({ entities }),
        schedulerServiceFactory,
        permissions.factory,
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        mockServices.rootConfig.factory({
          data: {
            headroom: {
              evaluation: { enabled: false },
              changes: { watchMinutes: 60, rollback: { type: 'webhook', url: hookUrl } },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    const slo = await request(server)
      .post('/api/headroom/entities/component/default/ledger/slos')
      .set('authorization', as(hana))
      .send({
        name: 'availability',
        objective: 0.999,
        window: '30d',
        indicator: {
          type: 'ratio',
          bad: 'http_requests_total{service="ledger",code=~"5.."}',
          total: 'http_requests_total{service="ledger"}',
        },
      });
    expect(slo.status).toBe(201);
  });

  afterAll(async () => {
    await stop();
    await new Promise<void>(resolve => hook.close(() => resolve()));
  });

  const post = (path: string, body: unknown, user = hana) =>
    request(server)
      .post(`/api/headroom${path}`)
      .set('authorization', as(user))
      .send(body as object);

  it('refuses unknown entities, bad bodies and callers who do not own the entity', async () => {
    const unknown = await post('/changes', { entityRef: 'component:default/ledgr', version: '2' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('did you mean component:default/ledger');
    const bad = await post('/changes', { entityRef: 'component:default/ledger' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('version');
    const time = await post('/changes', {
      entityRef: 'component:default/ledger',
      version: '2',
      at: 'yesterday',
    });
    expect(time.status).toBe(400);
    expect(time.body.error.message).toContain('Body field at of POST /api/headroom/changes');
    const other = await post(
      '/changes',
      { entityRef: 'component:default/ledger', version: '2' },
      chen,
    );
    expect(other.status).toBe(403);
    const list = await request(server).get('/api/headroom/changes').set('authorization', as(hana));
    expect(list.body.items).toEqual([]);
  });

  it('records a change with its assessment, and as a deploy for DORA', async () => {
    const r = await post('/changes', {
      entityRef: 'component:default/ledger',
      version: '2.4.0',
      kind: 'canary',
      size: { linesChanged: 999 },
      target: { namespace: 'payments' },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      entityRef: 'component:default/ledger',
      service: 'ledger',
      lineOfBusiness: 'payments',
      kind: 'canary',
      state: 'live',
      recorded: true,
      verdicts: [],
      rollbacks: [],
      outcome: { incidentId: null, rolledBack: false, failed: false },
    });
    expect(Date.parse(r.body.watchUntil) - Date.parse(r.body.startedAt)).toBe(3600_000);
    const size = r.body.assessment.factors.find((f: { name: string }) => f.name === 'size');
    // log10(1 + 999) / log10(1 + 1000), as core's README gives it.
    expect(size.score).toBeCloseTo(3 / Math.log10(1001), 3);
    // ledger is the only node of its graph: wallet-api and the API's consumers hang off it.
    expect(
      r.body.assessment.factors.find((f: { name: string }) => f.name === 'blastRadius'),
    ).toBeDefined();
    const mttx = await request(server)
      .get('/api/headroom/incidents/mttx')
      .set('authorization', as(hana));
    expect(mttx.body.dora.deployments).toBe(1);
  });

  it('keeps a passing change and rolls back on a failed verdict through the action, once', async () => {
    const { body: change } = await post('/changes', {
      entityRef: 'component:default/ledger',
      version: '2.5.0',
      kind: 'canary',
    });
    const pass = await post(`/changes/${change.id}/verdicts`, {
      classification: 'Pass',
      score: 100,
    });
    expect(pass.status).toBe(200);
    expect(pass.body.decision).toMatchObject({ rollback: false });
    expect(hooked).toEqual([]);
    const badVerdict = await post(`/changes/${change.id}/verdicts`, {
      classification: 'Bad',
      score: 1,
    });
    expect(badVerdict.status).toBe(400);

    const fail = await post(`/changes/${change.id}/verdicts`, {
      classification: 'Fail',
      score: 40,
      reason: 'Canary Failed: error_ratio High',
    });
    expect(fail.status).toBe(200);
    expect(fail.body.decision).toMatchObject({
      rollback: true,
      reason:
        'roll back: the canary verdict is Fail with score 40 (Canary Failed: error_ratio High)',
    });
    expect(fail.body.change.state).toBe('rolled-back');
    expect(fail.body.change.rollbacks).toMatchObject([
      { action: 'webhook', outcome: 'sent', detail: { status: 202 } },
    ]);
    expect(hooked).toEqual([
      expect.objectContaining({
        change: change.id,
        version: '2.5.0',
        type: 'headroom.change.rollback',
      }),
    ]);
    // Evaluating again changes nothing: the change is no longer live.
    const again = await post(`/changes/${change.id}/evaluate`, {});
    expect(again.body.decision).toMatchObject({
      rollback: false,
      reason: 'the change is rolled-back, no longer live',
    });
    expect(hooked).toHaveLength(1);
    const late = await post(`/changes/${change.id}/verdicts`, { classification: 'Fail', score: 0 });
    expect(late.status).toBe(400);
  });

  it('lists recorded changes and bare deploys with the failure rate per line of business', async () => {
    const deploy = await post('/deploys', { service: 'ledger', version: '2.6.0' });
    expect(deploy.status).toBe(201);
    const judged = await post(`/changes/nope/judge`, { config: {}, queries: {} });
    expect(judged.status).toBe(404);
    const list = await request(server).get('/api/headroom/changes').set('authorization', as(chen));
    expect(list.status).toBe(200);
    expect(
      list.body.items.map((c: { version: string; recorded: boolean }) => [c.version, c.recorded]),
    ).toEqual([
      ['2.4.0', true],
      ['2.5.0', true],
      ['2.6.0', false],
    ]);
    expect(list.body.failureRate).toEqual({ changes: 3, failed: 1, changeFailureRate: 1 / 3 });
    const mine = await request(server)
      .get('/api/headroom/changes?lineOfBusiness=payments')
      .set('authorization', as(hana));
    expect(mine.body.byLineOfBusiness).toEqual([
      // The bare deploy counts for ledger's line of business, from its SLOs.
      { lineOfBusiness: 'payments', changes: 3, failed: 1, changeFailureRate: 1 / 3 },
    ]);
  });

  it('refuses to judge without Prometheus, naming the setting', async () => {
    const { body: change } = await post('/changes', {
      entityRef: 'component:default/ledger',
      version: '2.7.0',
    });
    const r = await post(`/changes/${change.id}/judge`, {
      config: { metrics: [{ name: 'x' }] },
      queries: { x: { baseline: 'up', canary: 'up' } },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain('headroom.prometheus.baseUrl');
  });
});
