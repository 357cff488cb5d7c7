import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  groupIncidents,
  mergeAlerts,
  parseAlertmanagerPayload,
  parseSloDocuments,
  receivedAlerts,
} from '@headroom/core';
import { generateRules, renderRuleFile } from '@headroom/prometheus';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import {
  alertingConfig,
  sleep,
  startAlertmanager,
  startReceiver,
  startSimulatedService,
  waitFor,
  type RunningAlertmanager,
  type SimulatedService,
  type WebhookReceiver,
} from '../../../../test/incidents/alertmanager';
import {
  backfill,
  startPrometheus,
  tempDir,
  type RunningPrometheus,
} from '../../../../test/prometheus/prometheus';
import { ownerEditPermissions } from '../__fixtures__/ownerPolicy';
import { headroomPlugin } from '../plugin';

/**
 * The whole path with real parts: a full outage planted in a simulated service (four days of
 * clean history backfilled, then scraped live), paged by the SLO's generated rules in Prometheus,
 * routed by Alertmanager (restarted while the page fires, repeating every 20 s) to both a bare
 * receiver and the backend's webhook. The backend must record one P1 incident whose impact
 * start, detection and mitigation each lie within one scrape plus one evaluation interval of
 * the planted truth. Takes about eight minutes: mitigation needs five clean minutes.
 */
const SCRAPE = 5;
const EVAL = 5;
const RATE = 100; // requests per second
const OUTAGE_AFTER = 60; // seconds after the test starts
const OUTAGE_LENGTH = 40;
const TOKEN = 'alertmanager-e2e-token';
const owner = 'user:default/hana.mori';

const SLO_YAML = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability
  labels:
    tier: "1"
