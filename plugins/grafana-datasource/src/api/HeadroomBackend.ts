import type { BackendSrv } from '@grafana/runtime';
import { getJson, HttpRequestError } from './proxyFetch';
import type {
  CostAnomalyList,
  CostGrain,
  CostRollupDimension,
  CostRollupResponse,
  CostView,
  EntityCostResponse,
  LineOfBusinessCostResponse,
  UnitCostResponse,
} from '@headroom/plugin-headroom-common';
import type { MttxBy } from '../types';
import type {
  CapacityAssessmentJson,
  CatalogEntity,
  ChangeList,
  DrillResilience,
  DrillWeakLinks,
  EntityDrills,
  IncidentList,
  MttxReport,
  Rollup,
  SloPage,
  SloWithStatus,
} from './types';

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

/** Owner filters name groups: `payments`, `group:payments` and `group:default/payments` are the same. */
export function ownerRef(owner: string): string {
  const m = /^(?:([A-Za-z][A-Za-z0-9-]*):)?(?:([a-z0-9][-a-z0-9]*)\/)?([A-Za-z0-9][-_.A-Za-z0-9]*)$/.exec(owner.trim());
  if (!m) {
    throw new Error(`owner: "${owner}" is not a group reference like group:default/payments`);
  }
  return `${(m[1] ?? 'group').toLowerCase()}:${m[2] ?? 'default'}/${m[3]!}`;
}

export interface SloFilter {
  entityRef?: string;
  owner?: string;
  lineOfBusiness?: string;
}

