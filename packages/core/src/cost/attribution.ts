import { detach, normaliseTagKey, normaliseTagValue } from './tags';
import type { CostEntity, FocusRow } from './types';

/** `service=order-gateway,team=core`: the tags whose rows belong to this entity (all must match). */
export const COST_TAGS_ANNOTATION = 'headroom.dev/cost-tags';
/** Backstage's own annotation naming an entity's Kubernetes namespace. */
export const KUBERNETES_NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';

/** Row fields an explicit or shared rule can match on, besides tags. */
export type MatchField =
  | 'providerName'
  | 'serviceName'
  | 'serviceCategory'
  | 'billingAccountId'
  | 'subAccountId'
  | 'resourceId'
  | 'regionId'
  | 'skuId'
  | 'chargeCategory';

/**
 * A condition on a row: every listed field must match. A value is an exact string, a list of
 * alternatives, or a prefix ending in `*`. Tags compare keys and values case-insensitively.
 */
export type RowMatch = Partial<Record<MatchField, string | readonly string[]>> & {
  tags?: Readonly<Record<string, string | readonly string[]>>;
};

/** How a shared cost is divided among entities, each day and currency separately. */
export type SharedSplit =
  | { by: 'even' }
  /** In proportion to each entity's directly attributed cost of the same day (same view). */
  | { by: 'usage' }
  /** In proportion to a business metric per entity (requests, seats): fixed weights. */
  | { by: 'metric'; weights: Readonly<Record<string, number>> };

export type AttributionRule =
  /** The row's tag `key` names the entity: by `values` (tag value → entity ref) or by entity name. */
  | { id: string; type: 'tag'; key: string; values?: Readonly<Record<string, string>> }
  /** A Kubernetes namespace (tag keys `keys`) matched to `backstage.io/kubernetes-namespace` or the entity name. */
  | { id: string; type: 'namespace'; keys?: readonly string[] }
  /** Each entity's `headroom.dev/cost-tags` annotation. */
  | { id: string; type: 'annotation' }
  /** Rows matching `match` go to `entity`. */
  | { id: string; type: 'explicit'; match: RowMatch; entity: string }
  /** Rows matching `match` are shared among `among` (default: every entity) by `split`. */
  | { id: string; type: 'shared'; match: RowMatch; split: SharedSplit; among?: readonly string[] };

export const DEFAULT_NAMESPACE_TAG_KEYS = [
  'namespace',
  'kubernetes_namespace',
  'k8s_namespace',
  'kubernetes.io/namespace',
  'k8s-namespace',
  'aws:eks:namespace',
] as const;

export interface CompiledSplit {
  ruleId: string;
  by: SharedSplit['by'];
  among: readonly string[];
  /** Metric weights aligned with `among` (metric splits only). */
  weights?: readonly number[];
}

/**
 * Where a row's cost goes: one entity, a shared pool split later, or unallocated (no rule
 * matched; `ruleId` null). Unallocated cost is reported, never dropped.
 */
export type Attribution =
  | { entityRef: string; ruleId: string; shared?: undefined }
  | { entityRef: null; ruleId: string; shared: CompiledSplit }
  | { entityRef: null; ruleId: null; shared?: undefined };

export interface Attributor {
  attribute(row: Pick<FocusRow, MatchField | 'tags'>): Attribution;
  entities: ReadonlyMap<string, CostEntity>;
  rules: readonly AttributionRule[];
}

export class AttributionRuleError extends Error {}

/** `component:default/order-gateway` → `order-gateway`. */
export function entityName(ref: string): string {
  const slash = ref.lastIndexOf('/');
  const colon = ref.indexOf(':');
  return ref.slice(Math.max(slash, colon) + 1);
}

/** Reads `headroom.dev/cost-tags` (`k=v,k2=v2`; `;` or newlines also separate) into pairs. */
export function parseCostTagsAnnotation(text: string): { key: string; value: string }[] | string {
  const pairs: { key: string; value: string }[] = [];
  for (const part of text.split(/[,;\n]/)) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) return `"${part.trim()}" is not key=value`;
    const key = normaliseTagKey(part.slice(0, eq));
    const value = normaliseTagValue(part.slice(eq + 1));
    if (key === '' || value === '') return `"${part.trim()}" has an empty key or value`;
    pairs.push({ key, value });
  }
  return pairs;
}

const MEMO_LIMIT = 10000;

/**
 * Tag value → attribution, memoised: tag values come from the tag parser's cache, so the same
 * few strings repeat across millions of rows. Bounded like the tag cache.
 */
