import type { RightSizingRecommendation, SloState } from '../rightsize';
import { fmt, pct } from '../format';
import type { Notes } from './notes';

export type SloPolicy = RightSizingRecommendation['sloPolicy'];

/**
 * How much the SLO lets right-sizing risk: `freeze` with the budget spent (no cuts), `conservative`
 * with little budget left or a burn above 1, else `normal`. Explains the choice either way.
 */
export function sloPolicy(slo: SloState | undefined, lowBudget: number, notes: Notes): SloPolicy {
  if (!slo) return 'normal';
  const rem = slo.budgetRemaining;
  const burn = slo.burnRate ?? null;
  if (rem !== null && rem <= 0) {
    notes.explanation.push(
      `SLO ${slo.name}: error budget spent (${pct(rem)} left): no cuts, only increases, until it recovers — ` +
        `a wrong guess now breaks the objective`,
    );
    return 'freeze';
  }
  if ((rem !== null && rem < lowBudget) || (burn !== null && burn > 1)) {
    notes.explanation.push(
      `SLO ${slo.name}: ${rem !== null && rem < lowBudget ? `${pct(rem)} of the error budget left (< ${pct(lowBudget)})` : ''}` +
        `${rem !== null && rem < lowBudget && burn !== null && burn > 1 ? ', ' : ''}` +
        `${burn !== null && burn > 1 ? `burning at ${fmt(burn)}× the sustainable rate` : ''}: conservative — ` +
        `p99 residual margin instead of p95, target utilisation lowered by 15 %`,
    );
    notes.risks.push({
      level: 'medium',
      reason: `the SLO ${slo.name} has little budget to absorb a mistake`,
    });
    return 'conservative';
  }
  notes.explanation.push(
    `SLO ${slo.name}: ${rem === null ? 'no traffic in the window' : `${pct(rem)} of the error budget left`}` +
      `${burn === null ? '' : `, burn rate ${fmt(burn)}`}: normal margins`,
  );
  return 'normal';
}

/** Target utilisations and the usage residual quantile that sizes the margin. */
export interface PolicyMargins {
  cpuTarget: number;
  memTarget: number;
  marginQuantile: 0.95 | 0.99;
}

/** The targets and residual quantile a policy plans with: conservative lowers both by 15 %. */
export function policyMargins(
  policy: SloPolicy,
  cpuTarget: number,
  memTarget: number,
): PolicyMargins {
  const conservative = policy === 'conservative';
  return {
    cpuTarget: conservative ? cpuTarget * 0.85 : cpuTarget,
    memTarget: conservative ? memTarget * 0.85 : memTarget,
    marginQuantile: conservative ? 0.99 : 0.95,
  };
}
