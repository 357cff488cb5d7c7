export * from './types';
export { normalQuantile } from './normal';
export { brentRoot } from './brent';
export { mannWhitneyUTest, wilcoxonDiff, type MannWhitneyResult } from './mannWhitney';
export { meanRatio, cles, percentile, outlierFences, removeOutliers } from './stats';
export { classifyMetric, type ClassifyOptions as MetricClassifyOptions } from './classify';
export {
  weightedSumScore,
  classifyScore,
  roundScore,
  DEFAULT_SCORE_THRESHOLDS,
  NODATA_THRESHOLD_PERCENT,
  type ScoredMetric,
  type GroupScore,
  type ScoreResult,
  type ScoreThresholds,
} from './score';
export {
  parseCanaryConfig,
  CanaryConfigError,
  type CanaryConfig,
  type CanaryMetricConfig,
  type CanaryBurnSlo,
} from './config';
export {
  compareBurn,
  wilsonLowerBound,
  DEFAULT_BURN_POLICY,
  type BurnPolicy,
  type BurnComparison,
  type BurnComparisonInput,
} from './burn';
export {
  judgeCanary,
  prepareValues,
  JUDGE_NAME,
  type JudgeInput,
  type CanaryVerdict,
  type MetricVerdict,
  type SampleStats,
} from './judge';
export {
  judgeCanaryData,
  configuredMetricNames,
  type CanaryPoint,
  type CanaryDataInput,
} from './data';
