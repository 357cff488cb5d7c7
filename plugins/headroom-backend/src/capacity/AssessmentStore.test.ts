import { mockServices, TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { AssessmentStore } from './AssessmentStore';
import { parseAssessmentInputs } from './inputs';
import { assessCapacity } from './model';
import type { AssessmentWrite } from './types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const ledger = 'component:default/ledger';
const hana = 'user:default/hana.mori';

function write(entityRef: string, expectedPeak: number): AssessmentWrite {
  const inputs = parseAssessmentInputs(
    { expectedPeak, usage: { unit: 'cores', baseline: 0.5, perUnit: 0.01 } },
    'test',
  );
  return {
    entityRef,
    ownerRef: 'group:default/team-payments',
    lineOfBusiness: 'payments',
    inputs,
    ...assessCapacity(inputs, new Date('2026-12-01T00:00:00Z')),
    note: null,
  };
}

describe.each(databases.eachSupportedId())('AssessmentStore (%s)', databaseId => {
  let store: AssessmentStore;
  let knex: Awaited<ReturnType<typeof databases.init>>;

  beforeAll(async () => {
    knex = await databases.init(databaseId as TestDatabaseId);
    store = await AssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
  });

  afterEach(async () => {
    await knex('headroom_capacity_assessments').del();
  });

  it('notes when each entity was first seen; the first look is a baseline', async () => {
    const first = new Date('2026-12-01T10:00:00Z');
    const later = new Date('2026-12-03T10:00:00Z');
    await store.recordSightings([ledger, 'component:default/quotes'], first);
    await store.recordSightings([ledger, 'component:default/hand-made', ledger], later);
    await store.recordSightings(['component:default/hand-made'], new Date('2026-12-05T10:00:00Z'));
    const seen = await store.sightings();
    expect(Object.fromEntries(seen)).toEqual({
      [ledger]: { firstSeenAt: first, baseline: true },
      'component:default/quotes': { firstSeenAt: first, baseline: true },
      'component:default/hand-made': { firstSeenAt: later, baseline: false },
    });
    await knex('headroom_entity_sightings').del();
  });

  it('numbers versions per entity and keeps every one, newest first', async () => {
    const t1 = new Date('2026-12-01T10:00:00Z');
    const v1 = await store.add(write(ledger, 200), hana, t1);
    const v2 = await store.add(write(ledger, 300), hana, new Date('2026-12-02T10:00:00Z'));
    const other = await store.add(write('component:default/quotes', 50), hana, t1);
    expect([v1.version, v2.version, other.version]).toEqual([1, 2, 1]);

    const latest = await store.latest(ledger);
    expect(latest?.version).toBe(2);
    expect(latest?.inputs.expectedPeak).toBe(300);
    // (0.5 + 3 + 0.01 × 75) / 0.7 cores, read back from JSON
    expect(latest?.recommendation.needed).toBeCloseTo(4.25 / 0.7, 10);
    expect(latest?.result.capacity.explanation.length).toBeGreaterThan(3);
    expect(latest?.assessedAt.toISOString()).toBe('2026-12-02T10:00:00.000Z');
    expect(latest?.assessedBy).toBe(hana);
    expect(latest?.approvedBy).toBeNull();
    expect((await store.history(ledger)).map(a => a.version)).toEqual([2, 1]);
    expect((await store.get(ledger, 1))?.inputs.expectedPeak).toBe(200);
    expect(await store.latest('component:default/none')).toBeUndefined();

    const all = await store.latestOfAll();
    expect(all.map(a => [a.entityRef, a.version])).toEqual([
      [ledger, 2],
      ['component:default/quotes', 1],
    ]);
  });

  it('approves the latest version once, and no other', async () => {
    await store.add(write(ledger, 200), hana, new Date('2026-12-01T10:00:00Z'));
    await store.add(write(ledger, 300), hana, new Date('2026-12-01T11:00:00Z'));
    await expect(store.approve(ledger, 1, 'user:default/ivan.petrov', new Date())).rejects.toThrow(
      ConflictError,
    );
    const approvedAt = new Date('2026-12-01T12:00:00Z');
    const approved = await store.approve(ledger, 2, 'user:default/ivan.petrov', approvedAt);
    expect(approved.approvedBy).toBe('user:default/ivan.petrov');
    const read = await store.latest(ledger);
    expect(read?.approvedBy).toBe('user:default/ivan.petrov');
    expect(read?.approvedAt?.toISOString()).toBe('2026-12-01T12:00:00.000Z');
    await expect(store.approve(ledger, 2, hana, new Date())).rejects.toThrow(/already approved/);
    await expect(store.approve('component:default/none', 1, hana, new Date())).rejects.toThrow(
      NotFoundError,
    );
  });

  it('never gives two concurrent writers the same version', async () => {
    const results = await Promise.allSettled(
      [200, 300, 400].map(peak => store.add(write(ledger, peak), hana, new Date())),
    );
    const written = results.flatMap(r => (r.status === 'fulfilled' ? [r.value.version] : []));
    const refused = results.flatMap(r => (r.status === 'rejected' ? [r.reason] : []));
    // SQLite serialises the writers; PostgreSQL may let two read the same latest version, and
    // then the primary key refuses the second with a conflict to retry.
    for (const e of refused) expect(e).toBeInstanceOf(ConflictError);
    expect(new Set(written).size).toBe(written.length);
    expect(written.length).toBeGreaterThanOrEqual(1);
    expect((await store.history(ledger)).map(a => a.version).sort()).toEqual([...written].sort());
  });
});
