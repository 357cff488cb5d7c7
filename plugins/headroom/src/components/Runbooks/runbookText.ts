import type { RunbookRun } from '../../api';

/** A record's unix seconds as the ISO time the rest of the plugin formats. */
export function isoOf(seconds: number | null): string | null {
  return seconds === null ? null : new Date(seconds * 1000).toISOString();
}

/** A share as a whole percentage, or a dash when there is nothing to divide. */
export function shareText(share: number | null): string {
  return share === null ? '—' : `${(100 * share).toFixed(0)} %`;
}

const RESULTS: Record<string, string> = {
  recovered: 'Recovered',
  escalated: 'Escalated to people',
  'dry-run': 'Dry run',
  'awaiting-approval': 'Waiting for approval',
  refused: 'Held back by a guardrail',
  'not-triggered': 'Not triggered',
};

/** The run's result in words. */
export function resultText(run: RunbookRun): string {
  return RESULTS[run.record.result] ?? run.record.result;
}

/**
 * The risky actions of a run that wait for a person and nobody approved yet; the Approve
 * button offers these.
 */
export function actionsAwaitingApproval(run: RunbookRun): string[] {
  if (run.record.result !== 'awaiting-approval') return [];
  const approved = new Set(run.approvals.map(a => a.action));
  return run.record.actions
    .filter(a => a.decision.verdict === 'await-approval' && !approved.has(a.action))
    .map(a => a.action);
}
