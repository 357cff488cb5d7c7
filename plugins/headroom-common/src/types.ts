/**
 * The REST API's data shapes, shared by the backend and its clients. The OpenAPI document of
 * the backend (`src/schema/openapi.yaml`) is the contract; these types mirror it.
 */

/** Where an SLO definition lives: a file referenced by the entity's annotation, or the API. */
export type SloOrigin = 'file' | 'api';

/** A ratio indicator given as two counter selectors (bad or good, over total). */
export interface SloRatioIndicatorInput {
  type: 'ratio';
  /** Counter selector of bad events, e.g. `http_requests_total{service="ledger",code=~"5.."}`. */
  bad?: string;
  /** Counter selector of good events; exactly one of `bad` and `good` is set. */
  good?: string;
  /** Counter selector of all events. */
  total: string;
}

/** The body of a create or update: one SLO of one entity. */
export interface SloInput {
  /** Lower-case letters, digits and dashes; unique per entity. */
  name: string;
  displayName?: string;
  description?: string;
  /** Target as a fraction in (0, 1): 0.999 for 99.9 %. */
  objective: number;
  /** Rolling window, e.g. `30d`, `7d`, `4w`. */
  window: string;
  indicator: SloRatioIndicatorInput;
  alerting?: { page?: boolean; ticket?: boolean };
  /** How often the backend evaluates this SLO; the configured default when absent. */
  evaluationIntervalSeconds?: number;
  labels?: Record<string, string>;
}

export interface SloRecord {
  id: string;
  entityRef: string;
  name: string;
  displayName: string | null;
  description: string | null;
  ownerRef: string | null;
  lineOfBusiness: string | null;
  origin: SloOrigin;
  /** The file (or URL) an SLO of origin `file` was read from. */
  sourceLocation: string | null;
  /** Increases by one on every change; send it back on update and delete. */
  version: number;
  objective: number;
  window: string;
  evaluationIntervalSeconds: number | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  /** The definition as an OpenSLO v1 document. */
  definition: Record<string, unknown>;
}

export type SloAlertState = 'ok' | 'ticket' | 'page' | 'no-data';

export interface SloBurnRate {
  window: string;
  rate: number | null;
}

/**
 * The latest evaluation of an SLO. When the latest attempt failed (Prometheus down) the fields
 * still describe the last successful evaluation, `ageSeconds` says how old it is and `error`
 * says why it is not newer. Nothing is ever filled in that was not measured.
 */
export interface SloStatus {
  sloId: string;
  /** Time of the last successful evaluation; null when there was none yet. */
  evaluatedAt: string | null;
  ageSeconds: number | null;
  sli: number | null;
  budgetRemaining: number | null;
  burnRates: SloBurnRate[];
  alertState: SloAlertState | null;
  timeToExhaustionSeconds: number | null;
  /** Time of the last attempt, successful or not. */
  lastAttemptAt: string | null;
  /** Why the last attempt failed; null when it succeeded. */
  error: string | null;
}

/**
 * Answer of the preview endpoint: what an SLO definition measures on the data Prometheus has
 * now, evaluated before anything is saved.
 */
export interface SloPreview {
  evaluatedAt: string;
  sli: number | null;
  budgetRemaining: number | null;
  burnRates: SloBurnRate[];
  alertState: SloAlertState | null;
  timeToExhaustionSeconds: number | null;
  /** Remaining budget through the window, from core's `burndownPoints` (t in Unix seconds). */
  burndown: { t: number; remaining: number | null }[];
}

/**
 * `GET …/slos/{sloName}/burndown`: the budget left through the SLO's whole current window, read
 * from Prometheus at `evaluatedAt` (not from the stored evaluations). Times in Unix seconds.
 */
export interface SloBurndown {
  entityRef: string;
  sloName: string;
  objective: number;
  /** The SLO's window as written, e.g. `30d`. */
  window: string;
  windowSeconds: number;
  /** Start of the current window: `evaluatedAt` minus the window, or the calendar period's start. */
  windowStart: number;
  /** End of the current window: `evaluatedAt` for a rolling window, else the calendar period's end. */
  windowEnd: number;
  evaluatedAt: string;
  /** Distance between points; the last point is `evaluatedAt` itself. */
  stepSeconds: number;
  /** `remaining` 1 = untouched, 0 = exhausted, null when the window has no traffic. */
  points: { t: number; remaining: number | null }[];
}

export interface SloWithStatus extends SloRecord {
  status: SloStatus | null;
}

export interface SloDiffEntry {
  /** Dotted path of the changed field, e.g. `objective` or `indicator.total`. */
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface SloVersion {
  version: number;
  change: 'create' | 'update' | 'delete';
  author: string;
  changedAt: string;
  diff: SloDiffEntry[];
}

export interface SloSnapshot {
  evaluatedAt: string;
  sli: number | null;
  budgetRemaining: number | null;
  burnRates: SloBurnRate[];
  alertState: SloAlertState;
  timeToExhaustionSeconds: number | null;
}

export interface EntitySloSummaryItem {
  name: string;
  displayName: string | null;
  objective: number;
  window: string;
  sli: number | null;
  budgetRemaining: number | null;
  alertState: SloAlertState | null;
  evaluatedAt: string | null;
  error: string | null;
}

export interface EntitySloSummary {
  entityRef: string;
  sloCount: number;
  /** SLOs whose SLI meets the objective, among those with an SLI. */
  compliantCount: number;
  budgetRemainingMin: number | null;
  worstBurnRate: number | null;
  slos: EntitySloSummaryItem[];
}

/** SLOs grouped by owner or by line of business. */
export interface SloRollup {
  /** The owner's entity ref or the line of business; `unassigned` when unknown. */
  key: string;
  sloCount: number;
  /** SLOs with at least one successful evaluation. */
  evaluatedCount: number;
  compliantCount: number;
  /** compliantCount / evaluatedCount; null when nothing is evaluated. */
  compliance: number | null;
  budgetRemainingMin: number | null;
  budgetRemainingMean: number | null;
  worstBurnRate: number | null;
  /** The SLO with the highest burn rate, as `<entityRef>#<name>`. */
  worstSlo: string | null;
}

export interface ReleaseGateRequest {
  entityRef: string;
  /** Deny when any SLO has less budget left than this fraction; the configured default when absent. */
  minBudgetRemaining?: number;
  /** Deny when any SLO's status is older than this; the configured default when absent. */
  maxStatusAgeSeconds?: number;
}

/** The policy a gate decision was taken under (core's `ReleaseGatePolicy`). */
export interface ReleaseGatePolicyInfo {
  minBudgetRemaining: number;
  cautionBudgetRemaining: number;
  maxStatusAgeSeconds?: number;
  withoutSlos: 'allow' | 'deny';
  denyOnPage: boolean;
  denyOnTicket: boolean;
}

export interface ReleaseGateResult {
  decision: 'allow' | 'deny';
  entityRef: string;
  /** normal; cautious (budget getting low: small changes, canaries); freeze (fixes only). */
  rhythm: 'normal' | 'cautious' | 'freeze';
  reasons: string[];
  /** What held the release back or slowed it, for machines. */
  blockers: Array<
    'budget' | 'page' | 'ticket' | 'not-evaluated' | 'stale' | 'no-traffic' | 'no-slos'
  >;
  policy: ReleaseGatePolicyInfo;
  slos: EntitySloSummaryItem[];
}
