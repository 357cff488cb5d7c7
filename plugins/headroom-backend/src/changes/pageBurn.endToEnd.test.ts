import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createContext,
  DEFAULT_SEED,
  liveControlsFor,
  startServer,
  WORLD,
} from '@headroom/demo-simulator';
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  startPrometheus,
  tempDir,
  type RunningPrometheus,
} from '../../../../test/prometheus/prometheus';
import { ownerEditPermissions } from '../__fixtures__/ownerPolicy';
import { headroomPlugin } from '../plugin';

/**
 * A page burn rolls a live change back, on real parts: the demo simulator in-process, a real
 * Prometheus scraping it every 2 s, the backend's own scheduled SLO evaluation (every 5 s) and
 * its scheduled watch of live changes (every 2 s). ledger v2 is deployed bad (half its requests
 * fail) and recorded as a change; once the stored status of ledger's SLO reads `page`, the
 * watch rolls the change back through the simulator's control API, which ends the fault. No
 * canary verdict is involved. About a minute.
 */
const SCRAPE = 2;
const hana = 'user:default/hana.mori';
const as = mockCredentials.user.header(hana);
const permissions = ownerEditPermissions({ [hana]: [hana, 'group:default/team-payments'] });

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'ledger', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
  },
];

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('a page burn rolls a live change back', () => {
  const dir = tempDir('headroom-changes-burn-');
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
    prometheus = await startPrometheus({
      dir,
      scrapeInterval: `${SCRAPE}s`,
      evaluationInterval: `${SCRAPE}s`,
      scrapeTargets: [simulatorUrl.replace('http://', '')],
      continueBackfill: true,
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
              prometheus: { baseUrl: prometheus.url, timeoutMs: 5000 },
              evaluation: {
                schedulerIntervalSeconds: 1,
                defaultIntervalSeconds: 5,
                stepSeconds: SCRAPE,
              },
              changes: {
                checkIntervalSeconds: 2,
                rollback: { type: 'simulator', url: simulatorUrl },
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stopBackend = () => backend.stop();
    const slo = await request(server)
      .post('/api/headroom/entities/component/default/ledger/slos')
      .set('authorization', as)
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
  }, 120_000);

  afterAll(async () => {
    await stopBackend?.();
    await prometheus?.stop();
    await new Promise<void>(resolve => (simulator ? simulator.close(() => resolve()) : resolve()));
    rmSync(dir, { recursive: true, force: true });
    console.log(
      `page-burn rollback end-to-end: ${((Date.now() - began) / 1000).toFixed(0)} s wall time`,
    );
  });

  const status = async () =>
    (
      await request(server)
        .get('/api/headroom/entities/component/default/ledger/slos/availability/status')
        .set('authorization', as)
    ).body;

  it('rolls back a bad deploy once its SLO pages, through the simulator', async () => {
    // Healthy first: the stored status must say so before the change goes out.
    let healthy = false;
    for (let i = 0; i < 60 && !healthy; i++) {
      const s = await status();
      healthy = (s.status ?? s).alertState === 'ok';
      if (!healthy) await sleep(1000);
    }
    expect(healthy).toBe(true);

    const deploy = await fetch(`${simulatorUrl}/control/services/ledger/deploy`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: 'v2', fault: { kind: 'errors', magnitude: 0.5 } }),
    });
    const deployed = (await deploy.json()) as { at: number; faults: string[] };
    expect(deploy.status).toBe(200);
    const recorded = await request(server)
      .post('/api/headroom/changes')
      .set('authorization', as)
      .send({
        entityRef: 'component:default/ledger',
        version: 'v2',
        at: new Date(deployed.at * 1000).toISOString(),
      });
    expect(recorded.status).toBe(201);
    const id = recorded.body.id as string;

    let change = recorded.body;
    // The state moves first (so only one replica acts), the rollback is recorded once the
    // action has answered.
    for (let i = 0; i < 90 && change.rollbacks.length === 0; i++) {
      await sleep(1000);
      change = (await request(server).get(`/api/headroom/changes/${id}`).set('authorization', as))
        .body;
    }
    expect(change.state).toBe('rolled-back');
    expect(change.rollbacks).toHaveLength(1);
    expect(change.rollbacks[0]).toMatchObject({
      action: 'simulator',
      outcome: 'sent',
      trigger: { kind: 'page-burn' },
      detail: { status: 200 },
    });
    expect(change.rollbacks[0].reason).toContain("SLO 'availability': a page burn-rate alert");
    // The simulator went back to v1 and ended the bad version's fault at the rollback.
    const snapshot = live.snapshot();
    expect(snapshot.services.ledger!.version).toBe('v1');
    const fault = snapshot.faults.find(f => f.id === deployed.faults[0])!;
    const rolledBackAt = Date.parse(change.rollbacks[0].at) / 1000;
    expect(Math.abs(fault.end! - rolledBackAt)).toBeLessThan(2);
    console.log(
      `ledger v2: rolled back ${(rolledBackAt - deployed.at).toFixed(1)} s after the deploy on a page burn`,
    );
  }, 240_000);
});
