import { mockServices, TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { alertKey, type ReceivedAlert } from '@headroom/core';
import { IncidentStore } from './IncidentStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database({ knex, migrations: { skip: false } });
  return { knex, store: await IncidentStore.create({ database }) };
}

const T = 1_796_000_000;

function alert(
  fingerprint: string,
  startsAt: number,
  endsAt: number | null,
  receivedAt: number,
): ReceivedAlert {
  return {
    key: alertKey(fingerprint, startsAt),
    fingerprint,
    labels: { alertname: 'SloErrorBudgetBurn', sloth_service: 'ledger', sloth_slo: 'availability' },
    annotations: { summary: 'burn' },
    startsAt,
    endsAt,
    receivedAt,
  };
}

describe.each(databases.eachSupportedId())('IncidentStore (%s)', databaseId => {
  let store: IncidentStore;
  let knex: Awaited<ReturnType<typeof createStore>>['knex'];

  beforeAll(async () => {
    ({ store, knex } = await createStore(databaseId));
  });

  afterEach(async () => {
    for (const t of [
      'headroom_incident_alerts',
      'headroom_incident_acks',
      'headroom_deploys',
      'headroom_incident_impacts',
    ]) {
      await knex(t).del();
    }
  });

  it('stores an alert once per fingerprint and start, keeps the first reception, and takes a resolution once', async () => {
    expect(await store.receive([alert('f1', T, null, T + 5), alert('f1', T, null, T + 5)])).toEqual(
      {
        created: 1,
        resolved: 0,
      },
    );
    expect(
      await store.receive([alert('f1', T, null, T + 65), alert('f2', T + 10, null, T + 65)]),
    ).toEqual({
      created: 1,
      resolved: 0,
    });
    expect(await store.receive([alert('f1', T, T + 600, T + 605)])).toEqual({
      created: 0,
      resolved: 1,
    });
    // Re-sent resolution and a late firing repeat: nothing changes.
    expect(
      await store.receive([alert('f1', T, T + 600, T + 700), alert('f1', T, null, T + 710)]),
    ).toEqual({
      created: 0,
      resolved: 0,
    });
    // The same fingerprint firing again later is a new alert.
    expect(await store.receive([alert('f1', T + 3600, null, T + 3605)])).toEqual({
      created: 1,
      resolved: 0,
    });
    expect(await store.count()).toBe(3);
    const all = await store.alerts();
    expect(all.map(a => [a.fingerprint, a.startsAt, a.endsAt, a.receivedAt])).toEqual([
      ['f1', T, T + 600, T + 5],
      ['f2', T + 10, null, T + 65],
      ['f1', T + 3600, null, T + 3605],
    ]);
    expect(all[0]!.labels).toEqual({
      alertname: 'SloErrorBudgetBurn',
      sloth_service: 'ledger',
      sloth_slo: 'availability',
    });
  });

  it('stores a batch larger than one INSERT without loss', async () => {
    const batch = Array.from({ length: 1000 }, (_, i) => alert(`b${i}`, T + i, null, T + 2000));
    expect(await store.receive(batch)).toEqual({ created: 1000, resolved: 0 });
    expect(await store.receive(batch)).toEqual({ created: 0, resolved: 0 });
    expect(await store.count()).toBe(1000);
  });

  it('reads the alerts that may belong to a period: open ones, and ended ones not before it', async () => {
    await store.receive([
      alert('old', T - 10_000, T - 9000, T),
      alert('open', T - 10_000, null, T),
      alert('recent', T - 100, T + 100, T),
      alert('future', T + 10_000, null, T),
    ]);
    const got = await store.alerts({ from: T, to: T + 5000, margin: 3600 });
    expect(got.map(a => a.fingerprint).sort()).toEqual(['open', 'recent']);
    expect((await store.alertsByFingerprints(['old'])).map(a => a.startsAt)).toEqual([T - 10_000]);
  });

  it('keeps acks, deploys and computed impacts', async () => {
    await store.addAck('f1-1', { fingerprint: 'f1', at: T + 90, by: 'user:default/hana.mori' });
    expect(await store.acks(['f1'])).toEqual([
      { fingerprint: 'f1', at: T + 90, by: 'user:default/hana.mori' },
    ]);
    expect(await store.acks(['f2'])).toEqual([]);
    await store.addDeploy({ service: 'ledger', at: T, version: 'v2' }, 'ci');
    await store.addDeploy({ service: 'ledger', at: T + 5000 }, 'ci');
    expect(await store.deploys({ from: T, to: T + 1000 })).toEqual([
      { service: 'ledger', at: T, version: 'v2' },
    ]);
    await store.saveImpact('f1-1', { impactStart: T - 60, mitigatedAt: null }, T + 1000);
    await store.saveImpact('f1-1', { impactStart: T - 60, mitigatedAt: T + 300 }, T + 2000);
    expect(await store.impacts(['f1-1', 'f9-9'])).toEqual(
      new Map([['f1-1', { impactStart: T - 60, mitigatedAt: T + 300 }]]),
    );
  });
});
