export {
  NAB_PROFILES,
  NAB_PROBATIONARY_PERCENT,
  nabScaledSigmoid,
  nabProbationaryLength,
  nabScoreFile,
  nabScoreCorpus,
  nabOptimiseThreshold,
  nabNormalisedScore,
  nabNullScore,
  nabWindowIndices,
  parseNabTimestamp,
} from './nab';
export type {
  NabCorpusScore,
  NabCostMatrix,
  NabProfileName,
  NabWindow,
  NabFileScore,
  NabScoredFile,
} from './nab';
export { AnomalyDetector } from './detector';
export { ANOMALY_ALARM_THRESHOLD, AnomalyEventDetector } from './events';
export type { AnomalyEventDetectorOptions } from './events';
export { ROW_TIME_NUDGE, rowTimes } from './rowTimes';
export type { RowTimes } from './rowTimes';
export type { AnomalyDetectorOptions } from './detector';
export { WindowedGaussianDetector } from './windowedGaussian';
