/**
 * The parts of the Headroom backend's REST contract (its OpenAPI document) this datasource reads,
 * plus the catalog's entity list. Mirrored here so that the plugin bundle carries no Backstage code.
 */
export type SloAlertState = 'ok' | 'ticket' | 'page' | 'no-data';

export interface SloBurnRate {
  window: string;
  rate: number | null;
}

export interface SloStatus {
  sloId: string;
  evaluatedAt: string | null;
  ageSeconds: number | null;
  sli: number | null;
  budgetRemaining: number | null;
  burnRates: SloBurnRate[];
  alertState: SloAlertState | null;
  timeToExhaustionSeconds: number | null;
  lastAttemptAt: string | null;
  error: string | null;
}

export interface SloWithStatus {
  id: string;
  entityRef: string;
  name: string;
  displayName: string | null;
  description: string | null;
  ownerRef: string | null;
  lineOfBusiness: string | null;
  origin: 'file' | 'api';
  version: number;
  objective: number;
  window: string;
  definition: Record<string, unknown>;
  status: SloStatus | null;
}

export interface Rollup {
  key: string;
  sloCount: number;
  evaluatedCount: number;
  compliantCount: number;
  compliance: number | null;
  budgetRemainingMin: number | null;
  budgetRemainingMean: number | null;
  worstBurnRate: number | null;
  worstSlo: string | null;
}

export interface CatalogEntity {
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  spec?: { owner?: string; system?: string; lifecycle?: string };
}

/** One period's cost of one entity, as the cost API returns it: the amount as a decimal string. */
export interface PeriodCostRow {
  entityRef: string;
  /** Period start, unix seconds. */
  period: number;
  currency: string;
  cost: string;
}