function memoByValue(
  resolve: (normalised: string) => Attribution | undefined,
): (v: string) => Attribution | undefined {
  let memo = new Map<string, Attribution | null>();
  return v => {
    const known = memo.get(v);
    if (known !== undefined) return known ?? undefined;
    const a = resolve(normaliseTagValue(v));
    if (memo.size >= MEMO_LIMIT) memo = new Map();
    memo.set(detach(v), a ?? null);
    return a;
  };
}

type Matcher = (row: Pick<FocusRow, MatchField | 'tags'>) => boolean;

function valueMatcher(spec: string | readonly string[]): (v: string | null) => boolean {
  const alternatives = (typeof spec === 'string' ? [spec] : spec).map(s => s.toLowerCase());
  const exact = new Set(alternatives.filter(s => !s.endsWith('*')));
  const prefixes = alternatives.filter(s => s.endsWith('*')).map(s => s.slice(0, -1));
  // Row values repeat (a few services, regions, accounts): remember answers, boundedly.
  let memo = new Map<string, boolean>();
  return v => {
    if (v === null) return false;
    const known = memo.get(v);
    if (known !== undefined) return known;
    const lv = v.trim().toLowerCase();
    const hit = exact.has(lv) || prefixes.some(p => lv.startsWith(p));
    if (memo.size >= MEMO_LIMIT) memo = new Map();
    memo.set(detach(v), hit);
    return hit;
  };
}

function compileMatch(ruleId: string, match: RowMatch): Matcher {
  const parts: Matcher[] = [];
  for (const [field, spec] of Object.entries(match)) {
    if (spec === undefined) continue;
    if (field === 'tags') {
      for (const [key, tagSpec] of Object.entries(spec as Record<string, string | string[]>)) {
        const k = normaliseTagKey(key);
        const m = valueMatcher(tagSpec);
        parts.push(row => {
          const v = row.tags[k];
          return m(v === undefined ? null : v);
        });
      }
      continue;
    }
    if (!MATCH_FIELDS.has(field)) {
      throw new AttributionRuleError(
        `rule "${ruleId}": match.${field} is not a field rules can match`,
      );
    }
    const m = valueMatcher(spec as string | readonly string[]);
    const f = field as MatchField;
    parts.push(row => m(row[f]));
  }
  if (parts.length === 0)
    throw new AttributionRuleError(`rule "${ruleId}": match is empty and would take every row`);
  return row => parts.every(p => p(row));
}

const MATCH_FIELDS = new Set<string>([
  'providerName',
  'serviceName',
  'serviceCategory',
  'billingAccountId',
  'subAccountId',
  'resourceId',
  'regionId',
  'skuId',
  'chargeCategory',
]);

/**
 * Compiles ordered rules against the catalog. The first rule that places a row wins, so
 * explicit overrides go first and broad tag rules last. Throws `AttributionRuleError` naming
 * the rule and field for unknown entities, duplicate ids or malformed annotations.
 */
