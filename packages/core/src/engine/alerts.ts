import type { Slo } from '../model/types';
import { burnRate } from './burnrate';
import { windowLabel } from './durations';
import type { AlertState, PreparedSeries } from './types';

/**
 * Multi-window multi-burn-rate alert state at `at`, one entry per window of the SLO's enabled
 * severities. A condition fires when the burn rate over both its long and its short window is
 * strictly above its factor (as Sloth's rules compare with `>`); a window without traffic has no
 * burn rate and never fires.
 */
export function evaluateAlerts(slo: Slo, series: PreparedSeries, at: number): AlertState[] {
  const objective = slo.objective.target;
  const states: AlertState[] = [];
  for (const w of slo.alerting.windows) {
    if (!slo.alerting[w.severity].enabled) continue;
    const longBurnRate = burnRate(series, at, w.longWindowSeconds, objective);
    const shortBurnRate = burnRate(series, at, w.shortWindowSeconds, objective);
    states.push({
      severity: w.severity,
      speed: w.speed,
      longWindow: windowLabel(w.longWindowSeconds),
      shortWindow: windowLabel(w.shortWindowSeconds),
      factor: w.factor,
      longBurnRate,
      shortBurnRate,
      firing:
        longBurnRate !== null &&
        shortBurnRate !== null &&
        longBurnRate > w.factor &&
        shortBurnRate > w.factor,
    });
  }
  return states;
}
