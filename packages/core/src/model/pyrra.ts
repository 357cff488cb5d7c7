import { z } from 'zod';
import { parseDuration } from './duration';
import type { IssueSink, PathPart } from './issues';
import {
  duration,
  kit,
  percentToFraction,
  promQuery,
  stringMap,
  type ParseOptions,
  type SloDraft,
} from './common';
import type { Indicator, MetricQuery } from './types';

/**
 * Pyrra's `ServiceLevelObjective` resource (`apiVersion: pyrra.dev/v1alpha1`). Its metrics are
 * counter selectors (`http_requests_total{code=~"5.."}`) that the rule generator wraps in
 * rate()/increase(), so they are read with `windowed: false`.
 */
function schemas(strict: boolean) {
  const { obj } = kit(strict);
  const metric = obj({ metric: z.string().min(1, 'is required') });
  const grouping = z.array(z.string()).nullish();
  return obj({
    apiVersion: z.literal('pyrra.dev/v1alpha1'),
    kind: z.literal('ServiceLevelObjective'),
    metadata: obj({
      name: z.string().min(1, 'is required'),
      namespace: z.string().nullish(),
      labels: stringMap,
      annotations: stringMap,
      // Written by the API server in exported resources.
      uid: z.string().nullish(),
      resourceVersion: z.string().nullish(),
      generation: z.number().nullish(),
      creationTimestamp: z.unknown().nullish(),
    }),
    spec: obj({
      description: z.string().nullish(),
      target: z.union([z.string(), z.number()]),
      window: duration,
      indicator: obj({
        ratio: obj({ errors: metric, total: metric, grouping }).nullish(),
        latency: obj({ success: metric, total: metric, grouping }).nullish(),
        latencyNative: obj({ total: metric, latency: z.string(), grouping }).nullish(),
        bool_gauge: obj({ metric: z.string().min(1, 'is required'), grouping }).nullish(),
      }),
      alerting: obj({
        disabled: z.boolean().nullish(),
        burnrates: z.boolean().nullish(),
        absent: z.boolean().nullish(),
        name: z.string().nullish(),
        absentName: z.string().nullish(),
        burnRateType: z.string().nullish(),
      }).nullish(),
      partial_response_strategy: z.string().nullish(),
    }),
    status: z.unknown().nullish(),
  });
}

const cache = new Map<boolean, ReturnType<typeof schemas>>();

function counter(metric: string): MetricQuery {
  return promQuery(metric);
}

export function parsePyrraSlo(doc: unknown, sink: IssueSink, options: ParseOptions): SloDraft[] {
  const strict = options.strict ?? false;
  let schema = cache.get(strict);
  if (!schema) cache.set(strict, (schema = schemas(strict)));
  const parsed = schema.safeParse(doc, { reportInput: true });
  if (!parsed.success) {
    sink.addZod(parsed.error);
    return [];
  }
  const { metadata, spec } = parsed.data;
  const before = sink.count;

  const targetPath: PathPart[] = ['spec', 'target'];
  const percent =
    typeof spec.target === 'number'
      ? spec.target
      : spec.target.trim() === ''
        ? NaN
        : Number(spec.target);
  if (!Number.isFinite(percent)) sink.add(targetPath, 'must be a percentage such as "99.5"');
  else if (percent <= 0) sink.add(targetPath, 'must be > 0');
  else if (percent >= 100) sink.add(targetPath, 'must be < 100');
  // Pyrra itself only warns here; a fraction where a percentage belongs is almost always a mistake.
  else if (strict && percent < 1)
    sink.add(targetPath, `is a percentage from 0 to 100; ${percent} means ${percent} %`);

  const ind = spec.indicator;
  const present = (['ratio', 'latency', 'latencyNative', 'bool_gauge'] as const).filter(
    k => ind[k],
  );
  let indicator: Indicator | undefined;
  let grouping: string[] | undefined;
  let op: { op: 'gte'; value: number } | undefined;
  const indPath: PathPart[] = ['spec', 'indicator'];
  if (present.length !== 1) {
    sink.add(
      indPath,
      present.length === 0
        ? 'needs one of ratio, latency, latencyNative or bool_gauge'
        : `has ${present.join(' and ')}; only one is allowed`,
    );
  } else if (ind.ratio) {
    indicator = {
      kind: 'ratio',
      bad: counter(ind.ratio.errors.metric),
      total: counter(ind.ratio.total.metric),
    };
    grouping = ind.ratio.grouping ?? undefined;
  } else if (ind.latency) {
    if (!/\ble\s*=/.test(ind.latency.success.metric)) {
      sink.add(
        [...indPath, 'latency', 'success', 'metric'],
        'must select a histogram bucket with an le matcher',
      );
    }
    indicator = {
      kind: 'ratio',
      good: counter(ind.latency.success.metric),
      total: counter(ind.latency.total.metric),
    };
    grouping = ind.latency.grouping ?? undefined;
  } else if (ind.bool_gauge) {
    // Every sample is one event, good when the gauge is 1 (Pyrra counts samples the same way).
    indicator = { kind: 'threshold', metric: counter(ind.bool_gauge.metric) };
    op = { op: 'gte', value: 1 };
    grouping = ind.bool_gauge.grouping ?? undefined;
  } else if (ind.latencyNative) {
    sink.add(
      [...indPath, 'latencyNative'],
      'native-histogram latency indicators are not supported; use latency',
    );
  }
  if (sink.count > before || !indicator) return [];

  const alertsOn = !spec.alerting?.disabled && spec.alerting?.burnrates !== false;
  const namespaceOrLabel = metadata.labels.service || metadata.namespace || undefined;
  return [
    {
      name: metadata.name,
      ...(spec.description ? { description: spec.description } : {}),
      servicePath: ['metadata', 'namespace'],
      ...(namespaceOrLabel ? { fallbackService: namespaceOrLabel } : {}),
      serviceMessage:
        'is required to name the service (or the label or annotation headroom.dev/service, or a default service)',
      labels: metadata.labels,
      annotations: metadata.annotations,
      annotationsPath: ['metadata', 'annotations'],
      indicator,
      objective: { target: percentToFraction(percent), ...(op ?? {}) },
      window: {
        duration: spec.window,
        seconds: parseDuration(spec.window) as number,
        isRolling: true,
      },
      budgetingMethod: 'Occurrences',
      alerting: {
        ...(spec.alerting?.name ? { name: spec.alerting.name } : {}),
        labels: {},
        annotations: {},
        page: { enabled: alertsOn, labels: {}, annotations: {} },
        ticket: { enabled: alertsOn, labels: {}, annotations: {} },
      },
      ...(grouping && grouping.length > 0 ? { grouping } : {}),
      format: 'pyrra/v1alpha1',
    },
  ];
}
