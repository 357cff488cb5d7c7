import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Drill } from '@headroom/core';
import type { SloStore } from '../database/types';
import { judged, writeDrillWorld } from './__fixtures__/drillWorld';
import { DrillRunStore } from './DrillRunStore';
import { DrillScheduler, type DrillExecutor } from './scheduler';
import { DrillService } from './service';
import type { DrillSettings } from './settings';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
// 2027-01-15T08:00:00Z; fiat-onramp's drill is due every 5 minutes.
const T = 1_800_000_000;

/** The SLO store as the scheduler reads it: each entity's availability SLO and budget left. */
function slosWithBudget(budget: Record<string, number | null>): SloStore {
  const row = (entityRef: string) => ({
    slo: { entityRef, name: 'availability' },
    status: { budgetRemaining: budget[entityRef] ?? null },
  });
  return {
    listAll: async () => Object.keys(budget).map(r => ({ entityRef: r })),
    entityRefsWithSlos: async () => new Set(Object.keys(budget)),
    listWithStatus: async (filter: { entityRef?: string }) =>
      Object.keys(budget)
        .filter(r => r === filter.entityRef)
        .map(row),
  } as unknown as SloStore;
}

describe('DrillScheduler', () => {
  const world = writeDrillWorld();
  const fiat = 'component:default/fiat-onramp';

  async function setup(options: { budget: number | null; freezes?: DrillSettings['freezes'] }) {
    const knex = await databases.init('SQLITE_3');
    const store = await DrillRunStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const slos = slosWithBudget({
      [fiat]: options.budget,
      'component:default/matching-engine': 0.9,
      'component:default/ledger': 0.9,
    });
    const settings: DrillSettings = {
      lookbackDays: 7,
      freezes: options.freezes ?? [],
      scheduler: {
        enabled: true,
        intervalSeconds: 60,
        command: ['headroom'],
        simulatorUrl: 'http://127.0.0.1:1',
        prometheusUrl: 'http://127.0.0.1:2',
      },
    };
    const service = new DrillService({
      store,
      slos,
      catalog: catalogServiceMock({ entities: world.entities }),
      auth: mockServices.auth(),
      reader: mockServices.urlReader.mock(),
      settings,
      logger: mockServices.logger.mock(),
      now: () => T,
    });
    const ran: string[] = [];
    const executor: DrillExecutor = {
      run: async (drill: Drill, { entity }) => {
        ran.push(drill.name);
        return {
          entityRef: entity.entityRef,
          record: judged(drill, T, 20),
          faults: drill.faults.map(f => ({ type: f.type, target: f.target, weight: f.weight })),
          alertSeverity: 'page',
        };
      },
    };
    const scheduler = new DrillScheduler({
      service,
      store,
      slos,
      executor,
      logger: mockServices.logger.mock(),
    });
    return { scheduler, store, ran };
  }

  it('counts from its first look, then runs a due drill once and records it', async () => {
    const { scheduler, store, ran } = await setup({ budget: 0.8 });
    // First look: nothing runs, whatever slots passed before.
    expect(await scheduler.tick(T)).toEqual({ due: 0, ran: 0, held: 0, failed: 0 });
    // 08:00 → 08:04: no */5 slot.
    expect((await scheduler.tick(T + 240)).due).toBe(0);
    // 08:05 is due: fiat-onramp runs; matching-engine (Tuesdays 10:00) and ledger (1st, 03:00) do not.
    expect(await scheduler.tick(T + 300)).toEqual({ due: 1, ran: 1, held: 0, failed: 0 });
    expect(ran).toEqual(['fiat-onramp-errors']);
    // The same slot is not run twice.
    expect((await scheduler.tick(T + 330)).ran).toBe(0);
    const runs = await store.list({ entityRef: fiat });
    expect(runs.map(r => [r.source, r.recordedBy, r.record.verdict])).toEqual([
      ['scheduler', 'scheduler', 'Pass'],
    ]);
  });

  it('never runs during a freeze', async () => {
    const { scheduler, store, ran } = await setup({
      budget: 0.8,
      freezes: [{ from: T + 200, to: T + 400, reason: 'year-end freeze' }],
    });
    await scheduler.tick(T);
    expect(await scheduler.tick(T + 300)).toEqual({ due: 1, ran: 0, held: 1, failed: 0 });
    expect(ran).toEqual([]);
    expect((await store.scheduleState(fiat, 'fiat-onramp-errors'))?.heldReason).toMatch(
      /^a change freeze holds: year-end freeze/,
    );
    // After the freeze, the next slot runs.
    expect((await scheduler.tick(T + 600)).ran).toBe(1);
  });

  it('never runs while the budget left is below the floor, or unknown', async () => {
    const low = await setup({ budget: 0.3 });
    await low.scheduler.tick(T);
    expect(await low.scheduler.tick(T + 300)).toEqual({ due: 1, ran: 0, held: 1, failed: 0 });
    expect((await low.store.scheduleState(fiat, 'fiat-onramp-errors'))?.heldReason).toBe(
      'the error budget left 30.0 % is below the floor 50.0 %',
    );
    const unknown = await setup({ budget: null });
    await unknown.scheduler.tick(T);
    expect((await unknown.scheduler.tick(T + 300)).held).toBe(1);
    expect(unknown.ran).toEqual([]);
  });
});
