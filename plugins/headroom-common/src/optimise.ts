import type { Entity } from '@backstage/catalog-model';

/**
 * The optimisation API (`/api/headroom/optimise/...`): right-sizing recommendations with their
 * lifecycle, realised savings, exports for Kubernetes tools, and cost anomalies. Money is a
 * decimal string in the recommendation's currency (ISO 4217); times are ISO 8601 strings unless
 * a field says otherwise; CPU in cores, memory in bytes.
 *
 * Routes:
 * - `GET  /optimise/recommendations?entityRef=&lob=&owner=&status=` → {@link OptimisationList}
 * - `GET  /optimise/entities/{kind}/{namespace}/{name}/recommendations` → {@link OptimisationList}
 * - `GET  /optimise/lines-of-business/{lob}/recommendations` → {@link OptimisationList}
 * - `GET  /optimise/recommendations/{id}` → {@link OptimisationRecommendation}
 * - `POST /optimise/recommendations/{id}/accept` body {@link OptimisationTransitionBody}
 * - `POST /optimise/recommendations/{id}/reject` (reason required)
 * - `POST /optimise/recommendations/{id}/apply` (`at`: when it was applied, default now)
 * - `POST /optimise/recommendations/{id}/verify` body {@link OptimisationVerifyBody}
 * - `POST /optimise/recommendations/{id}/rollback`
 *   Each returns the updated {@link OptimisationRecommendation}; a step the status does not allow
 *   is a 409 whose message names the allowed steps.
 * - `GET  /optimise/recommendations/{id}/export?format=kubernetes-patch|vpa|hpa|keda` → YAML text
 * - `GET  /optimise/anomalies?entityRef=&lob=&from=&to=&minScore=` → {@link CostAnomalyList}
 */

/**
 * The Kubernetes workload behind an entity, `<Kind>/<namespace>/<name>/<container>` (e.g.
 * `Deployment/spot/market-data/app`). Without it: `Deployment/default/<entity name>/<entity name>`.
 */
export const HEADROOM_KUBERNETES_WORKLOAD_ANNOTATION = 'headroom.dev/kubernetes-workload';

/**
 * The value of the `service` label of the entity's series in Prometheus, when it differs from the
 * entity's name.
 */
export const HEADROOM_PROMETHEUS_SERVICE_ANNOTATION = 'headroom.dev/prometheus-service';

/** The entity's Prometheus `service` label: the annotation, else the entity's name. */
export function getPrometheusService(entity: Entity): string {
  const value = entity.metadata.annotations?.[HEADROOM_PROMETHEUS_SERVICE_ANNOTATION]?.trim();
  return value ? value : entity.metadata.name;
}

export type OptimisationStatus =
  'proposed' | 'accepted' | 'rejected' | 'applied' | 'verified' | 'regressed' | 'rolled-back';

/** Statuses in which a recommendation is still open (its saving is potential). */
export const OPEN_OPTIMISATION_STATUSES: readonly OptimisationStatus[] = [
  'proposed',
  'accepted',
  'applied',
];

export type OptimisationAction = 'accept' | 'reject' | 'apply' | 'verify' | 'rollback';

export type OptimisationLoadClass =
  'idle' | 'over-provisioned' | 'right-sized' | 'under-provisioned' | 'scheduled-scale-down';

export type OptimisationRiskLevel = 'low' | 'medium' | 'high';

export type OptimisationExportFormat = 'kubernetes-patch' | 'vpa' | 'hpa' | 'keda';

/** Requests and limits per replica, and the replica count. A null limit: none set. */
export interface OptimisationAllocation {
  replicas: number;
  cpuRequest: number;
  memRequest: number;
  cpuLimit: number | null;
  memLimit: number | null;
}

/** One measured period of a verification. */
export interface OptimisationPeriod {
  from: string;
  to: string;
  /** Cost of the entity over the period, decimal. */
  cost: string;
  /** Volume of the business driver over the period (requests, orders…). */
  driver: number;
  /** Good / total events of the SLO over the period, when measured. */
  sli: number | null;
  burnRate: number | null;
}

/** What `verifySaving` found after a change was applied. */
export interface OptimisationVerification {
  /**
   * `measured`: both periods read by the backend from the cost data and Prometheus; only these
   * verify a saving. `supplied`: the caller gave the figures; kept and shown apart, never
   * counted as realised. Absent on verifications recorded before the two were told apart.
   */
  source?: 'measured' | 'supplied';
  before: OptimisationPeriod;
  after: OptimisationPeriod;
  unitCost: { before: number; after: number; change: number };
  /** (unit cost before − after) × the after period's driver volume, per 730 h. */
  realisedMonthlySaving: string;
  /** From the cost alone, ignoring the driver. */
  rawMonthlySaving: string;
  promisedMonthlySaving: string;
  /** realised / promised; null when nothing was promised. */
  ratio: number | null;
  outcome: 'realised' | 'partial' | 'not-realised';
  slo: { before: number | null; after: number | null; z: number | null; regression: boolean };
  /** The SLO regressed after a scale-down: roll the change back. */
  suggestRollback: boolean;
  reasons: string[];
}

/** One step of a recommendation's life, oldest first. */
export interface OptimisationEvent {
  status: OptimisationStatus;
  at: string;
  by: string | null;
  reason: string | null;
  verification: OptimisationVerification | null;
}

