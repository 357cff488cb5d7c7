import type { CanaryClassification, MetricClassificationLabel } from './types';

/** What the scorer needs of one metric's result. */
export interface ScoredMetric {
  name: string;
  classification: MetricClassificationLabel;
  groups: readonly string[];
  critical: boolean;
  muted: boolean;
  reason?: string | null;
}

export interface GroupScore {
  name: string;
  /** Pass / (Pass + High + Low + NodataFailMetric) × 100; 0 when that is empty. */
  score: number;
  /** No metric of the group could be judged (all Nodata or Error). */
  noData: boolean;
  metrics: number;
}

export interface ScoreResult {
  /** 0..100, two decimals. */
  score: number;
  groups: GroupScore[];
  /** Why the score was forced to 0, when it was. */
  reason: string | null;
}

/** A canary with at least this share (%) of Nodata metrics fails. */
export const NODATA_THRESHOLD_PERCENT = 50;

/** Half-up to two decimals on the decimal form of the number, as people round a percentage. */
export function roundScore(score: number): number {
  return Number(`${Math.round(Number(`${score}e2`))}e-2`);
}

function groupScore(name: string, labels: MetricClassificationLabel[]): GroupScore {
  const count = (l: MetricClassificationLabel) => labels.filter(x => x === l).length;
  const judged = count('Pass') + count('High') + count('Low') + count('NodataFailMetric');
  return {
    name,
    score: judged === 0 ? 0 : (count('Pass') / judged) * 100,
    noData: judged === 0,
    metrics: labels.length,
  };
}

/**
 * Kayenta's WeightedSumScorer over the metrics that are not muted: a critical metric that is not
 * Pass, or Nodata for half the metrics or more, scores 0; otherwise the weighted sum of group
 * scores, where a group nobody could judge counts 100 (no evidence against the canary) and groups
 * without a configured weight share what the configured ones leave of 100.
 */
export function weightedSumScore(
  metrics: readonly ScoredMetric[],
  groupWeights: Readonly<Record<string, number>>,
): ScoreResult {
  const scored = metrics.filter(m => !m.muted);
  const byGroup = new Map<string, MetricClassificationLabel[]>();
  for (const m of scored) {
    for (const g of m.groups) {
      const labels = byGroup.get(g) ?? [];
      labels.push(m.classification);
      byGroup.set(g, labels);
    }
  }
  const groups = [...byGroup].map(([name, labels]) => groupScore(name, labels));

  const failure = scored.find(m => m.critical && m.classification !== 'Pass');
  if (failure) {
    return {
      score: 0,
      groups,
      reason: `Canary Failed: ${failure.reason ?? `${failure.name} was classified as ${failure.classification} (Critical)`}`,
    };
  }
  const nodata = scored.filter(m => m.classification === 'Nodata').length;
  if (scored.length > 0 && (nodata / scored.length) * 100 >= NODATA_THRESHOLD_PERCENT) {
    return {
      score: 0,
      groups,
      reason: `Canary Failed: ${NODATA_THRESHOLD_PERCENT}% or more metrics returned NODATA`,
    };
  }
  const configured = Object.values(groupWeights).reduce((a, w) => a + w, 0);
  const unweighted = groups.filter(g => !(g.name in groupWeights)).length;
  const shared = unweighted > 0 ? (100 - configured) / unweighted : 0;
  let sum = 0;
  for (const g of groups) {
    const weight = groupWeights[g.name] ?? shared;
    sum += (g.noData ? 100 : g.score) * (weight / 100);
  }
  return { score: roundScore(sum), groups, reason: null };
}

export interface ScoreThresholds {
  /** A score at or above this passes. */
  pass: number;
  /** A score at or above this (and below pass) is marginal; below it fails. */
  marginal: number;
}

/** Kayenta's sample configs use 95 / 75; a canary config's own thresholds take precedence. */
export const DEFAULT_SCORE_THRESHOLDS: Readonly<ScoreThresholds> = Object.freeze({
  pass: 95,
  marginal: 75,
});

export function classifyScore(score: number, t: ScoreThresholds): CanaryClassification {
  if (score >= t.pass) return 'Pass';
  if (score >= t.marginal) return 'Marginal';
  return 'Fail';
}
