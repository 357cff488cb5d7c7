import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { run, type Console, type EvaluationJson } from '@headroom/cli';
import { parseSloDocuments, type Slo } from '@headroom/core';
import type { SloInput } from '@headroom/plugin-headroom-common';
import express from 'express';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  AT,
  iso,
  openMetrics,
  SLO_FILES,
  STEP,
  type Shown,
} from '../../../../test/cross-surface/sloSurfacesData';
import {
  backfill,
  startPrometheus,
  tempDir,
  type RunningPrometheus,
} from '../../../../test/prometheus/prometheus';
import { sloWrite } from '../__fixtures__/slos';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { createRouter } from '../slos/routes';
import { SloEvaluator, type EvaluationSettings } from './SloEvaluator';

/**
 * The HTTP leg of the cross-surface test (test/cross-surface/slo-surfaces.test.ts): the same two
 * SLOs on the same counters in a real Prometheus, answered by the backend's SLO routes at the
 * same instant, must show what `headroom report --prometheus` shows, to the last bit. The status
 * is what the scheduled evaluation stored, served from the database; the burndown and the
 * preview are computed by the routes at the request's time, which is held at the instant.
 */

jest.setTimeout(120_000);

const entityRef = 'component:default/ledger';
const user = 'user:default/hana.mori';
const base = '/entities/component/default/ledger/slos';
/** A few seconds past the minute, as the scheduler runs and a request arrives. */
const NOW_MS = (AT + 7) * 1000;

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'ledger', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-ledger' },
  },
];

/** The rolling SLO as the API takes it (the API takes rolling windows only). */
const rollingInput: SloInput = {
  name: 'availability',
  objective: 0.999,
  window: '30d',
  indicator: {
    type: 'ratio',
    bad: 'http_requests_total{service="ledger",code=~"5.."}',
    total: 'http_requests_total{service="ledger"}',
  },
};

interface HttpBurnRate {
  window: string;
  rate: number | null;
}

const rates = (burnRates: HttpBurnRate[]) =>
  Object.fromEntries(burnRates.map(b => [b.window, b.rate]));

async function throughCli(url: string, files: string[]): Promise<Map<string, Shown>> {
  const stdout: string[] = [];
  const io: Console = { isTTY: false, out: t => stdout.push(t), err: () => {} };
  const args = ['report', '--prometheus', url, '--step', String(STEP), '--at', iso(AT)];
  expect(await run([...args, '--format', 'json', ...files], io)).toBe(0);
  const rows = JSON.parse(stdout.join('')) as EvaluationJson[];
  return new Map(
    rows.map(r => [
      r.slo,
      {
        sli: r.sli,
        budgetRemaining: r.errorBudget.remaining,
        burnRates: r.burnRates,
        alertState: r.alertState,
        windowEnd: r.windowEnd,
      },
    ]),
  );
}

