/** Tag keys compare trimmed and case-insensitively: exports carry `org`, ` org` and `Org`. */
export function normaliseTagKey(key: string): string {
  return key.trim().toLowerCase();
}

/** Tag values compare trimmed and case-insensitively too (`Core` and `core ` are one team). */
export function normaliseTagValue(value: string): string {
  return value.trim().toLowerCase();
}

const EMPTY: Readonly<Record<string, string>> = Object.freeze({});

/**
 * FOCUS `Tags` (a JSON object) to a frozen map with normalised keys and trimmed values.
 * Values keep their case (for display); matching lower-cases them. A key-only tag (null value)
 * maps to ''. Returns a message instead when the text is not a JSON object of scalars.
 */
export function parseFocusTags(text: string): Readonly<Record<string, string>> | string {
  if (text === '' || text === 'NULL' || text === 'null' || text === '{}') return EMPTY;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'is not valid JSON';
  }
  if (parsed === null) return EMPTY;
  if (typeof parsed !== 'object' || Array.isArray(parsed)) return 'is not a JSON object';
  const out: Record<string, string> = {};
  for (const [rawKey, rawValue] of Object.entries(parsed as Record<string, unknown>)) {
    const key = normaliseTagKey(rawKey);
    if (key === '') continue;
    let value: string;
    if (rawValue === null) value = '';
    else if (typeof rawValue === 'string') value = rawValue.trim();
    else if (typeof rawValue === 'number' || typeof rawValue === 'boolean')
      value = String(rawValue);
    else return `has a non-scalar value for key "${rawKey}"`;
    if (out[key] === undefined || out[key] === '') out[key] = value;
  }
  return Object.freeze(out);
}

/**
 * Memoises `parseFocusTags`: exports repeat the same few thousand tag sets millions of times.
 * The cache is dropped when full, so memory stays bounded on a file with unique tags per row.
 */
export function createTagParser(
  maxEntries = 20000,
): (text: string) => Readonly<Record<string, string>> | string {
  let cache = new Map<string, Readonly<Record<string, string>> | string>();
  return text => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const parsed = parseFocusTags(text);
    if (cache.size >= maxEntries) cache = new Map();
    cache.set(detach(text), parsed);
    return parsed;
  };
}

/**
 * A copy of `text` that does not point into the buffer it was sliced from. Strings cut from a
 * large input chunk keep the whole chunk alive; kept in a cache or a total, they would hold
 * every chunk of the file in memory.
 */
export function detach(text: string): string {
  return (' ' + text).slice(1);
}
