import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { formatMoney, parseMoney } from '@headroom/core';
import request from 'supertest';
import { parse } from 'yaml';
import { ownerEditPermissions } from '../__fixtures__/ownerPolicy';
import { headroomPlugin } from '../plugin';
import { overProvisioned, steady, workloadSeries } from './__fixtures__/workloads';
import { OptimisationStore } from './OptimisationStore';
import { recommendWorkload } from './recommend';

jest.setTimeout(120_000);

const hana = 'user:default/hana.mori';
const chen = 'user:default/chen.wei';
const ownership: Record<string, string[]> = {
  [hana]: [hana, 'group:default/team-payments'],
  [chen]: [chen, 'group:default/team-data'],
};

/** Everyone reads, only members of the owning group edit. */
const permissions = ownerEditPermissions(ownership);

const service = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner, system: 'payments-platform' },
});
const entities: Entity[] = [
  service('ledger', 'team-payments'),
  service('payouts', 'team-payments'),
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
];

const DAY = 86_400;
const END = Date.UTC(2026, 10, 20) / 1000;
const prices = {
  kind: 'unit-prices' as const,
  cpuCoreHour: 0.031,
  memoryGiBHour: 0.004,
  currency: 'USD',
};

/** A real recommendation from core for an over-provisioned service, as the scan would store it. */
function proposal(name: string) {
  const series = workloadSeries(overProvisioned, END - 14 * DAY, END);
  const outcome = recommendWorkload({
    ...series,
    driverSeen: true,
    driverName: 'orders/s',
    current: {
      replicas: overProvisioned.replicas,
      cpuRequest: overProvisioned.cpuRequest,
      memRequest: overProvisioned.memRequest,
    },
    pricing: prices,
    pricingSource: 'config-prices',
    strategy: 'requests',
    timeZone: 'UTC',
    workload: { kind: 'Deployment', namespace: 'payments', name, container: 'app' },
    service: name,
    stepSeconds: 300,
  });
  if (outcome.kind !== 'proposal') throw new Error('expected a proposal');
  return {
    entityRef: `component:default/${name}`,
    resource: `Deployment/payments/${name}/app`,
    ownerRef: 'group:default/team-payments',
    lineOfBusiness: 'payments',
    currency: outcome.currency,
    expectedMonthlySaving: formatMoney(outcome.expectedMonthlySaving),
    detail: outcome.detail,
  };
}

