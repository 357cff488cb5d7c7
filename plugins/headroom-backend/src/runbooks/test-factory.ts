import type { RunbookAuditRecord } from '@headroom/core';

/** A recovered run as `headroom runbook run` prints it: TTD 16 s, TTR 75 s. */
export function auditRecord(startedAt: number, service = 'wallet-api'): RunbookAuditRecord {
  return {
    runbook: `${service}-errors`,
    service,
    slo: 'availability',
    mode: 'live',
    trigger: {
      by: 'alert WalletApiAvailability',
      labels: {
        alertname: 'WalletApiAvailability',
        sloth_service: service,
        sloth_severity: 'page',
      },
      firedAt: startedAt,
    },
    startedAt,
    endedAt: startedAt + 156,
    findings: [
      {
        step: 'recent-deploy',
        kind: 'recentChanges',
        holds: true,
        value: 1,
        detail: `1 change(s); the last: deploy of ${service} 35 s ago (version=v2-bad)`,
        changes: [{ service, at: startedAt - 35, action: 'deploy', detail: { version: 'v2-bad' } }],
      },
    ],
    chosen: ['roll-back', 'restart'],
    actions: [
      {
        action: 'roll-back',
        type: 'rollback',
        decision: { verdict: 'run', guardrail: 'none', reason: 'within every guardrail' },
        startedAt: startedAt + 1,
        outcome: 'succeeded',
        detail: `POST /control/services/${service}/rollback`,
        verification: {
          verdict: 'recovered',
          recoveredAt: startedAt + 59,
          deadline: startedAt + 241,
        },
      },
    ],
    result: 'recovered',
    times: {
      impactStartedAt: startedAt - 16,
      detectedAt: startedAt,
      recoveredAt: startedAt + 59,
      ttdSeconds: 16,
      ttrSeconds: 75,
    },
    escalation: null,
    summary: 'Recovered by roll-back after trying roll-back.',
  };
}

/** The same run stopped at a risky action that needs approval. */
export function awaitingRecord(startedAt: number, service = 'wallet-api'): RunbookAuditRecord {
  const r = auditRecord(startedAt, service);
  return {
    ...r,
    actions: [
      {
        ...r.actions[0]!,
        decision: {
          verdict: 'await-approval',
          guardrail: 'approval',
          reason: 'roll-back is marked risky and has no approval',
        },
        startedAt: null,
        outcome: 'not-run',
        detail: 'roll-back is marked risky and has no approval',
        verification: null,
      },
    ],
    result: 'awaiting-approval',
    times: { ...r.times, recoveredAt: null, ttrSeconds: null },
    escalation: { reason: 'roll-back is marked risky and has no approval', tried: [] },
    summary: 'Waiting for approval of roll-back.',
  };
}
