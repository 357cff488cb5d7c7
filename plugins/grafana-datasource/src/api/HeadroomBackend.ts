import type { BackendSrv } from '@grafana/runtime';
// The request builder alone: the package's index would bring Backstage's permission code along.
import { createApiClient, type ApiClient } from '@headroom/plugin-headroom-common/src/apiClient';
import { getJson, HttpRequestError, requestJson } from './proxyFetch';
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

/**
 * The Headroom backend and the catalog of the same Backstage backend, reached through the
 * datasource's `headroom` route (`{proxyUrl}/headroom/api/...`), which adds the token. The
 * Headroom calls go through the client typed by the backend's OpenAPI document (the common
 * package; type-only at run time but for its small request builder).
 */
export class HeadroomBackend {
  private readonly api: ApiClient;

  constructor(
    private readonly baseUrl: string,
    private readonly backendSrv?: () => BackendSrv
  ) {
    this.api = createApiClient((request) =>
      requestJson({ ...request, url: `${this.baseUrl}/api/headroom${request.url}` }, this.backendSrv, BACKEND)
    );
  }

  async entitySlos(entity: EntityName): Promise<SloWithStatus[]> {
    return (await this.api.get('/entities/{kind}/{namespace}/{name}/slos', { path: { ...entity } })).items;
  }

  entitySlo(entity: EntityName, slo: string): Promise<SloWithStatus> {
    return this.api.get('/entities/{kind}/{namespace}/{name}/slos/{sloName}', { path: { ...entity, sloName: slo } });
  }

  /**
   * Every SLO the token may read, filtered by the backend, with its latest status: SLOs from
   * catalog files and SLOs created through the API alike. Reads page after page until
   * `totalCount` items have come.
   */
  async listSlos(filter: SloFilter = {}): Promise<SloWithStatus[]> {
    const out: SloWithStatus[] = [];
    for (let offset = 0; ;) {
      const page = await this.api.get('/slos', {
        query: {
          entityRef: filter.entityRef || undefined,
          owner: filter.owner ? ownerRef(filter.owner) : undefined,
          lineOfBusiness: filter.lineOfBusiness || undefined,
          limit: String(SLO_PAGE),
          offset: String(offset),
        },
      });
      out.push(...page.items);
      offset += page.items.length;
      // An empty page ends the loop too: SLOs deleted between two pages shrink the total.
      if (page.items.length === 0 || offset >= page.totalCount) {
        return out;
      }
    }
  }

  async ownerRollup(): Promise<Rollup[]> {
    return (await this.api.get('/rollups/owners')).items;
  }

  async lineOfBusinessRollup(): Promise<Rollup[]> {
    return (await this.api.get('/rollups/lines-of-business')).items;
  }

  /** Catalog components of type service: the population capacity assessments cover. */
  services(): Promise<CatalogEntity[]> {
    const filter = encodeURIComponent('kind=component,spec.type=service');
    return getJson<CatalogEntity[]>(
      `${this.baseUrl}/api/catalog/entities?filter=${filter}&fields=kind,metadata.name,metadata.namespace`,
      this.backendSrv,
      BACKEND
    );
  }

  /** The entity's latest capacity assessment; null when it has none (the backend answers 404). */
  async latestAssessment(e: EntityName): Promise<CapacityAssessmentJson | null> {
    try {
      return await this.api.get('/capacity/entities/{kind}/{namespace}/{name}/assessment', { path: { ...e } });
    } catch (err) {
      if (err instanceof HttpRequestError && err.status === 404) {
        return null;
      }
      throw err;
    }
  }

  /** An entity's cost per day or month, with the change from the period before. */
  entityCost(e: EntityName, range: CostRange): Promise<EntityCostResponse> {
    return this.api.get('/cost/entities/{kind}/{namespace}/{name}', { path: { ...e }, query: costParams(range) });
  }

  /** Every entity's cost in a line of business, for benchmarks. */
  lineOfBusinessCost(lob: string, range: CostRange): Promise<LineOfBusinessCostResponse> {
    return this.api.get('/cost/lines-of-business/{lob}', { path: { lob }, query: costParams(range) });
  }

