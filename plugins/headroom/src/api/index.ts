export { headroomApiRef } from './HeadroomApi';
export type {
  CostAnomalyQuery,
  CostQuery,
  HeadroomApi,
  SloListPage,
  SloListQuery,
  SloStatusHistory,
} from './HeadroomApi';
export { HeadroomClient, BackendUnreachableError } from './HeadroomClient';
export type { SloPreview } from './types';
export type {
  CapacityAssessment,
  CapacityAssessmentInputs,
  CapacityCoverageCounts,
  CapacityCoverageGroup,
  CapacityCoverageReport,
} from './capacity';
export type { DrillResilience, DrillRun, DrillWeakLinks, EntityDrills } from './drills';
export type {
  DurationStat,
  Incident,
  IncidentList,
  IncidentQuery,
  IncidentSeverity,
  MttxReport,
  MttxSummary,
  MttxTarget,
} from './incidents';
export type { Change, ChangeFailureRate, ChangeList } from './changes';
export type {
  EntityRunbooks,
  RunbookLobCoverage,
  RunbookRecovery,
  RunbookRun,
  RunbookRunList,
} from './runbooks';
