import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseSloDocuments, type DrillRunRecord } from '@headroom/core';
import { generateRules, renderRuleFile } from '@headroom/prometheus';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';
import {
  freePort,
  promtool,
  startPrometheus,
  tempDir,
  type RunningPrometheus,
} from '../../../../test/prometheus/prometheus';
import { ownerEditPermissions } from '../__fixtures__/ownerPolicy';
import { headroomPlugin } from '../plugin';

/**
 * The drills' scheduler on real parts: the demo simulator (two hours of history backfilled, then
 * served live with its fault API), a real Prometheus scraping it every 15 s with the rules
 * `headroom rules` makes of the demo catalog's SLO files, and the backend with the demo's own
 * drill files turned into game days a little after start. The scheduler runs each drill with the
 * `headroom` command, reads order-gateway's SLO over matching-engine's fault, and records both:
 * matching-engine's errors are paged and recover (Pass); fiat-onramp's slow deposits page nobody
 * (Fail) and come out of the weak-links report. About seven minutes: the drills run one by one.
 */
const repo = resolve(__dirname, '../../../..');
const SCRAPE = 15;
const hana = 'user:default/hana.mori';
const permissions = ownerEditPermissions({ [hana]: [hana, 'group:default/team-payments'] });

jest.setTimeout(15 * 60_000);

const services = ['matching-engine', 'fiat-onramp', 'order-gateway'] as const;
const drilled = ['matching-engine', 'fiat-onramp'];

