// The capacity routes' JSON is defined once, in the common package.
export type {
  AssessmentInputs as CapacityAssessmentInputs,
  CapacityAssessmentJson as CapacityAssessment,
  CapacityCoverageCounts,
  CapacityCoverageGroup,
  CapacityCoverageReport,
} from '@headroom/plugin-headroom-common';
