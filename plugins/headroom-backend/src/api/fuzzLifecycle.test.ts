import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { formatMoney } from '@headroom/core';
import fc from 'fast-check';
import fs from 'node:fs';
import request from 'supertest';
import { FUZZ_SEED, mutations, namesRequestOrField, type Json } from '../__fixtures__/fuzzBodies';
import { ownerEditPermissions } from '../__fixtures__/ownerPolicy';
import { judged, writeDrillWorld } from '../drills/__fixtures__/drillWorld';
import { overProvisioned, workloadSeries } from '../optimise/__fixtures__/workloads';
import { OptimisationStore } from '../optimise/OptimisationStore';
import { recommendWorkload } from '../optimise/recommend';
import { headroomPlugin } from '../plugin';
import { auditRecord, awaitingRecord } from '../runbooks/test-factory';

jest.setTimeout(180_000);

// The write routes that act on stored state, fuzzed with bodies mutated from a valid one: the
// steps of a real right-sizing recommendation, an assessment's approval, bill uploads, changes
// and their verdicts, runbook runs and approvals, Alertmanager's webhook and acknowledgements,
// drill runs, deploys, the SLO preview and Flagger's webhooks. Whatever comes in, the answer is
// never a 5xx (but the preview's 503 when Prometheus does not answer); a 400 names the request
// or the field; and the state read back after a refused call is the state before it.

const hana = 'user:default/hana.mori';
const permissions = ownerEditPermissions({ [hana]: [hana, 'group:default/team-payments'] });
const service = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
});
const entities = [service('ledger'), service('wallet-api')];

const WEBHOOK_TOKEN = 'fuzz-alertmanager-token';
const DAY = 86_400;
const NOW = Math.floor(Date.now() / 1000);
const iso = (t: number) => new Date(t * 1000).toISOString();

/** A real proposal from core for an over-provisioned workload, as the scan would store it. */
function proposal(container: string) {
  const end = NOW - DAY;
  const outcome = recommendWorkload({
    ...workloadSeries(overProvisioned, end - 14 * DAY, end),
    driverSeen: true,
    driverName: 'orders/s',
    current: {
      replicas: overProvisioned.replicas,
      cpuRequest: overProvisioned.cpuRequest,
      memRequest: overProvisioned.memRequest,
    },
    pricing: { kind: 'unit-prices', cpuCoreHour: 0.031, memoryGiBHour: 0.004, currency: 'USD' },
    pricingSource: 'config-prices',
    strategy: 'requests',
    timeZone: 'UTC',
    workload: { kind: 'Deployment', namespace: 'payments', name: 'ledger', container },
    service: 'ledger',
    stepSeconds: 300,
  });
  if (outcome.kind !== 'proposal') throw new Error('expected a proposal');
  return {
    entityRef: 'component:default/ledger',
    resource: `Deployment/payments/ledger/${container}`,
    ownerRef: 'group:default/team-payments',
    lineOfBusiness: 'payments',
    currency: outcome.currency,
    expectedMonthlySaving: formatMoney(outcome.expectedMonthlySaving),
    detail: outcome.detail,
  };
}

const FOCUS_CSV = [
  'BilledCost,EffectiveCost,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ServiceName,Tags',
  '1.5,1.5,EUR,2024-08-01,2024-09-01,2024-08-02T00:00:00Z,2024-08-02T01:00:00Z,Usage,S3,"{""service"":""ledger""}"',
  '2.25,2.25,EUR,2024-08-01,2024-09-01,2024-08-03T00:00:00Z,2024-08-03T01:00:00Z,Usage,S3,{}',
];

