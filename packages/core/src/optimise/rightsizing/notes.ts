import type { RiskLevel } from '../rightsize';

/**
 * What the steps of a right-sizing say as they go: explanation lines and risks, in the order the
 * steps run, so the recommendation reads as the calculation did.
 */
export interface Notes {
  explanation: string[];
  risks: { level: RiskLevel; reason: string }[];
}

const RISK_RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };

/** The highest level among the risks, and each as `level: reason` (a default line when none). */
export function riskSummary(risks: Notes['risks']): { level: RiskLevel; reasons: string[] } {
  const level = risks.reduce<RiskLevel>(
    (l, r) => (RISK_RANK[r.level] > RISK_RANK[l] ? r.level : l),
    'low',
  );
  const reasons = risks.length
    ? risks.map(r => `${r.level}: ${r.reason}`)
    : ['low: a change inside what the model has seen, with the need at the forecast peak covered'];
  return { level, reasons };
}
