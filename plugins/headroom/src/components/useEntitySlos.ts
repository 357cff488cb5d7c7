import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type { SloWithStatus } from '@headroom/plugin-headroom-common';
import { headroomApiRef } from '../api';
import { usePolled } from '../lib/usePolled';

export interface EntitySlos {
  slos: SloWithStatus[];
}

/**
 * The entity's SLOs with their latest status, refreshed every minute. Burndowns are read per
 * SLO (`useSloBurndown`), so one SLO whose counters cannot be read does not hide the others.
 */
export function useEntitySlos(entity: Entity) {
  const api = useApi(headroomApiRef);
  const entityRef = stringifyEntityRef(entity);
  return usePolled<EntitySlos>(
    async () => ({ slos: await api.listEntitySlos(entityRef) }),
    [api, entityRef],
  );
}
