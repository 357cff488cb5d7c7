import type { RunbookAuditRecord } from './audit';

export interface RunbookRunSummary {
  runs: number;
  /** Runs that acted (an action was sent). */
  live: number;
  recovered: number;
  escalated: number;
  dryRuns: number;
  /** Held back by a guardrail or waiting for approval. */
  heldBack: number;
  /** recovered / live; null without a live run. */
  successRate: number | null;
  /** Median time from impact start to recovery over recovered runs; null without one. */
  medianTtrSeconds: number | null;
  /** Median time from impact start to detection over runs with both; null without one. */
  medianTtdSeconds: number | null;
  /** Time of the latest run's start; null without runs. */
  lastRunAt: number | null;
}

/**
 * What the runbook runs of an entity (or a line of business) add up to; the one derivation the
 * backend's routes and any page use.
 */
export function summariseRunbookRuns(records: readonly RunbookAuditRecord[]): RunbookRunSummary {
  const live = records.filter(r => r.actions.some(a => a.startedAt !== null));
  const recovered = records.filter(r => r.result === 'recovered');
  return {
    runs: records.length,
    live: live.length,
    recovered: recovered.length,
    escalated: records.filter(r => r.result === 'escalated').length,
    dryRuns: records.filter(r => r.result === 'dry-run').length,
    heldBack: records.filter(r => r.result === 'refused' || r.result === 'awaiting-approval')
      .length,
    successRate: live.length === 0 ? null : recovered.length / live.length,
    medianTtrSeconds: median(recovered.map(r => r.times.ttrSeconds)),
    medianTtdSeconds: median(records.map(r => r.times.ttdSeconds)),
    lastRunAt: records.length === 0 ? null : Math.max(...records.map(r => r.startedAt)),
  };
}

function median(values: readonly (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}
