import {
  blastRadiusFactor,
  budgetFactor,
  historyFactor,
  incidentsFactor,
  sizeFactor,
  timingFactor,
  type FactorResult,
} from './factors';
import { riskPolicyFor, type RiskPolicies } from './policy';
import type {
  ChangeContext,
  ChangeInput,
  RiskAssessment,
  RiskFactor,
  RiskFactorName,
  ChangeRiskLevel,
  RiskPolicy,
  RiskRecommendation,
} from './types';

const RECOMMENDATION: Record<ChangeRiskLevel, RiskRecommendation> = {
  low: 'proceed',
  medium: 'canary',
  high: 'approve',
  critical: 'hold',
};

function level(score: number, p: RiskPolicy): ChangeRiskLevel {
  if (score >= p.levels.critical) return 'critical';
  if (score >= p.levels.high) return 'high';
  if (score >= p.levels.medium) return 'medium';
  return 'low';
}

function checkChange(change: ChangeInput): void {
  if (typeof change.service !== 'string' || change.service === '') {
    throw new RangeError('change.service must be a catalog entity ref');
  }
  if (!Number.isFinite(change.plannedAt)) {
    throw new RangeError(`change.plannedAt must be a time, got ${change.plannedAt}`);
  }
  const lines = change.size?.linesChanged;
  if (typeof lines !== 'number' || !Number.isFinite(lines) || lines < 0) {
    throw new RangeError(`change.size.linesChanged must be a number >= 0, got ${String(lines)}`);
  }
}

/**
 * A change's risk before it ships: six factors, each scored 0..1 and explained, weighted into a
 * 0..100 score by the policy of the service's line of business; the level and recommendation
 * follow the policy's thresholds, and any hold (budget spent, P1 open on the service, a freeze
 * window) makes it critical whatever the score. A service not in the catalog graph is refused:
 * what cannot be placed cannot be assessed.
 */
export function assessChange(
  change: ChangeInput,
  context: ChangeContext,
  options: { lineOfBusiness?: string | null; policies?: RiskPolicies } = {},
): RiskAssessment {
  checkChange(change);
  if (!context.graph.some(n => n.ref === change.service)) {
    throw new RangeError(`change.service ${change.service} is not in the catalog graph`);
  }
  const lineOfBusiness = options.lineOfBusiness ?? null;
  const policy = riskPolicyFor(lineOfBusiness, options.policies);
  const results: Record<RiskFactorName, FactorResult> = {
    budget: budgetFactor(context.slos, policy),
    blastRadius: blastRadiusFactor(context.graph, change.service),
    timing: timingFactor(change.plannedAt, context.driver, context.freezeWindows ?? []),
    history: historyFactor(change.service, change.plannedAt, context.recentChanges ?? [], policy),
    incidents: incidentsFactor(context.graph, change.service, context.openIncidents ?? []),
    size: sizeFactor(change.size, policy),
  };
  const factors: RiskFactor[] = (Object.keys(results) as RiskFactorName[]).map(name => {
    const r = results[name];
    const weight = policy.weights[name];
    return {
      name,
      score: r.score,
      weight,
      points: r.score * weight,
      explanation: r.explanation,
    };
  });
  const score = Math.round(factors.reduce((a, f) => a + f.points, 0) * 10) / 10;
  const holds = Object.values(results).flatMap(r => r.holds);
  const lvl = holds.length > 0 ? 'critical' : level(score, policy);
  return {
    service: change.service,
    version: change.version,
    plannedAt: change.plannedAt,
    lineOfBusiness,
    score,
    level: lvl,
    recommendation: RECOMMENDATION[lvl],
    holds,
    factors,
    policy,
  };
}
