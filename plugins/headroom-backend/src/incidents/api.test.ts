import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { rmSync } from 'node:fs';
import request from 'supertest';
import {
  backfill,
  startPrometheus,
  tempDir,
  type RunningPrometheus,
} from '../../../../test/prometheus/prometheus';
import { ownerEditPermissions } from '../__fixtures__/ownerPolicy';
import { headroomPlugin } from '../plugin';

jest.setTimeout(90_000);

const hana = 'user:default/hana.mori';
const chen = 'user:default/chen.wei';
const permissions = ownerEditPermissions({
  [hana]: [hana, 'group:default/team-payments'],
  [chen]: [chen, 'group:default/team-data'],
});
const as = (user: string) => mockCredentials.user.header(user);
const TOKEN = 'alertmanager-secret';
const BASIC = `Basic ${Buffer.from('alertmanager:s3cret').toString('base64')}`;

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'ledger', namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'team-payments',
      system: 'payments-platform',
    },
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
];

/*
 * Ledger's counters in Prometheus, 100 requests per 15-second scrape; every request fails in the
 * steps ending O+15 … O+240. The 1-minute error ratio is above 1 − 0.999 from O+15 (impact
 * start) and back within it from O+300 for good (mitigation). The page fires at O+75 (TTD 60 s,
 * TTR 285 s: within P1's 60 s / 300 s) and resolves at O+900.
 */
const STEP = 15;
const O = Math.floor(Date.now() / 1000 / 60) * 60 - 3 * 3600;
const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

function ledgerOpenMetrics(): string {
  const lines = ['# TYPE http_requests_total counter'];
  const ok: string[] = [];
  const failed: string[] = [];
  let good = 0;
  let bad = 0;
  for (let t = O - 3600; t <= O + 7200; t += STEP) {
    if (t > O - 3600) {
      if (t > O && t <= O + 240) bad += 100;
      else good += 100;
    }
    ok.push(`http_requests_total{service="ledger",code="200"} ${good} ${t}`);
    failed.push(`http_requests_total{service="ledger",code="500"} ${bad} ${t}`);
  }
  return [...lines, ...ok, ...failed, '# EOF', ''].join('\n');
}

const page = {
  sloth_service: 'ledger',
  sloth_slo: 'availability',
  sloth_severity: 'page',
  tier: '1',
};

function notification(
  alerts: Array<{
    fingerprint: string;
    labels: Record<string, string>;
    startsAt: number;
    endsAt?: number;
  }>,
) {
  return {
    receiver: 'headroom',
    status: alerts.some(a => a.endsAt === undefined) ? 'firing' : 'resolved',
    alerts: alerts.map(a => ({
      status: a.endsAt === undefined ? 'firing' : 'resolved',
      labels: { alertname: 'SloErrorBudgetBurn', ...a.labels },
      annotations: { summary: 'ledger availability burn' },
      startsAt: iso(a.startsAt),
      endsAt: a.endsAt === undefined ? '0001-01-01T00:00:00Z' : iso(a.endsAt),
      generatorURL: 'http://127.0.0.1:9090/graph?g0.expr=x&g0.tab=1',
      fingerprint: a.fingerprint,
    })),
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://127.0.0.1:9093',
    version: '4',
    groupKey: '{}:{alertname="SloErrorBudgetBurn"}',
    truncatedAlerts: 0,
    notification_reason: 'new_alerts',
  };
}

