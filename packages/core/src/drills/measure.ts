import { budgetRatio, burnRate } from '../engine/burnrate';
import { windowStart } from '../engine/calendar';
import { windowCounts } from '../engine/series';
import type { PreparedSeries } from '../engine/types';
import type { Slo } from '../model/types';
import type { SteadyStateReading } from './judge';
import type { AbortCondition, SteadyStateTerm } from './types';

/** The drill's steady-state terms measured on the SLO's counters at `at`, with core's engine. */
export function readSteadyState(
  slo: Slo,
  series: PreparedSeries,
  terms: readonly SteadyStateTerm[],
  at: number,
): SteadyStateReading[] {
  return terms.map(term => {
    if (term.kind === 'burnRate') {
      return { term, value: burnRate(series, at, term.windowSeconds, slo.objective.target) };
    }
    const { bad, total } = windowCounts(series, at - term.windowSeconds, at);
    return { term, value: total > 0 ? (total - bad) / total : null };
  });
}

/**
 * The first abort condition that holds at `at`, as a sentence, or undefined. Incidents are passed
 * in by severity (P1 worst); a condition on P2 also stops for a P1.
 */
export function abortReason(
  slo: Slo,
  series: PreparedSeries,
  conditions: readonly AbortCondition[],
  at: number,
  openIncidentSeverities: readonly string[] = [],
): string | undefined {
  for (const c of conditions) {
    if (c.kind === 'burnRate') {
      const rate = burnRate(series, at, c.windowSeconds, slo.objective.target);
      if (rate !== null && rate > c.above) {
        return `burn rate over ${c.windowSeconds} s reached ${Number(rate.toPrecision(4))}, above ${c.above}`;
      }
    } else {
      const worst = openIncidentSeverities.filter(s => /^P[1-4]$/.test(s)).sort()[0];
      if (worst !== undefined && worst <= c.severity) {
        return `a ${worst} incident is open on the service`;
      }
    }
  }
  return undefined;
}

/**
 * Budget the drill spent: its bad events (from, to] over the bad events the SLO window ending at
 * `at` allows ((1 − objective) × its total). null without traffic in the window.
 */
export function drillBudgetSpent(
  slo: Slo,
  series: PreparedSeries,
  from: number,
  to: number,
  at: number,
): number | null {
  const drill = windowCounts(series, from, to);
  const window = windowCounts(series, windowStart(slo.window, at), at);
  const allowed = budgetRatio(slo.objective.target) * window.total;
  return allowed > 0 ? drill.bad / allowed : null;
}