export function compileAttributionRules(
  rules: readonly AttributionRule[],
  entities: readonly CostEntity[],
): Attributor {
  const byRef = new Map<string, CostEntity>();
  for (const e of entities) byRef.set(e.ref, e);
  const need = (ruleId: string, field: string, ref: string): string => {
    if (!byRef.has(ref))
      throw new AttributionRuleError(`rule "${ruleId}": ${field} "${ref}" is not a known entity`);
    return ref;
  };
  const byName = new Map<string, string>();
  for (const e of entities) {
    const name = normaliseTagValue(entityName(e.ref));
    if (!byName.has(name)) byName.set(name, e.ref);
  }
  const ids = new Set<string>();
  const steps: ((row: Pick<FocusRow, MatchField | 'tags'>) => Attribution | undefined)[] = [];

  for (const rule of rules) {
    if (!rule.id) throw new AttributionRuleError('a rule has no id');
    if (ids.has(rule.id)) throw new AttributionRuleError(`rule "${rule.id}" appears twice`);
    ids.add(rule.id);
    const ruleId = rule.id;
    switch (rule.type) {
      case 'tag': {
        const key = normaliseTagKey(rule.key);
        if (key === '') throw new AttributionRuleError(`rule "${ruleId}": key is empty`);
        const lookup = new Map<string, string>();
        if (rule.values) {
          for (const [value, ref] of Object.entries(rule.values)) {
            lookup.set(normaliseTagValue(value), need(ruleId, `values["${value}"]`, ref));
          }
        } else {
          for (const [name, ref] of byName) lookup.set(name, ref);
        }
        const placed = new Map<string, Attribution>();
        for (const [value, ref] of lookup) placed.set(value, { entityRef: ref, ruleId });
        const resolve = memoByValue(value => placed.get(value));
        steps.push(row => {
          const v = row.tags[key];
          return v === undefined ? undefined : resolve(v);
        });
        break;
      }
      case 'namespace': {
        const keys = (rule.keys ?? DEFAULT_NAMESPACE_TAG_KEYS).map(normaliseTagKey);
        const lookup = new Map<string, string>();
        for (const e of entities) {
          const ns = e.annotations?.[KUBERNETES_NAMESPACE_ANNOTATION];
          if (ns && !lookup.has(normaliseTagValue(ns))) lookup.set(normaliseTagValue(ns), e.ref);
        }
        for (const [name, ref] of byName) if (!lookup.has(name)) lookup.set(name, ref);
        const placed = new Map<string, Attribution>();
        for (const [value, ref] of lookup) placed.set(value, { entityRef: ref, ruleId });
        const resolve = memoByValue(value => placed.get(value));
        steps.push(row => {
          for (const k of keys) {
            const v = row.tags[k];
            if (v === undefined) continue;
            const a = resolve(v);
            if (a !== undefined) return a;
          }
          return undefined;
        });
        break;
      }
      case 'annotation': {
        // Indexed by the first pair so a row only checks the entities that could match; the
        // entity with the most pairs wins when several match (the most specific claim).
        const index = new Map<string, { ref: string; pairs: { key: string; value: string }[] }[]>();
        for (const e of entities) {
          const text = e.annotations?.[COST_TAGS_ANNOTATION];
          if (text === undefined) continue;
          const pairs = parseCostTagsAnnotation(text);
          if (typeof pairs === 'string') {
            throw new AttributionRuleError(
              `entity "${e.ref}": annotation ${COST_TAGS_ANNOTATION}: ${pairs}`,
            );
          }
          if (pairs.length === 0) continue;
          const first = pairs[0]!;
          const slot = `${first.key}=${first.value}`;
          const list = index.get(slot) ?? [];
          list.push({ ref: e.ref, pairs });
          list.sort((a, b) => b.pairs.length - a.pairs.length);
          index.set(slot, list);
        }
        const keys = [...new Set([...index.keys()].map(s => s.slice(0, s.indexOf('='))))];
        const placed = new Map<string, Attribution>();
        const placedAt = (ref: string): Attribution => {
          let a = placed.get(ref);
          if (a === undefined) placed.set(ref, (a = { entityRef: ref, ruleId }));
          return a;
        };
        steps.push(row => {
          let best: { ref: string; size: number } | undefined;
          for (const k of keys) {
            const v = row.tags[k];
            if (v === undefined) continue;
            const candidates = index.get(`${k}=${normaliseTagValue(v)}`);
            if (!candidates) continue;
            for (const c of candidates) {
              if (best && best.size >= c.pairs.length) break;
              if (
                c.pairs.every(
                  p =>
                    row.tags[p.key] !== undefined &&
                    normaliseTagValue(row.tags[p.key]!) === p.value,
                )
              ) {
                best = { ref: c.ref, size: c.pairs.length };
                break;
              }
            }
          }
          return best ? placedAt(best.ref) : undefined;
        });
        break;
      }
      case 'explicit': {
        const placed: Attribution = { entityRef: need(ruleId, 'entity', rule.entity), ruleId };
        const m = compileMatch(ruleId, rule.match);
        steps.push(row => (m(row) ? placed : undefined));
        break;
      }
      case 'shared': {
        const among = rule.among
          ? rule.among.map((r, i) => need(ruleId, `among[${i}]`, r))
          : entities.map(e => e.ref);
        if (among.length === 0)
          throw new AttributionRuleError(`rule "${ruleId}": no entities to share among`);
        const split: CompiledSplit = { ruleId, by: rule.split.by, among };
        if (rule.split.by === 'metric') {
          const w = rule.split.weights;
          for (const ref of Object.keys(w)) need(ruleId, `split.weights["${ref}"]`, ref);
          split.weights = among.map(ref => {
            const v = w[ref] ?? 0;
            if (!Number.isFinite(v) || v < 0) {
              throw new AttributionRuleError(
                `rule "${ruleId}": split.weights["${ref}"] must be a non-negative number`,
              );
            }
            return v;
          });
        }
        const pooled: Attribution = { entityRef: null, ruleId, shared: split };
        const m = compileMatch(ruleId, rule.match);
        steps.push(row => (m(row) ? pooled : undefined));
        break;
      }
      default: {
        const unknown = rule as { id: string; type: unknown };
        throw new AttributionRuleError(
          `rule "${unknown.id}": type ${JSON.stringify(unknown.type)} is not tag, namespace, annotation, explicit or shared`,
        );
      }
    }
  }

  const unallocated: Attribution = { entityRef: null, ruleId: null };
  return {
    entities: byRef,
    rules,
    attribute(row) {
      for (const step of steps) {
        const a = step(row);
        if (a !== undefined) return a;
      }
      return unallocated;
    },
  };
}
