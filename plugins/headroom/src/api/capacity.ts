import type { CapacityRecommendation, CapacityUnit } from '@headroom/core';

/**
 * JSON of the backend's capacity routes (`/capacity/...`): an assessment as stored, with dates as
 * ISO strings and whether it is past its stale age.
 */
export interface CapacityAssessmentInputs {
  /** The business driver, e.g. "requests per second". */
  driver: string;
  expectedPeak: number;
  /** Compound growth of the peak per month, as a fraction. */
  growthPerMonth: number;
  horizonMonths: number;
  peakUncertainty: number;
  usage: { unit: CapacityUnit; baseline: number; perUnit: number; noise: number };
  targetUtilisation: number;
  latency?: { serviceTimeSeconds: number; objectiveSeconds: number; percentile?: number };
  requestPerReplica?: number;
  pricePerUnitHour?: number;
  currency?: string;
}

export interface CapacityAssessment {
  entityRef: string;
  version: number;
  ownerRef: string | null;
  lineOfBusiness: string | null;
  inputs: CapacityAssessmentInputs;
  result: {
    driverPeakNow: number;
    driverPeakAtHorizon: number;
    driverUpperAtHorizon: number;
    capacity: CapacityRecommendation;
  };
  recommendation: {
    unit: CapacityUnit;
    needed: number;
    replicas: number | null;
    requestPerReplica: number | null;
    monthlyCost: number | null;
    currency: string | null;
  };
  note: string | null;
  assessedAt: string;
  assessedBy: string;
  approvedAt: string | null;
  approvedBy: string | null;
  /** When the assessment stops counting as current. */
  staleAt: string;
  stale: boolean;
}

export interface CapacityCoverageCounts {
  services: number;
  /** With a current assessment. */
  assessed: number;
  /** ... of which the latest version is approved. */
  approved: number;
  /** With an assessment older than the stale age. */
  stale: number;
  missing: number;
  /** assessed / services; null for no services. */
  share: number | null;
}

export interface CapacityCoverageGroup extends CapacityCoverageCounts {
  /** null: services whose line of business is unknown. */
  lineOfBusiness: string | null;
  newServices: CapacityCoverageCounts;
  /** Entity refs of services without a current assessment, sorted. */
  unassessed: string[];
}

export interface CapacityCoverageReport {
  generatedAt: string;
  staleAfterDays: number;
  newWithinDays: number;
  total: CapacityCoverageGroup;
  linesOfBusiness: CapacityCoverageGroup[];
}
