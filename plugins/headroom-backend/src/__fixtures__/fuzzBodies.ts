import fc from 'fast-check';

// Random request bodies for the API fuzz tests: a valid body with one change (a field replaced
// by any JSON value or an extreme one, removed, or an unknown field added), or any value at all.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One seed for every fuzz property, so that a failure found on CI replays on any machine. */
export const FUZZ_SEED = 20261207;

/** Paths of every value in `value` (objects and arrays included), the root excluded. */
function pathsOf(value: Json, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
}

function mutate(body: Json, path: string[], change: { kind: string; value?: Json }): Json {
  const copy = structuredClone(body) as Record<string, Json>;
  let node = copy as Record<string, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, Json>;
  const last = path.at(-1)!;
  if (change.kind === 'delete') delete node[last];
  else if (change.kind === 'add') (node[last] as Record<string, Json>)['x-unknown'] = change.value!;
  else node[last] = change.value!;
  return copy;
}

const extreme = fc.constantFrom<Json>(
  1e308,
  -1e308,
  5e-324,
  -0,
  0,
  -1,
  2 ** 53 + 1,
  '',
  ' ',
  '\n',
  'x'.repeat(5000),
  '{',
  '<script>',
  '1970-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  [],
  {},
  null,
  true,
);
export const anyValue = fc.oneof(extreme, fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>);

/** A valid body with one random change, or any value instead of it. */
export function mutations(valid: Json): fc.Arbitrary<Json> {
  const paths = pathsOf(valid);
  const objects = paths.filter(p => {
    const v = p.reduce<Json>((n, k) => (n as Record<string, Json>)[k]!, valid);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });
  const changes: fc.Arbitrary<Json>[] = [
    fc
      .tuple(fc.constantFrom(...objects, ...([[]] as string[][])), anyValue)
      .map(([p, value]) =>
        p.length === 0
          ? { ...(valid as Record<string, Json>), 'x-unknown': value }
          : mutate(valid, p, { kind: 'add', value }),
      ),
    anyValue,
  ];
  if (paths.length > 0) {
    changes.push(
      fc
        .tuple(fc.constantFrom(...paths), anyValue)
        .map(([p, value]) => mutate(valid, p, { kind: 'set', value })),
      fc.constantFrom(...paths).map(p => mutate(valid, p, { kind: 'delete' })),
    );
  }
  return fc.oneof(...changes);
}

/** A 400's message names the request or the body field it refused. */
export function namesRequestOrField(message: string, url: string): boolean {
  return (
    message.includes(url) || message.startsWith('Invalid SLO: ') || /Body field \w/.test(message)
  );
}
