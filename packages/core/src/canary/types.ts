/**
 * Vocabulary of the canary judge, with Kayenta NetflixACAJudge's names so that a Kayenta canary
 * config and its results read the same here.
 */

/** Which way a metric may not move: an error rate must not increase, a success rate not decrease. */
export type MetricDirection = 'increase' | 'decrease' | 'either';

/** `remove` drops NaN values (then no values = no data); `replace` counts them as 0. */
export type NanStrategy = 'remove' | 'replace';

export type EffectSizeMeasure = 'meanRatio' | 'cles';

export type MetricClassificationLabel =
  'Pass' | 'High' | 'Low' | 'NodataFailMetric' | 'Nodata' | 'Error';

export type CanaryClassification = 'Pass' | 'Marginal' | 'Fail';

/** Thresholds as (decrease, increase): a ratio ≤ decrease is a real drop, ≥ increase a real rise. */
export interface EffectThresholds {
  decrease: number;
  increase: number;
}

/** How one metric is judged (Kayenta's `analysisConfigurations.canary`, defaults applied). */
export interface MetricJudgeConfig {
  direction: MetricDirection;
  nanStrategy: NanStrategy;
  outliers: { strategy: 'keep' | 'remove'; factor: number };
  critical: boolean;
  mustHaveData: boolean;
  muted: boolean;
  effectSize: {
    measure: EffectSizeMeasure;
    allowed: EffectThresholds;
    critical: EffectThresholds;
  };
}

/** The Mann-Whitney classifier's own parameters. */
export interface ClassifierParams {
  /** Fraction of |estimate| a confidence bound must clear (the judge uses 0.25). */
  tolerance: number;
  /** Confidence level of the interval (the judge uses 0.98). */
  confidenceLevel: number;
}

export const JUDGE_CLASSIFIER_PARAMS: Readonly<ClassifierParams> = Object.freeze({
  tolerance: 0.25,
  confidenceLevel: 0.98,
});

export interface MetricClassification {
  classification: MetricClassificationLabel;
  /** Why, in words; null for a plain Pass. */
  reason: string | null;
  /** mean(canary) / mean(baseline); NaN when a mean is 0; 1 when there was nothing to compare. */
  deviation: number;
  /** Whether this result fails the whole canary. */
  critical: boolean;
  /** The test's numbers, when it ran. */
  test?: { ciLower: number; ciUpper: number; estimate: number; effectSize: number };
}
