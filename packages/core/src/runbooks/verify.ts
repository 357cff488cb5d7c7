import type { PreparedSeries } from '../engine/types';
import { mitigationTime } from '../incidents/impact';
import type { RunbookVerification } from './types';

export interface VerificationState {
  /** recovered: the SLI is back; pending: not yet, time remains; timed-out: the deadline passed. */
  verdict: 'recovered' | 'pending' | 'timed-out';
  /** Start of the clean run (the mitigation time), when recovered. */
  recoveredAt: number | null;
  deadline: number;
}

/**
 * Whether an action worked: the incidents' mitigation rule (every 1-minute error ratio within
 * 1 − objective for `stableSeconds`) read from the counters after the action, begun within
 * `withinSeconds` of it. `at` is the time of the last sample read.
 */
export function verifyRecovery(
  series: PreparedSeries,
  objective: number,
  actionAt: number,
  verify: RunbookVerification,
  at: number,
): VerificationState {
  const deadline = actionAt + verify.withinSeconds;
  const t = mitigationTime(series, objective, actionAt, verify.stableSeconds);
  if (t !== undefined && t <= deadline) return { verdict: 'recovered', recoveredAt: t, deadline };
  // The first clean run began after the deadline, or none began by it: a run begun by the
  // deadline needs stableSeconds more of counters to be seen.
  return {
    verdict: t !== undefined || at >= deadline + verify.stableSeconds ? 'timed-out' : 'pending',
    recoveredAt: null,
    deadline,
  };
}
