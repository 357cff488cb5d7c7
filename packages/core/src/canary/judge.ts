import { classifyMetric } from './classify';
import type { BurnComparison } from './burn';
import type { CanaryConfig } from './config';
import { mean, removeOutliers } from './stats';
import { classifyScore, weightedSumScore, type GroupScore, type ScoreThresholds } from './score';
import {
  JUDGE_CLASSIFIER_PARAMS,
  type CanaryClassification,
  type ClassifierParams,
  type MetricClassificationLabel,
  type MetricJudgeConfig,
} from './types';

/** Kayenta's judge name; results carry it so they can be told from Kayenta's own. */
export const JUDGE_NAME = 'NetflixACAJudge-v1.0 (headroom)';

export interface SampleStats {
  count: number;
  mean: number | null;
  min: number | null;
  max: number | null;
}

export interface MetricVerdict {
  name: string;
  groups: string[];
  classification: MetricClassificationLabel;
  reason: string | null;
  critical: boolean;
  muted: boolean;
  /** mean(canary) / mean(baseline); null where it cannot be computed (a mean of 0). */
  ratio: number | null;
  test: { ciLower: number; ciUpper: number; estimate: number; effectSize: number | null } | null;
  baseline: SampleStats;
  canary: SampleStats;
}

export interface CanaryVerdict {
  judge: string;
  /** 0..100: Kayenta's weighted group score, or 0 when a critical check failed. */
  score: number;
  classification: CanaryClassification;
  reason: string | null;
  thresholds: ScoreThresholds;
  groups: GroupScore[];
  metrics: MetricVerdict[];
  /** SLO burn-rate comparisons, canary against baseline. */
  burn: BurnComparison[];
}

export interface JudgeInput {
  config: CanaryConfig;
  /** Raw values per metric name (NaN for a missing point); a metric absent here has no data. */
  baseline: ReadonlyMap<string, readonly number[]>;
  canary: ReadonlyMap<string, readonly number[]>;
  /** Overrides the config's thresholds. */
  thresholds?: ScoreThresholds;
  /** Defaults to the judge's 0.25 tolerance and 0.98 confidence. */
  classifier?: ClassifierParams;
  burn?: readonly BurnComparison[];
}

/** NaN strategy first, then outliers: the order Kayenta's judge transforms a metric in. */
export function prepareValues(values: readonly number[], c: MetricJudgeConfig): number[] {
  const clean =
    c.nanStrategy === 'remove'
      ? values.filter(v => !Number.isNaN(v))
      : values.map(v => (Number.isNaN(v) ? 0 : v));
  return c.outliers.strategy === 'remove' ? removeOutliers(clean, c.outliers.factor) : clean;
}

function stats(v: readonly number[]): SampleStats {
  if (v.length === 0) return { count: 0, mean: null, min: null, max: null };
  return { count: v.length, mean: mean(v), min: Math.min(...v), max: Math.max(...v) };
}

const finite = (n: number) => (Number.isFinite(n) ? n : null);

/**
 * The canary verdict: every metric classified (Kayenta's Mann-Whitney rules), scored by group
 * weight, and classified against the thresholds; a canary whose SLO burn is too fast fails as a
 * critical metric would, with score 0.
 */
export function judgeCanary(input: JudgeInput): CanaryVerdict {
  const params = input.classifier ?? JUDGE_CLASSIFIER_PARAMS;
  const thresholds = input.thresholds ?? input.config.thresholds;
  const metrics: MetricVerdict[] = input.config.metrics.map(m => {
    const baseline = prepareValues(input.baseline.get(m.name) ?? [], m.judge);
    const canary = prepareValues(input.canary.get(m.name) ?? [], m.judge);
    const r = classifyMetric(baseline, canary, {
      ...params,
      name: m.name,
      direction: m.judge.direction,
      nanStrategy: m.judge.nanStrategy,
      critical: m.judge.critical,
      mustHaveData: m.judge.mustHaveData,
      effectSizeMeasure: m.judge.effectSize.measure,
      allowed: m.judge.effectSize.allowed,
      criticalThresholds: m.judge.effectSize.critical,
    });
    return {
      name: m.name,
      groups: m.groups,
      classification: r.classification,
      reason: r.reason,
      critical: r.critical,
      muted: m.judge.muted,
      ratio: finite(r.deviation),
      test: r.test ? { ...r.test, effectSize: finite(r.test.effectSize) } : null,
      baseline: stats(baseline),
      canary: stats(canary),
    };
  });
  const scored = weightedSumScore(metrics, input.config.groupWeights);
  const burn = [...(input.burn ?? [])];
  const burning = burn.find(b => b.classification === 'High');
  if (burning) {
    return {
      judge: JUDGE_NAME,
      score: 0,
      classification: 'Fail',
      reason: `Canary Failed: ${burning.reason}`,
      thresholds,
      groups: scored.groups,
      metrics,
      burn,
    };
  }
  return {
    judge: JUDGE_NAME,
    score: scored.score,
    classification: classifyScore(scored.score, thresholds),
    reason: scored.reason,
    thresholds,
    groups: scored.groups,
    metrics,
    burn,
  };
}