export interface OptimisationScheduleWindow {
  /** Local start as cron reads it: day of week (0 = Sunday; null for a daily window) and hour. */
  start: { day: number | null; hour: number };
  /** Local end (exclusive). */
  end: { day: number | null; hour: number };
  hours: number;
  /** Replicas inside the window. */
  replicas: number;
  /** The driver's forecast peak inside the window. */
  driverPeak: number;
  /** The window's load as a share of the busiest hour's. */
  fractionOfPeak: number;
}

export interface OptimisationBaseline {
  tool: 'krr-simple' | 'vpa' | 'kubecost';
  cpuRequest: number | null;
  memRequest: number | null;
  /** True when the tool's setting falls below what the SLO needs at the forecast peak. */
  belowNeed: boolean;
  explanation: string[];
}

/** A right-sizing recommendation for one workload of one entity. */
export interface OptimisationRecommendation {
  id: string;
  entityRef: string;
  ownerRef: string | null;
  lineOfBusiness: string | null;
  /** The workload changed, `<Kind>/<namespace>/<name>/<container>`. At most one open recommendation per entity and resource. */
  resource: string;
  status: OptimisationStatus;
  /** The steps the status allows now. */
  allowedActions: OptimisationAction[];
  /** Increases on every step; send it back in a transition body to refuse a stale write (409). */
  version: number;
  action: 'reduce' | 'increase' | 'resize' | 'hold';
  loadClass: OptimisationLoadClass;
  /** One line per finding of the load classification. */
  evidence: string[];
  current: OptimisationAllocation;
  recommended: OptimisationAllocation;
  /** What the SLO needs at the driver's forecast peak, all replicas. */
  needed: { cpuCores: number; memoryBytes: number; driverPeak: number; peakAt: string };
  driverName: string;
  /** Right-sizing plus scale-down windows, per month, decimal; negative when the change costs more. */
  expectedMonthlySaving: string;
  currency: string;
  savingBreakdown: { cpu: number; memory: number; schedule: number };
  /** Where the money came from: the entity's cost data, or the configured unit prices. */
  pricingSource: 'cost-data' | 'config-prices';
  risk: { level: OptimisationRiskLevel; reasons: string[] };
  sloPolicy: 'normal' | 'conservative' | 'freeze';
  /** The SLO whose state set the policy (the one with the least budget left), when the entity has one. */
  slo: { name: string; budgetRemaining: number | null; burnRate: number | null } | null;
  schedule: {
    timeZone: string;
    period: 'day' | 'week';
    replicas: number;
    windows: OptimisationScheduleWindow[];
    monthlySaving: number;
  } | null;
  baselines: OptimisationBaseline[];
  explanation: string[];
  /** Export formats that apply to this recommendation (`keda` only with scale-down windows). */
  exportFormats: OptimisationExportFormat[];
  /** From the last measured verification, decimal; null before one. */
  realisedMonthlySaving: string | null;
  /**
   * From the last verification on caller-supplied figures, decimal; null without one. Shown
   * apart, never added to realised savings.
   */
  suppliedMonthlySaving?: string | null;
  /** The history the recommendation was computed from. */
  window: { from: string; to: string; stepSeconds: number };
  createdAt: string;
  updatedAt: string;
  history: OptimisationEvent[];
}

/** Savings of a set of recommendations in one currency. */
export interface OptimisationTotals {
  currency: string;
  /** Sum of the expected monthly savings (positive ones) of open recommendations. */
  potentialMonthlySaving: string;
  /** Sum of the realised monthly savings of verified recommendations. */
  realisedMonthlySaving: string;
  /** Recommendations per status. */
  count: Record<OptimisationStatus, number>;
}

export interface OptimisationList {
  items: OptimisationRecommendation[];
  /** One entry per currency present. */
  totals: OptimisationTotals[];
}

/** Body of accept, reject, apply and rollback. */
export interface OptimisationTransitionBody {
  /** Required for reject. */
  reason?: string;
  /** When the step happened (apply: when the change was rolled out); default now. ISO or unix seconds. */
  at?: string | number;
  /** The version read; a different current version answers 409. */
  version?: number;
}

/**
 * Body of verify. Without periods the backend measures them: `after` from the applied time to
 * now, `before` the same length just before it (cost from the cost data or the configured prices,
 * driver volume and SLO events from Prometheus). Periods measured elsewhere may be given instead.
 */
export interface OptimisationVerifyBody {
  version?: number;
  before?: OptimisationObservationInput;
  after?: OptimisationObservationInput;
}

export interface OptimisationObservationInput {
  from: string | number;
  to: string | number;
  /** Decimal cost over the period. */
  cost: string;
  driver: number;
  slo?: { good: number; total: number };
  burnRate?: number;
}

export type CostAnomalySeries = 'cost' | 'unit-cost';

/** A point of an entity's cost (or unit-cost) series that the anomaly detector scored above the threshold. */
export interface CostAnomaly {
  id: string;
  entityRef: string;
  ownerRef: string | null;
  lineOfBusiness: string | null;
  series: CostAnomalySeries;
  /** Start of the point's period, unix milliseconds (as Grafana annotations take it). */
  time: number;
  /** The same time, ISO. */
  at: string;
  /** Length of the point's period, seconds (86400 for daily cost). */
  stepSeconds: number;
  value: number;
  /** The median of the same point over the previous 7 days: what the series usually is. */
  expected: number;
  /** The detector's score in [0, 1]; 0.5 is a one-in-10⁵ event for the series. */
  score: number;
  currency: string | null;
  /** One line for an annotation. */
  text: string;
  /** Tags for an annotation: `entity:<ref>`, `lob:<lob>`, `series:<series>`. */
  tags: string[];
  detectedAt: string;
}

export interface CostAnomalyList {
  items: CostAnomaly[];
}
