import {
  alertState,
  windowEnd,
  windowLabel,
  type Slo,
  type SloAlertState,
  type SloEvaluation,
} from '@headroom/core';
import { formatTime } from '../io/time';

/**
 * The JSON document `headroom evaluate` and `headroom report --format json` print for one SLO.
 * Its schema is documented in the package README; change both together.
 */
export interface EvaluationJson {
  slo: string;
  service: string;
  owner: string | null;
  lineOfBusiness: string | null;
  objective: number;
  window: string;
  windowSeconds: number;
  windowStart: string;
  /** `at` for a rolling window; the next period's start for a calendar one. */
  windowEnd: string;
  at: string;
  sli: number | null;
  events: { good: number; total: number };
  errorBudget: {
    consumed: number | null;
    remaining: number | null;
    allowedEvents: number;
    consumedEvents: number;
    remainingEvents: number;
  };
  burnRates: Record<string, number | null>;
  alerts: {
    severity: 'page' | 'ticket';
    longWindow: string;
    shortWindow: string;
    factor: number;
    longBurnRate: number | null;
    shortBurnRate: number | null;
    firing: boolean;
  }[];
  /** page, ticket, no-data or ok: core's `alertState`, as Backstage and Grafana show it. */
  alertState: SloAlertState;
  timeToExhaustionSeconds: number | null;
}

export function toEvaluationJson(slo: Slo, e: SloEvaluation): EvaluationJson {
  const burnRates: Record<string, number | null> = {};
  for (const b of e.burnRates) burnRates[b.window] = b.rate;
  return {
    slo: slo.name,
    service: slo.service,
    owner: slo.owner ?? null,
    lineOfBusiness: slo.lineOfBusiness ?? null,
    objective: e.objective,
    window: windowLabel(e.windowSeconds),
    windowSeconds: e.windowSeconds,
    windowStart: formatTime(e.windowStart),
    windowEnd: formatTime(windowEnd(slo.window, e.at)),
    at: formatTime(e.at),
    sli: e.sli,
    events: { good: e.goodEvents, total: e.totalEvents },
    errorBudget: {
      consumed: e.budget.consumed,
      remaining: e.budget.remaining,
      allowedEvents: e.budget.totalEvents,
      consumedEvents: e.budget.consumedEvents,
      remainingEvents: e.budget.remainingEvents,
    },
    burnRates,
    alerts: e.alerts.map(a => ({
      severity: a.severity,
      longWindow: a.longWindow,
      shortWindow: a.shortWindow,
      factor: a.factor,
      longBurnRate: a.longBurnRate,
      shortBurnRate: a.shortBurnRate,
      firing: a.firing,
    })),
    alertState: alertState(e),
    timeToExhaustionSeconds: e.timeToExhaustionSeconds,
  };
}
