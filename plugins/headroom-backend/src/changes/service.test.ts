import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { SloStatus } from '@headroom/plugin-headroom-common';
import type { SloStore } from '../database/types';
import type { IncidentService } from '../incidents/service';
import { ChangeStore } from './ChangeStore';
import { ChangeService } from './service';
import type { ChangeSettings } from './settings';

/**
 * The scheduled watch: a page burn on the entity of a live change rolls it back inside the
 * watch window, and only there. The SLO statuses are the evaluator's stored ones (given here).
 */
jest.setTimeout(60_000);

const T = 1_796_000_000;
const ledger = 'component:default/ledger';

function status(alertState: SloStatus['alertState']): SloStatus {
  return {
    sloId: 's1',
    evaluatedAt: new Date(T * 1000).toISOString(),
    ageSeconds: 30,
    sli: 0.98,
    budgetRemaining: 0.4,
    burnRates: [{ window: '5m', rate: 20 } as SloStatus['burnRates'][number]],
    alertState,
    timeToExhaustionSeconds: 3600,
    lastAttemptAt: new Date(T * 1000).toISOString(),
    error: null,
  };
}

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

async function setUp(alertState: SloStatus['alertState']) {
  const knex = await databases.init('SQLITE_3');
  const store = await ChangeStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const facts = [
    {
      entityRef: ledger,
      name: 'availability',
      displayName: null,
      objective: 0.999,
      window: '30d',
      ownerRef: 'group:default/team-payments',
      lineOfBusiness: 'payments',
      status: status(alertState),
    },
  ];
  const slos = {
    listFactsByEntity: async () => facts,
    listByEntity: async () => [],
  } as unknown as SloStore;
  const settings: ChangeSettings = {
    watchSeconds: 1800,
    checkIntervalSeconds: 30,
    rollbackOnMarginal: false,
    action: { type: 'argo', namespace: 'payments' },
    actionTimeoutMs: 1000,
    judgeStepSeconds: 15,
  };
  let now = T;
  const service = new ChangeService({
    store,
    slos,
    catalog: catalogServiceMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'ledger', namespace: 'default' },
          spec: { owner: 'team-payments' },
        },
      ],
    }),
    incidents: { list: async () => [] } as unknown as IncidentService,
    deploys: { addDeploy: async () => {}, deploys: async () => [] },
    prometheus: undefined,
    settings,
    logger: mockServices.logger.mock(),
    now: () => now,
  });
  return { service, store, setNow: (t: number) => (now = t) };
}

describe('ChangeService watch', () => {
  it('rolls a live change back on a page burn, describing the Argo abort', async () => {
    const { service, store } = await setUp('page');
    const entry = await service.record(
      { entityRef: ledger, version: '2.4.0', at: T - 60 },
      { $$type: '@backstage/BackstageCredentials', principal: { type: 'none' } } as never,
      'user:default/hana.mori',
    );
    // The stored page burn weighs in the pre-assessment too: the budget factor is in full.
    expect(entry.change.assessment!.factors.find(f => f.name === 'budget')!.score).toBe(1);
    expect(await service.checkLive()).toBe(1);
    const [rollback] = (await store.rollbacks([entry.change.id])).get(entry.change.id)!;
    expect(rollback).toMatchObject({
      at: T,
      action: 'argo',
      outcome: 'described',
      trigger: { kind: 'page-burn', at: T },
      detail: {
        call: {
          method: 'PATCH',
          url: 'https://kubernetes.default.svc/apis/argoproj.io/v1alpha1/namespaces/payments/rollouts/ledger/status',
          body: { status: { abort: true } },
        },
      },
    });
    expect(rollback!.reason).toContain("a page burn on the entity: SLO 'availability'");
    // Checked again: nothing more to do.
    expect(await service.checkLive()).toBe(0);
  });

  it('leaves changes alone without a page, and after their watch window', async () => {
    const quiet = await setUp('ok');
    const a = await quiet.service.record(
      { entityRef: ledger, version: '2.4.0', at: T - 60 },
      {} as never,
      'ci',
    );
    expect(await quiet.service.checkLive()).toBe(0);
    expect((await quiet.store.get(a.change.id))!.state).toBe('live');

    const paging = await setUp('page');
    const b = await paging.service.record(
      { entityRef: ledger, version: '2.4.0', at: T - 1800 },
      {} as never,
      'ci',
    );
    expect(await paging.service.checkLive()).toBe(0);
    expect((await paging.service.evaluate(b.change.id)).reason).toBe('the watch window has ended');
  });
});
