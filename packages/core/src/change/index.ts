export * from './types';
export { blastRadius, neighbours, type BlastRadius } from './graph';
export {
  DEFAULT_RISK_POLICY,
  RISK_FACTORS,
  RiskPolicyError,
  riskPolicyFor,
  validateRiskPolicy,
  type RiskPolicies,
  type PartialRiskPolicy,
} from './policy';
export {
  budgetFactor,
  blastRadiusFactor,
  timingFactor,
  historyFactor,
  incidentsFactor,
  sizeFactor,
  type FactorResult,
} from './factors';
export { assessChange } from './assess';
export {
  decideChangeRollback,
  DEFAULT_CHANGE_ROLLBACK_POLICY,
  type ChangeRollbackDecision,
  type ChangeRollbackPolicy,
  type ChangeSignal,
  type ChangeState,
  type WatchedChange,
} from './rollback';
