import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { getDeclaredLineOfBusiness } from '@headroom/plugin-headroom-common';

/** The owning group's full entity ref (`group:default/team-x`), or null. */
export function ownerRefOf(entity: Entity): string | null {
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (relation) return relation.targetRef;
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return null;
  return stringifyEntityRef(
    parseEntityRef(owner, {
      defaultKind: 'Group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  );
}

function partOfRef(entity: Entity, field: 'system' | 'domain'): string | undefined {
  const kind = field === 'system' ? 'system' : 'domain';
  const relation = entity.relations?.find(
    r => r.type === RELATION_PART_OF && r.targetRef.startsWith(`${kind}:`),
  );
  if (relation) return relation.targetRef;
  const value = entity.spec?.[field];
  if (typeof value !== 'string' || !value) return undefined;
  return stringifyEntityRef(
    parseEntityRef(value, {
      defaultKind: kind,
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  );
}

/** Reads one entity of the catalog by ref. */
export type EntityLookup = (ref: string) => Promise<Entity | undefined>;

/** An {@link EntityLookup} on the catalog service, on behalf of `credentials`. */
export function catalogLookup(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): EntityLookup {
  return ref => catalog.getEntityByRef(ref, { credentials });
}

/**
 * A lookup that asks the catalog once per ref: when many components are read together, their
 * systems and domains are shared, and each is fetched only once.
 */
export function cachedCatalogLookup(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): EntityLookup {
  const cache = new Map<string, Promise<Entity | undefined>>();
  return ref => {
    let hit = cache.get(ref);
    if (!hit) {
      hit = catalog.getEntityByRef(ref, { credentials });
      cache.set(ref, hit);
    }
    return hit;
  };
}

/**
 * The entity's line of business: declared on the entity, else on its system, else on the
 * system's domain (or the entity's own domain), else the domain's name. Null when none is found.
 */
export async function lineOfBusinessOf(
  entity: Entity,
  lookup: EntityLookup,
): Promise<string | null> {
  const own = getDeclaredLineOfBusiness(entity);
  if (own) return own;
  const load = async (ref: string | undefined) => (ref ? lookup(ref) : undefined);
  const system =
    entity.kind.toLocaleLowerCase('en-US') === 'system'
      ? entity
      : await load(partOfRef(entity, 'system'));
  if (system && system !== entity) {
    const fromSystem = getDeclaredLineOfBusiness(system);
    if (fromSystem) return fromSystem;
  }
  const domainRef = partOfRef(system ?? entity, 'domain');
  const domain = await load(domainRef);
  if (domain) return getDeclaredLineOfBusiness(domain) ?? domain.metadata.name;
  return domainRef ? parseEntityRef(domainRef).name : null;
}
