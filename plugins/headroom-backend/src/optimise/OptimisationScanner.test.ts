import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import {
  backfill,
  startPrometheus,
  tempDir,
  type RunningPrometheus,
} from '../../../../test/prometheus/prometheus';
import {
  dailyCycle,
  GIB,
  idle,
  steady,
  workloadsOpenMetrics,
  type SyntheticWorkload,
} from './__fixtures__/workloads';
import { OptimisationScanner, type ScanEntity } from './OptimisationScanner';
import { OptimisationStore } from './OptimisationStore';
import { optimiseSettings, type OptimiseSettings } from './settings';
import { PeriodMeasurer } from './measure';
import { availabilitySlo, sloWrite } from '../__fixtures__/slos';
import type { StoredSlo } from '../database/types';
import { formatMoney, moneyToNumber, parseMoney, verifySaving } from '@headroom/core';
import { PrometheusClient } from '@headroom/prometheus';

jest.setTimeout(180_000);

const DAY = 86_400;
const STEP = 300;
/** The scan's time: the backfill ends just before it, on the scan's grid. */
const NOW = Math.floor(Date.now() / 1000 / STEP) * STEP;
const START = NOW - 8 * DAY;
const prices = { cpuCoreHour: 0.031, memoryGiBHour: 0.004, currency: 'USD' };
/** When wallet-api's requests were cut from 3 cores to 1 per replica. */
const APPLIED = NOW - 2 * DAY;

/** A flat 100/s on 4 replicas of 3 cores and 4 GiB, cut to 1 core at APPLIED; errors 0.1 % → 0.5 %. */
const walletApi: SyntheticWorkload = {
  service: 'wallet-api',
  traffic: () => 100,
  cpu: d => 0.2 + 0.01 * d,
  memory: () => 2 * GIB,
  noise: 0.01,
  replicas: 4,
  cpuRequest: 3,
  memRequest: 4 * GIB,
  change: { at: APPLIED, cpuRequest: 1, memRequest: 4 * GIB },
  errors: t => (t > APPLIED ? 0.005 : 0.001),
};

function entityOf(w: SyntheticWorkload): ScanEntity {
  return {
    entityRef: `component:default/${w.service}`,
    ownerRef: 'group:default/team-core-trading',
    lineOfBusiness: 'spot',
    service: w.service,
    workload: { kind: 'Deployment', namespace: 'spot', name: w.service, container: 'app' },
  };
}

