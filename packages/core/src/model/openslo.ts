import { z } from 'zod';
import { parseDuration } from './duration';
import type { IssueSink, PathPart } from './issues';
import { counterSelectorProblem, expressionProblem } from './promqlSelector';
import {
  DURATION_MESSAGE,
  duration,
  isTimeZone,
  isWindowedQuery,
  rfc1123Name,
  TIME_ZONE_MESSAGE,
  kit,
  objectiveNames,
  percentToFraction,
  promQuery,
  stringMap,
  toStringMap,
  type ParseOptions,
  type ServiceInfo,
  type SloDraft,
} from './common';
import type {
  AlertingSpec,
  BudgetingMethod,
  Indicator,
  MetricQuery,
  Objective,
  TimeWindow,
} from './types';

/** OpenSLO v1 kinds that other documents refer to by name. */
export const OPENSLO_V1_KINDS = [
  'SLO',
  'SLI',
  'Service',
  'AlertPolicy',
  'AlertCondition',
  'AlertNotificationTarget',
  'DataSource',
] as const;

const PLACEHOLDER = 'Any';

/** oslo's verdict on `op` beside a ratio: the comparison belongs to threshold indicators only. */
export const OP_FORBIDDEN =
  'is forbidden here: op (with value) compares a thresholdMetric, not a ratioMetric';

function schemas(strict: boolean) {
  const { obj } = kit(strict);
  // OpenSLO v1 allows a list of values per label.
  const labels = z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]))
    .nullish()
    .transform(m => toStringMap(m));
  const metadata = obj({
    name: rfc1123Name,
    displayName: z.string().nullish(),
    namespace: z.string().nullish(),
    labels,
    annotations: stringMap,
  });
  const inlineMetadata = obj({
    name: z.string().nullish(),
    displayName: z.string().nullish(),
    namespace: z.string().nullish(),
    labels,
    annotations: stringMap,
  });
  const metricSource = obj({
    metricSourceRef: z.string().nullish(),
    type: z.string().nullish(),
    spec: z.record(z.string(), z.unknown()).nullish(),
  });
  const metric = obj({ metricSource });
  const sliSpec = obj({
    description: z.string().nullish(),
    thresholdMetric: metric.nullish(),
    ratioMetric: obj({
      counter: z.boolean().nullish(),
      good: metric.nullish(),
      bad: metric.nullish(),
      total: metric.nullish(),
      raw: metric.nullish(),
      rawType: z.enum(['success', 'failure']).nullish(),
    }).nullish(),
  });
  const inlineSli = obj({ metadata: inlineMetadata.nullish(), spec: sliSpec });
  const op = z.enum(['lt', 'lte', 'gt', 'gte']);
  const objective = obj({
    displayName: z.string().nullish(),
    op: op.nullish(),
    value: z.number().nullish(),
    target: z.number().gt(0, 'must be > 0').lt(1, 'must be < 1').nullish(),
    targetPercent: z.number().gt(0, 'must be > 0').lt(100, 'must be < 100').nullish(),
    timeSliceTarget: z.number().gt(0, 'must be > 0').max(1, 'must be <= 1').nullish(),
    timeSliceWindow: z.union([z.string(), z.number()]).nullish(),
    indicator: inlineSli.nullish(),
    indicatorRef: z.string().nullish(),
    compositeWeight: z.number().nullish(),
  });
  const conditionSpec = obj({
    description: z.string().nullish(),
    severity: z.string().min(1, 'is required'),
    condition: obj({
      kind: z.literal('burnrate'),
      op,
      threshold: z.number(),
      lookbackWindow: duration,
      alertAfter: duration.nullish(),
    }),
  });
  const conditionItem = obj({
    apiVersion: z.string().nullish(),
    kind: z.literal('AlertCondition').nullish(),
    metadata: inlineMetadata.nullish(),
    spec: conditionSpec.nullish(),
    conditionRef: z.string().nullish(),
  });
  const alertPolicySpec = obj({
    description: z.string().nullish(),
    alertWhenNoData: z.boolean().nullish(),
    alertWhenResolved: z.boolean().nullish(),
    alertWhenBreaching: z.boolean().nullish(),
    conditions: z.array(conditionItem).min(1, 'must list at least one condition'),
    notificationTargets: z.array(z.unknown()).nullish(),
  });
  const alertPolicyItem = obj({
    apiVersion: z.string().nullish(),
    kind: z.literal('AlertPolicy').nullish(),
    metadata: inlineMetadata.nullish(),
    spec: alertPolicySpec.nullish(),
    alertPolicyRef: z.string().nullish(),
  });
  const head = <K extends string>(kind: K) => ({
    apiVersion: z.literal('openslo/v1'),
    kind: z.literal(kind),
    metadata,
  });
  return {
    SLO: obj({
      ...head('SLO'),
      spec: obj({
        description: z.string().nullish(),
        service: z.string().nullish(),
        indicator: inlineSli.nullish(),
        indicatorRef: z.string().nullish(),
        // Optional in the spec; without it the SLO gets the default period (30d).
        timeWindow: z
          .array(
            obj({
              duration,
              isRolling: z.boolean().nullish(),
              calendar: obj({
                startTime: z.string(),
                timeZone: z.string().refine(isTimeZone, TIME_ZONE_MESSAGE),
              }).nullish(),
            }),
          )
          .length(1, 'must have exactly one window')
          .nullish(),
        budgetingMethod: z.enum(['Occurrences', 'Timeslices', 'RatioTimeslices']),
        objectives: z.array(objective).min(1, 'must list at least one objective'),
        alertPolicies: z.array(alertPolicyItem).nullish(),
      }),
    }),
    SLI: obj({ ...head('SLI'), spec: sliSpec }),
    Service: obj({
      ...head('Service'),
      spec: obj({ description: z.string().nullish() }).nullish(),
    }),
    AlertPolicy: obj({ ...head('AlertPolicy'), spec: alertPolicySpec }),
    AlertCondition: obj({ ...head('AlertCondition'), spec: conditionSpec }),
    AlertNotificationTarget: obj({
      ...head('AlertNotificationTarget'),
      spec: obj({ description: z.string().nullish(), target: z.string() }),
    }),
    DataSource: obj({
      ...head('DataSource'),
      spec: obj({
        description: z.string().nullish(),
        type: z.string(),
        connectionDetails: z.unknown().nullish(),
      }),
    }),
  };
}

