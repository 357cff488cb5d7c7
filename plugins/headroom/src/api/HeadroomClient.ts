import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { createApiClient, type ApiClient, type ApiRequest } from '@headroom/plugin-headroom-common';
import type {
  CapacityAssessmentJson as CapacityAssessment,
  CapacityCoverageReport,
  ChangeList,
  CostAnomalyList,
  CostDriversResponse,
  CostRollupDimension,
  CostRollupResponse,
  DrillResilience,
  DrillWeakLinks,
  EntityCostResponse,
  EntityDrills,
  EntityRunbooks,
  Incident,
  IncidentList,
  IncidentQuery,
  LineOfBusinessCostResponse,
  MttxDimension,
  MttxReport,
  OptimisationList,
  RunbookLobCoverage,
  RunbookRecovery,
  RunbookRun,
  RunbookRunList,
  SloBurndown,
  SloInput,
  SloListPage,
  SloPreview,
  SloRollup,
  SloStatusHistory,
  SloVersion,
  SloWithStatus,
  UnitCostResponse,
} from '@headroom/plugin-headroom-common';
import type { CostAnomalyQuery, CostQuery, HeadroomApi, SloListQuery } from './HeadroomApi';

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

/** The path parameters of an entity: `component:default/ledger`. */
function entity(entityRef: string): { kind: string; namespace: string; name: string } {
  const ref = parseEntityRef(entityRef);
  return { kind: ref.kind, namespace: ref.namespace, name: ref.name };
}

