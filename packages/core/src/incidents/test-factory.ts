import { prepareSeries } from '../engine/series';
import { constantTraffic } from '../engine/test-factory';
import type { PreparedSeries } from '../engine/types';
import { formatRfc3339 } from './rfc3339';

/** 2026-11-02T10:00:00Z */
export const T0 = Date.UTC(2026, 10, 2, 10, 0, 0) / 1000;

/**
 * 100 requests per 15-second scrape from `start` for `count` scrapes; `errorFraction` of the
 * requests of the step ending at t are bad.
 */
export function scrapedSeries(
  start: number,
  count: number,
  errorFraction: (t: number) => number,
): PreparedSeries {
  return prepareSeries(
    constantTraffic({ start, stepSeconds: 15, count, eventsPerStep: 100, errorFraction }),
  );
}

export interface AlertSpec {
  fingerprint: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt: number;
  /** Set for a resolved alert. */
  endsAt?: number;
}

/** A webhook v4 body as Alertmanager 0.25+ writes it. */
export function webhookBody(
  alerts: AlertSpec[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const firing = alerts.some(a => a.endsAt === undefined);
  return {
    receiver: 'headroom',
    status: firing ? 'firing' : 'resolved',
    alerts: alerts.map(a => ({
      status: a.endsAt === undefined ? 'firing' : 'resolved',
      labels: { alertname: 'SloErrorBudgetBurn', ...a.labels },
      annotations: a.annotations ?? {},
      startsAt: formatRfc3339(a.startsAt),
      endsAt: a.endsAt === undefined ? '0001-01-01T00:00:00Z' : formatRfc3339(a.endsAt),
      generatorURL: 'http://127.0.0.1:9090/graph?g0.expr=x\u0026g0.tab=1',
      fingerprint: a.fingerprint,
    })),
    groupLabels: { alertname: 'SloErrorBudgetBurn' },
    commonLabels: { alertname: 'SloErrorBudgetBurn' },
    commonAnnotations: {},
    externalURL: 'http://127.0.0.1:9093',
    version: '4',
    groupKey: '{}:{alertname="SloErrorBudgetBurn"}',
    truncatedAlerts: 0,
    ...extra,
  };
}