type Schemas = ReturnType<typeof schemas>;
type SloDoc = z.infer<Schemas['SLO']>;
type SliSpec = z.infer<Schemas['SLI']>['spec'];
type Metric = NonNullable<SliSpec['thresholdMetric']>;
type PolicySpec = z.infer<Schemas['AlertPolicy']>['spec'];
type ConditionSpec = z.infer<Schemas['AlertCondition']>['spec'];

const cache = new Map<boolean, Schemas>();
function schemasFor(strict: boolean): Schemas {
  let s = cache.get(strict);
  if (!s) cache.set(strict, (s = schemas(strict)));
  return s;
}

/** Named OpenSLO documents of one input, for `indicatorRef`, `alertPolicyRef` and the like. */
export interface OpenSloIndex {
  slis: Map<string, SliSpec>;
  alertPolicies: Map<
    string,
    { spec: PolicySpec; labels: Record<string, string>; annotations: Record<string, string> }
  >;
  alertConditions: Map<string, ConditionSpec>;
  dataSources: Map<string, { type: string }>;
  services: Map<string, ServiceInfo>;
}

export function emptyOpenSloIndex(): OpenSloIndex {
  return {
    slis: new Map(),
    alertPolicies: new Map(),
    alertConditions: new Map(),
    dataSources: new Map(),
    services: new Map(),
  };
}