/** The backend's page size limit for `GET /slos`. */
const SLO_PAGE = 1000;
/** Server name in error messages. */
export const BACKEND = 'Headroom backend';

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
    return getJson<T>(`${this.baseUrl}/${path}`, this.backendSrv, BACKEND);
  }

  async entitySlos(entity: EntityName): Promise<SloWithStatus[]> {
    return (await this.get<{ items: SloWithStatus[] }>(`api/headroom/${entityPath(entity)}/slos`)).items;
  }

  entitySlo(entity: EntityName, slo: string): Promise<SloWithStatus> {
    return this.get<SloWithStatus>(`api/headroom/${entityPath(entity)}/slos/${encodeURIComponent(slo)}`);
  }

  /**
   * Every SLO the token may read, filtered by the backend, with its latest status: SLOs from
   * catalog files and SLOs created through the API alike. Reads page after page until
   * `totalCount` items have come.
   */
  async listSlos(filter: SloFilter = {}): Promise<SloWithStatus[]> {
    const params = new URLSearchParams();
    if (filter.entityRef) {
      params.set('entityRef', filter.entityRef);
    }
    if (filter.owner) {
      params.set('owner', ownerRef(filter.owner));
    }
    if (filter.lineOfBusiness) {
      params.set('lineOfBusiness', filter.lineOfBusiness);
    }
    params.set('limit', String(SLO_PAGE));
    const out: SloWithStatus[] = [];
    for (let offset = 0; ;) {
      params.set('offset', String(offset));
      const page = await this.get<SloPage>(`api/headroom/slos?${params}`);
      out.push(...page.items);
      offset += page.items.length;
      // An empty page ends the loop too: SLOs deleted between two pages shrink the total.
      if (page.items.length === 0 || offset >= page.totalCount) {
        return out;
      }
    }
  }

  async ownerRollup(): Promise<Rollup[]> {
    return (await this.get<{ items: Rollup[] }>('api/headroom/rollups/owners')).items;
  }

  async lineOfBusinessRollup(): Promise<Rollup[]> {
    return (await this.get<{ items: Rollup[] }>('api/headroom/rollups/lines-of-business')).items;
  }

  /** Catalog components of type service: the population capacity assessments cover. */
  services(): Promise<CatalogEntity[]> {
    const filter = encodeURIComponent('kind=component,spec.type=service');
    return this.get<CatalogEntity[]>(
      `api/catalog/entities?filter=${filter}&fields=kind,metadata.name,metadata.namespace`
    );
  }

  /** The entity's latest capacity assessment; null when it has none (the backend answers 404). */
  async latestAssessment(e: EntityName): Promise<CapacityAssessmentJson | null> {
    try {
      return await this.get<CapacityAssessmentJson>(`api/headroom/capacity/${entityPath(e)}/assessment`);
    } catch (err) {
      if (err instanceof HttpRequestError && err.status === 404) {
        return null;
      }
      throw err;
    }
  }

  /** An entity's cost per day or month, with the change from the period before. */
  entityCost(e: EntityName, range: CostRange): Promise<EntityCostResponse> {
    return this.get<EntityCostResponse>(`api/headroom/cost/${entityPath(e)}?${costParams(range)}`);
  }

  /** Every entity's cost in a line of business, for benchmarks. */
  lineOfBusinessCost(lob: string, range: CostRange): Promise<LineOfBusinessCostResponse> {
    return this.get<LineOfBusinessCostResponse>(
      `api/headroom/cost/lines-of-business/${encodeURIComponent(lob)}?${costParams(range)}`
    );
  }

  /** Cost rolled up by entity, owner or line of business; `(unallocated)` is always a key. */
  costRollup(by: CostRollupDimension, range: CostRange): Promise<CostRollupResponse> {
    return this.get<CostRollupResponse>(`api/headroom/cost/rollup?by=${by}&${costParams(range)}`);
  }

  /** An entity's unit cost per period with its line of business band, computed by the backend. */
  unitCost(e: EntityName, range: CostRange): Promise<UnitCostResponse> {
    return this.get<UnitCostResponse>(`api/headroom/cost/${entityPath(e)}/unit-cost?${costParams(range)}`);
  }

  /** Cost anomalies in a time range, of an entity or a line of business or all. */
  anomalies(q: { entityRef?: string; lineOfBusiness?: string; from: number; to: number; minScore?: number }) {
    const params = new URLSearchParams();
    if (q.entityRef) {
      params.set('entityRef', q.entityRef);
    }
    if (q.lineOfBusiness) {
      params.set('lob', q.lineOfBusiness);
    }
    params.set('from', String(Math.floor(q.from)));
    params.set('to', String(Math.ceil(q.to)));
    if (q.minScore !== undefined) {
      params.set('minScore', String(q.minScore));
    }
    return this.get<CostAnomalyList>(`api/headroom/optimise/anomalies?${params}`);
  }

  /** Incidents whose impact started in a time range, of an entity or a line of business or all. */
  incidents(q: IncidentScope) {
    return this.get<IncidentList>(`api/headroom/incidents?${incidentParams(q)}`);
  }

  /** Changes started in a time range, with their risk, verdicts, rollbacks and failure rates. */
  changes(q: IncidentScope) {
    return this.get<ChangeList>(`api/headroom/changes?${incidentParams(q)}`);
  }

  /** MTTx over a time range grouped by `by`, with DORA's measures. */
  mttx(q: IncidentScope & { by: MttxBy }) {
    const params = incidentParams(q);
    params.set('by', q.by);
    return this.get<MttxReport>(`api/headroom/incidents/mttx?${params}`);
  }

  /** An entity's drills and their runs over the last `days`, with its resilience by day. */
  entityDrills(e: EntityName, days: number) {
    return this.get<EntityDrills>(`api/headroom/drills/${entityPath(e)}?days=${days}`);
  }

  /** The weak-links report over the last `days`, of a line of business or all. */
  drillWeakLinks(q: { lineOfBusiness?: string; days: number }) {
    const params = new URLSearchParams({ days: String(q.days) });
    if (q.lineOfBusiness) {
      params.set('lineOfBusiness', q.lineOfBusiness);
    }
    return this.get<DrillWeakLinks>(`api/headroom/drills/weak-links?${params}`);
  }

  /** Litmus resilience per service or line of business over the last `days`, by day or week. */
  drillResilience(q: {
    by: 'service' | 'lineOfBusiness';
    lineOfBusiness?: string;
    days: number;
    step: 'day' | 'week';
  }) {
    const params = new URLSearchParams({ by: q.by, days: String(q.days), step: q.step });
    if (q.lineOfBusiness) {
      params.set('lineOfBusiness', q.lineOfBusiness);
    }
    return this.get<DrillResilience>(`api/headroom/drills/resilience?${params}`);
  }
}

/** Which incidents a query covers: unix seconds, and optional filters. */
export interface IncidentScope {
  entityRef?: string;
  lineOfBusiness?: string;
  from: number;
  to: number;
}

function incidentParams(q: IncidentScope): URLSearchParams {
  const params = new URLSearchParams();
  params.set('from', new Date(Math.floor(q.from) * 1000).toISOString());
  params.set('to', new Date(Math.ceil(q.to) * 1000).toISOString());
  if (q.entityRef) {
    params.set('entityRef', q.entityRef);
  }
  if (q.lineOfBusiness) {
    params.set('lineOfBusiness', q.lineOfBusiness);
  }
  return params;
}

/** A cost query's range (unix seconds), grain and view. */
export interface CostRange {
  from: number;
  to: number;
  grain: CostGrain;
  view: CostView;
}

function costParams(r: CostRange): string {
  return `from=${Math.floor(r.from)}&to=${Math.ceil(r.to)}&grain=${r.grain}&view=${r.view}`;
}
