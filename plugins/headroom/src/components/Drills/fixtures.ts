import type { DrillRun, DrillWeakLinks, EntityDrills } from '../../api';

/** A run as the backend serves it; times are the record's, numbers as core computed them. */
export function drillRun(overrides: {
  id: string;
  verdict?: 'Pass' | 'Fail';
  ttd?: number | null;
  ttr?: number | null;
  score?: number;
  startedAt?: string;
  incidents?: DrillRun['incidents'];
}): DrillRun {
  const ttd = overrides.ttd === undefined ? 42 : overrides.ttd;
  const ttr = overrides.ttr === undefined ? 130 : overrides.ttr;
  return {
    id: overrides.id,
    entityRef: 'component:default/fiat-onramp',
    source: 'cli',
    recordedBy: 'user:default/hana.mori',
    record: {
      drill: 'fiat-onramp-slow-deposits',
      service: 'fiat-onramp',
      slo: 'availability',
      verdict: overrides.verdict ?? 'Pass',
      summary:
        overrides.verdict === 'Fail'
          ? 'The hypothesis did not hold: page alert within 1m30s: no alert fired.'
          : 'The hypothesis held: deposits page within 90 s.',
      startedAt: overrides.startedAt ?? '2027-01-14T10:00:00Z',
      faultStartedAt: '2027-01-14T10:00:05Z',
      faultEndedAt: '2027-01-14T10:01:05Z',
      endedAt: '2027-01-14T10:04:00Z',
      probes: [],
      detection: {
        expected: true,
        alertFiredAt: ttd === null ? null : '2027-01-14T10:00:47Z',
        ttdSeconds: ttd,
        withinTarget: ttd !== null && ttd <= 90,
      },
      recovery: {
        expected: true,
        recoveredAt: ttr === null ? null : '2027-01-14T10:02:15Z',
        ttrSeconds: ttr,
        withinTarget: ttr !== null && ttr <= 240,
      },
      aborted: null,
      budgetSpent: 0.0213,
      resilienceScore: overrides.score ?? 100,
    },
    faults: [{ type: 'latency', target: 'fiat-onramp', weight: 6 }],
    alertSeverity: 'page',
    dependants: [],
    incidents: overrides.incidents ?? [],
  };
}

export function entityDrills(overrides: Partial<EntityDrills> = {}): EntityDrills {
  const runs = [
    drillRun({
      id: 'r1',
      startedAt: '2027-01-13T10:00:00Z',
      incidents: [{ id: 'a1b2-1799834447', severity: 'P2', impactStart: '2027-01-13T10:00:20Z' }],
    }),
    drillRun({ id: 'r2', verdict: 'Fail', ttd: null, score: 75 }),
  ];
  return {
    entityRef: 'component:default/fiat-onramp',
    from: '2026-12-15T12:00:00Z',
    to: '2027-01-14T12:00:00Z',
    file: '/catalog/fiat-onramp/drills.yaml',
    problems: [],
    drills: [
      {
        name: 'fiat-onramp-slow-deposits',
        slo: 'availability',
        hypothesis: 'Slow deposits page within 90 s.',
        faults: [{ type: 'latency', target: 'fiat-onramp', weight: 6 }],
        schedule: { cron: '0 11 * * 3', at: [], minBudgetRemaining: 0.5 },
        held: {
          at: '2027-01-07T11:00:00Z',
          reason: 'the error budget left 31.0 % is below the floor 50.0 %',
        },
      },
    ],
    runs,
    resilience: { key: 'fiat-onramp', score: 87.5, points: [] },
    ...overrides,
  };
}

export function weakLinksReport(overrides: Partial<DrillWeakLinks> = {}): DrillWeakLinks {
  return {
    from: '2026-12-15T12:00:00Z',
    to: '2027-01-14T12:00:00Z',
    lineOfBusiness: null,
    failedDrills: [
      {
        service: 'fiat-onramp',
        drill: 'fiat-onramp-slow-deposits',
        at: '2027-01-14T10:00:00Z',
        verdict: 'Fail',
        misses: ['hypothesis', 'detection'],
        summary: 'The hypothesis did not hold.',
      },
    ],
    undrilled: [
      { service: 'ledger', lastDrillAt: null },
      { service: 'wallet-api', lastDrillAt: '2026-11-30T10:00:00Z' },
    ],
    spreading: [
      {
        dependency: 'ledger',
        dependant: 'order-gateway',
        slo: 'availability',
        path: ['order-gateway', 'matching-engine', 'ledger'],
        drill: 'ledger-outage',
        at: '2027-01-12T10:00:00Z',
        runs: 1,
        detail: 'burn rate over the fault 14, before it 0.3',
      },
    ],
    silentAlerts: [
      {
        service: 'fiat-onramp',
        slo: 'availability',
        severity: 'page',
        drills: ['fiat-onramp-slow-deposits'],
        runs: 2,
      },
    ],
    ...overrides,
  };
}
