import { mockServices, TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ChangeStore, type StoredChange } from './ChangeStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database({ knex, migrations: { skip: false } });
  return { knex, store: await ChangeStore.create({ database }) };
}

const T = 1_796_000_000;

const change = (id: string, entity: string, startedAt: number): StoredChange => ({
  id,
  entityRef: `component:default/${entity}`,
  service: entity,
  lineOfBusiness: 'custody',
  version: 'v2',
  kind: 'canary',
  startedAt,
  watchSeconds: 1800,
  state: 'live',
  assessment: null,
  target: { namespace: 'custody', name: entity },
  source: 'user:default/hana.mori',
});

describe.each(databases.eachSupportedId())('ChangeStore (%s)', databaseId => {
  let store: ChangeStore;

  beforeAll(async () => {
    ({ store } = await createStore(databaseId));
    await store.add(change('c2', 'ledger', T + 60.5));
    await store.add(change('c1', 'wallet-api', T));
    await store.add(change('c3', 'ledger', T + 7200));
  });

  it('lists changes by start and entity, times kept to the fraction', async () => {
    expect((await store.list()).map(c => c.id)).toEqual(['c1', 'c2', 'c3']);
    expect(
      await store.list({ from: T + 1, to: T + 7200, entityRef: 'component:default/ledger' }),
    ).toEqual([change('c2', 'ledger', T + 60.5)]);
    expect(await store.get('c9')).toBeUndefined();
  });

  it('moves a change out of live once, whoever else tries', async () => {
    expect(await store.transition('c1', 'live', 'rolled-back')).toBe(true);
    expect(await store.transition('c1', 'live', 'promoted')).toBe(false);
    expect((await store.get('c1'))!.state).toBe('rolled-back');
    expect((await store.live()).map(c => c.id)).toEqual(['c2', 'c3']);
  });

  it('keeps verdicts and rollbacks per change in time order', async () => {
    await store.addVerdict('c2', {
      at: T + 300,
      classification: 'Fail',
      score: 33.33,
      source: 'prometheus',
      verdict: { score: 33.33 },
    });
    await store.addVerdict('c2', {
      at: T + 120,
      classification: 'Pass',
      score: 100,
      source: 'posted',
      verdict: { score: 100 },
    });
    await store.addRollback('c2', {
      at: T + 301,
      reason: 'roll back: the canary verdict is Fail with score 33.33',
      trigger: { kind: 'canary', at: T + 300, classification: 'Fail', score: 33.33 },
      action: 'simulator',
      outcome: 'sent',
      detail: { status: 200 },
    });
    const verdicts = await store.verdicts(['c2', 'c3']);
    expect(verdicts.get('c2')!.map(v => [v.classification, v.score, v.source])).toEqual([
      ['Pass', 100, 'posted'],
      ['Fail', 33.33, 'prometheus'],
    ]);
    expect(verdicts.has('c3')).toBe(false);
    expect((await store.rollbacks(['c2'])).get('c2')).toEqual([
      {
        at: T + 301,
        reason: 'roll back: the canary verdict is Fail with score 33.33',
        trigger: { kind: 'canary', at: T + 300, classification: 'Fail', score: 33.33 },
        action: 'simulator',
        outcome: 'sent',
        detail: { status: 200 },
      },
    ]);
  });
});