spec:
  service: order-gateway
  indicator:
    metadata:
      name: order-gateway-availability
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: prometheus
            spec:
              query: http_requests_total{service="order-gateway",code=~"5.."}
        total:
          metricSource:
            type: prometheus
            spec:
              query: http_requests_total{service="order-gateway"}
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
`;

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'order-gateway',
      namespace: 'default',
      annotations: { 'headroom.dev/line-of-business': 'markets' },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-trading' },
  },
];

describe('incidents end to end: Prometheus, Alertmanager and the backend', () => {
  let receiver: WebhookReceiver | undefined;
  let alertmanager: RunningAlertmanager | undefined;
  let prometheus: RunningPrometheus | undefined;
  let service: SimulatedService | undefined;
  let stopBackend: (() => Promise<void>) | undefined;
  let dir: string | undefined;

  afterAll(async () => {
    alertmanager?.stop();
    await prometheus?.stop();
    await stopBackend?.();
    await service?.close();
    await receiver?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('records one P1 incident per outage, timed within a scrape and an evaluation of the truth', async () => {
    const parsed = parseSloDocuments(SLO_YAML, 'order-gateway.yaml');
    expect(parsed.issues).toEqual([]);
    const slo = parsed.slos[0]!;

    const start = Date.now() / 1000;
    const outage = { from: start + OUTAGE_AFTER, to: start + OUTAGE_AFTER + OUTAGE_LENGTH };
    // Four days of history: every alert window up to the ticket's 3 days sees real traffic.
    service = await startSimulatedService('order-gateway', RATE, outage, 4 * 86400);
    dir = tempDir('headroom-incidents-e2e-');
    backfill(service.history(start - 30, 60, 'headroom'), join(dir, 'data'));
    const rules = renderRuleFile(
      generateRules([slo], { pageInterval: `${EVAL}s`, interval: `${EVAL}s` }),
    );
    prometheus = await startPrometheus({
      dir,
      rules: { 'order-gateway.yml': rules },
      scrapeInterval: `${SCRAPE}s`,
      evaluationInterval: `${EVAL}s`,
      scrapeTargets: [service.target],
    });

    const backend = await startTestBackend({
      features: [
        headroomPlugin,
        catalogServiceMock.factory({ entities }),
        schedulerServiceFactory,
        ownerEditPermissions({ [owner]: [owner, 'group:default/team-trading'] }).factory,
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        mockServices.rootConfig.factory({
          data: {
            headroom: {
              prometheus: { baseUrl: prometheus.url },
              evaluation: { enabled: false },
              incidents: { webhook: { token: TOKEN }, stepSeconds: SCRAPE },
            },
          },
        }),
      ],
    });
    stopBackend = () => backend.stop();
    const server = backend.server;
    const created = await request(server)
      .post('/api/headroom/entities/component/default/order-gateway/slos')
      .set('authorization', mockCredentials.user.header(owner))
      .send({
        name: 'availability',
        objective: 0.999,
        window: '30d',
        indicator: {
          type: 'ratio',
          bad: 'http_requests_total{service="order-gateway",code=~"5.."}',
          total: 'http_requests_total{service="order-gateway"}',
        },
      });
    expect(created.status).toBe(201);

    receiver = await startReceiver();
    const { port } = server.address() as AddressInfo;
    alertmanager = startAlertmanager({
      WEBHOOK_URL: `${receiver.url},http://127.0.0.1:${port}/api/headroom/alertmanager/webhook`,
      WEBHOOK_TOKEN: TOKEN,
      GROUP_WAIT: '1s',
      GROUP_INTERVAL: '5s',
      REPEAT_INTERVAL: '20s',
    });
    const config = join(prometheus.dir, 'prometheus.yml');
    writeFileSync(config, readFileSync(config, 'utf8') + alertingConfig(alertmanager.url));
    await prometheus.reload();
    if (Date.now() / 1000 > outage.from - 10) {
      throw new Error(`setting up took ${Date.now() / 1000 - start} s, past the planted outage`);
    }

    const withStatus = (status: string) =>
      receiver!.notifications.filter(n => (n.body as { status: string }).status === status);
    const incidents = async () =>
      (
        await request(server)
          .get('/api/headroom/incidents')
          .set('authorization', mockCredentials.user.header(owner))
      ).body.items as Array<Record<string, unknown>>;

    await waitFor('the page', OUTAGE_AFTER + 120, () => withStatus('firing').length > 0);
    expect(Date.now() / 1000).toBeGreaterThan(outage.from); // paged by the outage, not before
    // Alertmanager sends to both webhooks at once; give the backend's request a moment.
    let open = await incidents();
    for (let i = 0; i < 10 && open.length === 0; i++) {
      await sleep(1);
      open = await incidents();
    }
    expect(open.map(i => [i.severity, i.status])).toEqual([['P1', 'open']]);

    // Restart Alertmanager while the page fires: Prometheus re-sends the alert and Alertmanager
    // notifies again, as the repeat interval also does. None may open a second incident.
    alertmanager.restart();
    await waitFor('the resolution', 600, () => withStatus('resolved').length > 0);
    const mitigationTruth = outage.to + 60; // the last failed minute has left the 1-minute window
    await sleep(Math.max(0, mitigationTruth + 300 + 3 * SCRAPE - Date.now() / 1000));

    expect(receiver.notifications.every(n => n.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const alerts = receiver.notifications.flatMap(n =>
      receivedAlerts(parseAlertmanagerPayload(n.body), n.receivedAt),
    );
    const merged = mergeAlerts(alerts);
    expect(alerts.length).toBeGreaterThan(merged.length); // repeats were sent …
    expect(groupIncidents(merged)).toHaveLength(1); // … and fold into one incident

    const recorded = await incidents();
    expect(recorded).toHaveLength(1);
    const incident = recorded[0]!;
    const at = (field: string) => Date.parse(incident[field] as string) / 1000;
    // The fast page: 1 % of a 30-day budget in 5 minutes, a 5-minute error ratio above
    // 86.4 × 0.001, which a full outage reaches 0.0864 × 300 s after it starts.
    const detectionTruth = outage.from + 0.0864 * 300;
    const figures = {
      impactStartAfterOutage: at('impactStart') - outage.from,
      detectedAfterTruth: at('detectedAt') - detectionTruth,
      mitigatedAfterTruth: at('mitigatedAt') - mitigationTruth,
      ttdSeconds: incident.ttdSeconds,
      ttrSeconds: incident.ttrSeconds,
      notifications: receiver.notifications.length,
      alertsInThem: alerts.length,
    };
    process.stdout.write(`planted outage vs recorded incident: ${JSON.stringify(figures)}\n`);
    expect(incident).toMatchObject({
      severity: 'P1',
      status: 'resolved',
      service: 'order-gateway',
      slo: 'availability',
      entityRef: 'component:default/order-gateway',
      impactSource: 'slo',
      mitigationSource: 'slo',
    });
    const tolerance = SCRAPE + EVAL;
    expect(figures.impactStartAfterOutage).toBeGreaterThan(0);
    expect(figures.impactStartAfterOutage).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(figures.detectedAfterTruth)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(figures.mitigatedAfterTruth)).toBeLessThanOrEqual(tolerance);
  }, 900_000);
});