describe('drills scheduled by the backend, on the simulator and a real Prometheus', () => {
  const dir = tempDir('headroom-drills-e2e-');
  const anchor = Math.floor(Date.now() / 60_000) * 60;
  let simulator: ChildProcess;
  let prometheus: RunningPrometheus;
  let server: Parameters<typeof request>[0];
  let stop: () => Promise<void>;
  const runs: Record<string, { record: DrillRunRecord; source: string; dependants: unknown[] }> =
    {};

  beforeAll(async () => {
    const bin = join(repo, 'dev-env/simulator/dist/bin.js');
    for (const built of [bin, join(repo, 'packages/cli/dist/bin.js')]) {
      if (!existsSync(built)) throw new Error(`${built} is not built: run scripts/setup.sh`);
    }
    const history = join(dir, 'history.om');
    const made = spawnSync(
      'node',
      [bin, 'history', '--out', history, '--now', String(anchor), '--step', String(SCRAPE)].concat([
        '--from',
        String(anchor - 7200),
        '--to',
        String(anchor - 60),
      ]),
      { encoding: 'utf8' },
    );
    if (made.status !== 0) throw new Error(`simulator history: ${made.stderr}`);
    mkdirSync(join(dir, 'prom', 'data'), { recursive: true });
    const blocks = promtool(
      ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', '--max-block-duration=24h'].concat([
        history,
        join(dir, 'prom', 'data'),
      ]),
    );
    if (blocks.status !== 0) throw new Error(`backfill: ${blocks.stderr}`);
    rmSync(history);
    const port = await freePort();
    simulator = spawn('node', [bin, 'serve', '--port', String(port), '--now', String(anchor)], {
      stdio: 'ignore',
    });
    const simulatorUrl = `http://127.0.0.1:${port}`;

    // The demo catalog's files, with each drill's cron turned into a game day after start.
    const gameDay = new Date((anchor + 150) * 1000).toISOString().replace('.000Z', 'Z');
    // The demo's domains and systems: they give each service its line of business.
    const entities: Entity[] = parseAllDocuments(
      readFileSync(join(repo, 'dev-env/catalog/domains.yaml'), 'utf8'),
    ).map(d => {
      const e = d.toJS() as Entity;
      e.metadata.namespace = 'default';
      return e;
    });
    const slos = [];
    for (const service of services) {
      const from = join(repo, 'dev-env/catalog/services', service);
      const to = join(dir, 'catalog', service);
      mkdirSync(to, { recursive: true });
      copyFileSync(join(from, 'slos.yaml'), join(to, 'slos.yaml'));
      if (drilled.includes(service)) {
        const drills = readFileSync(join(from, 'drills.yaml'), 'utf8');
        writeFileSync(join(to, 'drills.yaml'), drills.replace(/cron: ".*"/, `at: ["${gameDay}"]`));
      }
      const info = parse(readFileSync(join(from, 'catalog-info.yaml'), 'utf8')) as Entity;
      info.metadata.namespace = 'default';
      info.metadata.annotations = {
        ...info.metadata.annotations,
        'backstage.io/managed-by-location': `file:${join(to, 'catalog-info.yaml')}`,
      };
      // Everyone's owner is the same team here: one user may record for all.
      info.spec = { ...info.spec, owner: 'group:default/team-payments' };
      info.relations = [
        { type: 'ownedBy', targetRef: 'group:default/team-payments' },
        ...((info.spec.dependsOn as string[]) ?? []).map(targetRef => ({
          type: 'dependsOn',
          targetRef,
        })),
      ];
      entities.push(info);
      const file = join(to, 'slos.yaml');
      slos.push(...parseSloDocuments(readFileSync(file, 'utf8'), file).slos);
    }

    prometheus = await startPrometheus({
      dir: join(dir, 'prom'),
      scrapeInterval: `${SCRAPE}s`,
      evaluationInterval: `${SCRAPE}s`,
      scrapeTargets: [`127.0.0.1:${port}`],
      continueBackfill: true,
      rules: { 'slos.yml': renderRuleFile(generateRules(slos)) },
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
              catalogSync: { intervalSeconds: 2 },
              evaluation: { schedulerIntervalSeconds: 5, defaultIntervalSeconds: 15 },
              drills: {
                scheduler: {
                  intervalSeconds: 10,
                  simulatorUrl,
                  command: ['node', join(repo, 'packages/cli/dist/bin.js')],
                },
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();

    const deadline = Date.now() + 12 * 60_000;
    while (Object.keys(runs).length < drilled.length && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 10_000));
      for (const service of drilled) {
        const res = await request(server)
          .get(`/api/headroom/drills/entities/component/default/${service}`)
          .set('authorization', mockCredentials.user.header(hana));
        if (res.body.runs?.length) runs[service] = res.body.runs[0];
      }
    }
  }, 14 * 60_000);

  afterAll(async () => {
    await stop?.();
    await prometheus?.stop();
    simulator?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it("passes matching-engine's drill: paged within 90 s, recovered within 4 minutes", () => {
    const run = runs['matching-engine'];
    expect(run?.source).toBe('scheduler');
    const r = run!.record;
    expect(r.summary).toMatch(/^The hypothesis held/);
    expect(r.verdict).toBe('Pass');
    expect(r.detection.ttdSeconds).toBeGreaterThan(0);
    expect(r.detection.ttdSeconds).toBeLessThanOrEqual(90);
    expect(r.recovery.ttrSeconds).toBeLessThanOrEqual(240);
    // Half the requests for a minute against a 30-day window of which 2 h have traffic.
    expect(r.budgetSpent).toBeGreaterThan(0);
    expect(r.resilienceScore).toBe(100);
    // order-gateway calls matching-engine: its SLO was read over the fault and stayed steady
    // (the simulator does not carry faults from one service to another).
    expect(run!.dependants).toEqual([
      expect.objectContaining({ service: 'order-gateway', slo: 'availability', steady: true }),
    ]);
  });

  it("fails fiat-onramp's drill: slow deposits page nobody, and the report says so", async () => {
    const r = runs['fiat-onramp']!.record;
    expect(r.verdict).toBe('Fail');
    expect(r.detection).toEqual({
      expected: true,
      alertFiredAt: null,
      ttdSeconds: null,
      withinTarget: false,
    });
    // 3 of 4 probes: steady before and after, recovered; the page is the one that failed.
    expect(r.resilienceScore).toBe(75);

    const report = await request(server)
      .get('/api/headroom/drills/weak-links?lineOfBusiness=payments')
      .set('authorization', mockCredentials.user.header(hana));
    expect(report.status).toBe(200);
    expect(report.body.failedDrills).toEqual([
      expect.objectContaining({
        service: 'fiat-onramp',
        drill: 'fiat-onramp-slow-deposits',
        misses: ['hypothesis', 'detection'],
      }),
    ]);
    expect(report.body.silentAlerts).toEqual([
      {
        service: 'fiat-onramp',
        slo: 'availability',
        severity: 'page',
        drills: ['fiat-onramp-slow-deposits'],
        runs: 1,
      },
    ]);
    const all = await request(server)
      .get('/api/headroom/drills/weak-links')
      .set('authorization', mockCredentials.user.header(hana));
    expect(all.body.failedDrills.map((f: { service: string }) => f.service)).toEqual([
      'fiat-onramp',
    ]);
    expect(all.body.undrilled).toEqual([{ service: 'order-gateway', lastDrillAt: null }]);
    expect(all.body.spreading).toEqual([]);
  });
});
