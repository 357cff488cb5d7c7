import type { SloEvaluation } from './types';

/** The one state an SLO shows: the worst firing alert, else whether there is traffic to judge. */
export type SloAlertState = 'page' | 'ticket' | 'no-data' | 'ok';

/**
 * page beats ticket beats no-data beats ok. A firing condition outranks an empty SLO window: the
 * burn windows are rolling (up to 3 days back) while a calendar window may have started minutes
 * ago with no events yet, and the alerting rules Prometheus runs for the same SLO page on those
 * burn windows; showing "no data" then would hide a page someone has just received. Without a
 * firing condition, an SLO window without traffic has no state to report, not an "ok" one.
 */
export function alertState(evaluation: Pick<SloEvaluation, 'sli' | 'alerts'>): SloAlertState {
  const firing = evaluation.alerts.filter(a => a.firing);
  if (firing.some(a => a.severity === 'page')) return 'page';
  if (firing.length > 0) return 'ticket';
  if (evaluation.sli === null) return 'no-data';
  return 'ok';
}
