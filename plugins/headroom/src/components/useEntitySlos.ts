import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type { SloSnapshot, SloWithStatus } from '@headroom/plugin-headroom-common';
import { headroomApiRef } from '../api';
import { usePolled } from '../lib/usePolled';

export interface EntitySlos {
  slos: SloWithStatus[];
  /** Earlier evaluations per SLO name, newest first. */
  snapshots: Record<string, SloSnapshot[]>;
}

/** Snapshots drawn in a card's sparkline. */
export const SPARKLINE_SNAPSHOTS = 120;

/** The entity's SLOs with their latest status and recent evaluations, refreshed every minute. */
export function useEntitySlos(entity: Entity, options: { snapshots?: number } = {}) {
  const api = useApi(headroomApiRef);
  const entityRef = stringifyEntityRef(entity);
  const limit = options.snapshots ?? SPARKLINE_SNAPSHOTS;
  return usePolled<EntitySlos>(async () => {
    const slos = await api.listEntitySlos(entityRef);
    const histories = await Promise.all(
      slos.map(s => api.getSloStatus(entityRef, s.name, limit).then(h => h.snapshots)),
    );
    const snapshots: Record<string, SloSnapshot[]> = {};
    slos.forEach((s, i) => {
      snapshots[s.name] = histories[i] ?? [];
    });
    return { slos, snapshots };
  }, [api, entityRef, limit]);
}
