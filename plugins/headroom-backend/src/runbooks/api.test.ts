import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ownerEditPermissions } from '../__fixtures__/ownerPolicy';
import { headroomPlugin } from '../plugin';
import { auditRecord, awaitingRecord } from './test-factory';

jest.setTimeout(90_000);

const hana = 'user:default/hana.mori';
const chen = 'user:default/chen.wei';
const permissions = ownerEditPermissions({
  [hana]: [hana, 'group:default/team-custody'],
  [chen]: [chen, 'group:default/team-data'],
});
const as = (user: string) => mockCredentials.user.header(user);
const TOKEN = 'alertmanager-secret';

/** wallet-api's catalog file and, beside it, its runbooks file. */
const folder = mkdtempSync(join(tmpdir(), 'headroom-runbooks-api-'));
writeFileSync(
  join(folder, 'runbooks.yaml'),
  `apiVersion: headroom.dev/v1alpha1
kind: Runbook
metadata: { name: wallet-api-errors }
spec:
  service: wallet-api
  slo: availability
  trigger: { slo: { severity: page } }
  diagnosis:
    - name: recent-deploy
      recentChanges: { within: 30m }
  actions:
    - { name: roll-back, type: rollback, when: [recent-deploy] }
  verify: { within: 5m, stableFor: 1m }
`,
);

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'wallet-api',
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${join(folder, 'catalog-info.yaml')}`,
        'headroom.dev/runbooks': './runbooks.yaml',
        'headroom.dev/line-of-business': 'custody',
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-custody' },
  },
  // ledger: custody too, no runbooks file; market-data: another line of business.
  ...[
    ['ledger', 'custody', 'team-custody'],
    ['market-data', 'spot', 'team-data'],
  ].map(([name, lob, owner]) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: name!,
      namespace: 'default',
      annotations: { 'headroom.dev/line-of-business': lob! },
    },
    spec: { type: 'service', lifecycle: 'production', owner: owner! },
  })),
];

const NOW = Math.floor(Date.now() / 1000);
const FIRED = NOW - 600;
const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

/** The wallet-api page the run answered, as Alertmanager sends it. */
const page = {
  receiver: 'headroom',
  status: 'firing',
  alerts: [
    {
      status: 'firing',
      labels: {
        alertname: 'WalletApiAvailability',
        sloth_service: 'wallet-api',
        sloth_slo: 'availability',
        sloth_severity: 'page',
      },
      annotations: {},
      startsAt: iso(FIRED),
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://127.0.0.1:9090/graph',
      fingerprint: 'f00dfeed00000001',
    },
  ],
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://127.0.0.1:9093',
  version: '4',
  groupKey: '{}:{alertname="WalletApiAvailability"}',
  truncatedAlerts: 0,
};

describe('runbooks API', () => {
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
          data: {
            headroom: {
              evaluation: { enabled: false },
              incidents: { webhook: { token: TOKEN } },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    const received = await request(server)
      .post('/api/headroom/alertmanager/webhook')
      .set('authorization', `Bearer ${TOKEN}`)
      .send(page);
    expect(received.status).toBe(200);
    const slo = await request(server)
      .post('/api/headroom/entities/component/default/wallet-api/slos')
      .set('authorization', as(hana))
      .send({
        name: 'availability',
        objective: 0.999,
        window: '30d',
        indicator: {
          type: 'ratio',
          bad: 'http_requests_total{service="wallet-api",code=~"5.."}',
          total: 'http_requests_total{service="wallet-api"}',
        },
      });
    expect(slo.status).toBe(201);
    for (const [name, user] of [
      ['ledger', hana],
      ['market-data', chen],
    ] as const) {
      const other = await request(server)
        .post(`/api/headroom/entities/component/default/${name}/slos`)
        .set('authorization', as(user))
        .send({
          name: 'availability',
          objective: 0.999,
          window: '30d',
          indicator: {
            type: 'ratio',
            bad: `http_requests_total{service="${name}",code=~"5.."}`,
            total: `http_requests_total{service="${name}"}`,
          },
        });
      expect(other.status).toBe(201);
    }
  });

  afterAll(async () => {
    await stop();
  });

  const incidentId = `f00dfeed00000001-${FIRED}`;

  it('records a run, links it to the open incident and serves it back', async () => {
    const recorded = await request(server)
      .post('/api/headroom/runbooks/runs')
      .set('authorization', as(hana))
      .send({ record: auditRecord(FIRED + 2) });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      entityRef: 'component:default/wallet-api',
      incidentId,
      recordedBy: hana,
      record: auditRecord(FIRED + 2),
      approvals: [],
    });
    const one = await request(server)
      .get(`/api/headroom/runbooks/runs/${recorded.body.id}`)
      .set('authorization', as(chen));
    expect(one.status).toBe(200);
    expect(one.body.record.actions[0].verification.verdict).toBe('recovered');
    const byIncident = await request(server)
      .get(`/api/headroom/runbooks/runs?incidentId=${incidentId}`)
      .set('authorization', as(chen));
    expect(byIncident.body.items.map((r: { id: string }) => r.id)).toEqual([recorded.body.id]);
  });

  it('refuses a bad record with a 400 naming the field, and a non-owner with a 403; stores nothing', async () => {
    const before = await request(server)
      .get('/api/headroom/runbooks/runs')
      .set('authorization', as(hana));
    const { result: _dropped, ...noResult } = auditRecord(FIRED);
    const bad = await request(server)
      .post('/api/headroom/runbooks/runs')
      .set('authorization', as(hana))
      .send({ record: noResult });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/result/);
    const wrongAction = await request(server)
      .post('/api/headroom/runbooks/runs')
      .set('authorization', as(hana))
      .send({ record: { ...auditRecord(FIRED), chosen: ['restart'] } });
    expect(wrongAction.status).toBe(400);
    expect(wrongAction.body.error.message).toBe(
      'Body field record.actions of POST /api/headroom/runbooks/runs: "roll-back" is not among record.chosen',
    );
    const stranger = await request(server)
      .post('/api/headroom/runbooks/runs')
      .set('authorization', as(chen))
      .send({ record: auditRecord(FIRED) });
    expect(stranger.status).toBe(403);
    const after = await request(server)
      .get('/api/headroom/runbooks/runs')
      .set('authorization', as(hana));
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('approves only an action the run waits for, by an owner, once', async () => {
    const waiting = await request(server)
      .post('/api/headroom/runbooks/runs')
      .set('authorization', as(hana))
      .send({ record: awaitingRecord(FIRED + 5) });
    expect(waiting.status).toBe(201);
    const url = `/api/headroom/runbooks/runs/${waiting.body.id}/approve`;
    const stranger = await request(server)
      .post(url)
      .set('authorization', as(chen))
      .send({ action: 'roll-back' });
    expect(stranger.status).toBe(403);
    const other = await request(server)
      .post(url)
      .set('authorization', as(hana))
      .send({ action: 'restart' });
    expect(other.status).toBe(409);
    expect(other.body.error.message).toBe(
      `Runbook run ${waiting.body.id} is not waiting for approval of "restart" (it waits for roll-back)`,
    );
    const approved = await request(server)
      .post(url)
      .set('authorization', as(hana))
      .send({ action: 'roll-back' });
    expect(approved.status).toBe(200);
    expect(approved.body.approvals).toEqual([
      { action: 'roll-back', by: hana, at: expect.any(String) },
    ]);
    const again = await request(server)
      .post(url)
      .set('authorization', as(hana))
      .send({ action: 'roll-back' });
    expect(again.body.approvals).toEqual(approved.body.approvals);
  });

  it("summarises the entity's runs with core's figures", async () => {
    const res = await request(server)
      .get('/api/headroom/runbooks/entities/component/default/wallet-api?days=7')
      .set('authorization', as(chen));
    expect(res.status).toBe(200);
    // One recovered live run (TTD 16 s, TTR 75 s) and one waiting for approval.
    expect(res.body.summary).toEqual({
      runs: 2,
      live: 1,
      recovered: 1,
      escalated: 0,
      dryRuns: 0,
      heldBack: 1,
      successRate: 1,
      medianTtrSeconds: 75,
      medianTtdSeconds: 16,
      lastRunAt: new Date((FIRED + 5) * 1000).toISOString(),
    });
    // The runbooks file beside the catalog file, and which SLO alerts it answers: the page of
    // wallet-api's availability SLO, not its ticket.
    expect(res.body.definitions).toEqual({
      file: join(folder, 'runbooks.yaml'),
      runbooks: [{ name: 'wallet-api-errors', slo: 'availability', actions: ['roll-back'] }],
      problems: [],
    });
    expect(res.body.coverage.alerts.map((a: { runbooks: string[] }) => a.runbooks)).toEqual([
      ['wallet-api-errors'],
      [],
    ]);
    expect(res.body.coverage).toMatchObject({ covered: 1, share: 0.5 });
    expect(res.body.runs.map((r: { record: { result: string } }) => r.record.result)).toEqual([
      'recovered',
      'awaiting-approval',
    ]);
    const bad = await request(server)
      .get('/api/headroom/runbooks/entities/component/default/wallet-api?days=0')
      .set('authorization', as(chen));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/days/);
  });

  it('splits the incidents by whether a runbook recovered them', async () => {
    const res = await request(server)
      .get('/api/headroom/runbooks/recovery?days=7')
      .set('authorization', as(chen));
    expect(res.status).toBe(200);
    // The one wallet-api incident, recovered by the first recorded run; still open, so no TTR.
    expect(res.body).toMatchObject({
      lineOfBusiness: null,
      incidents: 1,
      autoRecovered: { count: 1, ttr: null },
      manual: { count: 0, ttr: null },
      autoRecoveredShare: 1,
      // No TTR on either side yet: nothing to compare.
      timeSavedSeconds: null,
    });
    const other = await request(server)
      .get('/api/headroom/runbooks/recovery?lineOfBusiness=spot')
      .set('authorization', as(chen));
    expect(other.body).toMatchObject({ incidents: 0, autoRecoveredShare: null });
  });

  it('adds up the alerts with a runbook across a line of business, per service', async () => {
    const res = await request(server)
      .get('/api/headroom/runbooks/coverage?lineOfBusiness=custody')
      .set('authorization', as(chen));
    expect(res.status).toBe(200);
    // wallet-api's runbook answers its page, not its ticket; ledger has no runbooks file.
    expect(res.body).toMatchObject({
      lineOfBusiness: 'custody',
      covered: 1,
      share: 0.25,
      services: [
        { service: 'ledger', alerts: 2, covered: 0, share: 0 },
        { service: 'wallet-api', alerts: 2, covered: 1, share: 0.5 },
      ],
      problems: [],
    });
    expect(
      res.body.alerts.map((a: { service: string; runbooks: string[] }) => [a.service, a.runbooks]),
    ).toEqual([
      ['ledger', []],
      ['ledger', []],
      ['wallet-api', ['wallet-api-errors']],
      ['wallet-api', []],
    ]);
    const all = await request(server)
      .get('/api/headroom/runbooks/coverage')
      .set('authorization', as(chen));
    expect(all.body).toMatchObject({ lineOfBusiness: null, covered: 1, share: 1 / 6 });
    expect(all.body.services.map((s: { service: string }) => s.service)).toEqual([
      'ledger',
      'market-data',
      'wallet-api',
    ]);
  });

  it('finishes a run that waited for approval with the record of how it went on, once', async () => {
    const waiting = await request(server)
      .post('/api/headroom/runbooks/runs')
      .set('authorization', as(hana))
      .send({ record: awaitingRecord(FIRED + 7) });
    expect(waiting.status).toBe(201);
    const url = `/api/headroom/runbooks/runs/${waiting.body.id}`;
    const approved = await request(server)
      .post(`${url}/approve`)
      .set('authorization', as(hana))
      .send({ action: 'roll-back' });
    expect(approved.status).toBe(200);
    const at = Date.parse(approved.body.approvals[0].at) / 1000;
    // The run went on from the approved roll-back and recovered.
    const done = auditRecord(FIRED + 7);
    done.actions[0]!.approval = { by: hana, at };
    const stranger = await request(server)
      .put(url)
      .set('authorization', as(chen))
      .send({ record: done });
    expect(stranger.status).toBe(403);
    const moved = await request(server)
      .put(url)
      .set('authorization', as(hana))
      .send({ record: { ...done, startedAt: FIRED + 8, endedAt: FIRED + 200 } });
    expect(moved.status).toBe(400);
    expect(moved.body.error.message).toBe(
      `Body field record.startedAt of PUT ${url} must stay ${FIRED + 7}, got ${FIRED + 8}`,
    );
    const finished = await request(server)
      .put(url)
      .set('authorization', as(hana))
      .send({ record: done });
    expect(finished.status).toBe(200);
    expect(finished.body).toMatchObject({
      id: waiting.body.id,
      incidentId,
      record: done,
      approvals: [{ action: 'roll-back', by: hana }],
    });
    expect(finished.body.record.actions[0].approval).toEqual({ by: hana, at });
    // Written once it ended: neither a second record nor an approval now.
    const again = await request(server)
      .put(url)
      .set('authorization', as(hana))
      .send({ record: awaitingRecord(FIRED + 7) });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      `Runbook run ${waiting.body.id} has ended (recovered); only a run waiting for approval is written again`,
    );
    const read = await request(server).get(url).set('authorization', as(chen));
    expect(read.body.record.result).toBe('recovered');
  });
});
