import { budgetRatio, burnRate } from '../engine/burnrate';
import { windowCounts } from '../engine/series';
import type { PreparedSeries } from '../engine/types';
import { normalQuantile } from './normal';

/**
 * What Kayenta does not look at: the error budget. The canary's SLO burn rate over the analysis
 * window is compared with the baseline's, so a canary that spends budget fast fails even when its
 * metric distributions overlap the baseline's (a few percent of errors hide in a latency
 * histogram, not in a burn rate).
 */

export interface BurnPolicy {
  /**
   * Fail when the canary burns at least this fast whatever the baseline does (default 14.4: the
   * SRE workbook's page rate, 2 % of a 30-day budget in one hour).
   */
  maxBurnRate: number;
  /** Fail when the canary burns more than this multiple of the baseline's rate, and above 1. */
  maxRatio: number;
  /** One-sided confidence that the canary's rate really is above the limit (default 0.98). */
  confidenceLevel: number;
}

export const DEFAULT_BURN_POLICY: Readonly<BurnPolicy> = Object.freeze({
  maxBurnRate: 14.4,
  maxRatio: 2,
  confidenceLevel: 0.98,
});

export interface BurnComparisonInput {
  /** How the SLO is named in reasons. */
  name: string;
  objective: number;
  baseline: PreparedSeries;
  canary: PreparedSeries;
  /** End of the analysis window (unix seconds) and its length. */
  at: number;
  windowSeconds: number;
}

export interface BurnComparison {
  name: string;
  objective: number;
  windowSeconds: number;
  baseline: { bad: number; total: number; burnRate: number | null };
  canary: {
    bad: number;
    total: number;
    burnRate: number | null;
    /** The burn rate the canary spends at least, at the policy's confidence. */
    burnRateLowerBound: number | null;
  };
  /** The limit the lower bound was held against: max(1, maxRatio × baseline), capped at maxBurnRate. */
  limit: number;
  /** High: the canary spends budget too fast; Nodata: the canary had no traffic. */
  classification: 'Pass' | 'High' | 'Nodata';
  reason: string;
}

/**
 * Wilson score lower bound of a binomial proportion, one-sided at `confidence`: with few events
 * it stays near 0 instead of reading one error in ten requests as a 10 % error ratio.
 */
export function wilsonLowerBound(bad: number, total: number, confidence: number): number {
  if (!(total > 0)) return 0;
  const z = normalQuantile(confidence);
  const p = bad / total;
  const z2n = (z * z) / total;
  const centre = p + z2n / 2;
  const spread = z * Math.sqrt((p * (1 - p)) / total + z2n / (4 * total));
  return Math.max(0, (centre - spread) / (1 + z2n));
}

const rate = (r: number) => `${r.toFixed(2)}×`;

export function compareBurn(
  input: BurnComparisonInput,
  policy: BurnPolicy = DEFAULT_BURN_POLICY,
): BurnComparison {
  if (!(policy.maxBurnRate > 1))
    throw new RangeError(`maxBurnRate must be > 1, got ${policy.maxBurnRate}`);
  if (!(policy.maxRatio >= 1))
    throw new RangeError(`maxRatio must be >= 1, got ${policy.maxRatio}`);
  if (!(policy.confidenceLevel > 0.5 && policy.confidenceLevel < 1)) {
    throw new RangeError(`confidenceLevel must be in (0.5, 1), got ${policy.confidenceLevel}`);
  }
  const { name, objective, at, windowSeconds } = input;
  const budget = budgetRatio(objective);
  const from = at - windowSeconds;
  const b = windowCounts(input.baseline, from, at);
  const c = windowCounts(input.canary, from, at);
  const baselineBurn = burnRate(input.baseline, at, windowSeconds, objective);
  const canaryBurn = burnRate(input.canary, at, windowSeconds, objective);
  const lower =
    c.total > 0 ? wilsonLowerBound(c.bad, c.total, policy.confidenceLevel) / budget : null;
  // Burning no faster than the budget allows is fine whatever the baseline does; a canary burning
  // as a broken baseline does is not the change's fault, up to the page rate.
  const limit = Math.min(policy.maxBurnRate, Math.max(1, policy.maxRatio * (baselineBurn ?? 0)));
  const base = {
    name,
    objective,
    windowSeconds,
    baseline: { ...b, burnRate: baselineBurn },
    canary: { ...c, burnRate: canaryBurn, burnRateLowerBound: lower },
    limit,
  };
  if (canaryBurn === null || lower === null) {
    return {
      ...base,
      classification: 'Nodata',
      reason: `${name}: no canary traffic in the window`,
    };
  }
  const pct = `${Math.round(policy.confidenceLevel * 100)} %`;
  const baselineText =
    baselineBurn === null ? 'the baseline had no traffic' : `the baseline ${rate(baselineBurn)}`;
  if (lower > limit || lower >= policy.maxBurnRate) {
    return {
      ...base,
      classification: 'High',
      reason: `${name}: the canary burns its error budget at ${rate(canaryBurn)} (at least ${rate(lower)} at ${pct} confidence, limit ${rate(limit)}); ${baselineText}`,
    };
  }
  return {
    ...base,
    classification: 'Pass',
    reason: `${name}: the canary burns at ${rate(canaryBurn)} (at least ${rate(lower)} at ${pct} confidence, limit ${rate(limit)}); ${baselineText}`,
  };
}
