import { mockServices, TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import type { RunbookAuditRecord } from '@headroom/core';
import { RunbookStore } from './RunbookStore';
import { auditRecord, awaitingRecord } from './test-factory';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const T = 1_796_000_000;

describe.each(databases.eachSupportedId())('RunbookStore (%s)', (databaseId: TestDatabaseId) => {
  let store: RunbookStore;

  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({ knex, migrations: { skip: false } });
    store = await RunbookStore.create({ database });
  });

  const add = (
    id: string,
    entityRef: string,
    record: RunbookAuditRecord,
    incidentId: string | null,
  ) =>
    store.add({
      id,
      entityRef,
      incidentId,
      record,
      recordedBy: 'user:default/hana.mori',
      recordedAt: T + 500,
    });

  it('keeps the audit record whole and lists by entity, incident and period, oldest first', async () => {
    await add(
      '00000000-0000-4000-8000-000000000002',
      'component:default/wallet-api',
      auditRecord(T + 100),
      'abc-1',
    );
    await add(
      '00000000-0000-4000-8000-000000000001',
      'component:default/wallet-api',
      auditRecord(T),
      null,
    );
    await add(
      '00000000-0000-4000-8000-000000000003',
      'component:default/ledger',
      auditRecord(T + 50, 'ledger'),
      'abc-1',
    );
    const wallet = await store.list({ entityRef: 'component:default/wallet-api' });
    expect(wallet.map(r => r.record.startedAt)).toEqual([T, T + 100]);
    expect(wallet[1]).toEqual({
      id: '00000000-0000-4000-8000-000000000002',
      entityRef: 'component:default/wallet-api',
      incidentId: 'abc-1',
      record: auditRecord(T + 100),
      recordedBy: 'user:default/hana.mori',
      recordedAt: T + 500,
      approvals: [],
    });
    expect((await store.list({ incidentId: 'abc-1' })).map(r => r.record.service)).toEqual([
      'ledger',
      'wallet-api',
    ]);
    expect((await store.list({ from: T + 50, to: T + 100 })).map(r => r.record.service)).toEqual([
      'ledger',
    ]);
    expect(await store.get('00000000-0000-4000-8000-00000000ffff')).toBeUndefined();
  });

  it('keeps the first approval of an action', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    expect(
      await store.approve(id, { action: 'roll-back', by: 'user:default/hana.mori', at: T + 600 }),
    ).toBe(true);
    expect(
      await store.approve(id, { action: 'roll-back', by: 'user:default/chen.wei', at: T + 700 }),
    ).toBe(false);
    expect((await store.get(id))!.approvals).toEqual([
      { action: 'roll-back', by: 'user:default/hana.mori', at: T + 600 },
    ]);
  });

  it('rewrites only a run that still waits for approval', async () => {
    const id = '00000000-0000-4000-8000-000000000004';
    await add(id, 'component:default/wallet-api', awaitingRecord(T + 200), null);
    expect(await store.update(id, auditRecord(T + 200))).toBe(true);
    const done = (await store.get(id))!;
    expect(done.record).toEqual(auditRecord(T + 200));
    // The columns the lists filter on follow the record.
    expect((await store.list({ from: T + 200, to: T + 201 })).map(r => r.record.result)).toEqual([
      'recovered',
    ]);
    // Ended: written once, never again.
    expect(await store.update(id, awaitingRecord(T + 200))).toBe(false);
    expect((await store.get(id))!.record.result).toBe('recovered');
  });
});
