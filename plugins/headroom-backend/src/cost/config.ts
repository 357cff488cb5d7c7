import type { Config } from '@backstage/config';
import { readDurationFromConfig } from '@backstage/config';
import type { HumanDuration } from '@backstage/types';
import type { AttributionRule } from '@headroom/core';
import { z } from 'zod';

/** A FOCUS export read from a file, a folder (recursively) or an http(s) URL. */
export interface FocusSourceSettings {
  id: string;
  type: 'focus';
  location: string;
  headers: Record<string, string>;
  schedule: HumanDuration | null;
}

/** OpenCost's allocation API, pulled over `window` in steps of `step`. */
export interface OpenCostSourceSettings {
  id: string;
  type: 'opencost';
  baseUrl: string;
  window: string;
  aggregate: string;
  step: string;
  currency: string;
  headers: Record<string, string>;
  schedule: HumanDuration | null;
}

/** A source fed only by uploads (`POST /cost/imports/{id}/upload`). */
export interface UploadSourceSettings {
  id: string;
  type: 'upload';
  schedule: null;
}

export type CostSourceSettings =
  FocusSourceSettings | OpenCostSourceSettings | UploadSourceSettings;

export interface CostSettings {
  sources: CostSourceSettings[];
  rules: AttributionRule[];
  /** Bad rows kept as examples per import run (all are counted). */
  sampleLimit: number;
  /** How long one import may run before the scheduler gives up on it. */
  timeout: HumanDuration;
}

/**
 * Without configured rules: each entity's `headroom.dev/cost-tags` annotation, then a `service`
 * tag naming the entity, then Kubernetes namespaces (the CLI's defaults).
 */
export const DEFAULT_COST_RULES: AttributionRule[] = [
  { id: 'cost-tags', type: 'annotation' },
  { id: 'service-tag', type: 'tag', key: 'service' },
  { id: 'namespace', type: 'namespace' },
];

const SOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

const stringOrList = z.union([z.string(), z.array(z.string()).min(1)]);
const match = z
  .object({
    providerName: stringOrList,
    serviceName: stringOrList,
    serviceCategory: stringOrList,
    billingAccountId: stringOrList,
    subAccountId: stringOrList,
    resourceId: stringOrList,
    regionId: stringOrList,
    skuId: stringOrList,
    chargeCategory: stringOrList,
    tags: z.record(z.string(), stringOrList),
  })
  .partial()
  .strict();
const ruleId = z.string().trim().min(1);
const ruleSchema = z.discriminatedUnion('type', [
  z
    .object({
      id: ruleId,
      type: z.literal('tag'),
      key: z.string().trim().min(1),
      values: z.record(z.string(), z.string()).optional(),
    })
    .strict(),
  z
    .object({ id: ruleId, type: z.literal('namespace'), keys: z.array(z.string()).optional() })
    .strict(),
  z.object({ id: ruleId, type: z.literal('annotation') }).strict(),
  z.object({ id: ruleId, type: z.literal('explicit'), match, entity: z.string().min(1) }).strict(),
  z
    .object({
      id: ruleId,
      type: z.literal('shared'),
      match,
      split: z.discriminatedUnion('by', [
        z.object({ by: z.literal('even') }).strict(),
        z.object({ by: z.literal('usage') }).strict(),
        z
          .object({
            by: z.literal('metric'),
            weights: z.record(z.string(), z.number().finite().nonnegative()),
          })
          .strict(),
      ]),
      among: z.array(z.string().min(1)).min(1).optional(),
    })
    .strict(),
]);

