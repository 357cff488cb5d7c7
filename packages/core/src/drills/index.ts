export * from './types';
export { parseDrills, cronProblem, DRILL_API_VERSION } from './parse';
export type { DrillParseResult } from './parse';
export { resilienceScore, probeSuccessPercentage } from './score';
export { judgeDrill, meetsSteadyState } from './judge';
export type { DrillObservations, SteadyStateReading } from './judge';
export { readSteadyState, abortReason, drillBudgetSpent } from './measure';
export { litmusChaosEngines, chaosMeshResources, ClusterFaultError } from './clusters';
export type { ClusterTarget } from './clusters';
