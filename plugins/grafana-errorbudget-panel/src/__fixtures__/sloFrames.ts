import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import { alertState, burndown, evaluateSlo, prepareSeries, sloFromObject, windowEnd, type Slo } from '@headroom/core';

export const AT = 1_800_000_000;
export const DAY = 86_400;

export function slo(service: string, target = 0.999): Slo {
  const parsed = sloFromObject(
    {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'availability' },
      spec: {
        service,
        indicator: {
          metadata: { name: `${service}-errors` },
          spec: {
            ratioMetric: {
              counter: true,
              bad: { metricSource: { type: 'Prometheus', spec: { query: `errors_total{service="${service}"}` } } },
              total: { metricSource: { type: 'Prometheus', spec: { query: `requests_total{service="${service}"}` } } },
            },
          },
        },
        timeWindow: [{ duration: '30d', isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ target }],
      },
    },
    'test'
  );
  if (parsed.issues.length) {
    throw new Error(JSON.stringify(parsed.issues));
  }
  return parsed.slos[0]!;
}

/**
 * Frames shaped as the Headroom datasource returns them, with every number from the engine:
 * one-minute counters over 31 days with `badPerMinute(t)` bad requests of 1000 a minute.
 */
export function sloFrames(
  service: string,
  badPerMinute: (t: number) => number,
  opts: { noTraffic?: boolean } = {}
): DataFrame[] {
  const s = slo(service);
  const n = 31 * 1440 + 1;
  const timestamps = new Float64Array(n);
  const events = new Float64Array(n);
  const total = new Float64Array(n);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const t = AT - (n - 1 - i) * 60;
    timestamps[i] = t;
    if (i > 0) {
      bad += badPerMinute(t);
    }
    events[i] = bad;
    total[i] = opts.noTraffic ? 0 : i * 1000;
  }
  const series = prepareSeries({ timestamps, events, total, kind: 'bad' });
  const e = evaluateSlo(s, series, { at: AT });
  const b = burndown(s, series, { at: AT, stepSeconds: 3600 });
  const meta = {
    key: `component:default/${service}#availability`,
    title: `${service} availability`,
    windowStartMs: e.windowStart * 1000,
    windowEndMs: windowEnd(s.window, AT) * 1000,
    windowSeconds: e.windowSeconds,
    objective: e.objective,
  };
  const nn = (v: number | null) => (v === null || Number.isNaN(v) ? null : v);
  return [
    createDataFrame({
      refId: 'A',
      meta: { custom: { ...meta, headroom: 'status' } },
      fields: [
        { name: 'time', type: FieldType.time, values: [AT * 1000] },
        { name: 'sli', type: FieldType.number, values: [nn(e.sli)], config: { unit: 'percentunit', decimals: 3 } },
        {
          name: 'budgetRemaining',
          type: FieldType.number,
          values: [nn(e.budget.remaining)],
          config: { unit: 'percentunit', decimals: 1 },
        },
        {
          name: 'timeToExhaustion',
          type: FieldType.number,
          values: [nn(e.timeToExhaustionSeconds)],
          config: { unit: 's' },
        },
        {
          name: 'alertState',
          type: FieldType.string,
          values: [alertState(e)],
        },
      ],
    }),
    createDataFrame({
      refId: 'A',
      meta: { custom: { ...meta, headroom: 'burndown' } },
      fields: [
        { name: 'time', type: FieldType.time, values: Array.from(b.timestamps, (t) => t * 1000) },
        {
          name: 'remaining',
          type: FieldType.number,
          values: Array.from(b.remaining, (v) => (Number.isNaN(v) ? null : v)),
          config: { unit: 'percentunit' },
        },
      ],
    }),
    createDataFrame({
      refId: 'A',
      meta: { custom: { ...meta, headroom: 'burnRates' } },
      fields: [
        { name: 'severity', type: FieldType.string, values: e.alerts.flatMap((a) => [a.severity, a.severity]) },
        { name: 'window', type: FieldType.string, values: e.alerts.flatMap((a) => [a.longWindow, a.shortWindow]) },
        {
          name: 'rate',
          type: FieldType.number,
          values: e.alerts.flatMap((a) => [a.longBurnRate, a.shortBurnRate]),
          config: { unit: 'suffix:×', decimals: 2 },
        },
        {
          name: 'threshold',
          type: FieldType.number,
          values: e.alerts.flatMap((a) => [a.factor, a.factor]),
          config: { unit: 'suffix:×', decimals: 2 },
        },
        { name: 'firing', type: FieldType.boolean, values: e.alerts.flatMap((a) => [a.firing, a.firing]) },
      ],
    }),
  ];
}