/** First pass: validates an OpenSLO v1 document that is not an SLO and files it by name. */
export function indexOpenSloDocument(
  doc: unknown,
  kind: Exclude<(typeof OPENSLO_V1_KINDS)[number], 'SLO'>,
  sink: IssueSink,
  index: OpenSloIndex,
  options: ParseOptions,
): void {
  const parsed = schemasFor((options.strict ?? false) || (options.oslo ?? false))[kind].safeParse(
    doc,
    { reportInput: true },
  );
  if (!parsed.success) {
    sink.addZod(parsed.error);
    return;
  }
  const { metadata } = parsed.data;
  const name = metadata.name;
  switch (parsed.data.kind) {
    case 'SLI':
      index.slis.set(name, parsed.data.spec);
      break;
    case 'Service':
      index.services.set(name, { labels: metadata.labels, annotations: metadata.annotations });
      break;
    case 'AlertPolicy':
      index.alertPolicies.set(name, {
        spec: parsed.data.spec,
        labels: metadata.labels,
        annotations: metadata.annotations,
      });
      break;
    case 'AlertCondition':
      index.alertConditions.set(name, parsed.data.spec);
      break;
    case 'DataSource':
      index.dataSources.set(name, { type: parsed.data.spec.type });
      break;
    case 'AlertNotificationTarget':
      break;
  }
}

/** Second pass: an OpenSLO v1 SLO, one draft per objective. */
export function parseOpenSloV1Slo(
  doc: unknown,
  sink: IssueSink,
  index: OpenSloIndex,
  options: ParseOptions,
): SloDraft[] {
  const strict = (options.strict ?? false) || (options.oslo ?? false);
  const oslo = options.oslo ?? false;
  const parsed = schemasFor(strict).SLO.safeParse(doc, { reportInput: true });
  if (!parsed.success) {
    sink.addZod(parsed.error);
    return [];
  }
  const { metadata, spec } = parsed.data;
  const before = sink.count;

  const window = spec.timeWindow
    ? readWindow(spec.timeWindow[0] as TimeWindowInput, sink, ['spec', 'timeWindow', 0], strict)
    : defaultWindow(options, sink);
  const alerting = readAlertPolicies(spec.alertPolicies, sink, index);

  let shared: Indicator | undefined;
  const needShared = spec.objectives.some(o => !o.indicator && !o.indicatorRef);
  if (needShared) {
    shared = readIndicatorOrRef(spec.indicator, spec.indicatorRef, sink, ['spec'], index, strict);
  }

  const names = objectiveNames(metadata.name, spec.objectives);
  const drafts: SloDraft[] = [];
  spec.objectives.forEach((o, i) => {
    const at: PathPart[] = ['spec', 'objectives', i];
    const indicator =
      o.indicator || o.indicatorRef
        ? readIndicatorOrRef(o.indicator, o.indicatorRef, sink, at, index, strict)
        : shared;
    // Whether the SLI is a ratio, from the document itself: the objective's rules hold even when
    // the indicator has problems of its own.
    const sliSpec =
      o.indicator?.spec ??
      (o.indicatorRef ? index.slis.get(o.indicatorRef) : undefined) ??
      (o.indicator || o.indicatorRef
        ? undefined
        : (spec.indicator?.spec ??
          (spec.indicatorRef ? index.slis.get(spec.indicatorRef) : undefined)));
    const objective = readObjective(
      o,
      sink,
      at,
      spec.budgetingMethod,
      indicator,
      oslo,
      Boolean(sliSpec?.ratioMetric),
    );
    if (!indicator || !objective || !window || !alerting) return;
    drafts.push({
      name: names[i] as string,
      ...(metadata.displayName ? { displayName: metadata.displayName } : {}),
      ...(spec.description ? { description: spec.description } : {}),
      ...(spec.service ? { service: spec.service } : {}),
      servicePath: ['spec', 'service'],
      labels: metadata.labels,
      annotations: metadata.annotations,
      annotationsPath: ['metadata', 'annotations'],
      indicator,
      objective,
      window,
      budgetingMethod: spec.budgetingMethod,
      alerting,
      format: 'openslo/v1',
    });
  });
  return sink.count > before ? [] : drafts;
}

const CALENDAR_UNITS: Record<string, TimeWindow['calendarUnit']> = {
  d: 'day',
  w: 'week',
  M: 'month',
  Q: 'quarter',
  Y: 'year',
  y: 'year',
};

type TimeWindowInput = NonNullable<SloDoc['spec']['timeWindow']>[number];

