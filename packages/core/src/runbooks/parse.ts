import { z } from 'zod';
import { parseDuration } from '../model/duration';
import { readNamedDocuments } from '../model/namedDocuments';
import { IssueSink, type PathPart } from '../model/issues';
import { expressionProblem } from '../model/promqlSelector';
import type { SloIssue } from '../model/types';
import type {
  DiagnosisStep,
  Runbook,
  RunbookAction,
  RunbookActionParams,
  RunbookActionType,
} from './types';

export const RUNBOOK_API_VERSION = 'headroom.dev/v1alpha1';
/** The catalog annotation naming a component's runbook file, as `headroom.dev/slo-file` does. */
export const RUNBOOKS_ANNOTATION = 'headroom.dev/runbooks';

/** RFC 1123 label: names become resource names and audit keys. */
const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const name = z.string().regex(NAME, 'must be an RFC 1123 name (lower case, digits, -)');
const duration = z.string().refine(s => (parseDuration(s) ?? 0) > 0, {
  message: 'must be a duration such as 30s, 5m or 1h',
});
const query = z.string().min(1, 'must be a PromQL expression');
const share = z.number().gt(0).max(1);

const expectation = z
  .strictObject({ above: z.number().finite().optional(), below: z.number().finite().optional() })
  .refine(e => (e.above === undefined) !== (e.below === undefined), {
    message: 'must have exactly one of above, below',
  });

const STEP_KINDS = ['query', 'recentChanges', 'dependencyHealth', 'saturation'] as const;

const step = z.strictObject({
  name,
  query: query.optional(),
  expect: expectation.optional(),
  recentChanges: z
    .strictObject({
      within: duration,
      includeDependencies: z.boolean().default(false),
      actions: z.array(z.string().min(1)).default([]),
    })
    .optional(),
  dependencyHealth: z.strictObject({ errorRatioQuery: query, maxErrorRatio: share }).optional(),
  saturation: z
    .strictObject({ query, capacity: z.number().positive().optional(), above: share })
    .optional(),
});

export const RUNBOOK_ACTION_TYPES: readonly RunbookActionType[] = [
  'rollback',
  'scale',
  'restart',
  'shift-traffic',
  'shed-traffic',
  'flag',
  'webhook',
];

const none = z.strictObject({}).default({});
const PARAMS: Record<RunbookActionType, z.ZodType> = {
  rollback: none,
  restart: none,
  scale: z.strictObject({ replicas: z.number().int().min(1).max(10_000) }),
  'shift-traffic': z.strictObject({
    to: z.string().min(1),
    weight: z.number().int().min(0).max(100),
  }),
  'shed-traffic': z.strictObject({ share: z.number().gt(0).lt(1) }),
  flag: z.strictObject({
    flag: z.string().regex(/^[a-z0-9][a-z0-9-_.]{0,62}$/i, 'must be a flag name'),
    enabled: z.boolean(),
  }),
  webhook: z.strictObject({
    url: z.url({ protocol: /^https?$/ }),
    method: z.enum(['POST', 'PUT']).default('POST'),
    body: z.record(z.string(), z.unknown()).default({}),
  }),
};

const action = z.strictObject({
  name,
  type: z.enum(RUNBOOK_ACTION_TYPES as [RunbookActionType, ...RunbookActionType[]]),
  params: z.unknown().optional(),
  when: z.array(name).default([]),
  risky: z.boolean().default(false),
  safe: z.boolean().default(false),
});

const spec = z.strictObject({
  service: name,
  slo: z.string().min(1),
  trigger: z.strictObject({
    labels: z.record(z.string(), z.string()).default({}),
    slo: z.strictObject({ severity: z.enum(['page', 'ticket']) }).optional(),
  }),
  diagnosis: z.array(step).default([]),
  actions: z.array(action).min(1),
  verify: z.strictObject({ within: duration, stableFor: duration.default('5m') }),
  guardrails: z
    .strictObject({
      dryRun: z.boolean().default(false),
      maxExecutions: z.number().int().min(1).default(3),
      window: duration.default('1h'),
      cooldown: duration.default('10m'),
      maxLobShare: share.default(0.5),
    })
    .default({
      dryRun: false,
      maxExecutions: 3,
      window: '1h',
      cooldown: '10m',
      maxLobShare: 0.5,
    }),
});

