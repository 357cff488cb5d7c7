import type { GuardrailDecision } from './guardrails';
import type { Finding, RunbookActionType } from './types';

/** One action the diagnosis chose, what the guardrails said, what ran and whether it worked. */
export interface ActionRecord {
  action: string;
  type: RunbookActionType;
  decision: GuardrailDecision;
  /** Unix seconds when it was sent; null when it did not run. */
  startedAt: number | null;
  outcome: 'succeeded' | 'failed' | 'not-run';
  /** What the adapter did or would do (a request, a patch), or why it failed. */
  detail: string;
  /**
   * The person who approved a risky action while the run waited, and when (unix seconds);
   * absent for actions that needed no approval or got none.
   */
  approval?: { by: string; at: number };
  /** Whether the SLI came back after it; null when it did not run. */
  verification: {
    verdict: 'recovered' | 'timed-out';
    recoveredAt: number | null;
    deadline: number;
  } | null;
}

export type RunbookRunResult =
  'recovered' | 'escalated' | 'dry-run' | 'awaiting-approval' | 'refused' | 'not-triggered';

/** The audit log entry of one run: who or what triggered it, findings, what ran, the result. */
export interface RunbookAuditRecord {
  runbook: string;
  service: string;
  slo: string;
  mode: 'live' | 'dry-run';
  trigger: {
    /** An alert's name, or the person or system that started the run. */
    by: string;
    labels: Record<string, string>;
    /** When the alert became active (unix seconds); null without one. */
    firedAt: number | null;
  };
  startedAt: number;
  endedAt: number;
  findings: Finding[];
  /** Actions the diagnosis chose, in order. */
  chosen: string[];
  actions: ActionRecord[];
  result: RunbookRunResult;
  /** Impact start (1-minute error ratio above the allowed ratio), detection and recovery. */
  times: {
    impactStartedAt: number | null;
    detectedAt: number | null;
    recoveredAt: number | null;
    ttdSeconds: number | null;
    ttrSeconds: number | null;
  };
  /** When the run hands over to people: why, and everything tried. */
  escalation: { reason: string; tried: string[] } | null;
  summary: string;
}

/** The run's result and escalation from what its actions met; pure, so every surface agrees. */
export function runResult(
  actions: readonly ActionRecord[],
  chosen: readonly string[],
): { result: RunbookRunResult; escalation: RunbookAuditRecord['escalation']; summary: string } {
  const tried = actions.filter(a => a.outcome !== 'not-run').map(a => a.action);
  const recovered = actions.find(a => a.verification?.verdict === 'recovered');
  if (recovered) {
    return {
      result: 'recovered',
      escalation: null,
      summary: `Recovered by ${recovered.action} after trying ${tried.join(', ')}.`,
    };
  }
  if (chosen.length === 0) {
    return {
      result: 'escalated',
      escalation: { reason: 'the diagnosis chose no action', tried },
      summary: 'No action fits the findings: escalated to people.',
    };
  }
  // A risky action nobody approved before the deadline: people take over.
  const unapproved = actions.filter(
    a => a.decision.guardrail === 'approval' && a.decision.verdict === 'refuse',
  );
  if (tried.length === 0 && unapproved.length > 0) {
    const reason = unapproved.map(a => a.decision.reason).join('; ');
    return {
      result: 'escalated',
      escalation: { reason, tried },
      summary: `Not approved in time: escalated to people (${reason}).`,
    };
  }
  if (tried.length === 0) {
    const verdicts = new Set(actions.map(a => a.decision.verdict));
    if (verdicts.has('dry-run')) {
      const would = actions.filter(a => a.decision.verdict === 'dry-run').map(a => a.action);
      return {
        result: 'dry-run',
        escalation: null,
        summary: `Dry run: would have run ${would.join(', ')}; nothing was changed.`,
      };
    }
    if (verdicts.has('await-approval')) {
      const waiting = actions.filter(a => a.decision.verdict === 'await-approval');
      return {
        result: 'awaiting-approval',
        escalation: { reason: waiting.map(a => a.decision.reason).join('; '), tried },
        summary: `Waiting for approval of ${waiting.map(a => a.action).join(', ')}.`,
      };
    }
    const reasons = actions.map(a => `${a.action}: ${a.decision.reason}`);
    return {
      result: 'refused',
      escalation: { reason: reasons.join('; '), tried },
      summary: `Every chosen action was held back by a guardrail: ${reasons.join('; ')}.`,
    };
  }
  const last = actions.filter(a => a.outcome !== 'not-run').at(-1)!;
  const reason =
    last.outcome === 'failed'
      ? `${last.action} failed: ${last.detail}`
      : `no recovery within ${last.verification ? last.verification.deadline - last.startedAt! : 0} s of ${last.action}`;
  return {
    result: 'escalated',
    escalation: { reason, tried },
    summary: `Not recovered after ${tried.join(', ')}: escalated to people (${reason}).`,
  };
}
