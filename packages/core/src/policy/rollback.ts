import type { GateSloStatus } from './releaseGate';

/**
 * Whether a live change should be rolled back now: when an SLO of the entity burns its error
 * budget at the page rate (a page burn-rate alert firing), the change is the first suspect and
 * undoing it is the cheapest mitigation. Missing or stale statuses never trigger a rollback:
 * undoing a change on no evidence is a change too.
 */
export interface RollbackDecision {
  rollback: boolean;
  reasons: string[];
}

export function decideRollback(
  statuses: readonly GateSloStatus[],
  subject?: string,
): RollbackDecision {
  const paging = statuses.filter(s => s.ageSeconds !== null && s.firing.includes('page'));
  if (paging.length > 0) {
    return {
      rollback: true,
      reasons: paging.map(s => `${s.name}: a page burn-rate alert is firing; roll the change back`),
    };
  }
  const what = subject ?? 'the entity';
  return {
    rollback: false,
    reasons: [
      statuses.length === 0
        ? `${what} has no SLOs: no burn to roll back on`
        : `no page burn-rate alert on ${what}: no rollback`,
    ],
  };
}
