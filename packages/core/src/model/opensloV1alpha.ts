import { z } from 'zod';
import type { IssueSink, PathPart } from './issues';
import { defaultWindow, OP_FORBIDDEN } from './openslo';
import {
  isTimeZone,
  kit,
  rfc1123Name,
  TIME_ZONE_MESSAGE,
  objectiveNames,
  promQuery,
  stringMap,
  type ParseOptions,
  type SloDraft,
} from './common';
import type { Indicator, Objective, TimeWindow } from './types';

/**
 * OpenSLO v1alpha SLOs, the schema Sloth reads: `objectives[].ratioMetrics` with inline
 * `{source, queryType, query}` and `timeWindows: [{count, unit}]`.
 */
const UNITS = {
  Second: 's',
  Minute: 'm',
  Hour: 'h',
  Day: 'd',
  Week: 'w',
  Month: 'M',
  Quarter: 'Q',
  Year: 'Y',
} as const;

const UNIT_SECONDS: Record<keyof typeof UNITS, number> = {
  Second: 1,
  Minute: 60,
  Hour: 3_600,
  Day: 86_400,
  Week: 7 * 86_400,
  Month: 30 * 86_400,
  Quarter: 90 * 86_400,
  Year: 365 * 86_400,
};

const CALENDAR: Partial<Record<keyof typeof UNITS, TimeWindow['calendarUnit']>> = {
  Day: 'day',
  Week: 'week',
  Month: 'month',
  Quarter: 'quarter',
  Year: 'year',
};

function schemas(strict: boolean) {
  const { obj } = kit(strict);
  const query = obj({
    source: z.string().min(1, 'is required'),
    queryType: z.string().nullish(),
    query: z.string().min(1, 'is required'),
    metadata: z.unknown().nullish(),
  });
  return obj({
    apiVersion: z.literal('openslo/v1alpha'),
    kind: z.literal('SLO'),
    metadata: obj({
      name: rfc1123Name,
      displayName: z.string().nullish(),
      labels: stringMap,
      annotations: stringMap,
    }),
    spec: obj({
      service: z.string().nullish(),
      description: z.string().nullish(),
      budgetingMethod: z.enum(['Occurrences', 'Timeslices']),
      timeWindows: z
        .array(
          obj({
            count: z.number().int('must be an integer').positive('must be > 0'),
            unit: z.enum(Object.keys(UNITS) as [keyof typeof UNITS, ...(keyof typeof UNITS)[]]),
            isRolling: z.boolean().nullish(),
            calendar: obj({
              startTime: z.string(),
              timeZone: z.string().refine(isTimeZone, TIME_ZONE_MESSAGE),
            }).nullish(),
          }),
        )
        .length(1, 'must have exactly one window')
        // Optional, as in Sloth: the SLO then gets the default period.
        .nullish(),
      indicator: obj({ thresholdMetric: query }).nullish(),
      objectives: z
        .array(
          obj({
            displayName: z.string().nullish(),
            op: z.enum(['lt', 'lte', 'gt', 'gte']).nullish(),
            value: z.number().nullish(),
            target: z.number().gt(0, 'must be > 0').lt(1, 'must be < 1'),
            timeSliceTarget: z.number().gt(0, 'must be > 0').max(1, 'must be <= 1').nullish(),
            ratioMetrics: obj({
              incremental: z.boolean().nullish(),
              good: query.nullish(),
              bad: query.nullish(),
              total: query,
            }).nullish(),
          }),
        )
        .min(1, 'must list at least one objective'),
    }),
  });
}

const cache = new Map<boolean, ReturnType<typeof schemas>>();

