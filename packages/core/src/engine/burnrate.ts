import { errorRatio } from './series';
import type { PreparedSeries } from './types';

/**
 * Windows every evaluation reports a burn rate for, in seconds: 5m, 30m, 1h, 2h, 6h, 1d, 3d (the
 * windows of the SRE workbook's multi-window alerts). `evaluateSlo` adds the SLO's own window.
 */
export const STANDARD_BURN_WINDOWS: readonly number[] = Object.freeze([
  300, 1800, 3600, 7200, 21600, 86400, 259200,
]);

/**
 * The error budget as a ratio of events: 1 - objective. Rejects objectives outside (0, 1).
 * Targets are decimals in people's minds (99.9 %), but 1 - 0.999 in binary is 0.0010000000000000009;
 * rounding to 12 significant digits gives the decimal budget back, so a budget spent exactly
 * reads 0 remaining instead of 9e-16.
 */
export function budgetRatio(objective: number): number {
  // One evaluation asks for the same objective's ratio for every window; the decimal rounding
  // costs more than the window's counts.
  if (objective === lastRatio.objective) return lastRatio.ratio;
  if (!(objective > 0 && objective < 1)) {
    throw new RangeError(`objective.target must be a fraction in (0, 1), got ${objective}`);
  }
  const ratio = Number((1 - objective).toPrecision(12));
  lastRatio = { objective, ratio };
  return ratio;
}

let lastRatio = { objective: NaN, ratio: NaN };

/**
 * Error ratio over (at - windowSeconds, at] divided by the budget ratio (1 - objective): 1 spends
 * exactly the budget over the SLO window. null when the window has no traffic.
 */
export function burnRate(
  series: PreparedSeries,
  at: number,
  windowSeconds: number,
  objective: number,
): number | null {
  const budget = budgetRatio(objective);
  const ratio = errorRatio(series, at, windowSeconds);
  return ratio === null ? null : ratio / budget;
}
