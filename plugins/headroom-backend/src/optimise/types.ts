import type { WorkloadRef } from '@headroom/core';
import type {
  CostAnomalySeries,
  OptimisationEvent,
  OptimisationExportFormat,
  OptimisationRecommendation,
  OptimisationStatus,
} from '@headroom/plugin-headroom-common';

/** What a recommendation says, fixed when it is proposed; the lifecycle lives beside it. */
export type RecommendationDetail = Omit<
  OptimisationRecommendation,
  | 'id'
  | 'entityRef'
  | 'ownerRef'
  | 'lineOfBusiness'
  | 'resource'
  | 'status'
  | 'allowedActions'
  | 'version'
  | 'expectedMonthlySaving'
  | 'currency'
  | 'realisedMonthlySaving'
  | 'createdAt'
  | 'updatedAt'
  | 'history'
> & {
  workload: WorkloadRef;
  /** The objects the export route renders, computed with core when proposed. */
  exports: Partial<Record<OptimisationExportFormat, Record<string, unknown>>>;
  /** The Prometheus `service` label and queries the recommendation was computed from. */
  service: string;
};

export interface StoredRecommendation {
  id: string;
  entityRef: string;
  resource: string;
  ownerRef: string | null;
  lineOfBusiness: string | null;
  status: OptimisationStatus;
  version: number;
  currency: string;
  /** Exact decimal strings. */
  expectedMonthlySaving: string;
  realisedMonthlySaving: string | null;
  detail: RecommendationDetail;
  history: OptimisationEvent[];
  createdAt: Date;
  updatedAt: Date;
}

/** A new proposal: the store adds id, status, version, history and times. */
export type RecommendationWrite = Pick<
  StoredRecommendation,
  | 'entityRef'
  | 'resource'
  | 'ownerRef'
  | 'lineOfBusiness'
  | 'currency'
  | 'expectedMonthlySaving'
  | 'detail'
>;

export interface RecommendationFilter {
  entityRef?: string;
  lineOfBusiness?: string;
  ownerRef?: string;
  status?: OptimisationStatus;
}

export interface StoredAnomaly {
  id: string;
  entityRef: string;
  ownerRef: string | null;
  lineOfBusiness: string | null;
  series: CostAnomalySeries;
  at: Date;
  stepSeconds: number;
  value: number;
  expected: number;
  score: number;
  currency: string | null;
  detectedAt: Date;
}

export interface AnomalyFilter {
  entityRef?: string;
  lineOfBusiness?: string;
  from?: Date;
  to?: Date;
  minScore?: number;
}
