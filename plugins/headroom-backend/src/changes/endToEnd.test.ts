import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseSloDocuments } from '@headroom/core';
import {
  createContext,
  DEFAULT_SEED,
  liveControlsFor,
  startServer,
  WORLD,
} from '@headroom/demo-simulator';
import { generateRules, PrometheusClient, renderRuleFile } from '@headroom/prometheus';
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import request from 'supertest';
import {
  startPrometheus,
  tempDir,
  type RunningPrometheus,
} from '../../../../test/prometheus/prometheus';
import { ownerEditPermissions } from '../__fixtures__/ownerPolicy';
import { headroomPlugin } from '../plugin';

/**
 * The change log on real parts: the demo simulator in-process with its control API, a real
 * Prometheus scraping it every 2 s with wallet-api's generated SLO rules, and the backend.
 * Two canaries go live at once: wallet-api v2 (half its traffic, half of it failing, three
 * times slower) and matching-engine v2 (as good as the stable version). After 60 s of scrapes
 * the backend judges each with core's judge from Prometheus: wallet-api fails and is rolled back
 * through the configured action (the simulator's control API, which ends the canary);
 * matching-engine passes and is promoted. wallet-api's page alert, fed to the incidents
 * webhook as Alertmanager would send it, becomes the incident the change caused. About 90 s.
 */
const SCRAPE = 2;
const TOKEN = 'alertmanager-e2e-token';
const hana = 'user:default/hana.mori';
const as = mockCredentials.user.header(hana);
const permissions = ownerEditPermissions({ [hana]: [hana, 'group:default/team-custody'] });

const component = (name: string, system: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-custody', system },
});
const system = (name: string, lob: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'headroom.dev/line-of-business': lob },
  },
  spec: { owner: 'team-custody' },
});
const entities = [
  component('wallet-api', 'custody-platform'),
  component('matching-engine', 'trading-platform'),
  system('custody-platform', 'custody'),
  system('trading-platform', 'trading'),
];

const slothYaml = `version: prometheus/v1
service: wallet-api
slos:
  - name: availability
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(http_requests_total{service="wallet-api",code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total{service="wallet-api"}[{{.window}}]))
    alerting:
      name: WalletApiAvailability
      page_alert:
        labels: { tier: "1" }
      ticket_alert:
        disable: true
`;

/** Kayenta's shape: errors critical (a canary twice as error-prone fails), latency, budget burn. */
const canaryConfig = {
  name: 'canary',
  metrics: [
    {
      name: 'error_ratio',
      groups: ['errors'],
      analysisConfigurations: {
        canary: { direction: 'increase', critical: true, effectSize: { allowedIncrease: 2 } },
      },
    },
    {
      name: 'mean_latency',
      groups: ['latency'],
      analysisConfigurations: {
        canary: { direction: 'increase', effectSize: { allowedIncrease: 1.2 } },
      },
    },
  ],
  classifier: {
    groupWeights: { errors: 60, latency: 40 },
    scoreThresholds: { pass: 95, marginal: 75 },
  },
  burn: {
    slos: [
      { name: 'availability', objective: 0.999, badMetric: 'bad_total', totalMetric: 'all_total' },
    ],
  },
};

