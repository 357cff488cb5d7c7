import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { readAlertWindowsSpec, resolveAlertWindows } from './alertWindows';
import { parseDuration } from './duration';
import type { IssueSink, PathPart } from './issues';
import type {
  AlertingSpec,
  AlertWindowsSpec,
  BudgetingMethod,
  Indicator,
  MetricQuery,
  Objective,
  RuleCustomisation,
  Slo,
  SloFormat,
  SloSource,
  TimeWindow,
} from './types';

export interface ParseOptions {
  /** Used when a document names no owner, line of business or service of its own. */
  defaults?: { owner?: string; lineOfBusiness?: string; service?: string };
  /** Alert windows per SLO period (e.g. read with `parseAlertWindows`); AlertWindows documents in the input add to these. */
  alertWindows?: AlertWindowsSpec[];
  /** Reject unknown fields and the `Any` placeholders of the OpenSLO examples. Default false. */
  strict?: boolean;
  /**
   * Also apply the rules `oslo validate` adds to the OpenSLO schema (implies `strict`): `op` only
   * beside a thresholdMetric, and a `value` on every v1alpha Timeslices objective. The spec's own
   * examples and the go-sdk's break the first, so it is not the default.
   */
  oslo?: boolean;
  /** The window of Sloth SLOs, which do not name one (Sloth's `--default-slo-period`). Default `30d`. */
  defaultPeriod?: string;
}

/** Annotation (or label) keys Headroom reads; they are consumed, not copied into `Slo.annotations`. */
export const ANNOTATION = {
  owner: 'headroom.dev/owner',
  lineOfBusiness: 'headroom.dev/line-of-business',
  service: 'headroom.dev/service',
  runbookUrl: 'headroom.dev/runbook-url',
  dashboardUrl: 'headroom.dev/dashboard-url',
  alertWindows: 'headroom.dev/alert-windows',
  alertName: 'headroom.dev/alert-name',
  alertLabels: 'headroom.dev/alert-labels',
  alertAnnotations: 'headroom.dev/alert-annotations',
  grouping: 'headroom.dev/grouping',
} as const;

const CONSUMED = new Set<string>(Object.values(ANNOTATION));

export const DURATION_MESSAGE = 'must be a duration like 5m, 1h, 30d';

export function kit(strict: boolean) {
  return {
    obj: <T extends z.ZodRawShape>(shape: T) =>
      strict ? z.strictObject(shape) : z.looseObject(shape),
  };
}

/**
 * OpenSLO object names, as oslo and the go-sdk check them: an RFC 1123 label (Kubernetes'
 * `metadata.name` rule for most kinds).
 */
export const RFC1123_MESSAGE =
  "must be an RFC 1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit (e.g. my-name, 123-abc)";
export const rfc1123Name = z
  .string()
  .min(1, 'is required')
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, RFC1123_MESSAGE);

/** An IANA time zone the runtime knows (`UTC`, `Europe/Warsaw`), as oslo requires. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
export const TIME_ZONE_MESSAGE = 'must be an IANA time zone such as UTC or Europe/Warsaw';

export const duration = z.string().refine(s => parseDuration(s) !== undefined, DURATION_MESSAGE);

/** Label and annotation maps: scalar values are read as strings (YAML `tier: 2`). */
export const stringMap = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
  .nullish()
  .transform(m => toStringMap(m));

export function toStringMap(m: Record<string, unknown> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m ?? {}))
    out[k] = Array.isArray(v) ? v.map(String).join(',') : String(v);
  return out;
}

/** Whether the query has Sloth's `{{.window}}` placeholder (spaces allowed, as Sloth allows them). */
export function isWindowedQuery(query: string): boolean {
  return /\{\{\s*\.window\s*\}\}/.test(query);
}

export function promQuery(query: string, source = 'prometheus'): MetricQuery {
  return { source: source.toLowerCase(), query: query.trim(), windowed: isWindowedQuery(query) };
}

/** Lower-case, dashes for anything else: `Good experience` → `good-experience`. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Names for the `Slo`s of a document with several objectives: the document name alone for a single
 * objective, else `<name>-<slug(displayName)>`, or `<name>-<index>` (0-based, as in the field path)
 * when the objective has no display name or its slug is already taken.
 */
export function objectiveNames(
  name: string,
  objectives: readonly { displayName?: string | null }[],
): string[] {
  if (objectives.length === 1) return [name];
  const used = new Set<string>();
  return objectives.map((o, i) => {
    const s = o.displayName ? slug(o.displayName) : '';
    const candidate = s && !used.has(s) ? `${name}-${s}` : `${name}-${i}`;
    used.add(s);
    return candidate;
  });
}

/** What a format parser knows about one SLO; `finishSlo` adds the shared rules. */
export interface SloDraft {
  name: string;
  displayName?: string;
  description?: string;
  /** The format's own service field, and where it is (or would be) in the document. */
  service?: string;
  servicePath: PathPart[];
  /** Used after `headroom.dev/service` and before the default (Pyrra: the namespace). */
  fallbackService?: string;
  /** Used when nothing else names the service, the defaults included (Pyrra: the SLO's name). */
  lastResortService?: string;
  /** Replaces `is required` when no service is found. */
  serviceMessage?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Where `annotations` live in the document, for issues about `headroom.dev/*` values. */
  annotationsPath: PathPart[];
  indicator: Indicator;
  objective: Objective;
  window: TimeWindow;
  budgetingMethod: BudgetingMethod;
  alerting: Omit<AlertingSpec, 'windows'>;
  runbookUrl?: string;
  grouping?: string[];
  format: SloFormat;
  rules?: RuleCustomisation;
  resource?: SloSource['resource'];
  slothName?: string;
}