/** Only Date is held at the instant: timers, sockets and the database run as usual. */
function holdDateAt(ms: number) {
  jest.useFakeTimers({
    now: ms,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

describe('one SLO, one number: the backend over HTTP and the CLI', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let prom: RunningPrometheus;
  let dir: string;
  let files: string[];
  let slos: Slo[];

  beforeAll(async () => {
    dir = tempDir('headroom-surfaces-http-');
    backfill(openMetrics(), path.join(dir, 'data'));
    prom = await startPrometheus({ dir });
    fs.mkdirSync(path.join(dir, 'slos'));
    files = Object.entries(SLO_FILES).map(([name, text]) => {
      const file = path.join(dir, 'slos', name);
      fs.writeFileSync(file, text);
      return file;
    });
    slos = Object.entries(SLO_FILES).flatMap(([name, text]) => {
      const parsed = parseSloDocuments(text, name);
      expect(parsed.issues).toEqual([]);
      return parsed.slos;
    });
  }, 180_000);

  afterAll(async () => {
    jest.useRealTimers();
    await prom?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives identical SLI, budget, burn rates, alert state and window end', async () => {
    const cli = await throughCli(prom.url, files);

    const knex = await databases.init('SQLITE_3');
    const database = mockServices.database({ knex, migrations: { skip: false } });
    const store = await DatabaseSloStore.create({ database });
    const settings: EvaluationSettings = {
      enabled: true,
      prometheusUrl: prom.url,
      timeoutMs: 10_000,
      schedulerIntervalSeconds: 30,
      defaultIntervalSeconds: 60,
      concurrency: 1,
      batchSize: 10,
      stepSeconds: STEP,
      sampleReads: 'full',
    };
    const logger = mockServices.logger.mock();
    const evaluator = new SloEvaluator({ queue: store.evaluations, logger, settings });
    for (const slo of slos) {
      const stored = await store.create(
        sloWrite(entityRef, slo, {
          origin: 'file',
          ownerRef: 'group:default/team-ledger',
          evaluationIntervalSeconds: 60,
        }),
        user,
      );
      expect(await evaluator.evaluate(stored, new Date(NOW_MS))).toBe(true);
    }

    const config = mockServices.rootConfig({
      data: { headroom: { prometheus: { baseUrl: prom.url, timeoutMs: 10_000 } } },
    });
    const router = await createRouter({
      config,
      logger,
      store,
      evaluation: settings,
      httpAuth: mockServices.httpAuth({ defaultCredentials: mockCredentials.none() }),
      permissions: mockServices.permissions.mock({
        authorize: async queries => queries.map(() => ({ result: 'ALLOW' }) as never),
        authorizeConditional: async queries => queries.map(() => ({ result: 'ALLOW' }) as never),
      }),
      catalog: catalogServiceMock({ entities }),
    });
    const app = express();
    app.use(router);
    app.use(MiddlewareFactory.create({ config, logger }).error());
    const auth = mockCredentials.user.header(user);

    holdDateAt(NOW_MS);
    try {
      for (const name of ['availability', 'availability-monthly']) {
        const got = await request(app).get(`${base}/${name}`).set('authorization', auth);
        expect(got.status).toBe(200);
        const status = got.body.status;
        expect(status.error).toBeNull();
        expect(status.evaluatedAt).toBe(new Date(AT * 1000).toISOString());

        const bd = await request(app)
          .get(`${base}/${name}/burndown?points=200`)
          .set('authorization', auth);
        expect(bd.status).toBe(200);
        expect(bd.body.evaluatedAt).toBe(new Date(AT * 1000).toISOString());
        // The burndown's last point is the budget left at the instant.
        expect(bd.body.points[bd.body.points.length - 1]).toEqual({
          t: AT,
          remaining: cli.get(name)!.budgetRemaining,
        });

        const shown: Shown = {
          sli: status.sli,
          budgetRemaining: status.budgetRemaining,
          burnRates: rates(status.burnRates),
          alertState: status.alertState,
          windowEnd: iso(bd.body.windowEnd),
        };
        expect(shown).toEqual(cli.get(name));
      }

      // The preview evaluates a definition at the request's time: the rolling SLO, as posted.
      const preview = await request(app)
        .post(`${base}/preview`)
        .set('authorization', auth)
        .send(rollingInput);
      expect(preview.status).toBe(200);
      const rolling = cli.get('availability')!;
      expect(preview.body.evaluatedAt).toBe(new Date(AT * 1000).toISOString());
      expect({
        sli: preview.body.sli,
        budgetRemaining: preview.body.budgetRemaining,
        burnRates: rates(preview.body.burnRates),
        alertState: preview.body.alertState,
        // A rolling window ends at the evaluation.
        windowEnd: iso(Date.parse(preview.body.evaluatedAt) / 1000),
      }).toEqual(rolling);
      expect(preview.body.burndown[preview.body.burndown.length - 1]).toEqual({
        t: AT,
        remaining: rolling.budgetRemaining,
      });
    } finally {
      jest.useRealTimers();
    }

    // What the instant shows: the slow page fires on both, and December's window ends on 1 January.
    expect(cli.get('availability')!.alertState).toBe('page');
    expect(cli.get('availability-monthly')!.windowEnd).toBe('2027-01-01T00:00:00Z');
  });
});