/** The window of an SLO that names none (OpenSLO makes `timeWindow` optional): the default period. */
export function defaultWindow(options: ParseOptions, sink: IssueSink): TimeWindow | undefined {
  const text = options.defaultPeriod ?? '30d';
  const seconds = parseDuration(text);
  if (seconds === undefined) {
    sink.add([], `the default SLO period ${JSON.stringify(text)} ${DURATION_MESSAGE}`);
    return undefined;
  }
  return { duration: text, seconds, isRolling: true };
}

function readWindow(
  w: TimeWindowInput,
  sink: IssueSink,
  at: PathPart[],
  strict: boolean,
): TimeWindow | undefined {
  const seconds = parseDuration(w.duration) as number;
  const isRolling = w.isRolling ?? true;
  const window: TimeWindow = { duration: w.duration, seconds, isRolling };
  if (!isRolling) {
    const unit = /^1(d|w|M|Q|Y|y)$/.exec(w.duration.trim())?.[1];
    if (unit) window.calendarUnit = CALENDAR_UNITS[unit];
    // The OpenSLO examples write `1m` (a minute) where they mean a month; lenient mode reads it as written.
    else if (strict)
      sink.add(
        [...at, 'duration'],
        'must be one calendar unit (1d, 1w, 1M, 1Q, 1Y) when isRolling is false',
      );
  }
  if (w.calendar)
    window.calendar = { startTime: w.calendar.startTime, timeZone: w.calendar.timeZone };
  return window;
}

function readObjective(
  o: SloDoc['spec']['objectives'][number],
  sink: IssueSink,
  at: PathPart[],
  budgeting: BudgetingMethod,
  indicator: Indicator | undefined,
  oslo: boolean,
  ratio: boolean,
): Objective | undefined {
  const before = sink.count;
  let target: number | undefined;
  if (o.target != null && o.targetPercent != null)
    sink.add([...at, 'targetPercent'], 'cannot be set together with target');
  else if (o.target != null) target = o.target;
  else if (o.targetPercent != null) target = percentToFraction(o.targetPercent);
  else sink.add([...at, 'target'], 'is required');

  const objective: Objective = { target: target ?? NaN };
  if (o.displayName) objective.displayName = o.displayName;
  if (o.op) objective.op = o.op;
  if (o.value != null) objective.value = o.value;
  // oslo refuses op beside a ratio; the spec's own examples write it, so only `oslo` does.
  if (oslo && ratio && o.op) {
    sink.add([...at, 'op'], OP_FORBIDDEN);
  }
  if (indicator?.kind === 'threshold') {
    if (!o.op) sink.add([...at, 'op'], 'is required for a thresholdMetric indicator');
    if (o.value == null) sink.add([...at, 'value'], 'is required for a thresholdMetric indicator');
  }
  if (o.timeSliceTarget != null) objective.timeSliceTarget = o.timeSliceTarget;
  if (o.timeSliceWindow != null) {
    const seconds =
      typeof o.timeSliceWindow === 'number' ? o.timeSliceWindow : parseDuration(o.timeSliceWindow);
    if (seconds === undefined || seconds <= 0)
      sink.add([...at, 'timeSliceWindow'], DURATION_MESSAGE);
    else objective.timeSliceWindowSeconds = seconds;
  }
  if (budgeting !== 'Occurrences' && o.timeSliceWindow == null) {
    sink.add([...at, 'timeSliceWindow'], `is required for ${budgeting} budgeting`);
  }
  if (budgeting === 'Timeslices' && o.timeSliceTarget == null) {
    sink.add([...at, 'timeSliceTarget'], 'is required for Timeslices budgeting');
  }
  return sink.count > before ? undefined : objective;
}

function readIndicatorOrRef(
  inline: { spec: SliSpec } | null | undefined,
  ref: string | null | undefined,
  sink: IssueSink,
  at: PathPart[],
  index: OpenSloIndex,
  strict: boolean,
): Indicator | undefined {
  if (inline && ref) {
    sink.add([...at, 'indicatorRef'], 'cannot be set together with indicator');
    return undefined;
  }
  if (inline) return readIndicator(inline.spec, sink, [...at, 'indicator', 'spec'], index, strict);
  if (ref) {
    const spec = index.slis.get(ref);
    if (!spec) {
      sink.add([...at, 'indicatorRef'], `no SLI named ${JSON.stringify(ref)} in this input`);
      return undefined;
    }
    // Problems inside the referenced SLI are reported at the reference.
    return readIndicator(spec, sink, [...at, 'indicatorRef'], index, strict);
  }
  sink.add([...at, 'indicator'], 'is required (or indicatorRef)');
  return undefined;
}