/** Labels and annotations of an OpenSLO Service document, for owner and line of business. */
export interface ServiceInfo {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface FinishContext {
  options: ParseOptions;
  alertWindows: readonly AlertWindowsSpec[];
  services: ReadonlyMap<string, ServiceInfo>;
}

function pick(
  maps: readonly Record<string, string>[],
  keys: readonly string[],
): string | undefined {
  for (const map of maps) {
    for (const key of keys) {
      const v = map[key];
      if (v !== undefined && v !== '') return v;
    }
  }
  return undefined;
}

function without(map: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map)) if (!CONSUMED.has(k)) out[k] = v;
  return out;
}

function jsonMap(
  text: string | undefined,
  sink: IssueSink,
  path: PathPart[],
): Record<string, string> {
  if (text === undefined) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value))
      return toStringMap(value as Record<string, unknown>);
  } catch {
    // reported below
  }
  sink.add(path, 'must be a JSON object of strings');
  return {};
}

/** Applies owner, line of business, service, URLs and alert windows; undefined after an issue. */
export function finishSlo(draft: SloDraft, sink: IssueSink, ctx: FinishContext): Slo | undefined {
  const { labels, annotations } = draft;
  const before = sink.count;
  const annPath = (key: string): PathPart[] => [...draft.annotationsPath, key];

  const service =
    draft.service ||
    pick([annotations, labels], [ANNOTATION.service]) ||
    draft.fallbackService ||
    ctx.options.defaults?.service ||
    draft.lastResortService;
  if (!service) sink.add(draft.servicePath, draft.serviceMessage ?? 'is required');
  const serviceInfo = service ? ctx.services.get(service) : undefined;
  const ownerSources = [
    annotations,
    labels,
    ...(serviceInfo ? [serviceInfo.annotations, serviceInfo.labels] : []),
  ];
  const owner =
    pick(ownerSources, [ANNOTATION.owner]) ??
    pick([labels, ...ownerSources.slice(2)], ['owner']) ??
    ctx.options.defaults?.owner;
  const lineOfBusiness =
    pick(ownerSources, [ANNOTATION.lineOfBusiness]) ??
    pick([labels, ...ownerSources.slice(2)], ['lob', 'line_of_business']) ??
    ctx.options.defaults?.lineOfBusiness;

  const runbookUrl = annotations[ANNOTATION.runbookUrl] ?? draft.runbookUrl;
  const dashboardUrl = annotations[ANNOTATION.dashboardUrl];
  const groupingText = annotations[ANNOTATION.grouping];
  const grouping =
    draft.grouping ??
    (groupingText !== undefined
      ? groupingText
          .split(',')
          .map(s => s.trim())
          .filter(Boolean)
      : undefined);

  const alertName = annotations[ANNOTATION.alertName] ?? draft.alerting.name;
  const alertLabels = {
    ...draft.alerting.labels,
    ...jsonMap(annotations[ANNOTATION.alertLabels], sink, annPath(ANNOTATION.alertLabels)),
  };
  const alertAnnotations = {
    ...draft.alerting.annotations,
    ...jsonMap(
      annotations[ANNOTATION.alertAnnotations],
      sink,
      annPath(ANNOTATION.alertAnnotations),
    ),
  };

  let windows = resolveAlertWindows(draft.window.seconds, ctx.alertWindows);
  const windowsText = annotations[ANNOTATION.alertWindows];
  if (windowsText !== undefined) {
    let value: unknown;
    try {
      value = parseYaml(windowsText);
    } catch {
      sink.add(annPath(ANNOTATION.alertWindows), 'must be a YAML or JSON AlertWindows spec');
    }
    if (value !== undefined) {
      const spec = readAlertWindowsSpec(value, sink, annPath(ANNOTATION.alertWindows), {
        strict: ctx.options.strict,
        periodSeconds: draft.window.seconds,
      });
      if (spec && spec.periodSeconds !== draft.window.seconds) {
        sink.add(
          [...annPath(ANNOTATION.alertWindows), 'sloPeriod'],
          `must match the SLO window (${draft.window.duration})`,
        );
      } else if (spec) windows = spec.windows;
    }
  }

  if (sink.count > before || !service) return undefined;
  const slo: Slo = {
    name: draft.name,
    service,
    labels: without(labels),
    annotations: without(annotations),
    indicator: draft.indicator,
    objective: draft.objective,
    window: draft.window,
    budgetingMethod: draft.budgetingMethod,
    alerting: {
      ...(alertName !== undefined ? { name: alertName } : {}),
      labels: alertLabels,
      annotations: alertAnnotations,
      page: draft.alerting.page,
      ticket: draft.alerting.ticket,
      windows,
    },
    source: {
      file: sink.file,
      docIndex: sink.docIndex,
      format: draft.format,
      ...(draft.resource ? { resource: draft.resource } : {}),
      ...(draft.slothName !== undefined ? { slothName: draft.slothName } : {}),
    },
  };
  if (draft.rules !== undefined) slo.rules = draft.rules;
  if (draft.displayName !== undefined) slo.displayName = draft.displayName;
  if (draft.description !== undefined && draft.description !== '')
    slo.description = draft.description;
  if (owner !== undefined) slo.owner = owner;
  if (lineOfBusiness !== undefined) slo.lineOfBusiness = lineOfBusiness;
  if (runbookUrl !== undefined) slo.runbookUrl = runbookUrl;
  if (dashboardUrl !== undefined) slo.dashboardUrl = dashboardUrl;
  if (grouping !== undefined && grouping.length > 0) slo.grouping = grouping;
  return slo;
}

/** Objective target given as a percent in (0, 100), stored as a fraction without float noise. */
export function percentToFraction(percent: number): number {
  return Number((percent / 100).toPrecision(12));
}
