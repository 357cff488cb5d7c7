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

/** What a rollup keeps per key while SLOs are added one by one. */
interface RollupGroup {
  sloCount: number;
  evaluatedCount: number;
  compliantCount: number;
  budgetCount: number;
  budgetSum: number;
  budgetMin: number | null;
  worstBurnRate: number | null;
  worstSlo: string | null;
}

/**
 * SLOs rolled up by `keyOf` (owner or line of business), one SLO at a time: 50,000 SLOs can be
 * added in slices between which the event loop serves requests. The budgets are summed in the
 * order the SLOs are added, so the mean is the same number however the adds are sliced.
 */
export class RollupFold {
  private readonly groups = new Map<string, RollupGroup>();

  constructor(private readonly keyOf: (s: SloFacts) => string | null) {}

  add(s: SloFacts): void {
    const key = this.keyOf(s) ?? UNASSIGNED;
    let g = this.groups.get(key);
    if (!g) {
      g = {
        sloCount: 0,
        evaluatedCount: 0,
        compliantCount: 0,
        budgetCount: 0,
        budgetSum: 0,
        budgetMin: null,
        worstBurnRate: null,
        worstSlo: null,
      };
      this.groups.set(key, g);
    }
    g.sloCount += 1;
    const compliant = isCompliant(s);
    if (compliant !== null) g.evaluatedCount += 1;
    if (compliant === true) g.compliantCount += 1;
    const budget = s.status?.budgetRemaining ?? null;
    if (budget !== null) {
      g.budgetCount += 1;
      g.budgetSum += budget;
      if (g.budgetMin === null || budget < g.budgetMin) g.budgetMin = budget;
    }
    const w = worstBurnRateOf(s.status);
    if (w !== null && (g.worstBurnRate === null || w > g.worstBurnRate)) {
      g.worstBurnRate = w;
      g.worstSlo = `${s.entityRef}#${s.name}`;
    }
  }

  /** The rollups, sorted by key. */
  result(): SloRollup[] {
    return [...this.groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, g]) => ({
        key,
        sloCount: g.sloCount,
        evaluatedCount: g.evaluatedCount,
        compliantCount: g.compliantCount,
        compliance: g.evaluatedCount > 0 ? g.compliantCount / g.evaluatedCount : null,
        budgetRemainingMin: g.budgetMin,
        budgetRemainingMean: g.budgetCount > 0 ? g.budgetSum / g.budgetCount : null,
        worstBurnRate: g.worstBurnRate,
        worstSlo: g.worstSlo,
      }));
  }
}

/** SLOs grouped by `keyOf` (owner or line of business), sorted by key. */
export function rollup(slos: SloFacts[], keyOf: (s: SloFacts) => string | null): SloRollup[] {
  const fold = new RollupFold(keyOf);
  for (const s of slos) fold.add(s);
  return fold.result();
}
