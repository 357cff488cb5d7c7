import { createApiRef } from '@backstage/core-plugin-api';
import type {
  CostAnomalyList,
  CostDriversResponse,
  CostGrain,
  CostRollupDimension,
  CostRollupResponse,
  CostView,
  EntityCostResponse,
  LineOfBusinessCostResponse,
  OptimisationList,
  SloInput,
  SloListPage,
  SloRollup,
  SloBurndown,
  SloStatusHistory,
  SloVersion,
  SloWithStatus,
  UnitCostResponse,
} from '@headroom/plugin-headroom-common';
import type { CapacityAssessment, CapacityCoverageReport } from './capacity';
import type { DrillResilience, DrillWeakLinks, EntityDrills } from './drills';
import type { Incident, IncidentList, IncidentQuery, MttxDimension, MttxReport } from './incidents';
import type { ChangeList } from './changes';
import type {
  EntityRunbooks,
  RunbookLobCoverage,
  RunbookRecovery,
  RunbookRun,
  RunbookRunList,
} from './runbooks';
import type { SloPreview } from './types';

// The response envelopes are declared once, in the common package, with the backend's JSON.
export type { SloListPage, SloStatusHistory } from '@headroom/plugin-headroom-common';

/** Filters and paging of {@link HeadroomApi.listSlos}; absent fields do not filter. */
export interface SloListQuery {
  owner?: string;
  lineOfBusiness?: string;
  entityRef?: string;
  /** 1 to 1000; the backend's default is 100. */
  limit?: number;
  offset?: number;
}

/**
 * Range and shape of a cost query. `from` and `to` are dates (`YYYY-MM-DD`, UTC); absent fields
 * take the backend's defaults.
 */
export interface CostQuery {
  grain?: CostGrain;
  view?: CostView;
  from?: string;
  to?: string;
}

/** Filters of {@link HeadroomApi.listCostAnomalies}; absent fields do not filter. */
export interface CostAnomalyQuery {
  entityRef?: string;
  lineOfBusiness?: string;
  from?: string;
  to?: string;
  minScore?: number;
}