/** One query per metric and track: the canary's series against the stable ones (no track). */
function queries(service: string) {
  const sel = (track: string, extra = '') =>
    `service="${service}",track="${track}"${extra ? `,${extra}` : ''}`;
  const pair = (q: (track: string) => string) => ({ baseline: q(''), canary: q('canary') });
  return {
    error_ratio: pair(
      t =>
        `sum(rate(http_requests_total{${sel(t, 'code=~"5.."')}}[20s])) / sum(rate(http_requests_total{${sel(t)}}[20s]))`,
    ),
    mean_latency: pair(
      t =>
        `sum(rate(http_request_duration_seconds_sum{${sel(t)}}[20s])) / sum(rate(http_request_duration_seconds_count{${sel(t)}}[20s]))`,
    ),
    bad_total: pair(t => `sum(http_requests_total{${sel(t, 'code=~"5.."')}})`),
    all_total: pair(t => `sum(http_requests_total{${sel(t)}})`),
  };
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
const iso = (t: number) => new Date(t * 1000).toISOString();

describe('change log and automatic rollback on the simulator and a real Prometheus', () => {
  const dir = tempDir('headroom-changes-e2e-');
  const live = liveControlsFor(WORLD.services);
  let simulator: Server;
  let simulatorUrl: string;
  let prometheus: RunningPrometheus;
  let server: Parameters<typeof request>[0];
  let stopBackend: () => Promise<void>;
  const began = Date.now();

  beforeAll(async () => {
    const anchor = Math.floor(Date.now() / 60_000) * 60;
    const ctx = { ...createContext(WORLD, DEFAULT_SEED, anchor), live };
    simulator = await startServer(ctx, { host: '127.0.0.1', port: 0 });
    simulatorUrl = `http://127.0.0.1:${(simulator.address() as AddressInfo).port}`;
    const slos = parseSloDocuments(slothYaml, 'wallet-api.slo.yaml').slos;
    prometheus = await startPrometheus({
      dir,
      scrapeInterval: `${SCRAPE}s`,
      evaluationInterval: `${SCRAPE}s`,
      scrapeTargets: [simulatorUrl.replace('http://', '')],
      continueBackfill: true,
      rules: { 'slos.yml': renderRuleFile(generateRules(slos, { pageInterval: `${SCRAPE}s` })) },
    });
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
              incidents: { webhook: { token: TOKEN } },
              changes: {
                judgeStepSeconds: SCRAPE,
                rollback: { type: 'simulator', url: simulatorUrl },
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stopBackend = () => backend.stop();
    for (const name of ['wallet-api', 'matching-engine']) {
      const slo = await request(server)
        .post(`/api/headroom/entities/component/default/${name}/slos`)
        .set('authorization', as)
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
      expect(slo.status).toBe(201);
    }
  }, 120_000);

  afterAll(async () => {
    await stopBackend?.();
    await prometheus?.stop();
    await new Promise<void>(resolve => (simulator ? simulator.close(() => resolve()) : resolve()));
    rmSync(dir, { recursive: true, force: true });
    console.log(`change log end-to-end: ${((Date.now() - began) / 1000).toFixed(0)} s wall time`);
  });

  const control = async (path: string, body?: unknown) => {
    const r = await fetch(`${simulatorUrl}/control${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };

  it('fails and rolls back a bad canary, passes a good one, and logs both', async () => {
    // Both canaries go live, and each is recorded as a change from its first second.
    const bad = await control('/services/wallet-api/canary', {
      version: 'v2',
      weight: 0.5,
      errorShare: 0.5,
      latencyFactor: 3,
    });
    const good = await control('/services/matching-engine/canary', { version: 'v2', weight: 0.2 });
    expect([bad.status, good.status]).toEqual([201, 201]);
    const record = async (entity: string, start: number) => {
      const r = await request(server)
        .post('/api/headroom/changes')
        .set('authorization', as)
        .send({
          entityRef: `component:default/${entity}`,
          version: 'v2',
          kind: 'canary',
          at: iso(start),
          watchMinutes: 30,
          size: { linesChanged: 420 },
        });
      expect(r.status).toBe(201);
      return r.body;
    };
    const badChange = await record('wallet-api', bad.body.start as number);
    const goodChange = await record('matching-engine', good.body.start as number);
    // Pre-assessed by core: every factor explained.
    expect(badChange.assessment.factors.map((f: { name: string }) => f.name).sort()).toEqual(
      ['blastRadius', 'budget', 'history', 'incidents', 'size', 'timing'].sort(),
    );
    expect(badChange).toMatchObject({ state: 'live', kind: 'canary', lineOfBusiness: 'custody' });

    await sleep(60_000);

    const judge = (id: string, service: string) =>
      request(server)
        .post(`/api/headroom/changes/${id}/judge`)
        .set('authorization', as)
        .send({ config: canaryConfig, queries: queries(service) });

    // A query Prometheus refuses is a 400 naming it, and changes nothing.
    const refused = await request(server)
      .post(`/api/headroom/changes/${badChange.id}/judge`)
      .set('authorization', as)
      .send({
        config: canaryConfig,
        queries: { ...queries('wallet-api'), error_ratio: { baseline: 'sum(', canary: 'up' } },
      });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('queries.error_ratio.baseline');
    const missing = await request(server)
      .post(`/api/headroom/changes/${badChange.id}/judge`)
      .set('authorization', as)
      .send({ config: canaryConfig, queries: { error_ratio: queries('wallet-api').error_ratio } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain(
      'queries.mean_latency must give a baseline and a canary query',
    );

    const failed = await judge(badChange.id, 'wallet-api');
    expect(failed.status).toBe(200);
    expect(failed.body.verdict.classification).toBe('Fail');
    const errorMetric = failed.body.verdict.metrics.find(
      (m: { name: string }) => m.name === 'error_ratio',
    );
    expect(errorMetric).toMatchObject({ classification: 'High', critical: true });
    expect(failed.body.verdict.burn[0].classification).toBe('High');
    expect(failed.body.decision).toMatchObject({ rollback: true });
    expect(failed.body.change.state).toBe('rolled-back');
    expect(failed.body.change.rollbacks).toHaveLength(1);
    expect(failed.body.change.verdicts).toHaveLength(1);
    expect(failed.body.change.rollbacks[0]).toMatchObject({
      action: 'simulator',
      outcome: 'sent',
      trigger: { kind: 'canary', classification: 'Fail' },
      detail: {
        status: 200,
        call: { method: 'POST', url: `${simulatorUrl}/control/services/wallet-api/rollback` },
      },
    });
    // The simulator ended the canary at the rollback: its series are gone from the next scrape.
    const aborted = live.snapshot().canaries.find(c => c.service === 'wallet-api')!;
    expect(aborted.outcome).toBe('aborted');
    expect(
      Math.abs(aborted.end! - Date.parse(failed.body.change.rollbacks[0].at) / 1000),
    ).toBeLessThan(2);
    const scrape = await (await fetch(`${simulatorUrl}/metrics`)).text();
    expect(scrape).not.toContain(
      'service="wallet-api",lob="custody",team="team-custody",track="canary"',
    );

    const passed = await judge(goodChange.id, 'matching-engine');
    expect(passed.status).toBe(200);
    expect(passed.body.verdict.classification).toBe('Pass');
    expect(passed.body.decision.rollback).toBe(false);
    expect(passed.body.change.state).toBe('live');
    const promoted = await request(server)
      .post(`/api/headroom/changes/${goodChange.id}/promote`)
      .set('authorization', as);
    expect(promoted.body.state).toBe('promoted');
    expect(await control('/services/matching-engine/canary/promote')).toMatchObject({
      status: 200,
    });
    // A promoted change is not rolled back, and a rolled-back one is not judged again.
    const again = await judge(badChange.id, 'wallet-api');
    expect(again.status).toBe(400);
    expect(again.body.error.message).toContain('is rolled-back, no longer live');

    // wallet-api's page alert, as Alertmanager would send it to the incidents webhook.
    const client = new PrometheusClient({ url: prometheus.url });
    let page;
    for (let i = 0; i < 30 && !page; i++) {
      page = (await client.alerts()).find(
        a => a.state === 'firing' && a.labels.sloth_service === 'wallet-api',
      );
      if (!page) await sleep(SCRAPE * 1000);
    }
    expect(page).toBeDefined();
    const fingerprint = createHash('sha256')
      .update(JSON.stringify(Object.entries(page!.labels).sort()))
      .digest('hex')
      .slice(0, 16);
    const webhook = await request(server)
      .post('/api/headroom/alertmanager/webhook')
      .set('authorization', `Bearer ${TOKEN}`)
      .send({
        receiver: 'headroom',
        status: 'firing',
        alerts: [
          {
            status: 'firing',
            labels: page!.labels,
            annotations: page!.annotations,
            startsAt: page!.activeAt,
            endsAt: '0001-01-01T00:00:00Z',
            generatorURL: `${prometheus.url}/graph`,
            fingerprint,
          },
        ],
        groupLabels: {},
        commonLabels: page!.labels,
        commonAnnotations: {},
        externalURL: 'http://127.0.0.1:9093',
        version: '4',
        groupKey: '{}:{alertname="WalletApiAvailability"}',
        truncatedAlerts: 0,
      });
    expect(webhook.status).toBe(200);

    // The change log: the verdicts, the rollback and the incident the bad change caused.
    const log = await request(server).get('/api/headroom/changes').set('authorization', as);
    expect(log.status).toBe(200);
    const byId = new Map(log.body.items.map((c: { id: string }) => [c.id, c]));
    expect(byId.get(badChange.id)).toMatchObject({
      state: 'rolled-back',
      verdicts: [{ classification: 'Fail', source: 'prometheus' }],
      rollbacks: [{ action: 'simulator', outcome: 'sent' }],
      outcome: {
        rolledBack: true,
        failed: true,
        incidentId: expect.stringMatching(/^[0-9a-f]+-\d+$/),
      },
    });
    expect(byId.get(goodChange.id)).toMatchObject({
      state: 'promoted',
      verdicts: [{ classification: 'Pass', source: 'prometheus' }],
      rollbacks: [],
      outcome: { rolledBack: false, failed: false, incidentId: null },
    });
    expect(log.body.failureRate).toEqual({ changes: 2, failed: 1, changeFailureRate: 0.5 });
    expect(log.body.byLineOfBusiness).toEqual([
      { lineOfBusiness: 'custody', changes: 1, failed: 1, changeFailureRate: 1 },
      { lineOfBusiness: 'trading', changes: 1, failed: 0, changeFailureRate: 0 },
    ]);
    // The same change counts in DORA's change failure rate of the incidents feature.
    const mttx = await request(server)
      .get('/api/headroom/incidents/mttx?entityRef=component:default/wallet-api')
      .set('authorization', as);
    expect(mttx.body.dora).toMatchObject({ deployments: 1, failed: 1, changeFailureRate: 1 });
    console.log(
      `wallet-api v2: score ${failed.body.verdict.score}, ${failed.body.verdict.reason}; ` +
        `matching-engine v2: score ${passed.body.verdict.score}; incident ${byId.get(badChange.id) && (byId.get(badChange.id) as { outcome: { incidentId: string } }).outcome.incidentId}`,
    );
  }, 240_000);
});
