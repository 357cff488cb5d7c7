import type { SloDiffEntry } from '@headroom/plugin-headroom-common';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function childPath(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

/**
 * The fields that differ between two JSON values, as dotted paths. Objects are compared key by
 * key; arrays and scalars as whole values, so that a reordered list shows as one change.
 */
export function diffJson(before: unknown, after: unknown, path = ''): SloDiffEntry[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap(key => diffJson(before[key], after[key], childPath(path, key)));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) {
    return [];
  }
  const entry: SloDiffEntry = { path };
  if (before !== undefined) entry.before = before;
  if (after !== undefined) entry.after = after;
  return [entry];
}

/** A JSON text whose object keys are sorted, so equal values always serialise the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    isPlainObject(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map(k => [k, v[k]]),
        )
      : v,
  );
}