function issuePath(path: readonly PropertyKey[]): string {
  return path.map(p => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

/** The configured attribution rules, checked for shape; bad input names the config key. */
export function parseAttributionRules(value: unknown, key: string): AttributionRule[] {
  const parsed = z.array(ruleSchema).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${key}${issuePath(issue.path)}: ${issue.message}`);
  }
  return parsed.data as AttributionRule[];
}

/**
 * The rules an import uses: the configured ones (or the defaults), and always the entities'
 * own `headroom.dev/cost-tags` claims — placed before the first broad tag or namespace rule
 * when the configuration has no annotation rule, so explicit and shared rules still come first.
 */
export function withAnnotationRule(rules: readonly AttributionRule[]): AttributionRule[] {
  if (rules.some(r => r.type === 'annotation')) return [...rules];
  let id = 'cost-tags';
  for (let n = 2; rules.some(r => r.id === id); n++) id = `cost-tags-${n}`;
  const broad = rules.findIndex(r => r.type === 'tag' || r.type === 'namespace');
  const at = broad < 0 ? rules.length : broad;
  return [...rules.slice(0, at), { id, type: 'annotation' }, ...rules.slice(at)];
}

/** HTTP headers sent to the source (an authorisation token). */
function readHeaders(source: Config): Record<string, string> {
  const headers = source.getOptionalConfig('headers');
  if (!headers) return {};
  const out: Record<string, string> = {};
  for (const name of headers.keys()) out[name] = headers.getString(name);
  return out;
}

function readSchedule(source: Config, key: string): HumanDuration | null {
  if (!source.has('schedule')) return null;
  let duration: HumanDuration;
  try {
    duration = readDurationFromConfig(source, { key: 'schedule' });
  } catch (e) {
    throw new Error(`${key}.schedule: ${(e as Error).message}`);
  }
  if (durationSeconds(duration) <= 0) {
    throw new Error(`${key}.schedule must be a positive duration such as { hours: 6 }`);
  }
  return duration;
}

/** A duration's length in seconds (months as 30 days, years as 365). */
export function durationSeconds(d: HumanDuration): number {
  return (
    (d.years ?? 0) * 365 * 86400 +
    (d.months ?? 0) * 30 * 86400 +
    (d.weeks ?? 0) * 7 * 86400 +
    (d.days ?? 0) * 86400 +
    (d.hours ?? 0) * 3600 +
    (d.minutes ?? 0) * 60 +
    (d.seconds ?? 0) +
    (d.milliseconds ?? 0) / 1000
  );
}

/** Reads and checks `headroom.cost`; every error names the key at fault. */
export function readCostSettings(config: Config): CostSettings {
  const cost = config.getOptionalConfig('headroom.cost');
  const sources: CostSourceSettings[] = [];
  const seen = new Set<string>();
  (cost?.getOptionalConfigArray('sources') ?? []).forEach((source, i) => {
    const key = `headroom.cost.sources[${i}]`;
    const id = source.getString('id');
    if (!SOURCE_ID.test(id)) {
      throw new Error(
        `${key}.id "${id}" must be letters, digits, '.', '_' or '-' (at most 100, starting with a letter or digit)`,
      );
    }
    if (seen.has(id)) throw new Error(`${key}.id "${id}" is used by another source`);
    seen.add(id);
    const type = source.getString('type');
    if (type === 'focus') {
      const location = source.getString('location').trim();
      if (!location) throw new Error(`${key}.location is empty`);
      sources.push({
        id,
        type,
        location,
        headers: readHeaders(source),
        schedule: readSchedule(source, key),
      });
    } else if (type === 'opencost') {
      const baseUrl = source.getString('baseUrl');
      try {
        const u = new URL(baseUrl);
        if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
      } catch {
        throw new Error(`${key}.baseUrl "${baseUrl}" is not an http(s) URL`);
      }
      const currency = source.getOptionalString('currency') ?? 'USD';
      if (!/^[A-Z]{3}$/.test(currency)) {
        throw new Error(`${key}.currency "${currency}" is not an ISO 4217 code such as USD`);
      }
      sources.push({
        id,
        type,
        baseUrl,
        window: source.getOptionalString('window') ?? 'auto',
        aggregate: source.getOptionalString('aggregate') ?? 'namespace',
        step: source.getOptionalString('step') ?? '1d',
        currency,
        headers: readHeaders(source),
        schedule: readSchedule(source, key),
      });
    } else if (type === 'upload') {
      sources.push({ id, type, schedule: null });
    } else {
      throw new Error(`${key}.type "${type}" must be focus, opencost or upload`);
    }
  });
  const rawRules = cost?.getOptional('attribution');
  const rules =
    rawRules === undefined
      ? DEFAULT_COST_RULES
      : parseAttributionRules(rawRules, 'headroom.cost.attribution');
  const sampleLimit = cost?.getOptionalNumber('badRowSamples') ?? 100;
  if (!Number.isInteger(sampleLimit) || sampleLimit < 0 || sampleLimit > 10000) {
    throw new Error(
      `headroom.cost.badRowSamples must be an integer from 0 to 10000, got ${sampleLimit}`,
    );
  }
  const timeout = cost?.has('importTimeout')
    ? readDurationFromConfig(cost, { key: 'importTimeout' })
    : { minutes: 30 };
  return { sources, rules: withAnnotationRule(rules), sampleLimit, timeout };
}
