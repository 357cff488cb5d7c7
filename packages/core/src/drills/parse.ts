import { z } from 'zod';
import { parseDuration } from '../model/duration';
import { readNamedDocuments } from '../model/namedDocuments';
import { IssueSink, type PathPart } from '../model/issues';
import type { SloIssue } from '../model/types';
import type { AbortCondition, Drill, DrillFault, SteadyStateTerm } from './types';

export const DRILL_API_VERSION = 'headroom.dev/v1alpha1';

/** RFC 1123 label, as Kubernetes and OpenSLO names are: the drill's name becomes a resource name. */
const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

const duration = z.string().refine(s => (parseDuration(s) ?? 0) > 0, {
  message: 'must be a duration such as 30s, 5m or 1h',
});
const positive = z.number().finite().positive();

const steadyStateTerm = z.union([
  z.strictObject({ burnRate: z.strictObject({ window: duration, below: positive }) }),
  z.strictObject({
    sli: z.strictObject({ window: duration, above: z.number().gt(0).lt(1) }),
  }),
]);

const abortCondition = z.union([
  z.strictObject({ burnRate: z.strictObject({ window: duration, above: positive }) }),
  z.strictObject({
    incident: z.strictObject({ severity: z.enum(['P1', 'P2', 'P3', 'P4']) }),
  }),
]);

const fault = z.strictObject({
  type: z.enum(['errors', 'latency', 'outage', 'capacity-loss', 'dependency-outage', 'bad-deploy']),
  target: z.string().regex(NAME, 'must be a catalog component name (RFC 1123)'),
  magnitude: positive,
  duration,
  weight: z.number().int().min(0).max(10).default(10),
});

const spec = z.strictObject({
  service: z.string().regex(NAME, 'must be a catalog component name (RFC 1123)'),
  slo: z.string().min(1),
  hypothesis: z.string().min(1),
  steadyState: z.array(steadyStateTerm).min(1),
  faults: z.array(fault).min(1),
  blastRadius: z.strictObject({ maxServices: z.number().int().min(1) }).default({ maxServices: 1 }),
  abort: z.array(abortCondition).default([]),
  expect: z
    .strictObject({
      alert: z.strictObject({ severity: z.enum(['page', 'ticket']), within: duration }).optional(),
      recovery: z
        .strictObject({
          within: duration,
          stableFor: duration.default('5m'),
          by: z.enum(['runbook', 'fault-end']).default('fault-end'),
        })
        .optional(),
    })
    .default({}),
  schedule: z
    .strictObject({
      cron: z.string().optional(),
      at: z.array(z.iso.datetime({ offset: true })).optional(),
      minBudgetRemaining: z.number().min(0).max(1).default(0.25),
    })
    .optional(),
});

