import type { BackendSrv } from '@grafana/runtime';
import { getJson } from './proxyFetch';
import type { CatalogEntity, PeriodCostRow, Rollup, SloWithStatus } from './types';

/** Annotation that marks an entity with SLOs declared in a file. */
export const SLO_FILE_ANNOTATION = 'headroom.dev/slo-file';
/** Annotations that declare an entity's business driver for unit cost. */
export const UNIT_COST_QUERY_ANNOTATION = 'headroom.dev/unit-cost-query';
export const UNIT_COST_DRIVER_ANNOTATION = 'headroom.dev/unit-cost-driver';
export const LINE_OF_BUSINESS_ANNOTATION = 'headroom.dev/line-of-business';

export interface EntityName {
  kind: string;
  namespace: string;
  name: string;
}

/** `component:default/ledger`, `component:ledger` or `ledger` (a component in `default`). */
export function parseEntityRef(ref: string): EntityName {
  const m = /^(?:([A-Za-z][A-Za-z0-9-]*):)?(?:([a-z0-9][-a-z0-9]*)\/)?([A-Za-z0-9][-_.A-Za-z0-9]*)$/.exec(ref.trim());
  if (!m) {
    throw new Error(`entity: "${ref}" is not an entity reference like component:default/ledger`);
  }
  return { kind: (m[1] ?? 'component').toLowerCase(), namespace: m[2] ?? 'default', name: m[3]! };
}

export function stringifyEntityRef(e: EntityName): string {
  return `${e.kind}:${e.namespace}/${e.name}`;
}

function entityPath(e: EntityName): string {
  return `entities/${encodeURIComponent(e.kind)}/${encodeURIComponent(e.namespace)}/${encodeURIComponent(e.name)}`;
}

/**
 * The Headroom backend and the catalog of the same Backstage backend, reached through the
 * datasource's `headroom` route (`{proxyUrl}/headroom/api/...`), which adds the token.
 */
export class HeadroomBackend {
  constructor(
    private readonly baseUrl: string,
    private readonly backendSrv?: () => BackendSrv
  ) {}

  private get<T>(path: string): Promise<T> {
    return getJson<T>(`${this.baseUrl}/${path}`, this.backendSrv);
  }

  async entitySlos(entity: EntityName): Promise<SloWithStatus[]> {
    return (await this.get<{ items: SloWithStatus[] }>(`api/headroom/${entityPath(entity)}/slos`)).items;
  }

  entitySlo(entity: EntityName, slo: string): Promise<SloWithStatus> {
    return this.get<SloWithStatus>(`api/headroom/${entityPath(entity)}/slos/${encodeURIComponent(slo)}`);
  }

  async ownerRollup(): Promise<Rollup[]> {
    return (await this.get<{ items: Rollup[] }>('api/headroom/rollups/owners')).items;
  }

  async lineOfBusinessRollup(): Promise<Rollup[]> {
    return (await this.get<{ items: Rollup[] }>('api/headroom/rollups/lines-of-business')).items;
  }

  /** Catalog entities that declare an SLO file: the services Headroom knows SLOs for. */
  sloEntities(): Promise<CatalogEntity[]> {
    return this.get<CatalogEntity[]>(
      `api/catalog/entities?filter=${encodeURIComponent(`metadata.annotations.${SLO_FILE_ANNOTATION}`)}`
    );
  }

  entity(e: EntityName): Promise<CatalogEntity> {
    return this.get<CatalogEntity>(`api/catalog/${entityPath(e).replace(/^entities/, 'entities/by-name')}`);
  }

  /** Every SLO of every entity with an SLO file, with its latest status. */
  async allSlos(): Promise<SloWithStatus[]> {
    const entities = await this.sloEntities();
    const lists = await Promise.all(
      entities.map((e) =>
        this.entitySlos({
          kind: e.kind.toLowerCase(),
          namespace: e.metadata.namespace ?? 'default',
          name: e.metadata.name,
        })
      )
    );
    return lists.flat();
  }

  /** Cost per period of one entity, from the cost API. */
  async entityCosts(e: EntityName, from: number, to: number): Promise<PeriodCostRow[]> {
    const q = `from=${Math.floor(from)}&to=${Math.ceil(to)}`;
    return (await this.get<{ items: PeriodCostRow[] }>(`api/headroom/cost/${entityPath(e)}?${q}`)).items;
  }

  /** Cost per period of every entity of a line of business (the benchmark population). */
  async lineOfBusinessCosts(lob: string, from: number, to: number): Promise<PeriodCostRow[]> {
    const q = `from=${Math.floor(from)}&to=${Math.ceil(to)}`;
    return (
      await this.get<{ items: PeriodCostRow[] }>(`api/headroom/cost/lines-of-business/${encodeURIComponent(lob)}?${q}`)
    ).items;
  }
}
