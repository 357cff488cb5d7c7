/**
 * The change log's JSON (`/api/headroom/changes`): a change with its risk pre-assessment, the
 * canary verdicts given while it was live, the rollbacks decided for it and its outcome.
 */

/** @public */
export type ChangeState = 'live' | 'promoted' | 'rolled-back';

/** One factor of a change's risk, 0 (none) to 1 (full), and its points in the score. @public */
export interface ChangeRiskFactor {
  name: string;
  score: number;
  weight: number;
  points: number;
  explanation: string;
}

/** Core's pre-assessment of a change. @public */
export interface ChangeAssessment {
  score: number;
  level: 'low' | 'medium' | 'high' | 'critical';
  recommendation: 'proceed' | 'canary' | 'approve' | 'hold';
  holds: string[];
  factors: ChangeRiskFactor[];
}

/** @public */
export interface ChangeVerdict {
  at: string;
  classification: 'Pass' | 'Marginal' | 'Fail';
  score: number;
  source: 'prometheus' | 'posted';
  /** The canary judge's whole verdict (metrics, groups, burn comparisons). */
  verdict: { reason?: string | null } & Record<string, unknown>;
}

/** @public */
export interface ChangeRollback {
  at: string;
  reason: string;
  trigger: Record<string, unknown>;
  action: 'argo' | 'flagger' | 'webhook' | 'simulator' | 'none';
  outcome: 'sent' | 'described' | 'failed';
  detail: Record<string, unknown>;
}

/** @public */
export interface Change {
  id: string;
  entityRef: string;
  service: string;
  lineOfBusiness: string | null;
  version: string;
  kind: 'deploy' | 'canary';
  startedAt: string;
  watchUntil: string;
  state: ChangeState;
  /** false for a deploy recorded through POST /deploys only. */
  recorded: boolean;
  source: string;
  assessment: ChangeAssessment | null;
  verdicts: ChangeVerdict[];
  rollbacks: ChangeRollback[];
  outcome: { incidentId: string | null; rolledBack: boolean; failed: boolean };
}

/** Changes, and how many failed (caused an incident or were rolled back). @public */
export interface ChangeFailureRate {
  lineOfBusiness?: string | null;
  changes: number;
  failed: number;
  changeFailureRate: number | null;
}

/** @public */
export interface ChangeList {
  from: string;
  to: string;
  items: Change[];
  failureRate: ChangeFailureRate;
  byLineOfBusiness: ChangeFailureRate[];
}
