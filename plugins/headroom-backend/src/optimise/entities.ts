import type { AuthService } from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { unitCostDriver, type WorkloadRef } from '@headroom/core';
import {
  getPrometheusService,
  HEADROOM_KUBERNETES_WORKLOAD_ANNOTATION,
} from '@headroom/plugin-headroom-common';
import { cachedCatalogLookup, lineOfBusinessOf, ownerRefOf } from '../lib/entityContext';
import type { ScanEntity } from './OptimisationScanner';

const KINDS: readonly WorkloadRef['kind'][] = ['Deployment', 'StatefulSet', 'DaemonSet'];

/**
 * The entity's Kubernetes workload from `headroom.dev/kubernetes-workload`
 * (`<Kind>/<namespace>/<name>/<container>`), else a Deployment named like the entity in the
 * default namespace with a container of that name. A malformed annotation throws naming it.
 */
export function workloadOf(entity: Entity): WorkloadRef {
  const value = entity.metadata.annotations?.[HEADROOM_KUBERNETES_WORKLOAD_ANNOTATION]?.trim();
  const name = entity.metadata.name;
  if (!value) return { kind: 'Deployment', namespace: 'default', name, container: name };
  const parts = value.split('/');
  const kind = KINDS.find(k => k.toLowerCase() === parts[0]?.toLowerCase());
  if (parts.length !== 4 || !kind || parts.some(p => !p)) {
    throw new Error(
      `${stringifyEntityRef(entity)}: annotation ${HEADROOM_KUBERNETES_WORKLOAD_ANNOTATION} must be ` +
        `<Deployment|StatefulSet|DaemonSet>/<namespace>/<name>/<container>, got '${value}'`,
    );
  }
  return { kind, namespace: parts[1]!, name: parts[2]!, container: parts[3]! };
}

/** The catalog's services (Components of type service), as the scans see them. */
export async function catalogServices(
  catalog: CatalogService,
  auth: AuthService,
): Promise<{ entities: ScanEntity[]; errors: string[] }> {
  const credentials = await auth.getOwnServiceCredentials();
  const { items } = await catalog.getEntities(
    {
      filter: { kind: 'Component', 'spec.type': 'service' },
      fields: ['kind', 'metadata', 'spec', 'relations'],
    },
    { credentials },
  );
  const lookup = cachedCatalogLookup(catalog, credentials);
  const entities: ScanEntity[] = [];
  const errors: string[] = [];
  for (const entity of items) {
    try {
      entities.push({
        entityRef: stringifyEntityRef(entity),
        ownerRef: ownerRefOf(entity),
        lineOfBusiness: await lineOfBusinessOf(entity, lookup),
        service: getPrometheusService(entity),
        workload: workloadOf(entity),
        unitCostQuery:
          unitCostDriver({
            ref: stringifyEntityRef(entity),
            ...(entity.metadata.annotations ? { annotations: entity.metadata.annotations } : {}),
          })?.query ?? null,
      });
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  return { entities, errors };
}
