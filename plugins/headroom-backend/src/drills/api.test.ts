import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { ownerEditPermissions } from '../__fixtures__/ownerPolicy';
import { headroomPlugin } from '../plugin';
import { judged, writeDrillWorld } from './__fixtures__/drillWorld';

jest.setTimeout(60_000);

const hana = 'user:default/hana.mori';
const chen = 'user:default/chen.wei';
const permissions = ownerEditPermissions({
  [hana]: [hana, 'group:default/team-payments'],
  [chen]: [chen, 'group:default/team-data'],
});
const as = (user: string) => mockCredentials.user.header(user);
const NOW = Math.floor(Date.now() / 1000);
const HOUR = 3600;

describe('drills API', () => {
  const world = writeDrillWorld();
  let server: Parameters<typeof request>[0];
  let stop: () => Promise<void>;

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
    for (const service of ['matching-engine', 'fiat-onramp', 'ledger']) {
      const slo = await request(server)
        .post(`/api/headroom/entities/component/default/${service}/slos`)
        .set('authorization', as(hana))
        .send({
          name: 'availability',
          objective: 0.999,
          window: '30d',
          indicator: {
            type: 'ratio',
            bad: `http_requests_total{service="${service}",code=~"5.."}`,
            total: `http_requests_total{service="${service}"}`,
          },
        });
      expect(slo.status).toBe(201);
    }
  });

  afterAll(async () => {
    await stop();
  });

  const body = (service: string, at: number, ttd: number | null) => ({
    record: judged(world.drill(service), at, ttd),
    faults: [{ type: 'errors', target: service, weight: 8 }],
    alertSeverity: 'page',
  });
  const post = (user: string, payload: object) =>
    request(server).post('/api/headroom/drills/runs').set('authorization', as(user)).send(payload);
  const runsOf = async (service: string) =>
    (
      await request(server)
        .get(`/api/headroom/drills/entities/component/default/${service}`)
        .set('authorization', as(chen))
    ).body;

  it('records a run from its owner, refuses others, and refuses bad bodies naming the field', async () => {
    const ok = await post(hana, body('matching-engine', NOW - 2 * HOUR, 30));
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      entityRef: 'component:default/matching-engine',
      source: 'cli',
      recordedBy: hana,
      record: { verdict: 'Pass', resilienceScore: 100, detection: { ttdSeconds: 30 } },
    });

    const stranger = await post(chen, body('matching-engine', NOW - HOUR, 30));
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.message).toMatch(
      /only members of its owner group:default\/team-payments/,
    );

    const badTime = body('fiat-onramp', NOW - HOUR, null);
    badTime.record.startedAt = 'yesterday';
    const refused = await post(hana, badTime);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(
      /^Body of POST \/api\/headroom\/drills\/runs: record\.startedAt must be an RFC 3339 time, got 'yesterday'/,
    );

    const noFaults = await post(hana, { ...body('fiat-onramp', NOW - HOUR, null), faults: [] });
    expect(noFaults.status).toBe(400);
    expect(noFaults.body.error.message).toMatch(/faults/);

    const wrongEntity = await post(hana, {
      ...body('fiat-onramp', NOW - HOUR, null),
      entityRef: 'component:default/ledger',
    });
    expect(wrongEntity.status).toBe(400);
    expect(wrongEntity.body.error.message).toMatch(
      /record\.service is "fiat-onramp", but the entity is component:default\/ledger/,
    );

    const unknown = await post(hana, {
      ...body('fiat-onramp', NOW - HOUR, null),
      entityRef: 'component:default/nowhere',
    });
    expect(unknown.status).toBe(404);

    // Nothing refused was stored.
    expect((await runsOf('fiat-onramp')).runs).toEqual([]);
    expect((await runsOf('matching-engine')).runs).toHaveLength(1);
  });

  it("serves an entity's drills from its file, its runs and its Litmus score by day", async () => {
    // fiat-onramp has no page rule: the alert probe fails, 3 of 4 probes pass (75 %).
    const failed = await post(hana, {
      ...body('fiat-onramp', NOW - HOUR, null),
      dependants: [
        { service: 'matching-engine', slo: 'availability', steady: false, detail: 'burn 6' },
      ],
    });
    expect(failed.status).toBe(201);
    expect(failed.body.record.verdict).toBe('Fail');

    const me = await runsOf('fiat-onramp');
    expect(me.drills).toEqual([
      {
        name: 'fiat-onramp-errors',
        slo: 'availability',
        hypothesis: "Half of fiat-onramp's requests failing pages within a minute.",
        faults: [{ type: 'errors', target: 'fiat-onramp', weight: 8 }],
        schedule: { cron: '*/5 * * * *', at: [], minBudgetRemaining: 0.5 },
        held: null,
      },
    ]);
    expect(me.problems).toEqual([]);
    expect(me.runs.map((r: { record: { verdict: string } }) => r.record.verdict)).toEqual(['Fail']);
    expect(me.resilience.key).toBe('fiat-onramp');
    expect(me.resilience.score).toBe(75);
    expect(me.resilience.points).toHaveLength(7);
  });

  it('links a run to the incident its page raised', async () => {
    // matching-engine's run started 2 h ago; its page fired 35 s later (fault at +5 s, TTD 30 s).
    const at = NOW - 2 * HOUR + 35;
    const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
    const notified = await request(server)
      .post('/api/headroom/alertmanager/webhook')
      .set('authorization', mockCredentials.service.header())
      .send({
        receiver: 'headroom',
        status: 'firing',
        alerts: [
          {
            status: 'firing',
            labels: {
              alertname: 'SloErrorBudgetBurn',
              sloth_service: 'matching-engine',
              sloth_slo: 'availability',
              sloth_severity: 'page',
            },
            annotations: { summary: 'matching-engine availability burn' },
            startsAt: iso(at),
            endsAt: '0001-01-01T00:00:00Z',
            generatorURL: 'http://127.0.0.1:9090/graph',
            fingerprint: 'd1d2d3d4d5d60001',
          },
        ],
        groupLabels: {},
        commonLabels: {},
        commonAnnotations: {},
        externalURL: 'http://127.0.0.1:9093',
        version: '4',
        groupKey: '{}:{alertname="SloErrorBudgetBurn"}',
        truncatedAlerts: 0,
      });
    expect(notified.status).toBe(200);
    const me = await runsOf('matching-engine');
    expect(me.runs[0].incidents).toEqual([
      { id: `d1d2d3d4d5d60001-${at}`, severity: 'P2', impactStart: expect.any(String) },
    ]);
    // fiat-onramp's run raised nothing.
    expect(
      (await runsOf('fiat-onramp')).runs.map((r: { incidents: unknown[] }) => r.incidents),
    ).toEqual([[]]);
  });

  it('names the file and the field of a broken drills file, and serves no drill from it', async () => {
    world.breakFile(
      'ledger',
      'apiVersion: headroom.dev/v1alpha1\nkind: Drill\nmetadata: { name: ledger-x }\nspec:\n  service: ledger\n  slo: availability\n  hypothesis: h\n  steadyState: []\n  faults: []\n',
    );
    const ledger = await runsOf('ledger');
    expect(ledger.drills).toEqual([]);
    expect(ledger.problems.join('\n')).toMatch(
      new RegExp(`headroom\\.dev/drills: .*ledger/drills\\.yaml.*spec\\.steadyState`),
    );
  });

  it('reports weak links per line of business over the readable entities', async () => {
    const res = await request(server)
      .get('/api/headroom/drills/weak-links?lineOfBusiness=payments')
      .set('authorization', as(chen));
    expect(res.status).toBe(200);
    expect(res.body.lineOfBusiness).toBe('payments');
    expect(res.body.failedDrills).toEqual([
      expect.objectContaining({
        service: 'fiat-onramp',
        drill: 'fiat-onramp-errors',
        verdict: 'Fail',
        misses: ['hypothesis', 'detection'],
      }),
    ]);
    expect(res.body.undrilled).toEqual([{ service: 'ledger', lastDrillAt: null }]);
    expect(res.body.silentAlerts).toEqual([
      {
        service: 'fiat-onramp',
        slo: 'availability',
        severity: 'page',
        drills: ['fiat-onramp-errors'],
        runs: 1,
      },
    ]);
    // matching-engine is not linked to fiat-onramp in the catalog: a hidden dependency.
    expect(res.body.spreading).toEqual([
      expect.objectContaining({
        dependency: 'fiat-onramp',
        dependant: 'matching-engine',
        path: null,
      }),
    ]);

    const spot = await request(server)
      .get('/api/headroom/drills/weak-links?lineOfBusiness=spot&days=3')
      .set('authorization', as(chen));
    expect(spot.body.failedDrills).toEqual([]);
    expect(spot.body.undrilled).toEqual([]);

    const bad = await request(server)
      .get('/api/headroom/drills/weak-links?days=0')
      .set('authorization', as(chen));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/days/);
  });

  it('scores resilience per line of business: 8·100 / 8 = 100 for spot, 8·75 / 8 = 75 for payments', async () => {
    const res = await request(server)
      .get('/api/headroom/drills/resilience?by=lineOfBusiness&days=7')
      .set('authorization', as(chen));
    expect(res.status).toBe(200);
    expect(res.body.series.map((s: { key: string; score: number }) => [s.key, s.score])).toEqual([
      ['payments', 75],
      ['spot', 100],
    ]);
    expect(res.body.stepSeconds).toBe(86400);
    const weekly = await request(server)
      .get('/api/headroom/drills/resilience?step=week&days=7')
      .set('authorization', as(chen));
    expect(weekly.body.series).toHaveLength(2);
    expect(weekly.body.series[0].points).toHaveLength(1);
  });
});
