export * from './types';
export {
  parseRunbooks,
  RUNBOOK_API_VERSION,
  RUNBOOKS_ANNOTATION,
  RUNBOOK_ACTION_TYPES,
} from './parse';
export type { RunbookParseResult } from './parse';
export {
  triggerMatches,
  queryFinding,
  recentChangesFinding,
  dependencyHealthFinding,
  saturationFinding,
  failedFinding,
  chooseActions,
} from './diagnose';
export { decideAction } from './guardrails';
export type {
  PastRun,
  GlobalGuardrails,
  GuardrailInput,
  GuardrailName,
  GuardrailDecision,
} from './guardrails';
export { verifyRecovery } from './verify';
export type { VerificationState } from './verify';
export { runResult } from './audit';
export type { ActionRecord, RunbookRunResult, RunbookAuditRecord } from './audit';
export { kubernetesRequest, isServerDryRun, KubernetesActionError } from './kubernetes';
export type { KubernetesTarget, KubernetesRequest } from './kubernetes';
export { summariseRunbookRuns } from './summary';
export type { RunbookRunSummary } from './summary';
export { runbookCoverage, lineOfBusinessCoverage, recoverySplit, sloAlerts } from './coverage';
export type {
  AlertRuleLabels,
  RunbookCoverage,
  ServiceCoverage,
  LineOfBusinessCoverage,
  IncidentRun,
  RecoverySplit,
} from './coverage';
