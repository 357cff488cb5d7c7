/**
 * The largest of some burn rates, null when none is a number. Burn rates without traffic (null)
 * and non-finite values are left out: core's burn rates are finite by construction (the objective
 * is below 1, so the budget ratio is positive), so NaN or ±Infinity can only come from a damaged
 * record, not a measurement, and neither JSON nor every SQL column can carry them (JSON writes
 * null), which would make the stored and the shown worst differ.
 */
export function worstBurnRate(rates: Iterable<number | null | undefined>): number | null {
  let worst: number | null = null;
  for (const r of rates) {
    if (typeof r === 'number' && Number.isFinite(r) && (worst === null || r > worst)) worst = r;
  }
  return worst;
}