function readIndicator(
  spec: SliSpec,
  sink: IssueSink,
  at: PathPart[],
  index: OpenSloIndex,
  strict: boolean,
): Indicator | undefined {
  if (spec.thresholdMetric && spec.ratioMetric) {
    sink.add(at, 'has thresholdMetric and ratioMetric; only one is allowed');
    return undefined;
  }
  if (spec.thresholdMetric) {
    const metric = readMetric(
      spec.thresholdMetric,
      sink,
      [...at, 'thresholdMetric'],
      index,
      strict,
    );
    return metric && { kind: 'threshold', metric };
  }
  const ratio = spec.ratioMetric;
  if (!ratio) {
    sink.add(at, 'needs thresholdMetric or ratioMetric');
    return undefined;
  }
  const rat: PathPart[] = [...at, 'ratioMetric'];
  if (ratio.raw) {
    if (ratio.good || ratio.bad || ratio.total) {
      sink.add([...rat, 'raw'], 'cannot be set together with good, bad or total');
      return undefined;
    }
    if (ratio.rawType !== 'failure') {
      sink.add(
        [...rat, 'rawType'],
        ratio.rawType
          ? 'only failure is supported (a query that returns the error ratio)'
          : 'is required',
      );
      return undefined;
    }
    const errorRatio = readMetric(ratio.raw, sink, [...rat, 'raw'], index, strict);
    return errorRatio && { kind: 'rawErrorRatio', errorRatio };
  }
  const before = sink.count;
  if (!ratio.total) sink.add([...rat, 'total'], 'is required');
  if (ratio.good && ratio.bad) sink.add([...rat, 'bad'], 'cannot be set together with good');
  if (!ratio.good && !ratio.bad) sink.add([...rat, 'good'], 'is required (or bad)');
  if (sink.count > before) return undefined;
  const good = ratio.good
    ? readMetric(ratio.good, sink, [...rat, 'good'], index, strict, true)
    : undefined;
  const bad = ratio.bad
    ? readMetric(ratio.bad, sink, [...rat, 'bad'], index, strict, true)
    : undefined;
  const total = readMetric(ratio.total as Metric, sink, [...rat, 'total'], index, strict, true);
  if (!total || (!good && !bad)) return undefined;
  return { kind: 'ratio', ...(good ? { good } : {}), ...(bad ? { bad } : {}), total };
}