const document = z.strictObject({
  apiVersion: z.literal(DRILL_API_VERSION),
  kind: z.literal('Drill'),
  metadata: z.strictObject({
    name: z.string().regex(NAME, 'must be an RFC 1123 name (lower case, digits, -)'),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
  spec,
});

export interface DrillParseResult {
  drills: Drill[];
  issues: SloIssue[];
}

/** Drills in a YAML file (one or more documents); every problem names the file and the field. */
export function parseDrills(text: string, file: string): DrillParseResult {
  const { items, issues } = readNamedDocuments(text, file, drillFromObject);
  return { drills: items, issues };
}

function drillFromObject(
  value: unknown,
  sink: IssueSink,
  source: Drill['source'],
): Drill | undefined {
  const parsed = document.safeParse(value);
  if (!parsed.success) {
    sink.addZod(parsed.error);
    return undefined;
  }
  const { metadata, spec: s } = parsed.data;
  const base: PathPart[] = ['spec'];
  const faults: DrillFault[] = s.faults.map(f => ({
    type: f.type,
    target: f.target,
    magnitude: f.magnitude,
    durationSeconds: parseDuration(f.duration)!,
    weight: f.weight,
  }));
  faults.forEach((f, i) => checkMagnitude(f, sink, [...base, 'faults', i, 'magnitude']));
  const targets = new Set(faults.map(f => f.target));
  if (targets.size > s.blastRadius.maxServices) {
    sink.add(
      [...base, 'faults'],
      `touch ${targets.size} services (${[...targets].join(', ')}), more than blastRadius.maxServices ${s.blastRadius.maxServices}`,
    );
  }
  if (faults.every(f => f.weight === 0)) {
    sink.add([...base, 'faults'], 'need at least one fault with a weight above 0');
  }
  if (s.schedule?.cron !== undefined) {
    const problem = cronProblem(s.schedule.cron);
    if (problem) sink.add([...base, 'schedule', 'cron'], problem);
  }
  if (sink.count > 0) return undefined;

  const steadyState: SteadyStateTerm[] = s.steadyState.map(t =>
    'burnRate' in t
      ? {
          kind: 'burnRate',
          windowSeconds: parseDuration(t.burnRate.window)!,
          below: t.burnRate.below,
        }
      : { kind: 'sli', windowSeconds: parseDuration(t.sli.window)!, above: t.sli.above },
  );
  const abort: AbortCondition[] = s.abort.map(a =>
    'burnRate' in a
      ? {
          kind: 'burnRate',
          windowSeconds: parseDuration(a.burnRate.window)!,
          above: a.burnRate.above,
        }
      : { kind: 'incident', severity: a.incident.severity },
  );
  return {
    name: metadata.name,
    service: s.service,
    slo: s.slo,
    hypothesis: s.hypothesis,
    steadyState,
    faults,
    blastRadius: s.blastRadius,
    abort,
    expect: {
      ...(s.expect.alert
        ? {
            alert: {
              severity: s.expect.alert.severity,
              withinSeconds: parseDuration(s.expect.alert.within)!,
            },
          }
        : {}),
      ...(s.expect.recovery
        ? {
            recovery: {
              withinSeconds: parseDuration(s.expect.recovery.within)!,
              stableSeconds: parseDuration(s.expect.recovery.stableFor)!,
              by: s.expect.recovery.by,
            },
          }
        : {}),
    },
    ...(s.schedule ? { schedule: s.schedule } : {}),
    source,
  };
}

/** The simulator's and the clusters' bounds of each fault's magnitude. */
function checkMagnitude(f: DrillFault, sink: IssueSink, path: PathPart[]): void {
  const m = f.magnitude;
  if (f.type === 'latency') {
    if (!(m > 1 && m <= 1000))
      sink.add(path, 'must be a factor above 1 and at most 1000 for latency');
  } else if (f.type === 'capacity-loss') {
    if (!(m < 1)) sink.add(path, 'must be a share above 0 and below 1 for capacity-loss');
  } else if (!(m <= 1)) {
    sink.add(path, `must be a share above 0 and at most 1 for ${f.type}`);
  }
}

const CRON_FIELDS: [string, number, number][] = [
  ['minute', 0, 59],
  ['hour', 0, 23],
  ['day of month', 1, 31],
  ['month', 1, 12],
  ['day of week', 0, 6],
];

/** Why a five-field cron expression is not one (numbers, ranges, lists, steps, `*`), or undefined. */
export function cronProblem(cron: string): string | undefined {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) {
    return `must have 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`;
  }
  for (let i = 0; i < 5; i++) {
    const [name, min, max] = CRON_FIELDS[i]!;
    for (const part of fields[i]!.split(',')) {
      const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
      const inRange = (v: string | undefined) => v === undefined || (+v >= min && +v <= max);
      if (!m || !inRange(m[2]) || !inRange(m[3]) || (m[4] !== undefined && +m[4] < 1)) {
        return `${name} field "${part}" is not a number from ${min} to ${max}, a range, a list or a step`;
      }
    }
  }
  return undefined;
}
