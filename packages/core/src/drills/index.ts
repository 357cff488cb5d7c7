export * from './types';
export { parseDrills, cronProblem, DRILL_API_VERSION } from './parse';
export type { DrillParseResult } from './parse';
export { resilienceScore, probeSuccessPercentage } from './score';
export { judgeDrill, meetsSteadyState } from './judge';
export type { DrillObservations, SteadyStateReading } from './judge';
export { readSteadyState, abortReason, drillBudgetSpent } from './measure';
export { litmusChaosEngines, chaosMeshResources, ClusterFaultError } from './clusters';
export type { ClusterTarget } from './clusters';
export { runsIn, runStart, faultWasPut } from './history';
export type { DrillRunFacts, DependantImpact } from './history';
export { dependantImpact, SPREAD_FACTOR } from './dependants';
export { weakLinks, dependencyPath } from './weakLinks';
export type {
  CatalogService,
  DrillMiss,
  FailedDrill,
  UndrilledService,
  SpreadingFault,
  SilentAlert,
  WeakLinksReport,
  WeakLinksOptions,
} from './weakLinks';
export { resilienceTrend, scoreOf } from './trend';
export type { ResiliencePoint, ResilienceSeries, ResilienceTrendOptions } from './trend';
export { cronMatches, lastDueAt, drillHold } from './schedule';
export type { DrillHoldInput } from './schedule';
