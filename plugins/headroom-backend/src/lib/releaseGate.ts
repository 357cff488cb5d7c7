import {
  DEFAULT_RELEASE_GATE_POLICY,
  decideRelease as decideWithPolicy,
  type GateSloStatus,
} from '@headroom/core';
import type { ReleaseGateResult } from '@headroom/plugin-headroom-common';
import { type SloFacts, summaryItem } from './summary';

export interface ReleaseGatePolicy {
  minBudgetRemaining: number;
  maxStatusAgeSeconds: number;
}

function gateStatus(s: SloFacts): GateSloStatus {
  const status = s.status;
  const evaluated = Boolean(status && status.evaluatedAt !== null);
  return {
    name: `SLO '${s.name}'`,
    ageSeconds: evaluated ? (status!.ageSeconds ?? 0) : null,
    budgetRemaining: status?.budgetRemaining ?? null,
    firing:
      status?.alertState === 'page' || status?.alertState === 'ticket' ? [status.alertState] : [],
    ...(status?.error ? { error: status.error } : {}),
  };
}

/**
 * The entity's release gate: the error-budget policy of `@headroom/core` (the one `headroom gate`
 * applies in CI) over the stored statuses. Deny when an SLO is not evaluated, stale, without
 * traffic, at or below the minimum budget, or paging; an entity without SLOs is allowed, with a
 * reason saying so.
 */
export function decideRelease(
  entityRef: string,
  slos: SloFacts[],
  policy: ReleaseGatePolicy,
): ReleaseGateResult {
  const decision = decideWithPolicy(
    slos.map(gateStatus),
    {
      ...DEFAULT_RELEASE_GATE_POLICY,
      minBudgetRemaining: policy.minBudgetRemaining,
      cautionBudgetRemaining: Math.max(
        policy.minBudgetRemaining,
        DEFAULT_RELEASE_GATE_POLICY.cautionBudgetRemaining,
      ),
      maxStatusAgeSeconds: policy.maxStatusAgeSeconds,
    },
    entityRef,
  );
  return {
    decision: decision.decision,
    entityRef,
    reasons: decision.reasons,
    slos: slos.map(summaryItem),
  };
}
