import { InputError } from '../errors';

/** An entity reference's parts, with Backstage's defaults (kind component, namespace default). */
export function entityParts(ref: string): { kind: string; namespace: string; name: string } {
  const m = /^(?:([a-z0-9-]+):)?(?:([a-z0-9-]+)\/)?([a-z0-9][a-z0-9._-]*)$/i.exec(ref.trim());
  if (!m)
    throw new InputError(
      `--entity: "${ref}" is not an entity reference like component:default/market-data`,
    );
  return {
    kind: (m[1] ?? 'component').toLowerCase(),
    namespace: (m[2] ?? 'default').toLowerCase(),
    name: m[3]!,
  };
}
