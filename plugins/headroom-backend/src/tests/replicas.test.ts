import {
  coreServices,
  createServiceFactory,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import type { SloInput } from '@headroom/plugin-headroom-common';
import knexFactory, { type Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  backfill,
  startPrometheus,
  tempDir,
  type RunningPrometheus,
} from '../../../../test/prometheus/prometheus';
import { headroomPlugin } from '../plugin';

jest.setTimeout(180_000);

/**
 * Two replicas of the backend on one database, as a deployment with two pods runs them: the
 * scheduled catalog sync and evaluation must run on one replica at a time (each SLO evaluated
 * once per interval, one version per SLO), and an edit racing another through the other replica
 * must lose with 409 instead of overwriting it.
 */

const SYNC_SECONDS = 2;
const EVALUATION_SECONDS = 3;
/** How long both replicas run side by side before the counts are read. */
const OBSERVE_MS = 12_000;

const SERVICES = ['ledger', 'wallet', 'payouts'];
const SLO_NAMES = ['availability', 'errors'];

const STEP = 60;
/** Six hours of traffic up to a whole minute just before the test: 100 requests, 1 error a minute. */
const T = Math.floor(Date.now() / 1000 / STEP) * STEP - STEP;
function trafficOpenMetrics(): string {
  const lines: string[] = ['# TYPE http_requests counter'];
  for (const service of SERVICES) {
    for (const code of ['200', '500']) {
      let count = 0;
      for (let t = T - 6 * 3600; t <= T; t += STEP) {
        lines.push(`http_requests_total{service="${service}",code="${code}"} ${count} ${t}`);
        count += code === '500' ? 1 : 99;
      }
    }
  }
  return [...lines, '# EOF', ''].join('\n');
}

function sloFile(service: string): string {
  return SLO_NAMES.map(
    (name, i) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: ${service}
  indicator:
    metadata: { name: ${service}-${name} }
    spec:
      ratioMetric:
        counter: true
        bad: { metricSource: { type: prometheus, spec: { query: 'http_requests_total{service="${service}",code="500"}' } } }
        total: { metricSource: { type: prometheus, spec: { query: 'http_requests_total{service="${service}"}' } } }
  timeWindow: [{ duration: 1d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: ${i === 0 ? 0.99 : 0.999} }]
`,
  ).join('---\n');
}

function entities(dir: string): Entity[] {
  return SERVICES.map(service => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: service,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${dir}/catalog-info.yaml`,
        'headroom.dev/slo-file': `./${service}.yaml`,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
  }));
}

/** When a replica started (first catalog page) or finished (the plugin's log line) a sync run. */
interface SyncEvent {
  replica: string;
  at: number;
  kind: 'start' | 'end';
}

/** The catalog of one replica; every sync run starts with the first page of this query. */
function recordingCatalog(replica: string, items: Entity[], events: SyncEvent[]) {
  const catalog = catalogServiceMock({ entities: items });
  const queryEntities = catalog.queryEntities.bind(catalog);
  catalog.queryEntities = (async (req, options) => {
    if (req && !('cursor' in req && req.cursor)) {
      events.push({ replica, at: Date.now(), kind: 'start' });
    }
    return queryEntities(req, options);
  }) as typeof catalog.queryEntities;
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => catalog,
  });
}

/**
 * The plugin logger of one replica: the end of each sync run is its summary line; warnings and
 * errors (an SLO not synced or not evaluated, a lock not taken) are kept for the assertions.
 */
function recordingLogger(replica: string, events: SyncEvent[], problems: string[]) {
  const logger: LoggerService = {
    info: message => {
      if (message.startsWith('SLO files of '))
        events.push({ replica, at: Date.now(), kind: 'end' });
    },
    warn: message => problems.push(`${replica}: ${message}`),
    error: message => problems.push(`${replica}: ${message}`),
    debug: () => {},
    child: () => logger,
  };
  return createServiceFactory({
    service: coreServices.logger,
    deps: {},
    factory: () => logger,
  });
}

const permissions = mockServices.permissions.mock({
  authorize: async queries => queries.map(() => ({ result: AuthorizeResult.ALLOW })),
  authorizeConditional: async queries => queries.map(() => ({ result: AuthorizeResult.ALLOW })),
});

type Database = { name: string; config: JsonObject; knex: () => Knex };