/** Thirty days before and after a change: 100 requests/s throughout. */
const MONTH = 30 * DAY;
const VOLUME = 100 * MONTH;
const period = (from: number, cost: string, good: number) => ({
  from: new Date(from * 1000).toISOString(),
  to: new Date((from + MONTH) * 1000).toISOString(),
  cost,
  driver: VOLUME,
  slo: { good, total: 1_000_000 },
});

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('optimisation API (%s)', databaseId => {
  let server: Parameters<typeof request>[0];
  let stop: () => Promise<void>;
  let store: OptimisationStore;
  const as = (user: string) => mockCredentials.user.header(user);
  const base = '/api/headroom/optimise';

  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    const backend = await startTestBackend({
      features: [
        headroomPlugin,
        catalogServiceMock.factory({ entities }),
        schedulerServiceFactory,
        permissions.factory,
        mockServices.database.factory({ knex, migrations: { skip: false } }),
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    store = await OptimisationStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
  });

  afterAll(async () => {
    await stop();
  });

  it('lists proposals with their potential saving, and refuses callers without credentials', async () => {
    const { recommendation: rec } = await store.propose(proposal('ledger'), new Date(END * 1000));
    const again = await store.propose(proposal('ledger'), new Date((END + 60) * 1000));
    expect(again).toEqual({ created: false, recommendation: rec });

    expect((await request(server).get(`${base}/recommendations`)).status).toBe(401);
    const list = await request(server)
      .get(`${base}/entities/component/default/ledger/recommendations`)
      .set('authorization', as(chen));
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const item = list.body.items[0];
    expect(item).toMatchObject({
      id: rec.id,
      entityRef: 'component:default/ledger',
      resource: 'Deployment/payments/ledger/app',
      status: 'proposed',
      allowedActions: ['accept', 'reject'],
      version: 1,
      action: 'reduce',
      loadClass: 'over-provisioned',
      currency: 'USD',
      realisedMonthlySaving: null,
    });
    expect(item.exports).toBeUndefined();
    // 12 × 2.75 cores and 12 × 3 GiB requested, about a third used at the peak: the cut saves money.
    expect(Number(item.expectedMonthlySaving)).toBeGreaterThan(0);
    expect(list.body.totals).toEqual([
      {
        currency: 'USD',
        potentialMonthlySaving: item.expectedMonthlySaving,
        realisedMonthlySaving: '0',
        count: {
          proposed: 1,
          accepted: 0,
          rejected: 0,
          applied: 0,
          verified: 0,
          regressed: 0,
          'rolled-back': 0,
        },
      },
    ]);
    const bad = await request(server)
      .get(`${base}/recommendations?status=open`)
      .set('authorization', as(chen));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/Query parameter status .* must be one of proposed/);
  });

  it('takes a recommendation through its lifecycle: owners only, invalid steps refused naming the allowed ones', async () => {
    const [rec] = await store.list({ entityRef: 'component:default/ledger' });
    const url = `${base}/recommendations/${rec!.id}`;

    const outsider = await request(server)
      .post(`${url}/accept`)
      .set('authorization', as(chen))
      .send({});
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.message).toMatch(
      /only members of its owner group:default\/team-payments/,
    );

    const early = await request(server)
      .post(`${url}/apply`)
      .set('authorization', as(hana))
      .send({});
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe(
      `Recommendation ${rec!.id} is proposed: cannot apply; allowed: accept, reject`,
    );

    const noReason = await request(server)
      .post(`${url}/reject`)
      .set('authorization', as(hana))
      .send({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/Body field reason of POST .* is required/);

    const unknownField = await request(server)
      .post(`${url}/accept`)
      .set('authorization', as(hana))
      .send({ why: 'x' });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.message).toMatch(/unknown fields: why/);

    const accepted = await request(server)
      .post(`${url}/accept`)
      .set('authorization', as(hana))
      .send({ reason: 'the launch was cancelled', version: 1 });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      version: 2,
      allowedActions: ['apply', 'reject'],
    });
    expect(accepted.body.history.map((e: { status: string }) => e.status)).toEqual([
      'proposed',
      'accepted',
    ]);
    expect(accepted.body.history[1]).toMatchObject({
      by: hana,
      reason: 'the launch was cancelled',
    });

    const stale = await request(server)
      .post(`${url}/apply`)
      .set('authorization', as(hana))
      .send({ version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/is at version 2, not 1/);

    const future = await request(server)
      .post(`${url}/apply`)
      .set('authorization', as(hana))
      .send({ at: Date.now() / 1000 + 3600 });
    expect(future.status).toBe(400);
    expect(future.body.error.message).toMatch(/Body field at of POST .* must not be in the future/);
    const backDated = await request(server)
      .post(`${url}/apply`)
      .set('authorization', as(hana))
      .send({ at: Date.now() / 1000 - 3 * 3600 });
    expect(backDated.status).toBe(400);
    expect(backDated.body.error.message).toMatch(
      /^Body field at of the apply step \(.*\) is 3 h before now: a back-dated apply is refused/,
    );
    const rolledOutAt = new Date();
    const applied = await request(server)
      .post(`${url}/apply`)
      .set('authorization', as(hana))
      .send({ at: rolledOutAt.toISOString() });
    expect(applied.status).toBe(200);
    expect(applied.body.status).toBe('applied');
    expect(applied.body.history[2]).toMatchObject({ at: rolledOutAt.toISOString(), by: hana });

    // The periods around the change, measured elsewhere (a billing export and the SLO's counters).
    const appliedAt = END + DAY;

    // The SLI fell from 99.9 % to 99.8 % on a million requests: z ≈ 18 standard errors.
    // Figures typed into the request are kept, marked supplied, and move nothing: only periods
    // the backend measures verify (or regress) a change.
    const verified = await request(server)
      .post(`${url}/verify`)
      .set('authorization', as(hana))
      .send({
        before: period(appliedAt - MONTH, '3000', 999_000),
        after: period(appliedAt, '2000', 998_000),
      });
    expect(verified.status).toBe(200);
    expect(verified.body.status).toBe('applied');
    expect(verified.body.realisedMonthlySaving).toBeNull();
    expect(verified.body.suppliedMonthlySaving).toBe('1013.888889');
    expect(verified.body.history[3].reason).toMatch(/SLO regression: check it and roll back/);
    const v = verified.body.history[3].verification;
    expect(v.source).toBe('supplied');
    // Unit cost 3000 → 2000 per 259.2 M requests; at the after volume that is 1000 over 30 days,
    // × 730 h / 720 h = 1013.888889 a month.
    expect(v.realisedMonthlySaving).toBe('1013.888889');
    expect(v.before).toMatchObject({ cost: '3000', driver: VOLUME, sli: 0.999 });
    expect(v.slo.regression).toBe(true);
    expect(v.slo.z).toBeCloseTo(0.001 / Math.sqrt(0.0015 * 0.9985 * 2e-6), 6);
    expect(v.suggestRollback).toBe(true);
    expect(v.reasons.join('\n')).toMatch(/roll the change back/);

    const rolledBack = await request(server)
      .post(`${url}/rollback`)
      .set('authorization', as(hana))
      .send({ reason: 'p99 latency at the trading peak' });
    expect(rolledBack.body).toMatchObject({ status: 'rolled-back', allowedActions: [] });

    const final = await request(server)
      .post(`${url}/accept`)
      .set('authorization', as(hana))
      .send({});
    expect(final.status).toBe(409);
    expect(final.body.error.message).toMatch(/is rolled-back: cannot accept; rolled-back is final/);
  });

  it('keeps a supplied saving apart from the realised total; a new proposal may follow a closed one', async () => {
    const { recommendation: rec } = await store.propose(proposal('payouts'), new Date(END * 1000));
    const url = `${base}/recommendations/${rec.id}`;
    await request(server).post(`${url}/accept`).set('authorization', as(hana)).send({});
    await request(server)
      .post(`${url}/apply`)
      .set('authorization', as(hana))
      .send({ at: Date.now() / 1000 });
    const notMeasuredYet = await request(server)
      .post(`${url}/verify`)
      .set('authorization', as(hana))
      .send({});
    expect(notMeasuredYet.status).toBe(409);
    expect(notMeasuredYet.body.error.message).toMatch(
      /was applied 0 h ago: verify after at least 24 h of traffic, or give before and after/,
    );
    const appliedAt = END + DAY;
    const onlyBefore = await request(server)
      .post(`${url}/verify`)
      .set('authorization', as(hana))
      .send({ before: period(appliedAt - MONTH, '3000', 999_000) });
    expect(onlyBefore.status).toBe(400);
    expect(onlyBefore.body.error.message).toMatch(/must give both before and after/);
    const badCost = await request(server)
      .post(`${url}/verify`)
      .set('authorization', as(hana))
      .send({
        before: period(appliedAt - MONTH, '3,000', 999_000),
        after: period(appliedAt, '2000', 999_000),
      });
    expect(badCost.status).toBe(400);
    expect(badCost.body.error.message).toMatch(
      /Body field before.cost of POST .* must be a decimal/,
    );

    const verified = await request(server)
      .post(`${url}/verify`)
      .set('authorization', as(hana))
      .send({
        before: period(appliedAt - MONTH, '3000', 999_000),
        after: period(appliedAt, '2500', 999_010),
      });
    expect(verified.status).toBe(200);
    // Supplied figures: kept and shown apart (500 over 30 days × 730 / 720), not verified.
    expect(verified.body.status).toBe('applied');
    expect(verified.body.realisedMonthlySaving).toBeNull();
    expect(verified.body.suppliedMonthlySaving).toBe('506.944444');

    const lob = await request(server)
      .get(`${base}/lines-of-business/payments/recommendations`)
      .set('authorization', as(chen));
    expect(lob.body.items).toHaveLength(2);
    expect(lob.body.totals[0]).toMatchObject({
      currency: 'USD',
      potentialMonthlySaving: formatMoney(parseMoney(rec.expectedMonthlySaving)!),
      realisedMonthlySaving: '0',
    });
    expect(lob.body.totals[0].count).toMatchObject({ verified: 0, applied: 1, 'rolled-back': 1 });

    // The rolled-back one is closed: the next scan may propose again for the same workload.
    const next = await store.propose(proposal('ledger'), new Date((END + 40 * DAY) * 1000));
    expect(next.created).toBe(true);
    const overall = await request(server)
      .get(`${base}/recommendations?lob=payments&status=proposed`)
      .set('authorization', as(chen));
    expect(overall.body.items.map((r: { id: string }) => r.id)).toEqual([next.recommendation.id]);
    expect(overall.body.totals[0].potentialMonthlySaving).toBe(
      formatMoney(parseMoney(next.recommendation.expectedMonthlySaving)!),
    );
  });

  it('exports a recommendation as YAML for Kubernetes tools', async () => {
    const [rec] = await store.list({ entityRef: 'component:default/payouts' });
    const url = `${base}/recommendations/${rec!.id}/export`;
    const vpa = await request(server).get(`${url}?format=vpa`).set('authorization', as(chen));
    expect(vpa.status).toBe(200);
    expect(vpa.headers['content-type']).toMatch(/application\/yaml/);
    const doc = parse(vpa.text);
    expect(doc).toMatchObject({
      apiVersion: 'autoscaling.k8s.io/v1',
      kind: 'VerticalPodAutoscaler',
      metadata: { name: 'payouts', namespace: 'payments' },
    });
    expect(doc).toEqual(rec!.detail.exports.vpa);
    const patch = parse(
      (await request(server).get(`${url}?format=kubernetes-patch`).set('authorization', as(chen)))
        .text,
    );
    expect(patch.spec.template.spec.containers[0]).toEqual({
      name: 'app',
      resources: {
        requests: {
          cpu: `${Math.round(rec!.detail.recommended.cpuRequest * 1000)}m`,
          memory: expect.stringMatching(/^\d+Mi$/),
        },
      },
    });
    const bad = await request(server).get(`${url}?format=helm`).set('authorization', as(chen));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /Query parameter format of .* must be one of kubernetes-patch, vpa, hpa, keda, got 'helm'/,
    );
  });

  it('serves cost anomalies for the entity card and Grafana annotations', async () => {
    const at = (day: number) => new Date((END + day * DAY) * 1000);
    await store.addAnomalies([
      {
        entityRef: 'component:default/ledger',
        ownerRef: 'group:default/team-payments',
        lineOfBusiness: 'payments',
        series: 'cost',
        at: at(1),
        stepSeconds: DAY,
        value: 160,
        expected: 100,
        score: 0.81,
        currency: 'USD',
        detectedAt: at(2),
      },
      {
        entityRef: 'component:default/payouts',
        ownerRef: 'group:default/team-payments',
        lineOfBusiness: 'payments',
        series: 'unit-cost',
        at: at(5),
        stepSeconds: DAY,
        value: 0.002,
        expected: 0.001,
        score: 0.6,
        currency: 'USD',
        detectedAt: at(6),
      },
    ]);
    const all = await request(server)
      .get(`${base}/anomalies?lob=payments&from=${END}&to=${at(10).toISOString()}`)
      .set('authorization', as(chen));
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(2);
    expect(all.body.items[0]).toMatchObject({
      entityRef: 'component:default/ledger',
      time: at(1).getTime(),
      at: at(1).toISOString(),
      value: 160,
      expected: 100,
      score: 0.81,
      text: 'component:default/ledger: cost 160 USD against 100 USD usually (+60 %), anomaly score 0.81',
      tags: ['entity:component:default/ledger', 'lob:payments', 'series:cost'],
    });
    const one = await request(server)
      .get(`${base}/anomalies?entityRef=component:default/payouts&minScore=0.5`)
      .set('authorization', as(chen));
    expect(one.body.items.map((a: { series: string }) => a.series)).toEqual(['unit-cost']);
    const window = await request(server)
      .get(`${base}/anomalies?from=${at(3).getTime()}`)
      .set('authorization', as(chen));
    expect(window.body.items.map((a: { entityRef: string }) => a.entityRef)).toEqual([
      'component:default/payouts',
    ]);
    const bad = await request(server)
      .get(`${base}/anomalies?from=yesterday`)
      .set('authorization', as(chen));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /Query parameter from of GET .* must be an ISO 8601 time/,
    );
  });
});

/** A steady service is held, so the fixture set also has a workload without a proposal. */
it('holds the steady fixture (no proposal to list)', () => {
  const outcome = recommendWorkload({
    ...workloadSeries(steady, END - 7 * DAY, END),
    driverSeen: true,
    driverName: 'requests/s',
    current: { replicas: 4, cpuRequest: 0.45, memRequest: steady.memRequest },
    pricing: prices,
    pricingSource: 'config-prices',
    strategy: 'requests',
    timeZone: 'UTC',
    workload: { kind: 'Deployment', namespace: 'payments', name: 'ledger', container: 'app' },
    service: 'ledger',
    stepSeconds: 300,
  });
  expect(outcome.kind).toBe('hold');
});
