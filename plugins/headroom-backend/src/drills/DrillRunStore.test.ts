import { mockServices, TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { judgeDrill, type Drill } from '@headroom/core';
import { DrillRunStore, type DrillRunWrite } from './DrillRunStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database({ knex, migrations: { skip: false } });
  return DrillRunStore.create({ database });
}

const T = 1_800_000_000;

const drill = (service: string): Drill => ({
  name: `${service}-errors`,
  service,
  slo: 'availability',
  hypothesis: 'pages within a minute',
  steadyState: [{ kind: 'burnRate', windowSeconds: 300, below: 2 }],
  faults: [{ type: 'errors', target: service, magnitude: 0.5, durationSeconds: 60, weight: 7 }],
  blastRadius: { maxServices: 1 },
  abort: [],
  expect: { alert: { severity: 'page', withinSeconds: 60 } },
  source: { file: 'drills.yaml', docIndex: 0 },
});

function run(service: string, at: number, fired: boolean): DrillRunWrite {
  const steady = [{ term: drill(service).steadyState[0]!, value: 0.5 }];
  return {
    entityRef: `component:default/${service}`,
    source: 'cli',
    recordedBy: 'user:default/ana',
    record: judgeDrill(drill(service), {
      startedAt: at,
      faultStartedAt: at + 5,
      faultEndedAt: at + 65,
      endedAt: at + 400,
      before: steady,
      after: steady,
      ...(fired ? { alertFiredAt: at + 35 } : {}),
      budgetSpent: 0.004,
    }),
    faults: [{ type: 'errors', target: service, weight: 7 }],
    alertSeverity: 'page',
    ...(fired
      ? {}
      : {
          dependants: [
            { service: 'card-issuing', slo: 'availability', steady: false, detail: 'burn 9' },
          ],
        }),
  };
}

describe.each(databases.eachSupportedId())('DrillRunStore (%s)', databaseId => {
  let store: DrillRunStore;

  beforeAll(async () => {
    store = await createStore(databaseId);
  });

  it('keeps runs as written and lists them by entity and start, oldest first', async () => {
    const b = await store.add(run('fiat-onramp', T + 600, false));
    const a = await store.add(run('matching-engine', T, true));
    await store.add(run('matching-engine', T + 7200, true));
    expect(await store.list({ entityRef: 'component:default/fiat-onramp' })).toEqual([b]);
    expect(b.record.verdict).toBe('Fail');
    expect(b.dependants).toEqual([
      { service: 'card-issuing', slo: 'availability', steady: false, detail: 'burn 9' },
    ]);
    const first = await store.list({ from: T, to: T + 3600 });
    expect(first.map(r => r.id)).toEqual([a.id, b.id]);
    expect(first[0]).toEqual(a);
    expect(a.record.detection.ttdSeconds).toBe(30);
    expect(await store.list({ from: T + 3600 })).toHaveLength(1);
  });

  it('keeps the scheduler state per drill, replacing it', async () => {
    const ref = 'component:default/ledger';
    expect(await store.scheduleState(ref, 'ledger-outage')).toBeUndefined();
    await store.saveScheduleState({
      entityRef: ref,
      drill: 'ledger-outage',
      checkedAt: T,
      heldReason: 'a change freeze holds: year end',
      heldAt: T,
    });
    await store.saveScheduleState({
      entityRef: ref,
      drill: 'ledger-outage',
      checkedAt: T + 60,
      heldReason: null,
      heldAt: null,
    });
    expect(await store.scheduleState(ref, 'ledger-outage')).toEqual({
      entityRef: ref,
      drill: 'ledger-outage',
      checkedAt: T + 60,
      heldReason: null,
      heldAt: null,
    });
  });
});