function databases(sqliteDir: string): Database[] {
  const out: Database[] = [];
  out.push({
    name: 'SQLite file',
    config: { client: 'better-sqlite3', connection: { directory: sqliteDir } },
    knex: () =>
      knexFactory({
        client: 'better-sqlite3',
        connection: { filename: path.join(sqliteDir, 'headroom.sqlite') },
        useNullAsDefault: true,
      }),
  });
  const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (url) {
    // A prefix of its own per run: the databases of other tests and runs stay out of the way.
    const prefix = `headroom_replicas_${randomBytes(4).toString('hex')}_`;
    out.push({
      name: 'PostgreSQL',
      config: { client: 'pg', connection: url, prefix },
      knex: () => {
        // The plugin's own database, as Backstage names it: prefix + plugin id.
        const connection = new URL(url);
        connection.pathname = `/${prefix}headroom`;
        return knexFactory({ client: 'pg', connection: connection.toString() });
      },
    });
  }
  return out;
}

const validInput: SloInput = {
  name: 'latency',
  objective: 0.99,
  window: '30d',
  indicator: {
    type: 'ratio',
    good: 'http_request_duration_seconds_bucket{service="ledger",le="0.25"}',
    total: 'http_request_duration_seconds_count{service="ledger"}',
  },
};

