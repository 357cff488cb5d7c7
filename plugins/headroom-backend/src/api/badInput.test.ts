import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { ownerEditPermissions } from '../__fixtures__/ownerPolicy';
import { headroomPlugin } from '../plugin';

jest.setTimeout(60_000);

// Input that used to reach a handler unchecked and end in a 500, or be stored as nonsense:
// each is now a 400 that names the field, and nothing is stored.

const hana = 'user:default/hana.mori';
const permissions = ownerEditPermissions({ [hana]: [hana, 'group:default/team-payments'] });

const ledger: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ledger', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
};

describe('bad input through the plugin', () => {
  let server: Parameters<typeof request>[0];
  let stop: () => Promise<void>;
  const as = (user: string) => mockCredentials.user.header(user);
  const assessments = '/api/headroom/capacity/entities/component/default/ledger/assessments';

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        headroomPlugin,
        catalogServiceMock.factory({ entities: [ledger] }),
        schedulerServiceFactory,
        permissions.factory,
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop();
  });

  const expectNoAssessment = async () => {
    const latest = await request(server)
      .get(`${assessments.replace(/s$/, '')}`)
      .set('authorization', as(hana));
    expect(latest.status).toBe(404);
  };

  it.each([
    ['owner=%3A', /Query parameter owner of GET .* must be an entity ref/],
    ['owner=group%3A', /Query parameter owner of GET .* must be an entity ref/],
    ['entityRef=%3A%3A', /Query parameter entityRef of GET .* must be an entity ref/],
  ])('answers recommendations?%s with 400 naming the parameter', async (query, message) => {
    const res = await request(server)
      .get(`/api/headroom/optimise/recommendations?${query}`)
      .set('authorization', as(hana));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it.each([
    [
      'a peak of 1e308 growing for 60 months',
      { expectedPeak: 1e308, growthPerMonth: 0.5, horizonMonths: 60 },
      /inputs\.expectedPeak must be <= 1000000000000, got '1e\+308'/,
    ],
    [
      'a request per replica of 5e-324',
      { expectedPeak: 200, requestPerReplica: 5e-324 },
      /inputs\.requestPerReplica must be >= 0\.000001, got '5e-324'/,
    ],
    [
      'bounded inputs whose replica count overflows',
      {
        expectedPeak: 1e12,
        growthPerMonth: 10,
        horizonMonths: 60,
        usage: { unit: 'cores', baseline: 0, perUnit: 1e9 },
        requestPerReplica: 1,
      },
      /inputs\.requestPerReplica 1 divides .* into a replica count that is not a whole number/,
    ],
    [
      'an unknown field inside usage',
      { expectedPeak: 200, usage: { unit: 'cores', baseline: 0.5, perUnit: 0.01, peak: 3 } },
      /inputs\.usage has unknown fields: peak/,
    ],
  ])('refuses %s naming the field, and stores nothing', async (_what, change, message) => {
    const res = await request(server)
      .post(assessments)
      .set('authorization', as(hana))
      .send({
        inputs: { usage: { unit: 'cores', baseline: 0.5, perUnit: 0.01 }, ...change },
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^Invalid capacity assessment in POST \/api\/headroom\/capacity\/entities\/component\/default\/ledger\/assessments: /,
    );
    expect(res.body.error.message).toMatch(message);
    await expectNoAssessment();
  });

  it('lists every problem of a body at once', async () => {
    const res = await request(server)
      .post(assessments)
      .set('authorization', as(hana))
      .send({
        inputs: { expectedPeak: -1, usage: { unit: 'watts', baseline: 0, perUnit: 1 } },
        x: 1,
      });
    expect(res.status).toBe(400);
    const message: string = res.body.error.message;
    expect(message).toMatch(/inputs\.expectedPeak must be > 0, got '-1'/);
    expect(message).toMatch(/inputs\.usage\.unit must be one of cores, GiB, got 'watts'/);
    expect(message).toMatch(/the body has unknown fields: x/);
    await expectNoAssessment();
  });

  it('names a query parameter that holds a reserved character unencoded', async () => {
    const res = await request(server)
      .get('/api/headroom/optimise/recommendations?status=proposed:x')
      .set('authorization', as(hana));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^Query parameter status of GET \/api\/headroom\/optimise\/recommendations\?status=proposed:x must be URL-encoded/,
    );
  });

  it('names an unknown query parameter and the known ones', async () => {
    const res = await request(server)
      .get('/api/headroom/capacity/coverage?lob=payments')
      .set('authorization', as(hana));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Unknown query parameter lob of GET /api/headroom/capacity/coverage?lob=payments; known: none',
    );
  });
});
