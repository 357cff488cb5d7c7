import type { ReleaseGateResult } from '@headroom/plugin-headroom-common';
import { type SloFacts, summaryItem } from './summary';

export interface ReleaseGatePolicy {
  minBudgetRemaining: number;
  maxStatusAgeSeconds: number;
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`;
}

/**
 * Allow a release only when every SLO of the entity has a fresh status, no firing page alert
 * and more budget left than the policy's minimum. An entity without SLOs is allowed, with a
 * reason saying so: the gate protects budgets, it does not demand that they exist.
 */
export function decideRelease(
  entityRef: string,
  slos: SloFacts[],
  policy: ReleaseGatePolicy,
): ReleaseGateResult {
  const reasons: string[] = [];
  let deny = false;
  if (slos.length === 0) {
    reasons.push(`${entityRef} has no SLOs; nothing to protect`);
  }
  for (const s of slos) {
    const label = `SLO '${s.name}'`;
    const status = s.status;
    if (!status || status.evaluatedAt === null) {
      deny = true;
      reasons.push(
        `${label} has not been evaluated yet${status?.error ? `: ${status.error}` : ''}`,
      );
      continue;
    }
    if (status.ageSeconds !== null && status.ageSeconds > policy.maxStatusAgeSeconds) {
      deny = true;
      reasons.push(
        `${label}: status is ${Math.round(status.ageSeconds)} s old (limit ${policy.maxStatusAgeSeconds} s)${status.error ? `; last error: ${status.error}` : ''}`,
      );
    }
    if (status.budgetRemaining === null) {
      deny = true;
      reasons.push(`${label}: no traffic in the window, budget unknown`);
    } else if (status.budgetRemaining <= policy.minBudgetRemaining) {
      deny = true;
      reasons.push(
        `${label}: error budget remaining ${percent(status.budgetRemaining)} is at or below the minimum ${percent(policy.minBudgetRemaining)}`,
      );
    } else {
      reasons.push(`${label}: error budget remaining ${percent(status.budgetRemaining)}`);
    }
    if (status.alertState === 'page') {
      deny = true;
      reasons.push(`${label}: a page burn-rate alert is firing`);
    }
  }
  return { decision: deny ? 'deny' : 'allow', entityRef, reasons, slos: slos.map(summaryItem) };
}
