import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import path from 'node:path';
import fs from 'node:fs';
import {
  backfill,
  startPrometheus,
  tempDir,
  type RunningPrometheus,
} from '../../../../test/prometheus/prometheus';
import { availabilitySlo, sloWrite } from '../__fixtures__/slos';
import { ledgerOpenMetrics } from '../__fixtures__/ledgerHistory';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { PrometheusClient } from '@headroom/prometheus';
import { SloEvaluator, type EvaluationSettings } from './SloEvaluator';

jest.setTimeout(120_000);

const STEP = 60;
const DAY = 86_400;
/** Evaluation time: a whole minute in the recent past, so the backfill ends at "now". */
const T = Math.floor(Date.now() / 1000 / STEP) * STEP - 2 * STEP;
const S = T - 2 * DAY;

describe('SloEvaluator against a real Prometheus', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let prometheus: RunningPrometheus;
  let dir: string;

  beforeAll(async () => {
    dir = tempDir('headroom-eval-');
    backfill(ledgerOpenMetrics(S, T, STEP), path.join(dir, 'data'));
    prometheus = await startPrometheus({ dir });
  });

  afterAll(async () => {
    await prometheus?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const settings = (url: string): EvaluationSettings => ({
    enabled: true,
    prometheusUrl: url,
    timeoutMs: 5000,
    schedulerIntervalSeconds: 30,
    defaultIntervalSeconds: 60,
    concurrency: 2,
    batchSize: 100,
    stepSeconds: STEP,
  });

  it('stores what Prometheus measured, then keeps it with its age and an error when Prometheus is gone', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseSloStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const entityRef = 'component:default/ledger';
    const slo = await store.create(
      sloWrite(entityRef, availabilitySlo('ledger', 'availability', 0.99), { objective: 0.99 }),
      'user:default/hana.mori',
    );
    const evaluator = new SloEvaluator({
      queue: store.evaluations,
      logger: mockServices.logger.mock(),
      settings: settings(prometheus.url),
    });

    expect(await evaluator.runDue(new Date(T * 1000))).toEqual({ evaluated: 1, failed: 0 });
    let status = (await store.getStatuses([slo.id], new Date(T * 1000))).get(slo.id)!;
    // 288 000 requests over two days, 1 440 of them errors: SLI 0.995. The 1 % budget of a 99 %
    // objective is half spent. The last hour burns at 1 % errors / 1 % budget = 1, so the half
    // budget left lasts half a 30-day window: 15 days.
    expect(status.evaluatedAt).toBe(new Date(T * 1000).toISOString());
    expect(status.error).toBeNull();
    expect(status.sli).toBeCloseTo(0.995, 9);
    expect(status.budgetRemaining).toBeCloseTo(0.5, 9);
    expect(status.burnRates.find(b => b.window === '1h')?.rate).toBeCloseTo(1, 9);
    expect(status.burnRates.find(b => b.window === '5m')?.rate).toBeCloseTo(1, 9);
    expect(status.timeToExhaustionSeconds).toBeCloseTo(15 * DAY, 3);
    expect(status.alertState).toBe('ok');

    // Not due again before its interval has passed.
    expect(await evaluator.runDue(new Date((T + 30) * 1000))).toEqual({ evaluated: 0, failed: 0 });

    await prometheus.stop();
    expect(await evaluator.runDue(new Date((T + 60) * 1000))).toEqual({ evaluated: 0, failed: 1 });
    status = (await store.getStatuses([slo.id], new Date((T + 90) * 1000))).get(slo.id)!;
    expect(status.evaluatedAt).toBe(new Date(T * 1000).toISOString());
    expect(status.ageSeconds).toBe(90);
    expect(status.sli).toBeCloseTo(0.995, 9);
    expect(status.budgetRemaining).toBeCloseTo(0.5, 9);
    expect(status.lastAttemptAt).toBe(new Date((T + 60) * 1000).toISOString());
    expect(status.error).toContain(prometheus.url);
    expect(await store.listSnapshots(slo.id, { limit: 10 })).toHaveLength(1);
  });
});

describe('SloEvaluator stopped by its task timeout', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('starts no further SLO, cancels the reads in flight, records nothing for them and leaves them due', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseSloStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    for (const service of ['svc-a', 'svc-b', 'svc-c']) {
      await store.create(
        sloWrite(`component:default/${service}`, availabilitySlo(service)),
        'user:default/hana.mori',
      );
    }
    // A Prometheus that never answers (a unit fake: only the cancellation is under test).
    const started: string[] = [];
    const client = Object.create(PrometheusClient.prototype) as PrometheusClient;
    client.queryRange = (query, _start, _end, _step, opts = {}) => {
      started.push(query);
      return new Promise((_, reject) => {
        opts.signal?.addEventListener('abort', () => reject(new Error('aborted')), {
          once: true,
        });
      });
    };
    const logger = mockServices.logger.mock();
    const evaluator = new SloEvaluator({
      queue: store.evaluations,
      logger,
      settings: {
        enabled: true,
        prometheusUrl: 'http://127.0.0.1:9',
        timeoutMs: 600_000,
        schedulerIntervalSeconds: 30,
        defaultIntervalSeconds: 60,
        concurrency: 1,
        batchSize: 100,
        stepSeconds: STEP,
      },
      client,
    });
    const at = new Date(T * 1000);
    const controller = new AbortController();
    const run = evaluator.runDue(at, controller.signal);
    for (let i = 0; i < 200 && started.length === 0; i++) {
      await new Promise(r => setTimeout(r, 10));
    }
    expect(started.length).toBeGreaterThan(0);
    controller.abort(new Error('task timeout'));
    expect(await run).toEqual({ evaluated: 0, failed: 0 });
    // Only the first SLO's reads were started (one at a time), and none after the abort.
    const services = new Set(started.map(q => /service="([^"]+)"/.exec(q)?.[1]));
    expect(services.size).toBe(1);
    const all = await store.listAll();
    const statuses = await store.getStatuses(
      all.map(s => s.id),
      at,
    );
    for (const s of all) expect(statuses.get(s.id)?.error ?? null).toBeNull();
    expect((await store.evaluations.listDue(at, 10)).length).toBe(3);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Evaluation pass stopped (Error: task timeout): 0 of 3 due SLOs'),
    );
  });
});
