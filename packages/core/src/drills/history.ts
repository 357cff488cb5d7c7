import { parseRfc3339 } from '../incidents/rfc3339';
import type { DrillFault, DrillRunRecord } from './types';

/**
 * A dependant's SLO as seen while a drill's fault was in: whether it stayed within its steady
 * state. How it was measured (burn rate over the fault, by `dependantImpact`) is in `detail`.
 */
export interface DependantImpact {
  service: string;
  slo: string;
  steady: boolean;
  detail: string;
}

/**
 * A run as it is kept: the record `judgeDrill` made and what the record alone does not say — the
 * faults with their Litmus weights, the alert severity the drill expected, and the dependants'
 * SLOs observed during the fault.
 */
export interface DrillRunFacts {
  record: DrillRunRecord;
  faults: readonly Pick<DrillFault, 'type' | 'target' | 'weight'>[];
  alertSeverity?: 'page' | 'ticket';
  dependants?: readonly DependantImpact[];
}

/** The run's start in Unix seconds; records come from `judgeDrill`, so the time parses. */
export function runStart(run: DrillRunFacts): number {
  return parseRfc3339(run.record.startedAt) ?? Number.NaN;
}

/** Whether the fault was put in: a skipped run (steady state not held before) tells nothing. */
export function faultWasPut(run: DrillRunFacts): boolean {
  return run.record.faultStartedAt !== null;
}

/** Runs that started in [from, to) and put their fault in, oldest first. */
export function runsIn(runs: readonly DrillRunFacts[], from: number, to: number): DrillRunFacts[] {
  return runs
    .filter(r => faultWasPut(r))
    .map(r => ({ r, t: runStart(r) }))
    .filter(({ t }) => t >= from && t < to)
    .sort((a, b) => a.t - b.t)
    .map(({ r }) => r);
}
