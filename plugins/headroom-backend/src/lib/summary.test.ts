import type { SloStatus } from '@headroom/plugin-headroom-common';
import { decideRelease } from './releaseGate';
import { entitySummary, rollup, type SloFacts } from './summary';

function status(partial: Partial<SloStatus>): SloStatus {
  return {
    sloId: 'x',
    evaluatedAt: '2026-11-20T10:00:00.000Z',
    ageSeconds: 30,
    sli: null,
    budgetRemaining: null,
    burnRates: [],
    alertState: 'ok',
    timeToExhaustionSeconds: null,
    lastAttemptAt: '2026-11-20T10:00:00.000Z',
    error: null,
    ...partial,
  };
}

function facts(partial: Partial<SloFacts> & Pick<SloFacts, 'entityRef' | 'name'>): SloFacts {
  return {
    displayName: null,
    objective: 0.999,
    window: '30d',
    ownerRef: 'group:default/team-payments',
    lineOfBusiness: 'payments',
    status: undefined,
    ...partial,
  };
}

const ledgerAvailability = facts({
  entityRef: 'component:default/ledger',
  name: 'availability',
  status: status({
    sli: 0.9995,
    budgetRemaining: 0.5,
    burnRates: [
      { window: '1h', rate: 0.4 },
      { window: '6h', rate: 0.8 },
    ],
  }),
});
const ledgerLatency = facts({
  entityRef: 'component:default/ledger',
  name: 'latency',
  objective: 0.99,
  status: status({
    sli: 0.985,
    budgetRemaining: -0.5,
    burnRates: [{ window: '1h', rate: 3 }],
    alertState: 'page',
  }),
});
const walletAvailability = facts({
  entityRef: 'component:default/wallet-api',
  name: 'availability',
  ownerRef: 'group:default/team-custody',
  lineOfBusiness: 'custody',
  status: status({ sli: 0.9991, budgetRemaining: 0.1, burnRates: [{ window: '1h', rate: null }] }),
});
const neverEvaluated = facts({
  entityRef: 'component:default/card-issuing',
  name: 'availability',
  lineOfBusiness: null,
});

describe('entitySummary', () => {
  it('counts compliant SLOs and takes the least budget and the worst burn', () => {
    const summary = entitySummary('component:default/ledger', [ledgerAvailability, ledgerLatency]);
    expect(summary).toMatchObject({
      sloCount: 2,
      compliantCount: 1,
      budgetRemainingMin: -0.5,
      worstBurnRate: 3,
    });
    expect(summary.slos.map(s => [s.name, s.sli, s.alertState])).toEqual([
      ['availability', 0.9995, 'ok'],
      ['latency', 0.985, 'page'],
    ]);
  });
});

describe('rollup', () => {
  const all = [ledgerAvailability, ledgerLatency, walletAvailability, neverEvaluated];

  it('groups by line of business with compliance over evaluated SLOs only', () => {
    expect(rollup(all, s => s.lineOfBusiness)).toEqual([
      {
        key: 'custody',
        sloCount: 1,
        evaluatedCount: 1,
        compliantCount: 1,
        compliance: 1,
        budgetRemainingMin: 0.1,
        budgetRemainingMean: 0.1,
        worstBurnRate: null,
        worstSlo: null,
      },
      {
        key: 'payments',
        sloCount: 2,
        evaluatedCount: 2,
        compliantCount: 1,
        compliance: 0.5,
        budgetRemainingMin: -0.5,
        budgetRemainingMean: 0,
        worstBurnRate: 3,
        worstSlo: 'component:default/ledger#latency',
      },
      {
        key: 'unassigned',
        sloCount: 1,
        evaluatedCount: 0,
        compliantCount: 0,
        compliance: null,
        budgetRemainingMin: null,
        budgetRemainingMean: null,
        worstBurnRate: null,
        worstSlo: null,
      },
    ]);
  });

  it('groups by owner', () => {
    expect(rollup(all, s => s.ownerRef).map(r => [r.key, r.sloCount, r.compliance])).toEqual([
      ['group:default/team-custody', 1, 1],
      ['group:default/team-payments', 3, 0.5],
    ]);
  });
});

describe('decideRelease', () => {
  const policy = { minBudgetRemaining: 0, maxStatusAgeSeconds: 900 };

  it('allows when every SLO is fresh, has budget left and no page is firing', () => {
    const result = decideRelease('component:default/ledger', [ledgerAvailability], policy);
    expect(result.decision).toBe('allow');
    expect(result.reasons).toEqual(["SLO 'availability': error budget remaining 50.0 %"]);
  });

  it('denies with every reason: budget spent, page firing', () => {
    const result = decideRelease(
      'component:default/ledger',
      [ledgerAvailability, ledgerLatency],
      policy,
    );
    expect(result.decision).toBe('deny');
    expect(result.reasons).toEqual([
      "SLO 'availability': error budget remaining 50.0 %",
      "SLO 'latency': error budget remaining -50.0 % is at or below the minimum 0.0 %",
      "SLO 'latency': a page burn-rate alert is firing",
    ]);
  });

  it('denies on a stale status and names the last error, and on an SLO never evaluated', () => {
    const stale = facts({
      entityRef: 'component:default/ledger',
      name: 'availability',
      status: status({ ageSeconds: 1800, budgetRemaining: 0.7, error: 'Prometheus unreachable' }),
    });
    const result = decideRelease('component:default/ledger', [stale, neverEvaluated], policy);
    expect(result.decision).toBe('deny');
    expect(result.reasons).toEqual([
      "SLO 'availability': status is 1800 s old (limit 900 s); last error: Prometheus unreachable",
      "SLO 'availability': error budget remaining 70.0 %",
      "SLO 'availability' has not been evaluated yet",
    ]);
  });

  it('honours a stricter minimum budget', () => {
    const result = decideRelease('component:default/wallet-api', [walletAvailability], {
      ...policy,
      minBudgetRemaining: 0.25,
    });
    expect(result.decision).toBe('deny');
    expect(result.reasons).toEqual([
      "SLO 'availability': error budget remaining 10.0 % is at or below the minimum 25.0 %",
    ]);
  });

  it('allows an entity without SLOs when the policy says so, and says so', () => {
    expect(
      decideRelease('component:default/fiat-onramp', [], { ...policy, withoutSlos: 'allow' }),
    ).toEqual({
      decision: 'allow',
      entityRef: 'component:default/fiat-onramp',
      rhythm: 'normal',
      reasons: ['component:default/fiat-onramp has no SLOs; nothing to protect'],
      blockers: [],
      policy: {
        minBudgetRemaining: 0,
        cautionBudgetRemaining: 0.25,
        maxStatusAgeSeconds: 900,
        withoutSlos: 'allow',
        denyOnPage: true,
        denyOnTicket: false,
      },
      slos: [],
    });
  });

  it('denies an entity without SLOs under the default policy', () => {
    expect(decideRelease('component:default/fiat-onramp', [], policy)).toMatchObject({
      decision: 'deny',
      rhythm: 'freeze',
      blockers: ['no-slos'],
      reasons: [
        'component:default/fiat-onramp has no SLOs: no error budget can vouch for this release (policy withoutSlos: deny)',
      ],
    });
  });
});
