export * from './types';
export { windowLabel } from './durations';
export {
  prepareSeries,
  createSeriesBuffers,
  windowCounts,
  errorRatio,
  lastIndexAtOrBefore,
  lastIndexAtOrBeforeFrom,
} from './series';
export type { SeriesBuffers } from './series';
export { STANDARD_BURN_WINDOWS, burnRate, budgetRatio } from './burnrate';
export { budgetStatus } from './budget';
export { timeToExhaustion } from './exhaustion';
export { windowStart, zonedToUtcMs, zoneOffsetMs } from './calendar';
export type { WallTime } from './calendar';
export { evaluateAlerts } from './alerts';
export { burndown, burndownPoints, defaultBurndownStep } from './burndown';
export {
  timeslicesFromCounters,
  ratioTimeslicesFromCounters,
  timeslicesFromGauge,
  occurrencesFromGauge,
  meetsThreshold,
} from './timeslices';
export {
  evaluateSlo,
  evaluationStart,
  defaultBurnWindows,
  DEFAULT_EXHAUSTION_WINDOW_SECONDS,
} from './evaluate';
export { windowEnd } from './windowEnd';
export { evenSpendRemaining, evenSpendLine } from './evenSpend';
export { alertState, type SloAlertState } from './alertState';
export { worstBurnRate } from './worstBurn';
