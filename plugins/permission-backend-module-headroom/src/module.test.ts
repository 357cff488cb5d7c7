import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import headroomPlugin from '@headroom/plugin-headroom-backend';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import permissionPlugin from '@backstage/plugin-permission-backend';
import request from 'supertest';
import { referenceDir } from '../../../test/reference';
import policyModule from './index';

jest.setTimeout(60_000);

// A backend as an adopter runs it: the Headroom plugin, the permission backend with this
// module as its policy, and the real permissions service asking it over HTTP. Ownership
// refs are what a sign-in resolver puts in the users' tokens.
const hana = 'user:default/hana.mori';
const finn = 'user:default/finn.berg';
const guest = 'user:development/guest';
const ownership: Record<string, string[]> = {
  [hana]: [hana, 'group:default/team-payments'],
  [finn]: [finn, 'group:default/team-finops'],
  [guest]: [guest],
};
const as = (user: string) => mockCredentials.user.header(user);

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'ledger', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
  },
];

const slo = {
  name: 'availability',
  objective: 0.999,
  window: '30d',
  indicator: {
    type: 'ratio',
    bad: 'http_requests_total{service="ledger",code=~"5.."}',
    total: 'http_requests_total{service="ledger"}',
  },
};

/*
 * The test backend's mock auth, except that a plugin calling another on behalf of a user sends
 * a user token naming the plugin as its actor, as Backstage's own auth service does. The
 * permission backend accepts conditional requests (which Headroom makes for owner rules) only
 * from such plugin calls, and refuses them when they come straight from a user.
 */
const authWithActors = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    return Object.assign(Object.create(auth), {
      async getPluginRequestToken(options: Parameters<typeof auth.getPluginRequestToken>[0]) {
        const principal = options.onBehalfOf.principal as { type: string; userEntityRef?: string };
        if (principal.type !== 'user' || !principal.userEntityRef)
          return auth.getPluginRequestToken(options);
        const actor = { subject: `plugin:${plugin.getId()}` };
        return { token: mockCredentials.user.token(principal.userEntityRef, { actor }) };
      },
    }) as typeof auth;
  },
});

describe('permission module headroom-policy in a backend', () => {
  let server: Parameters<typeof request>[0];
  let stop: (() => Promise<void>) | undefined;
  const focus = path.join(referenceDir('focus'), 'focus_sample.csv');
  const bill = gzipSync(fs.readFileSync(focus));

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        headroomPlugin,
        permissionPlugin,
        policyModule,
        permissionsServiceFactory,
        authWithActors,
        schedulerServiceFactory,
        catalogServiceMock.factory({ entities }),
        mockServices.userInfo.mock({
          getUserInfo: async credentials => {
            const userEntityRef = (credentials.principal as { userEntityRef: string })
              .userEntityRef;
            return {
              userEntityRef,
              ownershipEntityRefs: ownership[userEntityRef] ?? [userEntityRef],
            };
          },
        }).factory,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            headroom: {
              prometheus: { baseUrl: 'http://127.0.0.1:9' },
              evaluation: { enabled: false },
              catalogSync: { intervalSeconds: 3600 },
              cost: {
                sources: [
                  { id: 'aws', type: 'focus', location: focus },
                  { id: 'uploads', type: 'upload' },
                ],
              },
              permissionPolicy: { costImporters: ['group:default/team-finops'] },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
  });

  it('answers 403 to a guest who starts a cost import, naming the permission', async () => {
    const res = await request(server)
      .post('/api/headroom/cost/imports')
      .set('authorization', as(guest))
      .send({ sourceId: 'aws' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/headroom\.cost\.import/);
  });

  it('answers 403 to a guest who uploads a bill, and to an owner outside the importer group', async () => {
    for (const user of [guest, hana]) {
      const res = await request(server)
        .post('/api/headroom/cost/imports/uploads/upload')
        .set('authorization', as(user))
        .set('content-type', 'application/gzip')
        .send(bill);
      expect([user, res.status]).toEqual([user, 403]);
    }
    const runs = await request(server)
      .get('/api/headroom/cost/imports')
      .set('authorization', as(guest));
    expect(runs.status).toBe(200);
    expect(JSON.stringify(runs.body)).not.toMatch(/"trigger":"upload"/);
  });

  it('lets a member of the cost importer group import and upload', async () => {
    const started = await request(server)
      .post('/api/headroom/cost/imports')
      .set('authorization', as(finn))
      .send({ sourceId: 'aws' });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'succeeded', rows: 1000 });
    const uploaded = await request(server)
      .post('/api/headroom/cost/imports/uploads/upload')
      .set('authorization', as(finn))
      .set('content-type', 'application/gzip')
      .send(bill);
    expect(uploaded.status).toBe(200);
    expect(uploaded.body).toMatchObject({ trigger: 'upload', status: 'succeeded', rows: 1000 });
  });

  it("lets only the owning team's members edit an entity's SLOs, and everyone read them", async () => {
    const slos = '/api/headroom/entities/component/default/ledger/slos';
    for (const user of [guest, finn]) {
      const res = await request(server).post(slos).set('authorization', as(user)).send(slo);
      expect([user, res.status]).toEqual([user, 403]);
    }
    const created = await request(server).post(slos).set('authorization', as(hana)).send(slo);
    expect(created.status).toBe(201);
    const read = await request(server).get(slos).set('authorization', as(guest));
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).toContain('availability');
    const version = created.body.version;
    expect(version).toEqual(expect.any(Number));
    const refused = await request(server)
      .delete(`${slos}/availability?version=${version}`)
      .set('authorization', as(guest));
    expect(refused.status).toBe(403);
    const removed = await request(server)
      .delete(`${slos}/availability?version=${version}`)
      .set('authorization', as(hana));
    expect(removed.status).toBe(204);
  });
  it("lets only the owning team's members record and approve a capacity assessment", async () => {
    const assessments = '/api/headroom/capacity/entities/component/default/ledger/assessments';
    const inputs = {
      expectedPeak: 200,
      usage: { unit: 'cores', baseline: 0.5, perUnit: 0.01 },
      requestPerReplica: 1,
    };
    for (const user of [guest, finn]) {
      const res = await request(server)
        .post(assessments)
        .set('authorization', as(user))
        .send({ inputs });
      expect([user, res.status]).toEqual([user, 403]);
    }
    const recorded = await request(server)
      .post(assessments)
      .set('authorization', as(hana))
      .send({ inputs });
    expect(recorded.status).toBe(201);
    const version = recorded.body.version;
    const refused = await request(server)
      .post(`${assessments}/${version}/approve`)
      .set('authorization', as(guest))
      .send({});
    expect(refused.status).toBe(403);
    const read = await request(server)
      .get('/api/headroom/capacity/entities/component/default/ledger/assessment')
      .set('authorization', as(guest));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ version, approvedBy: null });
  });
});