export function parseOpenSloV1AlphaSlo(
  doc: unknown,
  sink: IssueSink,
  options: ParseOptions,
): SloDraft[] {
  const strict = (options.strict ?? false) || (options.oslo ?? false);
  const oslo = options.oslo ?? false;
  let schema = cache.get(strict);
  if (!schema) cache.set(strict, (schema = schemas(strict)));
  const parsed = schema.safeParse(doc, { reportInput: true });
  if (!parsed.success) {
    sink.addZod(parsed.error);
    return [];
  }
  const { metadata, spec } = parsed.data;
  const tw = spec.timeWindows?.[0];
  let window: TimeWindow;
  if (tw) {
    const isRolling = tw.isRolling ?? true;
    window = {
      duration: `${tw.count}${UNITS[tw.unit]}`,
      seconds: tw.count * UNIT_SECONDS[tw.unit],
      isRolling,
    };
    if (!isRolling && tw.count === 1 && CALENDAR[tw.unit]) window.calendarUnit = CALENDAR[tw.unit];
    if (tw.calendar)
      window.calendar = { startTime: tw.calendar.startTime, timeZone: tw.calendar.timeZone };
  } else {
    const fallback = defaultWindow(options, sink);
    if (!fallback) return [];
    window = fallback;
  }

  const names = objectiveNames(metadata.name, spec.objectives);
  const drafts: SloDraft[] = [];
  const before = sink.count;
  spec.objectives.forEach((o, i) => {
    const at: PathPart[] = ['spec', 'objectives', i];
    let indicator: Indicator | undefined;
    if (o.ratioMetrics) {
      const r = o.ratioMetrics;
      if (r.good && r.bad)
        sink.add([...at, 'ratioMetrics', 'bad'], 'cannot be set together with good');
      else if (!r.good && !r.bad) sink.add([...at, 'ratioMetrics', 'good'], 'is required (or bad)');
      else {
        indicator = {
          kind: 'ratio',
          ...(r.good ? { good: promQuery(r.good.query, r.good.source) } : {}),
          ...(r.bad ? { bad: promQuery(r.bad.query, r.bad.source) } : {}),
          total: promQuery(r.total.query, r.total.source),
        };
      }
    } else if (spec.indicator) {
      indicator = {
        kind: 'threshold',
        metric: promQuery(
          spec.indicator.thresholdMetric.query,
          spec.indicator.thresholdMetric.source,
        ),
      };
      if (!o.op) sink.add([...at, 'op'], 'is required for a thresholdMetric indicator');
      if (o.value == null)
        sink.add([...at, 'value'], 'is required for a thresholdMetric indicator');
    } else {
      sink.add([...at, 'ratioMetrics'], 'is required (or spec.indicator)');
    }
    if (spec.budgetingMethod === 'Timeslices' && o.timeSliceTarget == null) {
      sink.add([...at, 'timeSliceTarget'], 'is required for Timeslices budgeting');
    }
    // oslo's v1alpha rules (`oslo` option): a Timeslices objective names its value; op is for
    // thresholds only.
    if (oslo && spec.budgetingMethod === 'Timeslices' && o.value == null) {
      sink.add([...at, 'value'], 'is required for Timeslices budgeting');
    }
    if (oslo && o.ratioMetrics && o.op) sink.add([...at, 'op'], OP_FORBIDDEN);
    if (!indicator) return;
    const objective: Objective = { target: o.target };
    if (o.displayName) objective.displayName = o.displayName;
    if (o.op) objective.op = o.op;
    if (o.value != null) objective.value = o.value;
    if (o.timeSliceTarget != null) objective.timeSliceTarget = o.timeSliceTarget;
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
      alerting: {
        labels: {},
        annotations: {},
        page: { enabled: true, labels: {}, annotations: {} },
        ticket: { enabled: true, labels: {}, annotations: {} },
      },
      // Sloth names every objective `<name>-<index>`, even a single one.
      slothName: `${metadata.name}-${i}`,
      format: 'openslo/v1alpha',
    });
  });
  return sink.count > before ? [] : drafts;
}

/** An OpenSLO v1alpha `Service`: checked (oslo's rules), nothing to read from it. */
export function validateOpenSloV1AlphaService(
  doc: unknown,
  sink: IssueSink,
  options: ParseOptions,
): void {
  const { obj } = kit((options.strict ?? false) || (options.oslo ?? false));
  const parsed = obj({
    apiVersion: z.literal('openslo/v1alpha'),
    kind: z.literal('Service'),
    metadata: obj({
      name: rfc1123Name,
      displayName: z.string().nullish(),
      labels: stringMap,
      annotations: stringMap,
    }),
    spec: obj({ description: z.string().nullish() }).nullish(),
  }).safeParse(doc, { reportInput: true });
  if (!parsed.success) sink.addZod(parsed.error);
}
