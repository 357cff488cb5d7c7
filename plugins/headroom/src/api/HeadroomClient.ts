import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  CostAnomalyList,
  CostDriversResponse,
  CostRollupDimension,
  CostRollupResponse,
  EntityCostResponse,
  LineOfBusinessCostResponse,
  OptimisationList,
  SloBurndown,
  SloInput,
  SloRollup,
  SloVersion,
  SloWithStatus,
  UnitCostResponse,
} from '@headroom/plugin-headroom-common';
import type {
  CostAnomalyQuery,
  CostQuery,
  HeadroomApi,
  SloListPage,
  SloListQuery,
  SloStatusHistory,
} from './HeadroomApi';
import type { CapacityAssessment, CapacityCoverageReport } from './capacity';
import type { DrillResilience, DrillWeakLinks, EntityDrills } from './drills';
import type {
  EntityRunbooks,
  RunbookLobCoverage,
  RunbookRecovery,
  RunbookRun,
  RunbookRunList,
} from './runbooks';
import type { Incident, IncidentList, IncidentQuery, MttxDimension, MttxReport } from './incidents';
import type { ChangeList } from './changes';
import type { SloPreview } from './types';

/** The backend could not be reached at all (network error, backend down). */
export class BackendUnreachableError extends Error {
  override readonly name = 'BackendUnreachableError';
  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    super(
      `Headroom backend unreachable at ${url}: ${(cause as Error | undefined)?.message ?? String(cause)}`,
    );
  }
}

function entityPath(entityRef: string): string {
  const ref = parseEntityRef(entityRef);
  return ['entities', ref.kind, ref.namespace, ref.name].map(encodeURIComponent).join('/');
}

