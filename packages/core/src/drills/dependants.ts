import { burnRate } from '../engine/burnrate';
import type { PreparedSeries } from '../engine/types';
import type { Slo } from '../model/types';
import type { DependantImpact } from './history';

/**
 * A dependant's SLO over the fault (from, to]: steady while its burn rate over that span stays
 * below `below` (the drill's own steady-state bound is a fair default). Without traffic there is
 * no sign of spread, so it counts as steady.
 */
export function dependantImpact(
  slo: Slo,
  series: PreparedSeries,
  from: number,
  to: number,
  below: number,
): DependantImpact {
  const rate = to > from ? burnRate(series, to, to - from, slo.objective.target) : null;
  const shown = rate === null ? 'no traffic' : String(Number(rate.toPrecision(4)));
  return {
    service: slo.service,
    slo: slo.name,
    steady: rate === null || rate < below,
    detail: `burn rate over the fault ${shown} (steady below ${below})`,
  };
}
