import type {
  AssessmentInputs,
  AssessmentRecommendation,
  AssessmentResult,
} from '@headroom/plugin-headroom-common';

export type { AssessmentInputs, AssessmentRecommendation, AssessmentResult };

/** One version of an entity's capacity assessment. */
export interface CapacityAssessment {
  entityRef: string;
  version: number;
  ownerRef: string | null;
  lineOfBusiness: string | null;
  inputs: AssessmentInputs;
  result: AssessmentResult;
  recommendation: AssessmentRecommendation;
  note: string | null;
  assessedAt: Date;
  assessedBy: string;
  approvedAt: Date | null;
  approvedBy: string | null;
}

/** An assessment as written: the store assigns the version. */
export type AssessmentWrite = Omit<
  CapacityAssessment,
  'version' | 'approvedAt' | 'approvedBy' | 'assessedAt' | 'assessedBy'
>;
