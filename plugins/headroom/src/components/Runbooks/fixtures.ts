import type { EntityRunbooks, RunbookLobCoverage, RunbookRecovery, RunbookRun } from '../../api';

/** 2026-12-07T10:00:00Z in unix seconds: the records' clock. */
export const T0 = 1796637600;

/**
 * wallet-api's bad version: impact at T0, the page at T0+40 (TTD 40 s), the run diagnoses the
 * change v42 and rolls it back; the SLI is back at T0+130 (TTR 130 s).
 */
export function recoveredRun(overrides: Partial<RunbookRun> = {}): RunbookRun {
  return {
    id: 'run-1',
    entityRef: 'component:default/wallet-api',
    incidentId: 'inc-open',
    recordedBy: 'user:default/ana',
    recordedAt: '2026-12-07T10:02:20Z',
    approvals: [],
    record: {
      runbook: 'wallet-api-bad-release',
      service: 'wallet-api',
      slo: 'availability',
      mode: 'live',
      trigger: { by: 'SloErrorBudgetBurn', labels: { sloth_severity: 'page' }, firedAt: T0 + 40 },
      startedAt: T0 + 45,
      endedAt: T0 + 135,
      findings: [
        {
          step: 'error-ratio',
          kind: 'query',
          holds: true,
          value: 0.31,
          detail: 'error ratio 0.31 > 0.05',
        },
        {
          step: 'recent-change',
          kind: 'recentChanges',
          holds: true,
          value: null,
          detail: 'wallet-api deployed v42 4 min before the impact',
        },
      ],
      chosen: ['rollback'],
      actions: [
        {
          action: 'rollback',
          type: 'rollback',
          decision: { verdict: 'run', guardrail: 'none', reason: 'no guardrail held it back' },
          startedAt: T0 + 50,
          outcome: 'succeeded',
          detail: 'POST /control/services/wallet-api/rollback',
          verification: { verdict: 'recovered', recoveredAt: T0 + 130, deadline: T0 + 350 },
        },
      ],
      result: 'recovered',
      times: {
        impactStartedAt: T0,
        detectedAt: T0 + 40,
        recoveredAt: T0 + 130,
        ttdSeconds: 40,
        ttrSeconds: 130,
      },
      escalation: null,
      summary: 'Recovered by rollback after trying rollback.',
    },
    ...overrides,
  };
}

/** A run held for a person: its restart is marked risky and nobody approved it yet. */
export function waitingRun(): RunbookRun {
  const base = recoveredRun();
  return {
    ...base,
    id: 'run-2',
    incidentId: 'inc-2',
    recordedAt: '2026-12-07T11:00:00Z',
    record: {
      ...base.record,
      startedAt: T0 + 3600,
      endedAt: T0 + 3605,
      chosen: ['restart'],
      actions: [
        {
          action: 'restart',
          type: 'restart',
          decision: {
            verdict: 'await-approval',
            guardrail: 'approval',
            reason: 'restart is marked risky and has no approval',
          },
          startedAt: null,
          outcome: 'not-run',
          detail: 'POST /control/services/wallet-api/restart',
          verification: null,
        },
      ],
      result: 'awaiting-approval',
      times: {
        impactStartedAt: T0 + 3550,
        detectedAt: T0 + 3590,
        recoveredAt: null,
        ttdSeconds: 40,
        ttrSeconds: null,
      },
      escalation: { reason: 'restart is marked risky and has no approval', tried: [] },
      summary: 'Waiting for approval of restart.',
    },
  };
}

/**
 * Two runs: one recovered (of one that acted, success rate 1/1 = 100 %), one waiting; two SLO
 * alerts, the page covered and the ticket not (1 of 2, 50 %).
 */
export function entityRunbooks(overrides: Partial<EntityRunbooks> = {}): EntityRunbooks {
  return {
    entityRef: 'component:default/wallet-api',
    from: '2026-11-07T12:00:00Z',
    to: '2026-12-07T12:00:00Z',
    summary: {
      runs: 2,
      live: 1,
      recovered: 1,
      escalated: 0,
      dryRuns: 0,
      heldBack: 1,
      successRate: 1,
      medianTtrSeconds: 130,
      medianTtdSeconds: 40,
      lastRunAt: '2026-12-07T11:00:00Z',
    },
    runs: [recoveredRun(), waitingRun()],
    definitions: {
      file: 'runbooks.yaml',
      runbooks: [
        { name: 'wallet-api-bad-release', slo: 'availability', actions: ['rollback', 'restart'] },
      ],
      problems: [],
    },
    coverage: {
      alerts: [
        {
          service: 'wallet-api',
          alertname: 'SloErrorBudgetBurn',
          runbooks: ['wallet-api-bad-release'],
        },
        { service: 'wallet-api', alertname: 'SloErrorBudgetBurn', runbooks: [] },
      ],
      covered: 1,
      share: 0.5,
    },
    ...overrides,
  };
}

/**
 * Four incidents: one a runbook recovered in 130 s, three people recovered in 600, 900 and
 * 1500 s (mean 1000 s = 16.7 min); auto share 1/4 = 25 %; time saved 1000 − 130 = 870 s.
 */
export function recovery(overrides: Partial<RunbookRecovery> = {}): RunbookRecovery {
  return {
    from: '2026-11-07T12:00:00Z',
    to: '2026-12-07T12:00:00Z',
    lineOfBusiness: null,
    incidents: 4,
    autoRecovered: { count: 1, ttr: { mean: 130, p50: 130, p90: 130 } },
    manual: { count: 3, ttr: { mean: 1000, p50: 900, p90: 1380 } },
    autoRecoveredShare: 0.25,
    timeSavedSeconds: 870,
    ...overrides,
  };
}

/**
 * Coverage of every line of business: wallet-api's page has a runbook, its ticket and ledger's
 * two alerts have none (1 of 4, 25 %; wallet-api 1 of 2, ledger 0 of 2).
 */
export function lobCoverage(overrides: Partial<RunbookLobCoverage> = {}): RunbookLobCoverage {
  const alert = (service: string, runbooks: string[]) => ({
    service,
    alertname: 'SloErrorBudgetBurn',
    runbooks,
  });
  return {
    lineOfBusiness: null,
    alerts: [
      alert('ledger', []),
      alert('ledger', []),
      alert('wallet-api', ['wallet-api-bad-release']),
      alert('wallet-api', []),
    ],
    covered: 1,
    share: 0.25,
    services: [
      { service: 'ledger', alerts: 2, covered: 0, share: 0 },
      { service: 'wallet-api', alerts: 2, covered: 1, share: 0.5 },
    ],
    problems: [],
    ...overrides,
  };
}
