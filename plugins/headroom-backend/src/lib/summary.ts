import { worstBurnRate } from '@headroom/core';
import type {
  EntitySloSummary,
  EntitySloSummaryItem,
  SloRollup,
  SloStatus,
} from '@headroom/plugin-headroom-common';

/** The minimum facts about an SLO that summaries and rollups need. */
export interface SloFacts {
  entityRef: string;
  name: string;
  displayName: string | null;
  objective: number;
  window: string;
  ownerRef: string | null;
  lineOfBusiness: string | null;
  status: SloStatus | undefined;
}

/** Core's `worstBurnRate` over the SLO's stored burn rates. */
export function worstBurnRateOf(status: SloStatus | undefined): number | null {
  return worstBurnRate((status?.burnRates ?? []).map(b => b.rate));
}

/** Met when the measured SLI reaches the objective; unknown (null) without a measurement. */
export function isCompliant(facts: Pick<SloFacts, 'objective' | 'status'>): boolean | null {
  const sli = facts.status?.sli;
  if (sli === null || sli === undefined) return null;
  return sli >= facts.objective;
}

export function summaryItem(facts: SloFacts): EntitySloSummaryItem {
  return {
    name: facts.name,
    displayName: facts.displayName,
    objective: facts.objective,
    window: facts.window,
    sli: facts.status?.sli ?? null,
    budgetRemaining: facts.status?.budgetRemaining ?? null,
    alertState: facts.status?.alertState ?? null,
    evaluatedAt: facts.status?.evaluatedAt ?? null,
    error: facts.status?.error ?? null,
  };
}

function minOf(values: (number | null)[]): number | null {
  let min: number | null = null;
  for (const v of values) if (v !== null && (min === null || v < min)) min = v;
  return min;
}

export function entitySummary(entityRef: string, slos: SloFacts[]): EntitySloSummary {
  let worst: number | null = null;
  for (const s of slos) {
    const w = worstBurnRateOf(s.status);
    if (w !== null && (worst === null || w > worst)) worst = w;
  }
  return {
    entityRef,
    sloCount: slos.length,
    compliantCount: slos.filter(s => isCompliant(s) === true).length,
    budgetRemainingMin: minOf(slos.map(s => s.status?.budgetRemaining ?? null)),
    worstBurnRate: worst,
    slos: slos.map(summaryItem),
  };
}

export const UNASSIGNED = 'unassigned';

/** SLOs grouped by `keyOf` (owner or line of business), sorted by key. */
export function rollup(slos: SloFacts[], keyOf: (s: SloFacts) => string | null): SloRollup[] {
  const groups = new Map<string, SloFacts[]>();
  for (const s of slos) {
    const key = keyOf(s) ?? UNASSIGNED;
    const list = groups.get(key);
    if (list) list.push(s);
    else groups.set(key, [s]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, group]) => {
      const evaluated = group.filter(s => isCompliant(s) !== null);
      const compliant = evaluated.filter(s => isCompliant(s) === true).length;
      const budgets = group
        .map(s => s.status?.budgetRemaining ?? null)
        .filter((b): b is number => b !== null);
      let worstBurnRate: number | null = null;
      let worstSlo: string | null = null;
      for (const s of group) {
        const w = worstBurnRateOf(s.status);
        if (w !== null && (worstBurnRate === null || w > worstBurnRate)) {
          worstBurnRate = w;
          worstSlo = `${s.entityRef}#${s.name}`;
        }
      }
      return {
        key,
        sloCount: group.length,
        evaluatedCount: evaluated.length,
        compliantCount: compliant,
        compliance: evaluated.length > 0 ? compliant / evaluated.length : null,
        budgetRemainingMin: minOf(budgets),
        budgetRemainingMean:
          budgets.length > 0 ? budgets.reduce((a, b) => a + b, 0) / budgets.length : null,
        worstBurnRate,
        worstSlo,
      };
    });
}