/** A bill with one cell replaced, one line dropped or doubled, or cut short. */
const uploads = fc.oneof(
  fc
    .tuple(fc.nat(FOCUS_CSV.length - 1), fc.nat(9), fc.string({ maxLength: 40 }))
    .map(([line, cell, text]) =>
      FOCUS_CSV.map((l, i) => {
        if (i !== line) return l;
        const cells = l.split(',');
        cells[Math.min(cell, cells.length - 1)] = text;
        return cells.join(',');
      }).join('\n'),
    ),
  fc.nat(FOCUS_CSV.length - 1).map(line => FOCUS_CSV.filter((_, i) => i !== line).join('\n')),
  fc.nat(FOCUS_CSV.length - 1).map(line => [...FOCUS_CSV, FOCUS_CSV[line]].join('\n')),
  fc.nat(FOCUS_CSV.join('\n').length).map(n => FOCUS_CSV.join('\n').slice(0, n)),
  fc.string({ maxLength: 300 }),
);

/** The valid body itself one time in five, so that the routes' deeper paths are reached too. */
const bodies = (valid: Json) =>
  fc.oneof(
    { arbitrary: fc.constant(valid), weight: 1 },
    { arbitrary: mutations(valid), weight: 4 },
  );

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('stateful write routes under random bodies', () => {
  let server: Parameters<typeof request>[0];
  let stop: () => Promise<void>;
  let store: OptimisationStore;
  const as = mockCredentials.user.header(hana);
  const api = '/api/headroom';

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    const backend = await startTestBackend({
      features: [
        headroomPlugin,
        catalogServiceMock.factory({ entities }),
        schedulerServiceFactory,
        permissions.factory,
        mockServices.database.factory({ knex, migrations: { skip: false } }),
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        mockServices.rootConfig.factory({
          data: {
            headroom: {
              // Nothing listens on the discard port: Prometheus does not answer.
              prometheus: { baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000 },
              evaluation: { enabled: false },
              cost: { sources: [{ id: 'manual', type: 'upload' }] },
              incidents: { webhook: { token: WEBHOOK_TOKEN } },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    store = await OptimisationStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    // Changes, deploys and runbook runs know an entity's owner from its stored SLOs.
    for (const { metadata } of entities) {
      const slo = await request(server)
        .post(`${api}/entities/component/default/${metadata.name}/slos`)
        .set('authorization', as)
        .send({
          name: 'availability',
          objective: 0.999,
          window: '30d',
          indicator: {
            type: 'ratio',
            bad: `http_requests_total{service="${metadata.name}",code=~"5.."}`,
            total: `http_requests_total{service="${metadata.name}"}`,
          },
        });
      expect(slo.status).toBe(201);
    }
  });

  afterAll(async () => {
    await stop();
  });

  const get = async (url: string) => request(server).get(`${api}${url}`).set('authorization', as);

  /** Status codes answered per route, so that a test can show it went past the door. */
  const tally = new Map<string, Map<number, number>>();
  const statuses = (url: string) => [...(tally.get(url)?.keys() ?? [])].sort();

  /** The answer to one request, checked: no 5xx, and a 400 that names the request or field. */
  async function send(
    url: string,
    body: Json | string,
    contentType = 'application/json',
    authorization = as,
  ) {
    const res = await request(server)
      .post(`${api}${url}`)
      .set('authorization', authorization)
      .set('content-type', contentType)
      .send(typeof body === 'string' ? body : JSON.stringify(body));
    const counts = tally.get(url) ?? new Map<number, number>();
    tally.set(url, counts.set(res.status, (counts.get(res.status) ?? 0) + 1));
    const prometheusDown = res.status === 503 && /Prometheus/.test(res.body?.error?.message ?? '');
    if (res.status >= 500 && !prometheusDown) {
      throw new Error(`POST ${url} answered ${res.status} to ${JSON.stringify(body)}: ${res.text}`);
    }
    if (res.status === 400 && !namesRequestOrField(res.body.error.message, `${api}${url}`)) {
      throw new Error(`400 without the request or a field: ${res.body.error.message}`);
    }
    return res;
  }

  it('recommendation steps: a refused step leaves the recommendation as it was', async () => {
    const ids: string[] = [];
    for (const container of ['app', 'worker', 'cron']) {
      ids.push((await store.propose(proposal(container), new Date())).recommendation.id);
    }
    const steps: [string, Json][] = [
      ['accept', { reason: 'fuzz' }],
      ['reject', { reason: 'fuzz' }],
      ['apply', {}],
      ['apply', { at: iso(NOW) }],
      ['rollback', { reason: 'fuzz' }],
      [
        'verify',
        {
          before: { from: iso(NOW - 2 * DAY), to: iso(NOW - DAY), cost: '10.00', driver: 5 },
          after: { from: iso(NOW - DAY), to: iso(NOW), cost: '8.00', driver: 5 },
        },
      ],
    ];
    const step = fc.oneof(
      ...steps.map(([action, valid]) =>
        fc.tuple(fc.constant(action), bodies(valid), fc.nat(ids.length - 1)),
      ),
    );
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(step, async ([action, body, which]) => {
        const url = `/optimise/recommendations/${ids[which]}`;
        const before = (await get(url)).body;
        const res = await send(`${url}/${action}`, body);
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        const after = (await get(url)).body;
        if (res.status >= 300) {
          expect({
            version: after.version,
            status: after.status,
            history: after.history.length,
            supplied: after.suppliedMonthlySaving ?? null,
          }).toEqual({
            version: before.version,
            status: before.status,
            history: before.history.length,
            supplied: before.suppliedMonthlySaving ?? null,
          });
        } else {
          expect(after.version).toBe(before.version + 1);
        }
      }),
      { seed: FUZZ_SEED, numRuns: 150 },
    );
    // The walk reached past the door: some steps were taken, some refused by the lifecycle.
    expect(seen.get(200)).toBeGreaterThan(0);
    expect(seen.get(409)).toBeGreaterThan(0);
  });

  it("an assessment's approval: refused approvals leave it unapproved", async () => {
    const capacity = '/capacity/entities/component/default/ledger/assessments';
    const created = await send(capacity, {
      inputs: {
        expectedPeak: 200,
        growthPerMonth: 0.05,
        horizonMonths: 12,
        usage: { unit: 'cores', baseline: 0.5, perUnit: 0.01 },
        current: { replicas: 3, requests: 1 },
      },
    });
    expect(created.status).toBe(201);
    const version = created.body.version as number;
    await fc.assert(
      fc.asyncProperty(bodies({ note: 'fuzz' }), async body => {
        const before = (await get(capacity)).body.items;
        const res = await send(`${capacity}/${version}/approve`, body);
        const after = (await get(capacity)).body.items;
        if (res.status >= 300) expect(after).toEqual(before);
      }),
      { seed: FUZZ_SEED, numRuns: 40 },
    );
    expect(statuses(`${capacity}/${version}/approve`)).toContain(200);
  });

  it('bill uploads: a refused upload adds no cost', async () => {
    const reconciliation = async () =>
      (await get('/cost/reconciliation?sourceId=manual&from=2024-01-01&to=2025-01-01')).body;
    await fc.assert(
      fc.asyncProperty(uploads, async csv => {
        const before = await reconciliation();
        const res = await send('/cost/imports/manual/upload', csv, 'text/csv');
        if (res.status !== 200) expect(await reconciliation()).toEqual(before);
      }),
      { seed: FUZZ_SEED, numRuns: 60 },
    );
    expect(statuses('/cost/imports/manual/upload')).toEqual(expect.arrayContaining([200, 422]));
  });

  it('changes and runbook runs: a refused one is not listed', async () => {
    const routes: [string, string, Json][] = [
      [
        '/changes',
        '/changes',
        { entityRef: 'component:default/ledger', version: '2', kind: 'deploy', at: iso(NOW - 60) },
      ],
      ['/runbooks/runs', '/runbooks/runs', { record: auditRecord(NOW - 600) as unknown as Json }],
    ];
    for (const [url, list, valid] of routes) {
      await fc.assert(
        fc.asyncProperty(bodies(valid), async body => {
          const before = (await get(list)).body.items.length;
          const res = await send(url, body);
          const after = (await get(list)).body.items.length;
          expect(after).toBe(res.status === 201 ? before + 1 : before);
        }),
        { seed: FUZZ_SEED, numRuns: 60 },
      );
      expect(statuses(url)).toEqual(expect.arrayContaining([201, 400]));
    }
  });

  it("a change's verdicts and steps, a run's approval: a refused one changes nothing", async () => {
    const change = await send('/changes', {
      entityRef: 'component:default/ledger',
      version: 'fuzz-verdicts',
      kind: 'canary',
    });
    expect(change.status).toBe(201);
    const waiting = await send('/runbooks/runs', {
      record: awaitingRecord(NOW - 300) as unknown as Json,
    });
    expect(waiting.status).toBe(201);
    const runUrl = `/runbooks/runs/${waiting.body.id}`;
    const changeUrl = `/changes/${change.body.id}`;
    const routes: [string, string, Json, (body: Json) => unknown][] = [
      [
        `${runUrl}/approve`,
        runUrl,
        { action: 'roll-back' },
        run => (run as { approvals: Json[] }).approvals.length,
      ],
      [
        `${changeUrl}/verdicts`,
        changeUrl,
        { classification: 'Pass', score: 90, reason: 'fuzz' },
        c => JSON.stringify((c as { verdicts?: Json }).verdicts ?? null),
      ],
      [
        `${changeUrl}/judge`,
        changeUrl,
        { config: { metrics: [{ name: 'x' }] }, queries: { x: { baseline: 'up', canary: 'up' } } },
        c => JSON.stringify((c as { verdicts?: Json }).verdicts ?? null),
      ],
      [`${changeUrl}/evaluate`, changeUrl, {}, () => null],
      [`${changeUrl}/promote`, changeUrl, {}, () => null],
    ];
    for (const [url, readBack, valid, stateOf] of routes) {
      await fc.assert(
        fc.asyncProperty(bodies(valid), async body => {
          const before = stateOf((await get(readBack)).body);
          const res = await send(url, body);
          if (res.status >= 300) expect(stateOf((await get(readBack)).body)).toEqual(before);
        }),
        { seed: FUZZ_SEED, numRuns: 30 },
      );
    }
    expect(statuses(`${runUrl}/approve`)).toEqual(expect.arrayContaining([200, 400]));
    expect(statuses(`${changeUrl}/verdicts`)).toEqual(expect.arrayContaining([200, 400]));
  });

  it("Alertmanager's webhook and an incident's acknowledgement: refused ones change nothing", async () => {
    const firing: Json = {
      receiver: 'headroom',
      groupKey: '{}:{alertname="SloErrorBudgetBurn"}',
      status: 'firing',
      alerts: [
        {
          status: 'firing',
          labels: {
            alertname: 'SloErrorBudgetBurn',
            sloth_service: 'ledger',
            sloth_slo: 'availability',
            sloth_severity: 'page',
          },
          annotations: { summary: 'ledger availability burn' },
          startsAt: iso(NOW - 600),
          endsAt: '0001-01-01T00:00:00Z',
          generatorURL: 'http://127.0.0.1:9090/graph',
          fingerprint: 'f00dfeed00000002',
        },
      ],
      groupLabels: {},
      commonLabels: {},
      commonAnnotations: {},
      externalURL: 'http://127.0.0.1:9093',
      version: '4',
    };
    const incidents = async () => (await get('/incidents')).body.items;
    const webhook = '/alertmanager/webhook';
    await fc.assert(
      fc.asyncProperty(bodies(firing), async body => {
        const before = await incidents();
        const res = await send(webhook, body, 'application/json', `Bearer ${WEBHOOK_TOKEN}`);
        if (res.status >= 300) expect(await incidents()).toEqual(before);
      }),
      // Each accepted notification asks Prometheus (here: nobody) when the impact started.
      { seed: FUZZ_SEED, numRuns: 30 },
    );
    expect(statuses(webhook)).toEqual(expect.arrayContaining([200, 400]));
    const [incident] = await incidents();
    expect(incident).toBeDefined();
    const ack = `/incidents/${incident.id}/ack`;
    await fc.assert(
      fc.asyncProperty(bodies({}), async body => {
        const before = (await get(`/incidents/${incident.id}`)).body.acknowledgedAt;
        const res = await send(ack, body);
        const after = (await get(`/incidents/${incident.id}`)).body.acknowledgedAt;
        if (res.status >= 300) expect(after).toBe(before);
        else expect(after).not.toBeNull();
      }),
      { seed: FUZZ_SEED, numRuns: 20 },
    );
  });

  it('deploys, the SLO preview and the Flagger gate answer without a 5xx', async () => {
    const routes: [string, Json][] = [
      ['/deploys', { service: 'ledger', at: iso(NOW - 60), version: 'v2' }],
      [
        '/entities/component/default/ledger/slos/preview',
        {
          name: 'fuzz',
          objective: 0.99,
          window: '30d',
          indicator: {
            type: 'ratio',
            bad: 'http_requests_total{service="ledger",code=~"5.."}',
            total: 'http_requests_total{service="ledger"}',
          },
        },
      ],
      [
        '/delivery/flagger/rollback',
        { name: 'ledger', namespace: 'payments', phase: 'Progressing' },
      ],
      [
        '/delivery/flagger/gate',
        {
          name: 'ledger',
          namespace: 'payments',
          phase: 'confirm-rollout',
          metadata: { entityRef: 'component:default/ledger' },
        },
      ],
    ];
    for (const [url, valid] of routes) {
      await fc.assert(
        fc.asyncProperty(bodies(valid), async body => {
          await send(url, body);
        }),
        { seed: FUZZ_SEED, numRuns: 40 },
      );
      expect(statuses(url)).toContain(400);
    }
  });
});

describe('drill runs under random bodies', () => {
  const world = writeDrillWorld();
  let server: Parameters<typeof request>[0];
  let stop: () => Promise<void>;
  const as = mockCredentials.user.header(hana);
  const runs = '/api/headroom/drills/runs';

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        headroomPlugin,
        catalogServiceMock.factory({ entities: world.entities }),
        permissions.factory,
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        mockServices.rootConfig.factory({
          data: { headroom: { evaluation: { enabled: false }, drills: { lookbackDays: 7 } } },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    // A drill run is kept for an entity whose owner its stored SLOs name.
    const slo = await request(server)
      .post('/api/headroom/entities/component/default/matching-engine/slos')
      .set('authorization', as)
      .send({
        name: 'availability',
        objective: 0.999,
        window: '30d',
        indicator: {
          type: 'ratio',
          bad: 'http_requests_total{service="matching-engine",code=~"5.."}',
          total: 'http_requests_total{service="matching-engine"}',
        },
      });
    expect(slo.status).toBe(201);
  });

  afterAll(async () => {
    await stop();
    fs.rmSync(world.dir, { recursive: true, force: true });
  });

  it('a refused drill run is not kept', async () => {
    const valid = {
      record: judged(world.drill('matching-engine'), NOW - 2 * 3600, 30) as unknown as Json,
      faults: [{ type: 'errors', target: 'matching-engine', weight: 8 }],
      alertSeverity: 'page',
    };
    const kept = async () =>
      (
        await request(server)
          .get('/api/headroom/drills/entities/component/default/matching-engine')
          .set('authorization', as)
      ).body.runs.length;
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(bodies(valid), async body => {
        const before = await kept();
        const res = await request(server)
          .post(runs)
          .set('authorization', as)
          .set('content-type', 'application/json')
          .send(JSON.stringify(body));
        seen.add(res.status);
        if (res.status >= 500) throw new Error(`POST ${runs} answered ${res.status}: ${res.text}`);
        if (res.status === 400 && !namesRequestOrField(res.body.error.message, runs)) {
          throw new Error(`400 without the request or a field: ${res.body.error.message}`);
        }
        expect(await kept()).toBe(res.status === 201 ? before + 1 : before);
      }),
      { seed: FUZZ_SEED, numRuns: 60 },
    );
    expect([...seen]).toEqual(expect.arrayContaining([201, 400]));
  });
});
