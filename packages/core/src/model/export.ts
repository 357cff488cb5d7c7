import { alertWindowsToSpec, defaultAlertWindows } from './alertWindows';
import { ANNOTATION } from './common';
import { formatDuration } from './duration';
import type { AlertSeverity, AlertWindow, Indicator, MetricQuery, Slo } from './types';

function metricSource(q: MetricQuery): Record<string, unknown> {
  return { metricSource: { type: q.source, spec: { query: q.query } } };
}

function indicatorSpec(indicator: Indicator): Record<string, unknown> {
  switch (indicator.kind) {
    case 'ratio':
      return {
        ratioMetric: {
          // OpenSLO's `counter`: the queries are counters that still need rate()/increase().
          counter: !indicator.total.windowed,
          ...(indicator.good ? { good: metricSource(indicator.good) } : {}),
          ...(indicator.bad ? { bad: metricSource(indicator.bad) } : {}),
          total: metricSource(indicator.total),
        },
      };
    case 'rawErrorRatio':
      return { ratioMetric: { raw: metricSource(indicator.errorRatio), rawType: 'failure' } };
    case 'threshold':
      return { thresholdMetric: metricSource(indicator.metric) };
  }
}

function sameWindows(a: readonly AlertWindow[], b: readonly AlertWindow[]): boolean {
  return (
    a.length === b.length &&
    a.every((w, i) => {
      const v = b[i] as AlertWindow;
      return (
        w.severity === v.severity &&
        w.speed === v.speed &&
        w.errorBudgetPercent === v.errorBudgetPercent &&
        w.longWindowSeconds === v.longWindowSeconds &&
        w.shortWindowSeconds === v.shortWindowSeconds
      );
    })
  );
}

function alertPolicy(slo: Slo, severity: AlertSeverity): Record<string, unknown> {
  const spec = slo.alerting[severity];
  const quick =
    slo.alerting.windows.find(w => w.severity === severity && w.speed === 'quick') ??
    (defaultAlertWindows(slo.window.seconds).find(w => w.severity === severity) as AlertWindow);
  return {
    kind: 'AlertPolicy',
    metadata: {
      name: `${slo.name}-${severity}`,
      ...(Object.keys(spec.labels).length > 0 ? { labels: { ...spec.labels } } : {}),
      ...(Object.keys(spec.annotations).length > 0 ? { annotations: { ...spec.annotations } } : {}),
    },
    spec: {
      alertWhenBreaching: true,
      conditions: [
        {
          kind: 'AlertCondition',
          metadata: { name: `${slo.name}-${severity}-burn-rate` },
          spec: {
            severity,
            condition: {
              kind: 'burnrate',
              op: 'gte',
              threshold: quick.factor,
              lookbackWindow: formatDuration(quick.longWindowSeconds),
              alertAfter: formatDuration(quick.shortWindowSeconds),
            },
          },
        },
      ],
    },
  };
}

/**
 * The SLO as an OpenSLO v1 `SLO` document with an inline SLI and inline alert policies (one per
 * enabled severity). What OpenSLO cannot say is kept in `headroom.dev/*` annotations, so that
 * reading the document back gives the same `Slo` (apart from `source`).
 */
export function toOpenSloV1(slo: Slo): Record<string, unknown> {
  const annotations: Record<string, string> = { ...slo.annotations };
  if (slo.owner !== undefined) annotations[ANNOTATION.owner] = slo.owner;
  if (slo.lineOfBusiness !== undefined) annotations[ANNOTATION.lineOfBusiness] = slo.lineOfBusiness;
  if (slo.runbookUrl !== undefined) annotations[ANNOTATION.runbookUrl] = slo.runbookUrl;
  if (slo.dashboardUrl !== undefined) annotations[ANNOTATION.dashboardUrl] = slo.dashboardUrl;
  if (slo.grouping && slo.grouping.length > 0)
    annotations[ANNOTATION.grouping] = slo.grouping.join(',');
  const { alerting } = slo;
  if (alerting.name !== undefined) annotations[ANNOTATION.alertName] = alerting.name;
  if (Object.keys(alerting.labels).length > 0)
    annotations[ANNOTATION.alertLabels] = JSON.stringify(alerting.labels);
  if (Object.keys(alerting.annotations).length > 0) {
    annotations[ANNOTATION.alertAnnotations] = JSON.stringify(alerting.annotations);
  }
  if (!sameWindows(alerting.windows, defaultAlertWindows(slo.window.seconds))) {
    const { sloPeriod: _period, ...spec } = alertWindowsToSpec(
      slo.window.seconds,
      alerting.windows,
    );
    annotations[ANNOTATION.alertWindows] = JSON.stringify(spec);
  }

  const { objective, window } = slo;
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name: slo.name,
      ...(slo.displayName !== undefined ? { displayName: slo.displayName } : {}),
      ...(Object.keys(slo.labels).length > 0 ? { labels: { ...slo.labels } } : {}),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: {
      ...(slo.description !== undefined ? { description: slo.description } : {}),
      service: slo.service,
      indicator: { metadata: { name: `${slo.name}-sli` }, spec: indicatorSpec(slo.indicator) },
      timeWindow: [
        {
          duration: window.duration,
          isRolling: window.isRolling,
          ...(window.calendar ? { calendar: { ...window.calendar } } : {}),
        },
      ],
      budgetingMethod: slo.budgetingMethod,
      objectives: [
        {
          ...(objective.displayName !== undefined ? { displayName: objective.displayName } : {}),
          ...(objective.op !== undefined ? { op: objective.op } : {}),
          ...(objective.value !== undefined ? { value: objective.value } : {}),
          target: objective.target,
          ...(objective.timeSliceTarget !== undefined
            ? { timeSliceTarget: objective.timeSliceTarget }
            : {}),
          ...(objective.timeSliceWindowSeconds !== undefined
            ? { timeSliceWindow: formatDuration(objective.timeSliceWindowSeconds) }
            : {}),
        },
      ],
      alertPolicies: (['page', 'ticket'] as const)
        .filter(s => alerting[s].enabled)
        .map(s => alertPolicy(slo, s)),
    },
  };
}
