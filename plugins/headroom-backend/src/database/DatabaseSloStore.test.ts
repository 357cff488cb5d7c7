import { mockServices, TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { availabilitySlo, sloWrite } from '../__fixtures__/slos';
import { DatabaseSloStore } from './DatabaseSloStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database({ knex, migrations: { skip: false } });
  return { knex, store: await DatabaseSloStore.create({ database }) };
}

const ledger = 'component:default/ledger';
const alice = 'user:default/hana.mori';

describe.each(databases.eachSupportedId())('DatabaseSloStore (%s)', databaseId => {
  let store: DatabaseSloStore;
  let knex: Awaited<ReturnType<typeof createStore>>['knex'];

  beforeAll(async () => {
    ({ store, knex } = await createStore(databaseId));
  });

  afterEach(async () => {
    await knex('headroom_slo_snapshots').del();
    await knex('headroom_slo_status').del();
    await knex('headroom_slo_versions').del();
    await knex('headroom_slos').del();
  });

  it('creates an SLO at version 1 and reads it back whole', async () => {
    const created = await store.create(sloWrite(ledger, availabilitySlo('ledger')), alice);
    expect(created.version).toBe(1);
    expect(created.updatedBy).toBe(alice);
    const read = await store.get(ledger, 'availability');
    expect(read?.objective).toBe(0.999);
    expect(read?.definition.indicator).toEqual(availabilitySlo('ledger').indicator);
    expect(read?.ownerRef).toBe('group:default/team-payments');
    expect(read?.createdAt).toBeInstanceOf(Date);
    expect(await store.listByEntity(ledger)).toHaveLength(1);
    expect(await store.listByEntity('component:default/other')).toHaveLength(0);
  });

  it('refuses a second SLO of the same name on the same entity', async () => {
    await store.create(sloWrite(ledger, availabilitySlo('ledger')), alice);
    await expect(store.create(sloWrite(ledger, availabilitySlo('ledger')), alice)).rejects.toThrow(
      ConflictError,
    );
  });

  it('updates with the current version, refuses a stale one and keeps every version with its diff', async () => {
    await store.create(sloWrite(ledger, availabilitySlo('ledger')), alice);
    const v2 = await store.update(
      sloWrite(ledger, availabilitySlo('ledger', 'availability', 0.9995), { objective: 0.9995 }),
      1,
      'user:default/ivan.petrov',
    );
    expect(v2.version).toBe(2);
    expect(v2.objective).toBe(0.9995);
    await expect(
      store.update(sloWrite(ledger, availabilitySlo('ledger', 'availability', 0.99)), 1, alice),
    ).rejects.toThrow(/at version 2, not 1/);
    expect((await store.get(ledger, 'availability'))?.objective).toBe(0.9995);

    const history = await store.history(ledger, 'availability');
    expect(history.map(h => [h.version, h.change, h.author])).toEqual([
      [2, 'update', 'user:default/ivan.petrov'],
      [1, 'create', alice],
    ]);
    expect(history[0]!.diff).toEqual([{ path: 'objective.target', before: 0.999, after: 0.9995 }]);
  });

  it('deletes with the current version only, and the history survives', async () => {
    await store.create(sloWrite(ledger, availabilitySlo('ledger')), alice);
    await expect(store.delete(ledger, 'availability', 7, alice)).rejects.toThrow(ConflictError);
    await store.delete(ledger, 'availability', 1, alice);
    expect(await store.get(ledger, 'availability')).toBeUndefined();
    await expect(store.delete(ledger, 'availability', 1, alice)).rejects.toThrow(NotFoundError);
    const history = await store.history(ledger, 'availability');
    expect(history.map(h => h.change)).toEqual(['delete', 'create']);
  });

  it('syncs file SLOs: creates, leaves unchanged ones alone, updates changed ones, deletes missing ones', async () => {
    const file = { origin: 'file' as const, sourceLocation: '/catalog/ledger/slos.yaml' };
    const a = sloWrite(ledger, availabilitySlo('ledger'), file);
    const b = sloWrite(ledger, availabilitySlo('ledger', 'errors'), file);
    expect(await store.syncFileSlos(ledger, [a, b], 'catalog')).toEqual({
      created: 2,
      updated: 0,
      deleted: 0,
      unchanged: 0,
    });
    expect(await store.syncFileSlos(ledger, [a, b], 'catalog')).toEqual({
      created: 0,
      updated: 0,
      deleted: 0,
      unchanged: 2,
    });
    const a2 = sloWrite(ledger, availabilitySlo('ledger', 'availability', 0.99), {
      ...file,
      objective: 0.99,
    });
    expect(await store.syncFileSlos(ledger, [a2], 'catalog')).toEqual({
      created: 0,
      updated: 1,
      deleted: 1,
      unchanged: 0,
    });
    const stored = await store.listByEntity(ledger);
    expect(stored.map(s => [s.name, s.version, s.objective])).toEqual([['availability', 2, 0.99]]);
    // An SLO written through the API is never touched by the file sync.
    await store.create(sloWrite(ledger, availabilitySlo('ledger', 'manual')), alice);
    await store.syncFileSlos(ledger, [], 'catalog');
    expect((await store.listByEntity(ledger)).map(s => s.name)).toEqual(['manual']);
  });

  it('creates many file SLOs of one entity at once, each at version 1 with its create in the history', async () => {
    const file = { origin: 'file' as const, sourceLocation: '/catalog/ledger/slos.yaml' };
    // More than one multi-row insert's worth (25 rows).
    const names = Array.from({ length: 30 }, (_, i) => `slo-${String(i).padStart(2, '0')}`);
    const writes = names.map(n => sloWrite(ledger, availabilitySlo('ledger', n), file));
    expect(await store.syncFileSlos(ledger, writes, 'catalog')).toEqual({
      created: 30,
      updated: 0,
      deleted: 0,
      unchanged: 0,
    });
    const stored = await store.listByEntity(ledger);
    expect(stored.map(s => s.name)).toEqual(names);
    expect(new Set(stored.map(s => s.id)).size).toBe(30);
    expect(stored.every(s => s.version === 1 && s.updatedBy === 'catalog')).toBe(true);
    const history = await store.history(ledger, 'slo-29');
    expect(history.map(v => [v.version, v.change, v.author])).toEqual([[1, 'create', 'catalog']]);
    expect(history[0]!.diff.length).toBeGreaterThan(0);
    // The same file again writes nothing; a name twice in one file is refused as a whole.
    expect((await store.syncFileSlos(ledger, writes, 'catalog')).unchanged).toBe(30);
    const twice = [
      writes[0]!,
      sloWrite(ledger, availabilitySlo('ledger', 'new'), file),
      writes[0]!,
    ];
    await expect(store.syncFileSlos(ledger, twice, 'catalog')).rejects.toThrow(
      "defines the SLO 'slo-00' twice",
    );
    expect(await store.get(ledger, 'new')).toBeUndefined();
  });

  it("reads every SLO's facts in pages, in the order of entity and name", async () => {
    const refs = ['component:default/a', 'component:default/b', 'component:default/c'];
    for (const [i, ref] of refs.entries()) {
      for (const name of ['latency', 'availability', 'errors'].slice(0, i + 1)) {
        await store.create(sloWrite(ref, availabilitySlo(ref.slice(18), name)), alice);
      }
    }
    const now = new Date('2026-11-20T10:00:00.000Z');
    const whole = await store.listAllFacts(now);
    expect(whole.map(f => `${f.entityRef}#${f.name}`)).toEqual([
      'component:default/a#latency',
      'component:default/b#availability',
      'component:default/b#latency',
      'component:default/c#availability',
      'component:default/c#errors',
      'component:default/c#latency',
    ]);
    for (const pageSize of [1, 2, 5, 6, 7]) {
      expect(await store.listAllFacts(now, pageSize)).toEqual(whole);
    }
  });

  it('removes the file SLOs of entities that left the catalog', async () => {
    const file = { origin: 'file' as const, sourceLocation: 'x' };
    await store.syncFileSlos(
      ledger,
      [sloWrite(ledger, availabilitySlo('ledger'), file)],
      'catalog',
    );
    const wallet = 'component:default/wallet-api';
    await store.syncFileSlos(
      wallet,
      [sloWrite(wallet, availabilitySlo('wallet-api'), file)],
      'catalog',
    );
    expect(await store.entityRefsWithSlos()).toEqual(new Set([ledger, wallet]));
    expect(await store.removeFileSlosExcept(new Set([wallet]), 'catalog')).toBe(1);
    expect((await store.listAll()).map(s => s.entityRef)).toEqual([wallet]);
    expect(await store.entityRefsWithSlos()).toEqual(new Set([wallet]));
  });

  it('stores evaluations, keeps the last one when an attempt fails, and lists due SLOs', async () => {
    const slo = await store.create(sloWrite(ledger, availabilitySlo('ledger')), alice);
    const t0 = new Date('2026-11-20T10:00:00.000Z');
    expect((await store.evaluations.listDue(new Date(), 10)).map(s => s.id)).toEqual([slo.id]);

    await store.evaluations.recordEvaluation(
      slo.id,
      {
        evaluatedAt: t0,
        sli: 0.9992,
        budgetRemaining: 0.2,
        burnRates: [
          { window: '5m', rate: 14.4 },
          { window: '1h', rate: 2 },
          { window: '30d', rate: null },
        ],
        alertState: 'page',
        timeToExhaustionSeconds: 3600,
      },
      new Date(t0.getTime() + 60_000),
    );
    const t1 = new Date(t0.getTime() + 120_000);
    let status = (await store.getStatuses([slo.id], t1)).get(slo.id)!;
    expect(status).toMatchObject({
      evaluatedAt: t0.toISOString(),
      ageSeconds: 120,
      sli: 0.9992,
      budgetRemaining: 0.2,
      alertState: 'page',
      timeToExhaustionSeconds: 3600,
      error: null,
    });
    expect(status.burnRates).toEqual([
      { window: '5m', rate: 14.4 },
      { window: '1h', rate: 2 },
      { window: '30d', rate: null },
    ]);
    expect(
      (await store.evaluations.listDue(new Date(t0.getTime() + 30_000), 10)).map(s => s.id),
    ).toEqual([]);
    expect(
      (await store.evaluations.listDue(new Date(t0.getTime() + 60_000), 10)).map(s => s.id),
    ).toEqual([slo.id]);

    await store.evaluations.recordFailure(
      slo.id,
      'Prometheus down',
      t1,
      new Date(t1.getTime() + 60_000),
    );
    status = (await store.getStatuses([slo.id], new Date(t0.getTime() + 180_000))).get(slo.id)!;
    expect(status).toMatchObject({
      evaluatedAt: t0.toISOString(),
      ageSeconds: 180,
      sli: 0.9992,
      budgetRemaining: 0.2,
      lastAttemptAt: t1.toISOString(),
      error: 'Prometheus down',
    });
    const snapshots = await store.listSnapshots(slo.id, { limit: 10 });
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]).toMatchObject({ evaluatedAt: t0.toISOString(), sli: 0.9992 });
  });

  it('records a batch of evaluations in one go, skipping SLOs deleted meanwhile', async () => {
    const a = await store.create(sloWrite(ledger, availabilitySlo('ledger')), alice);
    const b = await store.create(sloWrite(ledger, availabilitySlo('ledger', 'latency')), alice);
    const t = new Date('2026-11-20T10:00:00.000Z');
    const next = new Date(t.getTime() + 60_000);
    const record = (sli: number) => ({
      evaluatedAt: t,
      sli,
      budgetRemaining: 0.5,
      burnRates: [{ window: '1h', rate: 0.5 }],
      alertState: 'ok' as const,
      timeToExhaustionSeconds: null,
    });
    await store.evaluations.recordEvaluations([
      { sloId: a.id, evaluation: record(0.9991), nextEvaluationAt: next },
      { sloId: 'deleted-meanwhile', evaluation: record(0.5), nextEvaluationAt: next },
      { sloId: b.id, evaluation: record(0.9992), nextEvaluationAt: next },
    ]);
    const statuses = await store.getStatuses([a.id, b.id], t);
    expect(statuses.get(a.id)).toMatchObject({ sli: 0.9991, error: null });
    expect(statuses.get(b.id)).toMatchObject({ sli: 0.9992, error: null });
    expect(await store.listSnapshots('deleted-meanwhile', { limit: 10 })).toEqual([]);
    // Both are due again a minute later, not before.
    expect(await store.evaluations.listDue(new Date(t.getTime() + 30_000), 10)).toEqual([]);
    expect((await store.evaluations.listDue(next, 10)).map(s => s.id).sort()).toEqual(
      [a.id, b.id].sort(),
    );
    await store.evaluations.recordEvaluations([]);
  });

  it('reports no status for an SLO that failed before it was ever measured', async () => {
    const slo = await store.create(sloWrite(ledger, availabilitySlo('ledger')), alice);
    const t = new Date('2026-11-20T10:00:00.000Z');
    await store.evaluations.recordFailure(slo.id, 'connection refused', t, t);
    const status = (await store.getStatuses([slo.id], t)).get(slo.id)!;
    expect(status).toMatchObject({
      evaluatedAt: null,
      ageSeconds: null,
      sli: null,
      budgetRemaining: null,
      burnRates: [],
      error: 'connection refused',
    });
  });

  it('lists SLOs with their status in one query, filtered by owner, line of business and entity', async () => {
    const measured = await store.create(sloWrite(ledger, availabilitySlo('ledger')), alice);
    await store.create(
      sloWrite('component:default/search', availabilitySlo('search'), {
        ownerRef: 'group:default/team-data',
        lineOfBusiness: 'lending',
      }),
      alice,
    );
    const t = new Date('2026-11-20T10:00:00.000Z');
    await store.evaluations.recordEvaluation(
      measured.id,
      {
        evaluatedAt: t,
        sli: 0.9995,
        budgetRemaining: 0.5,
        burnRates: [{ window: '1h', rate: 0.5 }],
        alertState: 'ok',
        timeToExhaustionSeconds: null,
      },
      t,
    );
    const names = async (filter: Parameters<DatabaseSloStore['listWithStatus']>[0]) =>
      (await store.listWithStatus(filter, t)).map(r => r.slo.entityRef);

    const all = await store.listWithStatus({}, new Date(t.getTime() + 30_000));
    expect(all.map(r => r.slo.entityRef)).toEqual([ledger, 'component:default/search']);
    expect(all[0]!.slo.definition.indicator).toEqual(availabilitySlo('ledger').indicator);
    expect(all[0]!.status).toMatchObject({ sli: 0.9995, budgetRemaining: 0.5, ageSeconds: 30 });
    expect(all[1]!.status).toBeUndefined();
    expect(await names({ ownerRef: 'group:default/team-data' })).toEqual([
      'component:default/search',
    ]);
    expect(await names({ lineOfBusiness: 'payments' })).toEqual([ledger]);
    expect(await names({ entityRef: ledger, lineOfBusiness: 'lending' })).toEqual([]);
  });
});