function readMetric(
  m: Metric,
  sink: IssueSink,
  at: PathPart[],
  index: OpenSloIndex,
  strict: boolean,
  events = false,
): MetricQuery | undefined {
  const src = m.metricSource;
  const srcPath: PathPart[] = [...at, 'metricSource'];
  let type = src.type ?? undefined;
  if (src.metricSourceRef) {
    const ds = index.dataSources.get(src.metricSourceRef);
    if (!ds) {
      sink.add(
        [...srcPath, 'metricSourceRef'],
        `no DataSource named ${JSON.stringify(src.metricSourceRef)} in this input`,
      );
      return undefined;
    }
    type ??= ds.type;
  }
  const before = sink.count;
  if (!type) sink.add([...srcPath, 'type'], 'is required (or metricSourceRef)');
  else if (strict && type.toLowerCase() === PLACEHOLDER.toLowerCase()) {
    sink.add([...srcPath, 'type'], 'is a placeholder; name the metrics backend, e.g. Prometheus');
  }
  const specQuery = src.spec?.query ?? src.spec?.promql;
  // Other backends describe their metric in their own fields (Datadog's query, AppDynamics'
  // metricPath ...): valid OpenSLO, kept as written; rules and evaluation refuse them by type.
  const prometheus = type?.toLowerCase() === 'prometheus';
  if (specQuery === undefined || specQuery === null || specQuery === '') {
    if (prometheus || !type) sink.add([...srcPath, 'spec', 'query'], 'is required');
  } else if (typeof specQuery !== 'string') {
    if (prometheus)
      sink.add(
        [...srcPath, 'spec', src.spec?.query !== undefined ? 'query' : 'promql'],
        'must be a string',
      );
  } else if (strict && specQuery === PLACEHOLDER) {
    sink.add([...srcPath, 'spec', 'query'], 'is a placeholder; write the query');
  }
  const notSelector =
    events &&
    prometheus &&
    typeof specQuery === 'string' &&
    !isWindowedQuery(specQuery) &&
    expressionProblem(specQuery) === undefined
      ? counterSelectorProblem(specQuery)
      : undefined;
  if (notSelector) {
    // Valid OpenSLO and valid PromQL, but Headroom needs either a counter selector (which it
    // wraps in rate()) or a windowed query (`{{.window}}`) to compute a ratio over a window.
    sink.add(
      [...srcPath, 'spec', src.spec?.query !== undefined ? 'query' : 'promql'],
      `${notSelector}, or a windowed query such as sum(rate(http_requests_total[{{.window}}])): Headroom does not support other PromQL expressions here`,
    );
  }
  if (sink.count > before) return undefined;
  const text =
    typeof specQuery === 'string' && specQuery !== '' ? specQuery : JSON.stringify(src.spec ?? {});
  return promQuery(text, type as string);
}

const PAGE_SEVERITY = /^(page|critical|high)$/i;

/**
 * No `alertPolicies` (absent or null): Headroom's default, page and ticket burn-rate alerts.
 * A list: one severity per policy, from its condition (`page`, `critical` or `high` page; any other
 * severity opens a ticket); the policy's labels and annotations go to that severity's alerts.
 * An empty list turns alerting off.
 */
function readAlertPolicies(
  items: SloDoc['spec']['alertPolicies'],
  sink: IssueSink,
  index: OpenSloIndex,
): Omit<AlertingSpec, 'windows'> | undefined {
  const enabled = items == null;
  const alerting: Omit<AlertingSpec, 'windows'> = {
    labels: {},
    annotations: {},
    page: { enabled, labels: {}, annotations: {} },
    ticket: { enabled, labels: {}, annotations: {} },
  };
  if (!items) return alerting;
  const before = sink.count;
  items.forEach((item, i) => {
    const at: PathPart[] = ['spec', 'alertPolicies', i];
    let policy:
      | { spec: PolicySpec; labels: Record<string, string>; annotations: Record<string, string> }
      | undefined;
    if (item.alertPolicyRef) {
      policy = index.alertPolicies.get(item.alertPolicyRef);
      if (!policy)
        sink.add(
          [...at, 'alertPolicyRef'],
          `no AlertPolicy named ${JSON.stringify(item.alertPolicyRef)} in this input`,
        );
    } else if (item.spec) {
      policy = {
        spec: item.spec,
        labels: toStringMap(item.metadata?.labels),
        annotations: toStringMap(item.metadata?.annotations),
      };
    } else {
      sink.add([...at, 'spec'], 'is required (or alertPolicyRef)');
    }
    if (!policy) return;
    const first = policy.spec.conditions[0];
    let condition: ConditionSpec | undefined;
    if (first?.conditionRef) {
      condition = index.alertConditions.get(first.conditionRef);
      if (!condition) {
        sink.add(
          [
            ...at,
            ...(item.alertPolicyRef
              ? ['alertPolicyRef']
              : ['spec', 'conditions', 0, 'conditionRef']),
          ],
          `no AlertCondition named ${JSON.stringify(first.conditionRef)} in this input`,
        );
      }
    } else if (first?.spec) condition = first.spec;
    else sink.add([...at, 'spec', 'conditions', 0, 'spec'], 'is required (or conditionRef)');
    if (!condition) return;
    const target = PAGE_SEVERITY.test(condition.severity) ? alerting.page : alerting.ticket;
    target.enabled = true;
    Object.assign(target.labels, policy.labels);
    Object.assign(target.annotations, policy.annotations);
  });
  return sink.count > before ? undefined : alerting;
}
