import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fc from 'fast-check';
import request from 'supertest';
import { FUZZ_SEED, mutations, namesRequestOrField, type Json } from '../__fixtures__/fuzzBodies';
import { ownerEditPermissions } from '../__fixtures__/ownerPolicy';
import { headroomPlugin } from '../plugin';

jest.setTimeout(180_000);

// The write routes with bodies mutated at random from a valid one: a field replaced by any JSON
// value or an extreme number, removed, or an unknown one added. Whatever comes in, the answer is
// never a 5xx; a 400 names the request and the field; and a refused write stores nothing.

const hana = 'user:default/hana.mori';
const permissions = ownerEditPermissions({ [hana]: [hana, 'group:default/team-payments'] });
const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'ledger', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
  },
];

describe('write routes under random bodies', () => {
  let server: Parameters<typeof request>[0];
  let stop: () => Promise<void>;
  const as = mockCredentials.user.header(hana);
  const entity = '/api/headroom/entities/component/default/ledger';
  const capacity = '/api/headroom/capacity/entities/component/default/ledger';

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        headroomPlugin,
        catalogServiceMock.factory({ entities }),
        schedulerServiceFactory,
        permissions.factory,
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        // The drill runs below are dated 2026-01-01 and read back with days=366.
        mockServices.rootConfig.factory({ data: { headroom: { api: { maxWindow: '366d' } } } }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop();
  });

  /** The answer to one request, checked: no 5xx, and a 400 that names the request. */
  async function send(method: 'post' | 'put', url: string, body: Json) {
    const agent = request(server);
    const res = await (method === 'post' ? agent.post(url) : agent.put(url))
      .set('authorization', as)
      .set('content-type', 'application/json')
      .send(JSON.stringify(body));
    if (res.status >= 500) {
      throw new Error(
        `${method} ${url} answered ${res.status} to ${JSON.stringify(body)}: ${res.text}`,
      );
    }
    if (res.status === 400) {
      const message: string = res.body.error.message;
      if (!namesRequestOrField(message, url)) {
        throw new Error(`400 without the request or a field: ${message}`);
      }
    }
    return res;
  }

  const count = async (url: string) =>
    (await request(server).get(url).set('authorization', as)).body.items?.length ?? 0;

  it('capacity assessments', async () => {
    const valid: Json = {
      inputs: {
        expectedPeak: 200,
        growthPerMonth: 0.05,
        horizonMonths: 12,
        usage: { unit: 'cores', baseline: 0.5, perUnit: 0.01, noise: 0.1 },
        latency: { serviceTimeSeconds: 0.02, objectiveSeconds: 0.25 },
        requestPerReplica: 1,
        pricePerUnitHour: 0.04,
        currency: 'EUR',
        current: { replicas: 3, requests: 1, limits: 2 },
      },
      note: 'fuzz',
    };
    let stored = await count(`${capacity}/assessments`);
    await fc.assert(
      fc.asyncProperty(mutations(valid), async body => {
        const res = await send('post', `${capacity}/assessments`, body);
        if (res.status === 201) {
          stored += 1;
          expect(Number.isFinite(res.body.recommendation.needed)).toBe(true);
          if (res.body.inputs.requestPerReplica !== undefined) {
            expect(Number.isSafeInteger(res.body.recommendation.replicas)).toBe(true);
          }
        }
        expect(await count(`${capacity}/assessments`)).toBe(stored);
      }),
      { seed: FUZZ_SEED, numRuns: 150 },
    );
  });

  it('SLOs: create, and replace with a version', async () => {
    const slo: Json = {
      name: 'fuzz',
      displayName: 'Fuzz',
      objective: 0.99,
      window: '30d',
      indicator: {
        type: 'ratio',
        bad: 'http_requests_total{service="ledger",code=~"5.."}',
        total: 'http_requests_total{service="ledger"}',
      },
      alerting: { page: true, ticket: true },
      evaluationIntervalSeconds: 60,
      labels: { team: 'payments' },
    };
    let stored = await count(`${entity}/slos`);
    await fc.assert(
      fc.asyncProperty(mutations(slo), async body => {
        const res = await send('post', `${entity}/slos`, body);
        if (res.status === 201) stored += 1;
        expect(await count(`${entity}/slos`)).toBe(stored);
      }),
      { seed: FUZZ_SEED, numRuns: 150 },
    );
    const created = await send('post', `${entity}/slos`, { ...(slo as object), name: 'fuzz-put' });
    expect(created.status).toBe(201);
    await fc.assert(
      fc.asyncProperty(
        mutations({ version: 1, slo: { ...(slo as object), name: 'fuzz-put' } }),
        async body => {
          const before = await request(server)
            .get(`${entity}/slos/fuzz-put`)
            .set('authorization', as);
          const res = await send('put', `${entity}/slos/fuzz-put`, body);
          const after = await request(server)
            .get(`${entity}/slos/fuzz-put`)
            .set('authorization', as);
          if (res.status !== 200) expect(after.body.version).toBe(before.body.version);
        },
      ),
      { seed: FUZZ_SEED, numRuns: 100 },
    );
  });

  it('drill runs', async () => {
    const at = '2026-01-01T00:00:00Z';
    const valid: Json = {
      record: {
        drill: 'ledger-errors',
        service: 'ledger',
        slo: 'availability',
        verdict: 'Fail',
        summary: 'The hypothesis did not hold.',
        startedAt: at,
        faultStartedAt: '2026-01-01T00:00:05Z',
        faultEndedAt: '2026-01-01T00:01:05Z',
        endedAt: '2026-01-01T00:05:00Z',
        probes: [{ name: 'page alert within 1m', mode: 'OnChaos', passed: false, detail: 'none' }],
        detection: { expected: true, alertFiredAt: null, ttdSeconds: null, withinTarget: false },
        recovery: { expected: true, recoveredAt: at, ttrSeconds: 60, withinTarget: true },
        aborted: null,
        budgetSpent: 0.02,
        resilienceScore: 0,
      },
      faults: [{ type: 'errors', target: 'ledger', weight: 8 }],
      alertSeverity: 'page',
      dependants: [{ service: 'wallet-api', slo: 'availability', steady: true, detail: 'burn 0' }],
    };
    const runs = `/api/headroom/drills/entities/component/default/ledger?days=366`;
    const stored = async () =>
      (await request(server).get(runs).set('authorization', as)).body.runs.length as number;
    let expected = await stored();
    await fc.assert(
      fc.asyncProperty(mutations(valid), async body => {
        const res = await send('post', '/api/headroom/drills/runs', body);
        if (res.status === 201) expected += 1;
        expect(await stored()).toBe(expected);
      }),
      { seed: FUZZ_SEED, numRuns: 120 },
    );
  });

  it('the release gate, cost imports and recommendation steps', async () => {
    const bodies: [string, Json][] = [
      [
        '/api/headroom/release-gate',
        {
          entityRef: 'component:default/ledger',
          minBudgetRemaining: 0.1,
          maxStatusAgeSeconds: 900,
        },
      ],
      ['/api/headroom/cost/imports', { sourceId: 'aws' }],
      ['/api/headroom/optimise/recommendations/r1/accept', { reason: 'ok', version: 1 }],
      [
        '/api/headroom/optimise/recommendations/r1/apply',
        { at: '2026-01-01T00:00:00Z', version: 1 },
      ],
      [
        '/api/headroom/optimise/recommendations/r1/verify',
        {
          version: 1,
          before: {
            from: 0,
            to: 86400,
            cost: '10.00',
            driver: 5,
            slo: { good: 9, total: 10 },
            burnRate: 1,
          },
          after: { from: 86400, to: 172800, cost: '8.00', driver: 5 },
        },
      ],
    ];
    for (const [url, valid] of bodies) {
      await fc.assert(
        fc.asyncProperty(mutations(valid), async body => {
          await send('post', url, body);
        }),
        { seed: FUZZ_SEED, numRuns: 80 },
      );
    }
  });
});