describe('incidents API', () => {
  let server: Parameters<typeof request>[0];
  let stop: () => Promise<void>;
  let prometheus: RunningPrometheus;
  let dir: string;
  const webhook = '/api/headroom/alertmanager/webhook';

  beforeAll(async () => {
    dir = tempDir('headroom-incidents-');
    backfill(ledgerOpenMetrics(), `${dir}/data`);
    prometheus = await startPrometheus({ dir });
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
              prometheus: { baseUrl: prometheus.url },
              evaluation: { enabled: false },
              api: { maxBodyBytes: 16 * 1024 },
              incidents: {
                webhook: {
                  token: TOKEN,
                  basicAuth: { username: 'alertmanager', password: 's3cret' },
                  maxBodyBytes: 24 * 1024,
                },
              },
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
    await prometheus.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const firing = notification([
    { fingerprint: 'a1b2c3d4e5f60001', labels: page, startsAt: O + 75 },
  ]);
  const resolved = notification([
    { fingerprint: 'a1b2c3d4e5f60001', labels: page, startsAt: O + 75, endsAt: O + 900 },
  ]);
  const id = `a1b2c3d4e5f60001-${O + 75}`;

  it("takes Alertmanager's bearer token or basic auth, and nothing else", async () => {
    expect((await request(server).post(webhook).send(firing)).status).toBe(401);
    const wrong = await request(server)
      .post(webhook)
      .set('authorization', 'Bearer nope')
      .send(firing);
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toMatch(/headroom\.incidents\.webhook/);
    const bearer = await request(server)
      .post(webhook)
      .set('authorization', `Bearer ${TOKEN}`)
      .send(firing);
    expect(bearer.status).toBe(200);
    expect(bearer.body).toEqual({ alerts: 1, created: 1, resolved: 0 });
    const basic = await request(server).post(webhook).set('authorization', BASIC).send(firing);
    expect(basic.body).toEqual({ alerts: 1, created: 0, resolved: 0 });
  });

  it('refuses a bad payload with a 400 naming the field, and stores none of it', async () => {
    const body = notification([
      { fingerprint: 'ffff000000000001', labels: page, startsAt: O + 100 },
      { fingerprint: 'ffff000000000002', labels: page, startsAt: O + 100 },
    ]);
    (body.alerts[1] as Record<string, unknown>).startsAt = '2026-11-02 10:00';
    const res = await request(server)
      .post(webhook)
      .set('authorization', `Bearer ${TOKEN}`)
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      `Invalid Alertmanager notification in POST ${webhook}: alerts[1].startsAt: must be RFC 3339, got "2026-11-02 10:00"`,
    );
    // The webhook's own bound (24 KiB here), not the API's (16 KiB): 80 alerts are too many.
    const big = notification(
      Array.from({ length: 80 }, (_, i) => ({
        fingerprint: `eeee0000000000${String(i).padStart(2, '0')}`,
        labels: { ...page, padding: 'x'.repeat(200) },
        startsAt: O + 100,
      })),
    );
    const tooBig = await request(server)
      .post(webhook)
      .set('authorization', `Bearer ${TOKEN}`)
      .send(big);
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.message).toMatch(/the limit is 24576 bytes/);
    // 40 alerts (about 20 KiB) are over the API's bound but within the webhook's; they name no
    // service, so they open no incident.
    const within = notification(
      Array.from({ length: 40 }, (_, i) => ({
        fingerprint: `bbbb0000000000${String(i).padStart(2, '0')}`,
        labels: { alertname: 'Unrouted', padding: 'x'.repeat(200) },
        startsAt: O + 100,
      })),
    );
    const bytes = Buffer.byteLength(JSON.stringify(within));
    expect(bytes).toBeGreaterThan(16 * 1024);
    expect(bytes).toBeLessThan(24 * 1024);
    const accepted = await request(server)
      .post(webhook)
      .set('authorization', `Bearer ${TOKEN}`)
      .send(within);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ alerts: 40, created: 40, resolved: 0 });
    const list = await request(server)
      .get('/api/headroom/incidents')
      .set('authorization', as(chen));
    expect(list.body.items.flatMap((i: { fingerprints: string[] }) => i.fingerprints)).toEqual([
      'a1b2c3d4e5f60001',
    ]);
  });

  it('times the incident from the counters in Prometheus; repeats and re-sent groups change nothing', async () => {
    for (const body of [resolved, firing, resolved]) {
      const res = await request(server)
        .post(webhook)
        .set('authorization', `Bearer ${TOKEN}`)
        .send(body);
      expect(res.status).toBe(200);
    }
    const list = await request(server)
      .get('/api/headroom/incidents')
      .set('authorization', as(chen));
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      id,
      entityRef: 'component:default/ledger',
      service: 'ledger',
      slo: 'availability',
      owner: 'group:default/team-payments',
      lineOfBusiness: 'payments',
      severity: 'P1',
      status: 'resolved',
      impactStart: iso(O + 15),
      impactSource: 'slo',
      detectedAt: iso(O + 75),
      mitigatedAt: iso(O + 300),
      mitigationSource: 'slo',
      resolvedAt: iso(O + 900),
      acknowledgedAt: null,
      ttdSeconds: 60,
      ttaSeconds: null,
      ttrSeconds: 285,
      timeToResolveSeconds: 885,
    });
  });

  it('records the first acknowledgement with who and when', async () => {
    const before = Date.now() / 1000;
    const acked = await request(server)
      .post(`/api/headroom/incidents/${id}/ack`)
      .set('authorization', as(hana));
    expect(acked.status).toBe(200);
    expect(acked.body.acknowledgedBy).toBe(hana);
    expect(Date.parse(acked.body.acknowledgedAt) / 1000).toBeGreaterThanOrEqual(Math.floor(before));
    expect(acked.body.ttaSeconds).toBeCloseTo(
      Date.parse(acked.body.acknowledgedAt) / 1000 - (O + 75),
      6,
    );
    const again = await request(server)
      .post(`/api/headroom/incidents/${id}/ack`)
      .set('authorization', as(chen));
    expect(again.body.acknowledgedBy).toBe(hana);
    const unknown = await request(server)
      .get('/api/headroom/incidents/0000000000000000-1')
      .set('authorization', as(chen));
    expect(unknown.status).toBe(404);
  });

  it('drafts a postmortem from the timeline', async () => {
    const res = await request(server)
      .get(`/api/headroom/incidents/${id}/postmortem`)
      .set('authorization', as(chen));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/markdown/);
    expect(res.text).toContain('# Postmortem draft: P1 ledger / availability');
    expect(res.text).toContain(
      `| Impact started | ${iso(O + 15)} | 1-minute error ratio above 1 − objective |`,
    );
    expect(res.text).toContain('- Time to recover: 4 min 45 s (within the 5 min 0 s target)');
  });

  it('takes deploys from the owners, and gives MTTx per severity with DORA measures', async () => {
    const refused = await request(server)
      .post('/api/headroom/deploys')
      .set('authorization', as(chen))
      .send({ service: 'ledger', at: iso(O - 60) });
    expect(refused.status).toBe(403);
    const bad = await request(server)
      .post('/api/headroom/deploys')
      .set('authorization', as(hana))
      .send({ service: 'ledger', at: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /Body field at of POST \/api\/headroom\/deploys must be an RFC 3339 time/,
    );
    for (const at of [O - 60, O + 3600]) {
      const res = await request(server)
        .post('/api/headroom/deploys')
        .set('authorization', as(hana))
        .send({ service: 'ledger', at: iso(at), version: `v${at}` });
      expect(res.status).toBe(201);
    }
    const mttx = await request(server)
      .get('/api/headroom/incidents/mttx')
      .set('authorization', as(chen));
    expect(mttx.status).toBe(200);
    expect(mttx.body.targets).toEqual({ P1: { detectSeconds: 60, recoverSeconds: 300 } });
    expect(mttx.body.groups.P1).toMatchObject({
      count: 1,
      open: 0,
      mttd: { mean: 60, p50: 60, p90: 60 },
      mttr: { mean: 285, p50: 285, p90: 285 },
      attainment: 1,
      graded: 1,
    });
    expect(mttx.body.groups.P2.count).toBe(0);
    expect(mttx.body.dora).toEqual({
      deployments: 2,
      failed: 1,
      changeFailureRate: 0.5,
      failedDeploymentRecovery: { mean: 360, p50: 360, p90: 360 },
    });
    const byService = await request(server)
      .get('/api/headroom/incidents/mttx?by=service')
      .set('authorization', as(chen));
    expect(Object.keys(byService.body.groups)).toEqual(['component:default/ledger']);
    const byLob = await request(server)
      .get('/api/headroom/incidents/mttx?by=lineOfBusiness')
      .set('authorization', as(chen));
    expect(Object.keys(byLob.body.groups)).toEqual(['payments']);
    const badQuery = await request(server)
      .get('/api/headroom/incidents/mttx?from=last-week')
      .set('authorization', as(chen));
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toMatch(
      /Query parameter from of GET .* must be an RFC 3339 time/,
    );
  });

  it('reads one incident whole, with alerts that joined it after its first', async () => {
    const labels = { alertname: 'QueueBacklog', service: 'ledger', severity: 'P4' };
    const later = notification([
      { fingerprint: 'cccc000000000001', labels, startsAt: O + 8000, endsAt: O + 8300 },
      { fingerprint: 'cccc000000000002', labels, startsAt: O + 8100, endsAt: O + 8600 },
    ]);
    expect(
      (await request(server).post(webhook).set('authorization', BASIC).send(later)).status,
    ).toBe(200);
    const one = await request(server)
      .get(`/api/headroom/incidents/cccc000000000001-${O + 8000}`)
      .set('authorization', as(chen));
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      fingerprints: ['cccc000000000001', 'cccc000000000002'],
      resolvedAt: iso(O + 8600),
      ttrSeconds: 600,
    });
    const list = await request(server)
      .get('/api/headroom/incidents?severity=P4')
      .set('authorization', as(chen));
    expect(list.body.items).toEqual([one.body]);
  });

  it('opens an incident without an SLO from the alert alone', async () => {
    const other = notification([
      {
        fingerprint: 'dddd000000000001',
        labels: { alertname: 'HighMemory', service: 'ledger', severity: 'P3' },
        startsAt: O + 5000,
        endsAt: O + 5400,
      },
    ]);
    expect(
      (await request(server).post(webhook).set('authorization', BASIC).send(other)).status,
    ).toBe(200);
    const list = await request(server)
      .get('/api/headroom/incidents?severity=P3')
      .set('authorization', as(chen));
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      severity: 'P3',
      impactSource: 'alert',
      ttdSeconds: 0,
      ttrSeconds: 400,
      mitigationSource: 'alert',
      entityRef: 'component:default/ledger',
    });
  });
});
