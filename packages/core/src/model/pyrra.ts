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
import { counterSelectorProblem } from './promqlSelector';
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

/** Resource labels Pyrra copies onto its rules, without this prefix (`pyrra.dev/team` → `team`). */
const PROPAGATED = 'pyrra.dev/';

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
    // Pyrra's rule: the share of a native histogram's observations above the latency,
    // 1 - histogram_fraction(0, <latency in s>, sum by (grouping) (rate(<total>[w]))).
    const native = ind.latencyNative;
    const at: PathPart[] = [...indPath, 'latencyNative'];
    const seconds = parseDuration(native.latency);
    const problem = counterSelectorProblem(native.total.metric);
    if (seconds === undefined || seconds <= 0)
      sink.add([...at, 'latency'], 'must be a duration like 200ms, 1s');
    if (problem) sink.add([...at, 'total', 'metric'], problem);
    grouping = native.grouping ?? undefined;
    if (seconds !== undefined && seconds > 0 && !problem) {
      const by = grouping && grouping.length > 0 ? ` by (${[...grouping].sort().join(', ')})` : '';
      indicator = {
        kind: 'rawErrorRatio',
        errorRatio: promQuery(
          `1 - histogram_fraction(0, ${seconds}, sum${by} (rate(${native.total.metric.trim()}[{{.window}}])))`,
        ),
      };
    }
  }
  if (sink.count > before || !indicator) return [];

  const alertsOn = !spec.alerting?.disabled && spec.alerting?.burnrates !== false;
  const namespaceOrLabel = metadata.labels.service || metadata.namespace || undefined;
  // Pyrra puts `slo="<name>"` and the `pyrra.dev/` labels, prefix stripped, on its rules; the
  // resource's other labels (prometheus: k8s, role: alert-rules) label the PrometheusRule.
  const labels: Record<string, string> = { slo: metadata.name };
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata.labels)) {
    if (key.startsWith(PROPAGATED)) labels[key.slice(PROPAGATED.length)] = value;
    else if (key.startsWith('headroom.dev/')) annotations[key] = value;
  }
  return [
    {
      name: metadata.name,
      ...(spec.description ? { description: spec.description } : {}),
      servicePath: ['metadata', 'namespace'],
      ...(namespaceOrLabel ? { fallbackService: namespaceOrLabel } : {}),
      // Pyrra needs no namespace (its filesystem mode has none): the SLO is then its own service.
      lastResortService: metadata.name,
      labels,
      annotations: { ...annotations, ...metadata.annotations },
      annotationsPath: ['metadata', 'annotations'],
      resource: {
        name: metadata.name,
        ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
        labels: metadata.labels,
        annotations: metadata.annotations,
      },
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
