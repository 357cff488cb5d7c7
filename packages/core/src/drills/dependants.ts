import { burnRate } from '../engine/burnrate';
import type { PreparedSeries } from '../engine/types';
import type { Slo } from '../model/types';
import type { DependantImpact } from './history';

/** How much worse than just before the fault a dependant's burn must get to count as spread. */
export const SPREAD_FACTOR = 2;

const shown = (rate: number | null) =>
  rate === null ? 'no traffic' : String(Number(rate.toPrecision(4)));

/**
 * A dependant's SLO over the fault (from, to], against the same span just before it: the fault
 * spread when the dependant's burn rate over the fault reaches `below` (the drill's own
 * steady-state bound is a fair default) and is at least twice what it was before — a dependant
 * that was already burning on its own is not the fault's doing. Without traffic there is no sign
 * of spread.
 */
export function dependantImpact(
  slo: Slo,
  series: PreparedSeries,
  from: number,
  to: number,
  below: number,
): DependantImpact {
  const span = to - from;
  const during = span > 0 ? burnRate(series, to, span, slo.objective.target) : null;
  const before = span > 0 ? burnRate(series, from, span, slo.objective.target) : null;
  const spread =
    during !== null && during >= below && (before === null || during >= SPREAD_FACTOR * before);
  return {
    service: slo.service,
    slo: slo.name,
    steady: !spread,
    detail: `burn rate over the fault ${shown(during)}, before it ${shown(before)} (spread at ${below} and ${SPREAD_FACTOR}× before)`,
  };
}
