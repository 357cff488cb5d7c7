/**
 * A change's risk before it ships: the inputs Headroom gathers (error budget, catalog graph,
 * business driver, change history, incidents) and the explained score.
 */

/** What is about to ship. */
export interface ChangeInput {
  /** Catalog ref of the service, e.g. `component:default/ledger`. */
  service: string;
  version: string;
  size: {
    /** Lines added plus removed. */
    linesChanged: number;
    /** A change that cannot be rolled back by redeploying (schema migration, data rewrite). */
    irreversible?: boolean;
  };
  /** Planned start, unix seconds. */
  plannedAt: number;
}

/** One SLO of the service as the engine last saw it. */
export interface ChangeSloStatus {
  name: string;
  /** Remaining budget fraction; null without traffic. */
  budgetRemaining: number | null;
  /** Current burn rate (1 spends exactly the budget over the window); null without traffic. */
  burnRate: number | null;
}

/** An entity of the catalog graph (Backstage relations, refs as `kind:namespace/name`). */
export interface CatalogNode {
  ref: string;
  dependsOn?: readonly string[];
  dependencyOf?: readonly string[];
  providesApis?: readonly string[];
  consumesApis?: readonly string[];
  /** Requests per second it serves (its business driver); undefined when not known. */
  traffic?: number;
}

export interface FreezeWindow {
  /** Unix seconds, start inclusive, end exclusive. */
  from: number;
  to: number;
  reason: string;
}

/** The business driver's daily shape: level per local hour 0..23 (e.g. mean requests per second). */
export interface DriverProfile {
  timeZone: string;
  hourly: readonly number[];
}

export interface PastChange {
  service: string;
  /** Unix seconds. */
  at: number;
  outcome: 'succeeded' | 'failed' | 'rolled-back';
}

export type IncidentSeverity = 'P1' | 'P2' | 'P3' | 'P4';

export interface OpenIncident {
  entityRef: string;
  severity: IncidentSeverity;
  title?: string;
}

export interface ChangeContext {
  slos: readonly ChangeSloStatus[];
  graph: readonly CatalogNode[];
  driver?: DriverProfile;
  freezeWindows?: readonly FreezeWindow[];
  recentChanges?: readonly PastChange[];
  openIncidents?: readonly OpenIncident[];
}

export type RiskFactorName = 'budget' | 'blastRadius' | 'timing' | 'history' | 'incidents' | 'size';

export type ChangeRiskLevel = 'low' | 'medium' | 'high' | 'critical';

/** low: proceed; medium: proceed behind a canary; high: hold for approval; critical: hold. */
export type RiskRecommendation = 'proceed' | 'canary' | 'approve' | 'hold';

/** How risk is scored; a line of business may set its own. */
export interface RiskPolicy {
  /** Points of each factor in the 0..100 score; they add up to 100. */
  weights: Record<RiskFactorName, number>;
  /** Score at or above which a change is medium, high, critical. */
  levels: { medium: number; high: number; critical: number };
  /** Lines changed that score the size factor in full (log scale below). */
  largeChangeLines: number;
  /** The burn rate that scores the burn in full (14.4: the page rate). */
  fullBurnRate: number;
  /** Change failure rate that scores the history factor in full. */
  fullFailureRate: number;
  /** How far back past changes count, in days, and at most how many. */
  historyDays: number;
  historyChanges: number;
}

export interface RiskFactor {
  name: RiskFactorName;
  /** 0 (no risk) .. 1 (full risk). */
  score: number;
  weight: number;
  /** score × weight: the factor's points in the total. */
  points: number;
  explanation: string;
}

export interface RiskAssessment {
  service: string;
  version: string;
  plannedAt: number;
  lineOfBusiness: string | null;
  /** 0..100, one decimal. */
  score: number;
  level: ChangeRiskLevel;
  recommendation: RiskRecommendation;
  /** Conditions that hold the change whatever the score (budget spent, P1 open, freeze window). */
  holds: string[];
  factors: RiskFactor[];
  policy: RiskPolicy;
}