  /** Cost rolled up by entity, owner or line of business; `(unallocated)` is always a key. */
  costRollup(by: CostRollupDimension, range: CostRange): Promise<CostRollupResponse> {
    return this.api.get('/cost/rollup', { query: { by, ...costParams(range) } });
  }

  /** An entity's unit cost per period with its line of business band, computed by the backend. */
  unitCost(e: EntityName, range: CostRange): Promise<UnitCostResponse> {
    return this.api.get('/cost/entities/{kind}/{namespace}/{name}/unit-cost', {
      path: { ...e },
      query: costParams(range),
    });
  }

  /** Cost anomalies in a time range, of an entity or a line of business or all. */
  anomalies(q: {
    entityRef?: string;
    lineOfBusiness?: string;
    from: number;
    to: number;
    minScore?: number;
  }): Promise<CostAnomalyList> {
    return this.api.get('/optimise/anomalies', {
      query: {
        entityRef: q.entityRef || undefined,
        lob: q.lineOfBusiness || undefined,
        from: String(Math.floor(q.from)),
        to: String(Math.ceil(q.to)),
        minScore: q.minScore === undefined ? undefined : String(q.minScore),
      },
    });
  }

  /** Incidents whose impact started in a time range, of an entity or a line of business or all. */
  incidents(q: IncidentScope): Promise<IncidentList> {
    return this.api.get('/incidents', { query: incidentParams(q) });
  }

  /** Changes started in a time range, with their risk, verdicts, rollbacks and failure rates. */
  changes(q: IncidentScope): Promise<ChangeList> {
    return this.api.get('/changes', { query: incidentParams(q) });
  }

  /** MTTx over a time range grouped by `by`, with DORA's measures. */
  mttx(q: IncidentScope & { by: MttxBy }): Promise<MttxReport> {
    return this.api.get('/incidents/mttx', { query: { ...incidentParams(q), by: q.by } });
  }

  /** An entity's drills and their runs over the last `days`, with its resilience by day. */
  entityDrills(e: EntityName, days: number): Promise<EntityDrills> {
    return this.api.get('/drills/entities/{kind}/{namespace}/{name}', {
      path: { ...e },
      query: { days: String(days) },
    });
  }

  /** The weak-links report over the last `days`, of a line of business or all. */
  drillWeakLinks(q: { lineOfBusiness?: string; days: number }): Promise<DrillWeakLinks> {
    return this.api.get('/drills/weak-links', {
      query: { days: String(q.days), lineOfBusiness: q.lineOfBusiness || undefined },
    });
  }

  /** Litmus resilience per service or line of business over the last `days`, by day or week. */
  drillResilience(q: {
    by: 'service' | 'lineOfBusiness';
    lineOfBusiness?: string;
    days: number;
    step: 'day' | 'week';
  }): Promise<DrillResilience> {
    return this.api.get('/drills/resilience', {
      query: { by: q.by, days: String(q.days), step: q.step, lineOfBusiness: q.lineOfBusiness || undefined },
    });
  }
}

/** Which incidents a query covers: unix seconds, and optional filters. */
export interface IncidentScope {
  entityRef?: string;
  lineOfBusiness?: string;
  from: number;
  to: number;
}

function incidentParams(q: IncidentScope) {
  return {
    from: new Date(Math.floor(q.from) * 1000).toISOString(),
    to: new Date(Math.ceil(q.to) * 1000).toISOString(),
    entityRef: q.entityRef || undefined,
    lineOfBusiness: q.lineOfBusiness || undefined,
  };
}

/** A cost query's range (unix seconds), grain and view. */
export interface CostRange {
  from: number;
  to: number;
  grain: CostGrain;
  view: CostView;
}

function costParams(r: CostRange) {
  return { from: String(Math.floor(r.from)), to: String(Math.ceil(r.to)), grain: r.grain, view: r.view };
}