/** A number as the query string carries it (the document's query parameters are strings). */
function num(value: number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

/**
 * `HeadroomApi` over Backstage's `discoveryApi` (where the backend is) and `fetchApi` (auth). Every
 * call goes through the client typed by the backend's OpenAPI document (the common package).
 */
export class HeadroomClient implements HeadroomApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly api: ApiClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.api = createApiClient(request => this.send(request));
  }

  /** JSON answers parsed, others (the postmortem's Markdown) as text; errors as ResponseError. */
  private async send(request: ApiRequest): Promise<unknown> {
    const baseUrl = await this.discoveryApi.getBaseUrl('headroom');
    const url = `${baseUrl}${request.url}`;
    let response: Response;
    try {
      response = await this.fetchApi.fetch(url, {
        method: request.method,
        ...(request.body !== undefined
          ? { body: JSON.stringify(request.body), headers: { 'Content-Type': 'application/json' } }
          : {}),
      });
    } catch (e) {
      throw new BackendUnreachableError(url, e);
    }
    if (!response.ok) throw await ResponseError.fromResponse(response);
    if (response.status === 204) return undefined;
    const type = response.headers.get('Content-Type') ?? '';
    return type.includes('json') ? response.json() : response.text();
  }

  listSlos(query: SloListQuery = {}): Promise<SloListPage> {
    return this.api.get('/slos', {
      query: { ...query, limit: num(query.limit), offset: num(query.offset) },
    });
  }

  async listEntitySlos(entityRef: string): Promise<SloWithStatus[]> {
    const body = await this.api.get('/entities/{kind}/{namespace}/{name}/slos', {
      path: entity(entityRef),
    });
    return body.items;
  }

  getSlo(entityRef: string, sloName: string): Promise<SloWithStatus> {
    return this.api.get('/entities/{kind}/{namespace}/{name}/slos/{sloName}', {
      path: { ...entity(entityRef), sloName },
    });
  }

  getSloStatus(entityRef: string, sloName: string, limit?: number): Promise<SloStatusHistory> {
    return this.api.get('/entities/{kind}/{namespace}/{name}/slos/{sloName}/status', {
      path: { ...entity(entityRef), sloName },
      query: { limit: num(limit) },
    });
  }

  getSloBurndown(entityRef: string, sloName: string, points?: number): Promise<SloBurndown> {
    return this.api.get('/entities/{kind}/{namespace}/{name}/slos/{sloName}/burndown', {
      path: { ...entity(entityRef), sloName },
      query: { points: num(points) },
    });
  }

  async getSloHistory(entityRef: string, sloName: string): Promise<SloVersion[]> {
    const body = await this.api.get('/entities/{kind}/{namespace}/{name}/slos/{sloName}/history', {
      path: { ...entity(entityRef), sloName },
    });
    return body.items;
  }

  createSlo(entityRef: string, slo: SloInput): Promise<SloWithStatus> {
    return this.api.post('/entities/{kind}/{namespace}/{name}/slos', {
      path: entity(entityRef),
      body: slo,
    });
  }

  updateSlo(
    entityRef: string,
    sloName: string,
    version: number,
    slo: SloInput,
  ): Promise<SloWithStatus> {
    return this.api.put('/entities/{kind}/{namespace}/{name}/slos/{sloName}', {
      path: { ...entity(entityRef), sloName },
      body: { version, slo },
    });
  }

  previewSlo(entityRef: string, slo: SloInput): Promise<SloPreview> {
    return this.api.post('/entities/{kind}/{namespace}/{name}/slos/preview', {
      path: entity(entityRef),
      body: slo,
    });
  }

  async getLineOfBusinessRollup(): Promise<SloRollup[]> {
    return (await this.api.get('/rollups/lines-of-business')).items;
  }

  async getOwnerRollup(): Promise<SloRollup[]> {
    return (await this.api.get('/rollups/owners')).items;
  }

  async getCapacityAssessment(entityRef: string): Promise<CapacityAssessment | null> {
    try {
      return await this.api.get('/capacity/entities/{kind}/{namespace}/{name}/assessment', {
        path: entity(entityRef),
      });
    } catch (e) {
      // The route's 404 says the entity has no assessment yet.
      if (e instanceof ResponseError && e.statusCode === 404) return null;
      throw e;
    }
  }

  async listCapacityAssessments(entityRef: string): Promise<CapacityAssessment[]> {
    const body = await this.api.get('/capacity/entities/{kind}/{namespace}/{name}/assessments', {
      path: entity(entityRef),
    });
    return body.items;
  }

  getCapacityCoverage(): Promise<CapacityCoverageReport> {
    return this.api.get('/capacity/coverage');
  }

  getEntityCost(entityRef: string, query: CostQuery = {}): Promise<EntityCostResponse> {
    return this.api.get('/cost/entities/{kind}/{namespace}/{name}', {
      path: entity(entityRef),
      query,
    });
  }

  getEntityCostDrivers(
    entityRef: string,
    query: Omit<CostQuery, 'grain'> & { limit?: number } = {},
  ): Promise<CostDriversResponse> {
    return this.api.get('/cost/entities/{kind}/{namespace}/{name}/drivers', {
      path: entity(entityRef),
      query: { ...query, limit: num(query.limit) },
    });
  }

  getEntityUnitCost(entityRef: string, query: CostQuery = {}): Promise<UnitCostResponse> {
    return this.api.get('/cost/entities/{kind}/{namespace}/{name}/unit-cost', {
      path: entity(entityRef),
      query,
    });
  }

  getCostRollup(query: CostQuery & { by: CostRollupDimension }): Promise<CostRollupResponse> {
    return this.api.get('/cost/rollup', { query });
  }

  getLineOfBusinessCost(
    lineOfBusiness: string,
    query: CostQuery = {},
  ): Promise<LineOfBusinessCostResponse> {
    return this.api.get('/cost/lines-of-business/{lob}', {
      path: { lob: lineOfBusiness },
      query,
    });
  }

  listEntityRecommendations(entityRef: string): Promise<OptimisationList> {
    return this.api.get('/optimise/entities/{kind}/{namespace}/{name}/recommendations', {
      path: entity(entityRef),
    });
  }

  listLineOfBusinessRecommendations(lineOfBusiness: string): Promise<OptimisationList> {
    return this.api.get('/optimise/lines-of-business/{lob}/recommendations', {
      path: { lob: lineOfBusiness },
    });
  }

  listCostAnomalies(query: CostAnomalyQuery): Promise<CostAnomalyList> {
    const { lineOfBusiness, ...rest } = query;
    return this.api.get('/optimise/anomalies', {
      query: { ...rest, minScore: num(rest.minScore), lob: lineOfBusiness },
    });
  }

  getEntityDrills(entityRef: string, days?: number): Promise<EntityDrills> {
    return this.api.get('/drills/entities/{kind}/{namespace}/{name}', {
      path: entity(entityRef),
      query: { days: num(days) },
    });
  }

  getDrillWeakLinks(
    query: { lineOfBusiness?: string; days?: number } = {},
  ): Promise<DrillWeakLinks> {
    return this.api.get('/drills/weak-links', { query: { ...query, days: num(query.days) } });
  }

  getDrillResilience(query: {
    by: 'service' | 'lineOfBusiness';
    lineOfBusiness?: string;
    days?: number;
    step?: 'day' | 'week';
  }): Promise<DrillResilience> {
    return this.api.get('/drills/resilience', { query: { ...query, days: num(query.days) } });
  }

  getChanges(query: { entityRef?: string; lineOfBusiness?: string }): Promise<ChangeList> {
    return this.api.get('/changes', { query });
  }

  listIncidents(
    query: IncidentQuery & { status?: 'open' | 'resolved' } = {},
  ): Promise<IncidentList> {
    return this.api.get('/incidents', { query });
  }

  getIncidentMttx(query: IncidentQuery & { by: MttxDimension }): Promise<MttxReport> {
    return this.api.get('/incidents/mttx', { query });
  }

  acknowledgeIncident(id: string): Promise<Incident> {
    return this.api.post('/incidents/{id}/ack', { path: { id } });
  }

  getIncidentPostmortem(id: string): Promise<string> {
    return this.api.get('/incidents/{id}/postmortem', { path: { id } });
  }

  getEntityRunbooks(entityRef: string, days?: number): Promise<EntityRunbooks> {
    return this.api.get('/runbooks/entities/{kind}/{namespace}/{name}', {
      path: entity(entityRef),
      query: { days: num(days) },
    });
  }

  listRunbookRuns(query: { entityRef?: string; incidentId?: string }): Promise<RunbookRunList> {
    return this.api.get('/runbooks/runs', { query });
  }

  approveRunbookAction(runId: string, action: string): Promise<RunbookRun> {
    return this.api.post('/runbooks/runs/{id}/approve', { path: { id: runId }, body: { action } });
  }

  getRunbookRecovery(
    query: { lineOfBusiness?: string; days?: number } = {},
  ): Promise<RunbookRecovery> {
    return this.api.get('/runbooks/recovery', { query: { ...query, days: num(query.days) } });
  }

  getRunbookCoverage(query: { lineOfBusiness?: string } = {}): Promise<RunbookLobCoverage> {
    return this.api.get('/runbooks/coverage', { query });
  }
}