describe('two replicas on one database', () => {
  let prometheus: RunningPrometheus;
  let prometheusDir: string;
  let catalogDir: string;
  let sqliteDir: string;

  beforeAll(async () => {
    prometheusDir = tempDir('headroom-replicas-prom-');
    backfill(trafficOpenMetrics(), path.join(prometheusDir, 'data'));
    prometheus = await startPrometheus({ dir: prometheusDir });
    catalogDir = tempDir('headroom-replicas-catalog-');
    for (const service of SERVICES) {
      fs.writeFileSync(path.join(catalogDir, `${service}.yaml`), sloFile(service));
    }
    sqliteDir = tempDir('headroom-replicas-sqlite-');
  });

  afterAll(async () => {
    await prometheus?.stop();
    for (const dir of [prometheusDir, catalogDir, sqliteDir]) {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  // PostgreSQL when the test script started one (as for TestDatabases), SQLite always.
  const names = ['SQLite file', 'PostgreSQL'].filter(
    n => n !== 'PostgreSQL' || process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING,
  );

  describe.each(names)('%s', name => {
    let db: Knex;
    let replicas: { server: Parameters<typeof request>[0]; stop: () => Promise<void> }[] = [];
    const syncEvents: SyncEvent[] = [];
    const problems: string[] = [];
    let observedFrom = 0;
    let observedTo = 0;

    beforeAll(async () => {
      const database = databases(sqliteDir).find(d => d.name === name)!;
      const items = entities(catalogDir);
      const start = (replica: string) =>
        startTestBackend({
          features: [
            headroomPlugin,
            recordingCatalog(replica, items, syncEvents),
            recordingLogger(replica, syncEvents, problems),
            databaseServiceFactory,
            schedulerServiceFactory,
            permissions.factory,
            mockServices.rootConfig.factory({
              data: {
                backend: { database: database.config },
                headroom: {
                  catalogSync: { intervalSeconds: SYNC_SECONDS },
                  prometheus: { baseUrl: prometheus.url, timeoutMs: 5000 },
                  evaluation: {
                    schedulerIntervalSeconds: 1,
                    defaultIntervalSeconds: EVALUATION_SECONDS,
                    // The evaluation instant is floored to the sample step: a step of one
                    // interval keeps every run's instant apart from the last (see below).
                    stepSeconds: EVALUATION_SECONDS,
                    concurrency: 2,
                  },
                },
              },
            }),
          ],
        });
      // One after the other, as a rolling deployment starts them: the first creates the tables.
      const a = await start('a');
      const b = await start('b');
      replicas = [
        { server: a.server, stop: () => a.stop() },
        { server: b.server, stop: () => b.stop() },
      ];
      observedFrom = Date.now();
      await new Promise(r => setTimeout(r, OBSERVE_MS));
      observedTo = Date.now();
      db = database.knex();
    });

    afterAll(async () => {
      for (const r of replicas) await r.stop();
      await db?.destroy();
    });

    it('runs the catalog sync on one replica at a time, once per interval', () => {
      // Runs in time order: every start is followed by its own end before the next start.
      const events = [...syncEvents].sort((x, y) => x.at - y.at || (x.kind === 'end' ? -1 : 1));
      const runs: { replica: string; start: number; end: number }[] = [];
      for (const e of events) {
        if (e.kind === 'start') {
          const open = runs.find(r => r.end === 0);
          expect(open).toBeUndefined(); // a second replica started while a run was going on
          runs.push({ replica: e.replica, start: e.at, end: 0 });
        } else {
          const open = runs.find(r => r.end === 0 && r.replica === e.replica);
          expect(open).toBeDefined();
          open!.end = e.at;
        }
      }
      const observed = runs.filter(r => r.start >= observedFrom && r.start <= observedTo);
      // The scheduler starts a global task on a fixed grid of the interval; both replicas
      // scheduling it on their own would give about twice this many.
      const atMost = Math.floor((observedTo - observedFrom) / (SYNC_SECONDS * 1000)) + 1;
      expect(observed.length).toBeGreaterThanOrEqual(atMost - 2);
      expect(observed.length).toBeLessThanOrEqual(atMost);
      expect(problems).toEqual([]);
    });

    it('stores each SLO once, with one version', async () => {
      const slos = await db('headroom_slos').select('id', 'entity_ref', 'name', 'version');
      expect(slos).toHaveLength(SERVICES.length * SLO_NAMES.length);
      expect(slos.map(s => Number(s.version))).toEqual(slos.map(() => 1));
      const versions = await db('headroom_slo_versions')
        .select('slo_id')
        .count({ n: '*' })
        .groupBy('slo_id');
      expect(versions).toHaveLength(slos.length);
      expect(versions.map(v => Number(v.n))).toEqual(versions.map(() => 1));
    });

    it('evaluates each SLO once per interval, never twice at the same time', async () => {
      const snapshots = await db('headroom_slo_snapshots')
        .select('slo_id', 'evaluated_at')
        .orderBy(['slo_id', 'evaluated_at']);
      const bySlo = new Map<string, number[]>();
      for (const s of snapshots) {
        const at = new Date(s.evaluated_at).getTime();
        bySlo.set(s.slo_id, [...(bySlo.get(s.slo_id) ?? []), at]);
      }
      expect(bySlo.size).toBe(SERVICES.length * SLO_NAMES.length);
      const atMost = Math.floor((Date.now() - observedFrom) / (EVALUATION_SECONDS * 1000)) + 2;
      for (const times of bySlo.values()) {
        expect(times.length).toBeGreaterThanOrEqual(2);
        expect(times.length).toBeLessThanOrEqual(atMost);
        // evaluated_at is the evaluation's instant floored to the step (one interval here): a
        // later run starts at least one interval after, so its instant is a whole step later; a
        // second replica evaluating the same SLO would land on the same instant.
        for (let i = 1; i < times.length; i++) {
          expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual((EVALUATION_SECONDS - 1) * 1000);
        }
      }
      const statuses = await db('headroom_slo_status').count({ n: '*' });
      expect(Number(statuses[0]!.n)).toBe(SERVICES.length * SLO_NAMES.length);
    });

    it('lets one of two concurrent edits through different replicas win and answers 409 to the other', async () => {
      const [a, b] = replicas;
      const base = '/api/headroom/entities/component/default/ledger/slos';
      const user = mockCredentials.user.header('user:default/hana.mori');
      const created = await request(a!.server)
        .post(base)
        .set('Authorization', user)
        .send(validInput);
      expect(created.status).toBe(201);
      expect(created.body.version).toBe(1);
      const results = await Promise.all([
        request(a!.server)
          .put(`${base}/latency`)
          .set('Authorization', user)
          .send({ version: 1, slo: { ...validInput, objective: 0.995 } }),
        request(b!.server)
          .put(`${base}/latency`)
          .set('Authorization', user)
          .send({ version: 1, slo: { ...validInput, objective: 0.9 } }),
      ]);
      expect(results.map(r => r.status).sort()).toEqual([200, 409]);
      const winner = results.find(r => r.status === 200)!;
      const loser = results.find(r => r.status === 409)!;
      expect(loser.body.error.message).toContain('at version 2, not 1');
      // Both replicas read the winner's edit, and the history has exactly the two versions.
      for (const r of replicas) {
        const read = await request(r.server).get(`${base}/latency`).set('Authorization', user);
        expect(read.body).toMatchObject({ version: 2, objective: winner.body.objective });
      }
      const history = await request(b!.server)
        .get(`${base}/latency/history`)
        .set('Authorization', user);
      expect(history.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    });
  });
});
