/**
 * Seconds until the remaining budget fraction is spent at a constant burn rate. A burn rate of 1
 * spends the whole budget in one SLO window, so `remaining` lasts remaining * window / burnRate.
 * Errors leaving the rolling window (which give budget back) are ignored, as is any change in
 * traffic: the figure is a projection of the current burn, not a forecast.
 * 0 when the budget is already spent; null when there is nothing to project (no traffic, or a
 * burn rate of 0).
 */
export function timeToExhaustion(
  remaining: number | null,
  burnRate: number | null,
  windowSeconds: number,
): number | null {
  if (remaining === null) return null;
  if (remaining <= 0) return 0;
  if (burnRate === null || !(burnRate > 0)) return null;
  return (remaining * windowSeconds) / burnRate;
}
