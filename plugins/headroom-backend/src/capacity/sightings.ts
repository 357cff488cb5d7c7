import type { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { AssessmentStore } from './AssessmentStore';

/**
 * Notes every service of the catalog as seen now, so that a service created outside the
 * new-service template still has a creation time for the coverage report (the time the backend
 * first saw it, within one run of this task). Returns how many services the catalog listed.
 */
export async function recordCatalogSightings(options: {
  catalog: CatalogService;
  auth: AuthService;
  store: Pick<AssessmentStore, 'recordSightings'>;
  now: Date;
}): Promise<number> {
  const credentials = await options.auth.getOwnServiceCredentials();
  const { items } = await options.catalog.getEntities(
    {
      filter: { kind: 'Component', 'spec.type': 'service' },
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
    },
    { credentials },
  );
  await options.store.recordSightings(
    items.map(e => stringifyEntityRef(e)),
    options.now,
  );
  return items.length;
}