const document = z.strictObject({
  apiVersion: z.literal(RUNBOOK_API_VERSION),
  kind: z.literal('Runbook'),
  metadata: z.strictObject({
    name,
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
  spec,
});

export interface RunbookParseResult {
  runbooks: Runbook[];
  issues: SloIssue[];
}

/**
 * Runbooks in a YAML file (one or more documents). Every problem names the file, the document
 * and the field; a file with any problem yields no runbook, so nothing of it can run.
 */
export function parseRunbooks(text: string, file: string): RunbookParseResult {
  const { items, issues } = readNamedDocuments(text, file, runbookFromObject);
  return { runbooks: items, issues };
}

function runbookFromObject(
  value: unknown,
  sink: IssueSink,
  source: Runbook['source'],
): Runbook | undefined {
  const parsed = document.safeParse(value);
  if (!parsed.success) {
    sink.addZod(parsed.error);
    return undefined;
  }
  const { metadata, spec: s } = parsed.data;
  if (Object.keys(s.trigger.labels).length === 0 && !s.trigger.slo) {
    sink.add(['spec', 'trigger'], 'must have labels or slo (an alert to answer)');
  }
  const diagnosis = s.diagnosis
    .map((d, i) => diagnosisStep(d, sink, ['spec', 'diagnosis', i]))
    .filter((d): d is DiagnosisStep => d !== undefined);
  const stepNames = new Set<string>();
  s.diagnosis.forEach((d, i) => {
    if (stepNames.has(d.name))
      sink.add(['spec', 'diagnosis', i, 'name'], `"${d.name}" is used twice`);
    stepNames.add(d.name);
  });
  const actionNames = new Set<string>();
  const actions: RunbookAction[] = [];
  s.actions.forEach((a, i) => {
    const path: PathPart[] = ['spec', 'actions', i];
    if (actionNames.has(a.name)) sink.add([...path, 'name'], `"${a.name}" is used twice`);
    actionNames.add(a.name);
    a.when.forEach((w, j) => {
      if (!stepNames.has(w)) {
        sink.add([...path, 'when', j], `"${w}" is not a diagnosis step of this runbook`);
      }
    });
    if (a.risky && a.safe) sink.add([...path, 'safe'], 'cannot be true for an action marked risky');
    const params = PARAMS[a.type].safeParse(a.params);
    if (!params.success) {
      sink.addZod(params.error, [...path, 'params']);
      return;
    }
    actions.push({
      ...({ type: a.type, ...(params.data as object) } as RunbookActionParams),
      name: a.name,
      when: a.when,
      risky: a.risky,
      safe: a.safe,
    });
  });
  if (sink.count > 0) return undefined;
  const g = s.guardrails;
  return {
    name: metadata.name,
    service: s.service,
    slo: s.slo,
    trigger: { labels: s.trigger.labels, ...(s.trigger.slo ? { slo: s.trigger.slo } : {}) },
    diagnosis,
    actions,
    verify: {
      withinSeconds: parseDuration(s.verify.within)!,
      stableSeconds: parseDuration(s.verify.stableFor)!,
    },
    guardrails: {
      dryRun: g.dryRun,
      maxExecutions: { count: g.maxExecutions, windowSeconds: parseDuration(g.window)! },
      cooldownSeconds: parseDuration(g.cooldown)!,
      maxLobShare: g.maxLobShare,
    },
    source,
  };
}

type StepInput = z.infer<typeof step>;

function diagnosisStep(d: StepInput, sink: IssueSink, path: PathPart[]): DiagnosisStep | undefined {
  const kinds = STEP_KINDS.filter(k => d[k] !== undefined);
  if (kinds.length !== 1) {
    sink.add(
      path,
      kinds.length === 0
        ? `must have one of ${STEP_KINDS.join(', ')}`
        : `must have only one of ${kinds.join(', ')}`,
    );
    return undefined;
  }
  const checkQuery = (text: string, at: PathPart[]): boolean => {
    const problem = expressionProblem(text.replace(/\{\{\s*\.service\s*\}\}/g, 'dependency'));
    if (problem) sink.add(at, `does not parse as PromQL: ${problem}`);
    return problem === undefined;
  };
  if (d.query !== undefined) {
    if (!d.expect) {
      sink.add([...path, 'expect'], 'is required with query (above or below a value)');
      return undefined;
    }
    if (!checkQuery(d.query, [...path, 'query'])) return undefined;
    const op = d.expect.above !== undefined ? 'above' : 'below';
    return { kind: 'query', name: d.name, query: d.query, expect: { op, value: d.expect[op]! } };
  }
  if (d.expect !== undefined) sink.add([...path, 'expect'], 'belongs to a query step only');
  if (d.recentChanges) {
    return {
      kind: 'recentChanges',
      name: d.name,
      withinSeconds: parseDuration(d.recentChanges.within)!,
      includeDependencies: d.recentChanges.includeDependencies,
      actions: d.recentChanges.actions,
    };
  }
  if (d.dependencyHealth) {
    const q = d.dependencyHealth.errorRatioQuery;
    if (!/\{\{\s*\.service\s*\}\}/.test(q)) {
      sink.add(
        [...path, 'dependencyHealth', 'errorRatioQuery'],
        'must use {{.service}} for each dependency',
      );
      return undefined;
    }
    if (!checkQuery(q, [...path, 'dependencyHealth', 'errorRatioQuery'])) return undefined;
    return {
      kind: 'dependencyHealth',
      name: d.name,
      errorRatioQuery: q,
      maxErrorRatio: d.dependencyHealth.maxErrorRatio,
    };
  }
  const sat = d.saturation!;
  if (!checkQuery(sat.query, [...path, 'saturation', 'query'])) return undefined;
  return {
    kind: 'saturation',
    name: d.name,
    query: sat.query,
    capacity: sat.capacity ?? null,
    above: sat.above,
  };
}