/** Client of the Headroom backend's REST API (`plugins/headroom-backend/src/schema/openapi.yaml`). */
export interface HeadroomApi {
  /** Every SLO the caller may read, with its latest status. */
  listSlos(query?: SloListQuery): Promise<SloListPage>;
  listEntitySlos(entityRef: string): Promise<SloWithStatus[]>;
  getSlo(entityRef: string, sloName: string): Promise<SloWithStatus>;
  getSloStatus(entityRef: string, sloName: string, limit?: number): Promise<SloStatusHistory>;
  getSloHistory(entityRef: string, sloName: string): Promise<SloVersion[]>;
  /**
   * The budget left through the SLO's whole current window, computed by the backend from
   * Prometheus now: at most `points` points (the backend's default 200 when absent). Fails with
   * a 503 when Prometheus cannot be read.
   */
  getSloBurndown(entityRef: string, sloName: string, points?: number): Promise<SloBurndown>;
  createSlo(entityRef: string, slo: SloInput): Promise<SloWithStatus>;
  /** Replaces an SLO; `version` is the one last read, a stale one fails with a conflict (409). */
  updateSlo(
    entityRef: string,
    sloName: string,
    version: number,
    slo: SloInput,
  ): Promise<SloWithStatus>;
  previewSlo(entityRef: string, slo: SloInput): Promise<SloPreview>;
  getLineOfBusinessRollup(): Promise<SloRollup[]>;
  getOwnerRollup(): Promise<SloRollup[]>;
  /** The entity's latest capacity assessment; null when it has none. */
  getCapacityAssessment(entityRef: string): Promise<CapacityAssessment | null>;
  /** Every capacity assessment of the entity, newest first; empty when it has none. */
  listCapacityAssessments(entityRef: string): Promise<CapacityAssessment[]>;
  /** Share of services with a current capacity assessment, per line of business. */
  getCapacityCoverage(): Promise<CapacityCoverageReport>;
  /** The entity's cost per period, with the change from the period before. */
  getEntityCost(entityRef: string, query?: CostQuery): Promise<EntityCostResponse>;
  /** What the entity's cost over the range was spent on, largest first. */
  getEntityCostDrivers(
    entityRef: string,
    query?: Omit<CostQuery, 'grain'> & { limit?: number },
  ): Promise<CostDriversResponse>;
  /** The entity's cost per unit of its business driver, against its line of business's band. */
  getEntityUnitCost(entityRef: string, query?: CostQuery): Promise<UnitCostResponse>;
  /** Cost per line of business, owner or entity and period; unallocated cost is its own row. */
  getCostRollup(query: CostQuery & { by: CostRollupDimension }): Promise<CostRollupResponse>;
  /** The cost of every entity of a line of business. */
  getLineOfBusinessCost(
    lineOfBusiness: string,
    query?: CostQuery,
  ): Promise<LineOfBusinessCostResponse>;
  /** Right-sizing recommendations of an entity, with savings totals. */
  listEntityRecommendations(entityRef: string): Promise<OptimisationList>;
  /** Right-sizing recommendations of a line of business, with savings totals. */
  listLineOfBusinessRecommendations(lineOfBusiness: string): Promise<OptimisationList>;
  listCostAnomalies(query: CostAnomalyQuery): Promise<CostAnomalyList>;
  /** The entity's drills, their runs over the last `days` and its resilience score by day. */
  getEntityDrills(entityRef: string, days?: number): Promise<EntityDrills>;
  /** The weak-links report, for one line of business or all. */
  getDrillWeakLinks(query?: { lineOfBusiness?: string; days?: number }): Promise<DrillWeakLinks>;
  /** Litmus resilience scores per service or line of business over time. */
  getDrillResilience(query: {
    by: 'service' | 'lineOfBusiness';
    lineOfBusiness?: string;
    days?: number;
    step?: 'day' | 'week';
  }): Promise<DrillResilience>;
  /** The change log of the last 90 days: one entity's, or a line of business's. */
  getChanges(query: { entityRef?: string; lineOfBusiness?: string }): Promise<ChangeList>;
  /** Incidents whose impact started in the period (default the last 90 days), oldest first. */
  listIncidents(query?: IncidentQuery & { status?: 'open' | 'resolved' }): Promise<IncidentList>;
  /** MTTD, MTTA, MTTR and attainment against the targets, grouped `by`. */
  getIncidentMttx(query: IncidentQuery & { by: MttxDimension }): Promise<MttxReport>;
  /** Records the signed-in user's acknowledgement (the first one counts). */
  acknowledgeIncident(id: string): Promise<Incident>;
  /** The postmortem draft of an incident, in Markdown. */
  getIncidentPostmortem(id: string): Promise<string>;
  /** The entity's runbooks, their alert coverage and their runs over the last `days`. */
  getEntityRunbooks(entityRef: string, days?: number): Promise<EntityRunbooks>;
  /** Runbook runs of an entity or an incident, oldest first. */
  listRunbookRuns(query: { entityRef?: string; incidentId?: string }): Promise<RunbookRunList>;
  /** Approves a risky action of a run waiting for it; the backend checks ownership. */
  approveRunbookAction(runId: string, action: string): Promise<RunbookRun>;
  /** Incidents split by auto-recovered and manual, with MTTR, for a line of business or all. */
  getRunbookRecovery(query?: { lineOfBusiness?: string; days?: number }): Promise<RunbookRecovery>;
  /** Which SLO alerts of a line of business (or of all) have a runbook, in total and per service. */
  getRunbookCoverage(query?: { lineOfBusiness?: string }): Promise<RunbookLobCoverage>;
}

export const headroomApiRef = createApiRef<HeadroomApi>({ id: 'plugin.headroom.api' });