describe('OptimisationScanner against a real Prometheus', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let prometheus: RunningPrometheus;
  let dir: string;
  let settings: OptimiseSettings;

  beforeAll(async () => {
    dir = tempDir('headroom-optimise-');
    backfill(
      workloadsOpenMetrics([idle, dailyCycle, steady, walletApi], START, NOW - 60),
      path.join(dir, 'data'),
    );
    prometheus = await startPrometheus({ dir });
    settings = optimiseSettings(
      mockServices.rootConfig({
        data: {
          headroom: {
            prometheus: { baseUrl: prometheus.url },
            optimise: { historyDays: 7, stepSeconds: STEP, prices },
          },
        },
      }),
    );
  });

  afterAll(async () => {
    await prometheus?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function scanner(
    entities: ScanEntity[],
    extra: Partial<ConstructorParameters<typeof OptimisationScanner>[0]> = {},
  ) {
    const knex = await databases.init('SQLITE_3');
    const store = await OptimisationStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const scan = new OptimisationScanner({
      store,
      client: new PrometheusClient({ url: settings.prometheusUrl!, timeoutMs: settings.timeoutMs }),
      settings,
      logger: mockServices.logger.mock(),
      entities: async () => entities,
      ...extra,
    });
    return { store, scan };
  }

  it('prices a saving with the configured unit prices even when the entity has cost data', async () => {
    // The entity's whole bill (transfer, disks, shared platform...) would overstate what a
    // resize of its requests saves: 1,000 a day here against 0.039 an hour for its requests.
    const { store, scan } = await scanner([entityOf(idle)], {
      costs: {
        costSeries: async () =>
          Array.from({ length: 7 }, (_, i) => ({
            start: NOW - (7 - i) * 86_400,
            stepSeconds: 86_400,
            cost: '1000',
            currency: 'USD',
          })),
        entities: async () => ['component:default/batch-archiver'],
      },
    });
    const [outcome] = await scan.run(new Date(NOW * 1000));
    const rec = (await store.get(outcome!.id!))!;
    expect(rec.detail.pricingSource).toBe('config-prices');
    expect(rec.expectedMonthlySaving).toBe('28.47');
  });

  it('proposes scaling an idle service to zero, saving what its requests cost', async () => {
    const { store, scan } = await scanner([entityOf(idle)]);
    const [outcome] = await scan.run(new Date(NOW * 1000));
    expect(outcome).toMatchObject({
      entityRef: 'component:default/batch-archiver',
      result: 'proposed',
    });
    const rec = (await store.get(outcome!.id!))!;
    expect(rec.detail.loadClass).toBe('idle');
    expect(rec.detail.current).toEqual({
      replicas: 2,
      cpuRequest: 0.5,
      memRequest: GIB,
      cpuLimit: null,
      memLimit: null,
    });
    expect(rec.detail.recommended.replicas).toBe(0);
    // 2 replicas × (0.5 core × 0.031 + 1 GiB × 0.004) = 0.039 an hour, × 730 h.
    expect(rec.expectedMonthlySaving).toBe('28.47');
    expect(rec.currency).toBe('USD');
    expect(rec.detail.pricingSource).toBe('config-prices');
    expect(rec.detail.exports['kubernetes-patch']).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'batch-archiver', namespace: 'spot' },
      spec: {
        replicas: 0,
        template: {
          spec: {
            containers: [{ name: 'app', resources: { requests: { cpu: '500m', memory: '1Gi' } } }],
          },
        },
      },
    });
  });

  it('finds the night window of a daily cycle and never cuts below the need', async () => {
    const { store, scan } = await scanner([entityOf(dailyCycle)]);
    const [outcome] = await scan.run(new Date(NOW * 1000));
    expect(outcome?.result).toBe('proposed');
    const rec = (await store.get(outcome!.id!))!;
    const d = rec.detail;
    expect(d.loadClass).toBe('scheduled-scale-down');
    expect(d.current).toMatchObject({ replicas: 6, cpuRequest: 0.5, memRequest: 0.5 * GIB });
    // The cosine 100 × (1 + 0.8 cos) is below 40 % of its 180/s peak from 21:24 to 06:36 UTC:
    // whole hours 22:00–06:00.
    expect(d.schedule?.windows).toHaveLength(1);
    const win = d.schedule!.windows[0]!;
    expect([win.start.hour, win.end.hour]).toEqual([22, 6]);
    // The forecast peak is the cycle's 180/s (within the 3 % noise and rate()'s smoothing).
    expect(d.needed.driverPeak).toBeGreaterThan(170);
    expect(d.needed.driverPeak).toBeLessThan(200);
    // Never below the need at the forecast peak.
    expect(d.recommended.replicas * d.recommended.cpuRequest).toBeGreaterThanOrEqual(
      d.needed.cpuCores,
    );
    expect(d.recommended.replicas * d.recommended.memRequest).toBeGreaterThanOrEqual(
      d.needed.memoryBytes,
    );
    // The windows' saving: replicas saved × 56 h a week × 730/168 × a replica-hour at the prices.
    const perReplicaHour =
      d.recommended.cpuRequest * prices.cpuCoreHour +
      (d.recommended.memRequest / GIB) * prices.memoryGiBHour;
    expect(d.schedule!.monthlySaving).toBeCloseTo(
      (d.schedule!.replicas - win.replicas) * 56 * (730 / 168) * perReplicaHour,
      9,
    );
    expect(d.exportFormats).toEqual(['kubernetes-patch', 'vpa', 'hpa', 'keda']);
    expect(d.exports.keda).toMatchObject({
      kind: 'ScaledObject',
      spec: { minReplicaCount: win.replicas, maxReplicaCount: d.schedule!.replicas },
    });
  });

  it('holds a steady, right-sized service and proposes nothing', async () => {
    const { store, scan } = await scanner([entityOf(steady)]);
    const [outcome] = await scan.run(new Date(NOW * 1000));
    expect(outcome).toMatchObject({ entityRef: 'component:default/ledger', result: 'hold' });
    expect(outcome?.reason).toMatch(/keep it/);
    expect(await store.list({})).toEqual([]);
  });

  it('keeps one open proposal per workload, skips entities without series, and turns conservative on a low budget', async () => {
    const missing: ScanEntity = {
      ...entityOf(steady),
      entityRef: 'component:default/ghost',
      service: 'ghost',
    };
    const { store, scan } = await scanner([entityOf(dailyCycle), missing], {
      sloFacts: async entityRef => [
        {
          entityRef,
          name: 'availability',
          displayName: null,
          objective: 0.999,
          window: '30d',
          ownerRef: null,
          lineOfBusiness: null,
          status: {
            sloId: 'x',
            evaluatedAt: new Date(NOW * 1000).toISOString(),
            ageSeconds: 0,
            sli: 0.9992,
            budgetRemaining: 0.1,
            burnRates: [{ window: '1h', rate: 0.5 }],
            alertState: 'ok',
            timeToExhaustionSeconds: null,
            lastAttemptAt: null,
            error: null,
          },
        },
      ],
    });
    const first = await scan.run(new Date(NOW * 1000));
    expect(first.map(o => o.result)).toEqual(['proposed', 'skipped']);
    expect(first[1]!.reason).toContain('no CPU series');
    expect(first[1]!.reason).toContain('service="ghost"');
    const rec = (await store.get(first[0]!.id!))!;
    expect(rec.detail.sloPolicy).toBe('conservative');
    expect(rec.detail.slo).toEqual({
      name: 'component:default/order-gateway/availability',
      budgetRemaining: 0.1,
      burnRate: 0.5,
    });
    const second = await scan.run(new Date((NOW + STEP) * 1000));
    expect(second[0]).toEqual({
      entityRef: 'component:default/order-gateway',
      result: 'open',
      id: rec.id,
    });
    expect(await store.list({})).toHaveLength(1);
  });

  it('measures the days around an applied change: cost of the requests at the prices, volume and SLO events from Prometheus', async () => {
    const entity = entityOf(walletApi);
    const { store, scan } = await scanner([entity]);
    const [outcome] = await scan.run(new Date(NOW * 1000));
    expect(outcome?.result).toBe('proposed');
    const rec = (await store.get(outcome!.id!))!;
    const slo = availabilitySlo('wallet-api');
    const stored: StoredSlo = {
      ...sloWrite(entity.entityRef, slo),
      id: 'wallet-api-availability',
      version: 1,
      createdAt: new Date(),
      updatedAt: new Date(),
      updatedBy: 'user:default/hana.mori',
      nextEvaluationAt: null,
    };
    const measurer = new PeriodMeasurer({
      settings,
      client: new PrometheusClient({ url: settings.prometheusUrl!, timeoutMs: settings.timeoutMs }),
      slos: async () => [stored],
    });
    const at = (t: number) => new Date(t * 1000);
    const before = await measurer.measure(rec, at(APPLIED - DAY), at(APPLIED));
    const after = await measurer.measure(rec, at(APPLIED), at(APPLIED + DAY));
    // 4 × (3 cores × 0.031 + 4 GiB × 0.004) = 0.436 an hour before, 4 × (0.031 + 0.016) = 0.188 after.
    expect(formatMoney(before.observation.cost)).toBe('10.464');
    expect(formatMoney(after.observation.cost)).toBe('4.512');
    expect(before.observation.seconds).toBe(DAY);
    // 100 requests/s for a day, within the 1 % noise.
    expect(before.observation.driver / 8_640_000).toBeCloseTo(1, 2);
    expect(after.observation.driver / 8_640_000).toBeCloseTo(1, 2);
    expect(before.observation.slo!.good / before.observation.slo!.total).toBeCloseTo(0.999, 6);
    expect(after.observation.slo!.good / after.observation.slo!.total).toBeCloseTo(0.995, 6);

    const v = verifySaving({
      before: before.observation,
      after: after.observation,
      promisedMonthlySaving: parseMoney(rec.expectedMonthlySaving)!,
    });
    // (10.464 − 4.512) a day × 730 h / 24 h = 181.04 a month from the cost alone.
    expect(formatMoney(v.rawMonthlySaving)).toBe('181.04');
    expect(moneyToNumber(v.realisedMonthlySaving) / 181.04).toBeCloseTo(1, 1);
    expect(v.slo.regression).toBe(true);
    expect(v.suggestRollback).toBe(true);
  });
});