/** `?a=1&b=2` of the defined fields, or nothing. */
function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** `HeadroomApi` over Backstage's `discoveryApi` (where the backend is) and `fetchApi` (auth). */
export class HeadroomClient implements HeadroomApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  private async request<T>(
    path: string,
    init: { method?: string; body?: unknown; notFoundAsNull?: boolean; text?: boolean } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('headroom');
    const url = `${baseUrl}/${path}`;
    let response: Response;
    try {
      response = await this.fetchApi.fetch(url, {
        method: init.method ?? 'GET',
        ...(init.body !== undefined
          ? { body: JSON.stringify(init.body), headers: { 'Content-Type': 'application/json' } }
          : {}),
      });
    } catch (e) {
      throw new BackendUnreachableError(url, e);
    }
    if (response.status === 404 && init.notFoundAsNull) return null as T;
    if (!response.ok) throw await ResponseError.fromResponse(response);
    if (response.status === 204) return undefined as T;
    if (init.text) return (await response.text()) as T;
    return (await response.json()) as T;
  }

  listSlos(query: SloListQuery = {}): Promise<SloListPage> {
    return this.request(`slos${queryString({ ...query })}`);
  }

  async listEntitySlos(entityRef: string): Promise<SloWithStatus[]> {
    const body = await this.request<{ items: SloWithStatus[] }>(`${entityPath(entityRef)}/slos`);
    return body.items;
  }

  getSlo(entityRef: string, sloName: string): Promise<SloWithStatus> {
    return this.request(`${entityPath(entityRef)}/slos/${encodeURIComponent(sloName)}`);
  }

  getSloStatus(entityRef: string, sloName: string, limit?: number): Promise<SloStatusHistory> {
    const query = limit === undefined ? '' : `?limit=${encodeURIComponent(String(limit))}`;
    return this.request(
      `${entityPath(entityRef)}/slos/${encodeURIComponent(sloName)}/status${query}`,
    );
  }

  getSloBurndown(entityRef: string, sloName: string, points?: number): Promise<SloBurndown> {
    return this.request(
      `${entityPath(entityRef)}/slos/${encodeURIComponent(sloName)}/burndown${queryString({ points })}`,
    );
  }

  async getSloHistory(entityRef: string, sloName: string): Promise<SloVersion[]> {
    const body = await this.request<{ items: SloVersion[] }>(
      `${entityPath(entityRef)}/slos/${encodeURIComponent(sloName)}/history`,
    );
    return body.items;
  }

  createSlo(entityRef: string, slo: SloInput): Promise<SloWithStatus> {
    return this.request(`${entityPath(entityRef)}/slos`, { method: 'POST', body: slo });
  }

  updateSlo(
    entityRef: string,
    sloName: string,
    version: number,
    slo: SloInput,
  ): Promise<SloWithStatus> {
    return this.request(`${entityPath(entityRef)}/slos/${encodeURIComponent(sloName)}`, {
      method: 'PUT',
      body: { version, slo },
    });
  }

  previewSlo(entityRef: string, slo: SloInput): Promise<SloPreview> {
    return this.request(`${entityPath(entityRef)}/slos/preview`, { method: 'POST', body: slo });
  }

  async getLineOfBusinessRollup(): Promise<SloRollup[]> {
    return (await this.request<{ items: SloRollup[] }>('rollups/lines-of-business')).items;
  }

  async getOwnerRollup(): Promise<SloRollup[]> {
    return (await this.request<{ items: SloRollup[] }>('rollups/owners')).items;
  }

  getCapacityAssessment(entityRef: string): Promise<CapacityAssessment | null> {
    return this.request(`capacity/${entityPath(entityRef)}/assessment`, { notFoundAsNull: true });
  }

  async listCapacityAssessments(entityRef: string): Promise<CapacityAssessment[]> {
    const body = await this.request<{ items: CapacityAssessment[] }>(
      `capacity/${entityPath(entityRef)}/assessments`,
    );
    return body.items;
  }

  getCapacityCoverage(): Promise<CapacityCoverageReport> {
    return this.request('capacity/coverage');
  }

  getEntityCost(entityRef: string, query: CostQuery = {}): Promise<EntityCostResponse> {
    return this.request(`cost/${entityPath(entityRef)}${queryString({ ...query })}`);
  }

  getEntityCostDrivers(
    entityRef: string,
    query: Omit<CostQuery, 'grain'> & { limit?: number } = {},
  ): Promise<CostDriversResponse> {
    return this.request(`cost/${entityPath(entityRef)}/drivers${queryString({ ...query })}`);
  }

  getEntityUnitCost(entityRef: string, query: CostQuery = {}): Promise<UnitCostResponse> {
    return this.request(`cost/${entityPath(entityRef)}/unit-cost${queryString({ ...query })}`);
  }

  getCostRollup(query: CostQuery & { by: CostRollupDimension }): Promise<CostRollupResponse> {
    return this.request(`cost/rollup${queryString({ ...query })}`);
  }

  getLineOfBusinessCost(
    lineOfBusiness: string,
    query: CostQuery = {},
  ): Promise<LineOfBusinessCostResponse> {
    return this.request(
      `cost/lines-of-business/${encodeURIComponent(lineOfBusiness)}${queryString({ ...query })}`,
    );
  }

  listEntityRecommendations(entityRef: string): Promise<OptimisationList> {
    return this.request(`optimise/${entityPath(entityRef)}/recommendations`);
  }

  listLineOfBusinessRecommendations(lineOfBusiness: string): Promise<OptimisationList> {
    return this.request(
      `optimise/lines-of-business/${encodeURIComponent(lineOfBusiness)}/recommendations`,
    );
  }

  listCostAnomalies(query: CostAnomalyQuery): Promise<CostAnomalyList> {
    const { lineOfBusiness, ...rest } = query;
    return this.request(`optimise/anomalies${queryString({ ...rest, lob: lineOfBusiness })}`);
  }

  getEntityDrills(entityRef: string, days?: number): Promise<EntityDrills> {
    return this.request(`drills/${entityPath(entityRef)}${queryString({ days })}`);
  }

  getDrillWeakLinks(
    query: { lineOfBusiness?: string; days?: number } = {},
  ): Promise<DrillWeakLinks> {
    return this.request(`drills/weak-links${queryString({ ...query })}`);
  }

  getDrillResilience(query: {
    by: 'service' | 'lineOfBusiness';
    lineOfBusiness?: string;
    days?: number;
    step?: 'day' | 'week';
  }): Promise<DrillResilience> {
    return this.request(`drills/resilience${queryString({ ...query })}`);
  }

  getChanges(query: { entityRef?: string; lineOfBusiness?: string }): Promise<ChangeList> {
    return this.request(`changes${queryString({ ...query })}`);
  }

  listIncidents(
    query: IncidentQuery & { status?: 'open' | 'resolved' } = {},
  ): Promise<IncidentList> {
    return this.request(`incidents${queryString({ ...query })}`);
  }

  getIncidentMttx(query: IncidentQuery & { by: MttxDimension }): Promise<MttxReport> {
    return this.request(`incidents/mttx${queryString({ ...query })}`);
  }

  acknowledgeIncident(id: string): Promise<Incident> {
    return this.request(`incidents/${encodeURIComponent(id)}/ack`, { method: 'POST' });
  }

  getIncidentPostmortem(id: string): Promise<string> {
    return this.request(`incidents/${encodeURIComponent(id)}/postmortem`, { text: true });
  }

  getEntityRunbooks(entityRef: string, days?: number): Promise<EntityRunbooks> {
    return this.request(`runbooks/${entityPath(entityRef)}${queryString({ days })}`);
  }

  listRunbookRuns(query: { entityRef?: string; incidentId?: string }): Promise<RunbookRunList> {
    return this.request(`runbooks/runs${queryString({ ...query })}`);
  }

  approveRunbookAction(runId: string, action: string): Promise<RunbookRun> {
    return this.request(`runbooks/runs/${encodeURIComponent(runId)}/approve`, {
      method: 'POST',
      body: { action },
    });
  }

  getRunbookRecovery(
    query: { lineOfBusiness?: string; days?: number } = {},
  ): Promise<RunbookRecovery> {
    return this.request(`runbooks/recovery${queryString({ ...query })}`);
  }

  getRunbookCoverage(query: { lineOfBusiness?: string } = {}): Promise<RunbookLobCoverage> {
    return this.request(`runbooks/coverage${queryString({ ...query })}`);
  }
}
