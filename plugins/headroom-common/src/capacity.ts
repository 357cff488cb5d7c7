import type { CapacityRecommendation, CapacityUnit, FitQuality } from '@headroom/core';

// The JSON of the backend's capacity routes (`/api/headroom/capacity/...`), shared by the backend,
// the frontend plugin and anything else that reads them.

/**
 * What a team expects of a service before it has usage history: the business driver's peak and
 * growth, and how much of a resource one unit of the driver costs (from a load test or a
 * comparable service).
 */
export interface AssessmentInputs {
  /** The business driver, e.g. "requests per second". */
  driver: string;
  /** Expected peak of the driver today (or at launch), in driver units. */
  expectedPeak: number;
  /** Compound growth of the peak per month, as a fraction (0.1 is 10 % a month). */
  growthPerMonth: number;
  /** The assessment covers the peak this many months ahead. */
  horizonMonths: number;
  /** How much higher the peak may turn out, as a fraction of it (the forecast's upper band). */
  peakUncertainty: number;
  usage: {
    unit: CapacityUnit;
    /** Use at zero load, in the unit. */
    baseline: number;
    /** Use per unit of driver, in the unit. */
    perUnit: number;
    /** Noise of the use around the line, in the unit (a p95 residual); 0 when unknown. */
    noise: number;
  };
  /** Utilisation aimed for at the peak, in (0, 1]. */
  targetUtilisation: number;
  latency?: { serviceTimeSeconds: number; objectiveSeconds: number; percentile?: number };
  /** The request of one replica, in the unit: turns the total into a replica count. */
  requestPerReplica?: number;
  pricePerUnitHour?: number;
  currency?: string;
  /** What is provisioned today (requests and limits per replica, in the unit): gives the verdict. */
  current?: { replicas: number; requests: number; limits?: number };
  /**
   * Set when the usage line and the peak were fitted from measured history (e.g. by
   * `headroom capacity --record`) rather than declared by the team: the qualities of that fit.
   */
  measured?: { fitQuality: FitQuality; forecastQuality: FitQuality };
}

/** What to provision, from the model's result. */
export interface AssessmentRecommendation {
  unit: CapacityUnit;
  /** Total capacity to provision, in the unit. */
  needed: number;
  /** ceil(needed / requestPerReplica), when a request per replica was given. */
  replicas: number | null;
  requestPerReplica: number | null;
  /** needed × price × 730 h, when a price was given. */
  monthlyCost: number | null;
  currency: string | null;
}

/**
 * Core's capacity recommendation as JSON carries it: without limits the provisioned limits are
 * unbounded, which JSON (no Infinity) writes as null.
 */
export type CapacityRecommendationJson = Omit<CapacityRecommendation, 'current'> & {
  current:
    | (Omit<NonNullable<CapacityRecommendation['current']>, 'limitsProvisioned'> & {
        limitsProvisioned: number | null;
      })
    | null;
};

/** The model's result: the driver's peak over the horizon and core's capacity recommendation. */
export interface AssessmentResult {
  driverPeakNow: number;
  driverPeakAtHorizon: number;
  driverUpperAtHorizon: number;
  capacity: CapacityRecommendationJson;
}

/** One version of an entity's capacity assessment as the API returns it. */
export interface CapacityAssessmentJson {
  entityRef: string;
  version: number;
  ownerRef: string | null;
  lineOfBusiness: string | null;
  inputs: AssessmentInputs;
  result: AssessmentResult;
  recommendation: AssessmentRecommendation;
  note: string | null;
  /** ISO 8601. */
  assessedAt: string;
  assessedBy: string;
  approvedAt: string | null;
  approvedBy: string | null;
  /** When the assessment stops counting as current (ISO 8601). */
  staleAt: string;
  stale: boolean;
}

export interface CapacityCoverageCounts {
  services: number;
  /** With an assessment younger than the stale age. */
  assessed: number;
  /** ... of which the latest version is approved. */
  approved: number;
  /** With an assessment, but older than the stale age. */
  stale: number;
  /** With no assessment at all. */
  missing: number;
  /** assessed / services; null for no services. */
  share: number | null;
}

export interface CapacityCoverageGroup extends CapacityCoverageCounts {
  /** null: services whose line of business is unknown. */
  lineOfBusiness: string | null;
  /** Services created within the last `newWithinDays`. */
  newServices: CapacityCoverageCounts;
  /** Services without a current assessment, sorted. */
  unassessed: string[];
}

export interface CapacityCoverageReport {
  generatedAt: string;
  staleAfterDays: number;
  newWithinDays: number;
  total: CapacityCoverageGroup;
  /** One per line of business, sorted by name, unknown last. */
  linesOfBusiness: CapacityCoverageGroup[];
}
