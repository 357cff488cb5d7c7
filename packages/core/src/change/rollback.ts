import type { CanaryClassification } from '../canary/types';

/**
 * Automatic rollback of a live change: within its watch window, a failed canary verdict or a
 * page burn on its entity rolls it back. Pure: the backend gathers the signals and acts.
 */

/** Where a change stands; only a live change can be rolled back automatically. */
export type ChangeState = 'live' | 'promoted' | 'rolled-back';

export interface WatchedChange {
  /** Unix seconds the change went live. */
  startedAt: number;
  /** How long after the start a signal still rolls it back, in seconds. */
  watchSeconds: number;
  state: ChangeState;
}

/** Something seen while the change was live. */
export type ChangeSignal =
  | {
      kind: 'canary';
      /** Unix seconds the verdict was given. */
      at: number;
      classification: CanaryClassification;
      score: number;
      reason?: string | null;
    }
  | {
      kind: 'page-burn';
      at: number;
      /** Why, in words (the SLOs whose page burn-rate alert fires). */
      reasons: readonly string[];
    };

export interface ChangeRollbackPolicy {
  /** Roll back on a Marginal verdict too (Kayenta's Marginal otherwise waits for a person). */
  rollbackOnMarginal: boolean;
}

export const DEFAULT_CHANGE_ROLLBACK_POLICY: Readonly<ChangeRollbackPolicy> = Object.freeze({
  rollbackOnMarginal: false,
});

export interface ChangeRollbackDecision {
  rollback: boolean;
  /** The earliest signal that calls for a rollback; null when none does. */
  trigger: ChangeSignal | null;
  reason: string;
  /** Unix seconds the watch window ends. */
  watchEndsAt: number;
}

function triggers(signal: ChangeSignal, policy: ChangeRollbackPolicy): boolean {
  if (signal.kind === 'page-burn') return true;
  return (
    signal.classification === 'Fail' ||
    (policy.rollbackOnMarginal && signal.classification === 'Marginal')
  );
}

function describe(signal: ChangeSignal): string {
  if (signal.kind === 'page-burn') return `a page burn on the entity: ${signal.reasons.join('; ')}`;
  const why = signal.reason ? ` (${signal.reason})` : '';
  return `the canary verdict is ${signal.classification} with score ${signal.score}${why}`;
}

/**
 * Whether a change is rolled back now: it must be live, `now` inside its watch window, and a
 * signal seen in the window ([startedAt, startedAt + watchSeconds)) must call for it. Signals
 * from before the change or after the window are not the change's doing.
 */
export function decideChangeRollback(
  change: WatchedChange,
  signals: readonly ChangeSignal[],
  now: number,
  policy: ChangeRollbackPolicy = DEFAULT_CHANGE_ROLLBACK_POLICY,
): ChangeRollbackDecision {
  if (!(change.watchSeconds > 0)) {
    throw new RangeError(`watchSeconds must be above 0, got ${change.watchSeconds}`);
  }
  const watchEndsAt = change.startedAt + change.watchSeconds;
  const none = (reason: string): ChangeRollbackDecision => ({
    rollback: false,
    trigger: null,
    reason,
    watchEndsAt,
  });
  if (change.state !== 'live') return none(`the change is ${change.state}, no longer live`);
  if (now >= watchEndsAt) return none('the watch window has ended');
  const inWindow = (s: ChangeSignal) => s.at >= change.startedAt && s.at < watchEndsAt;
  const trigger = signals
    .filter(s => inWindow(s) && s.at <= now && triggers(s, policy))
    .sort((a, b) => a.at - b.at)[0];
  if (!trigger) {
    const seen = signals.filter(s => inWindow(s) && s.at <= now).length;
    return none(
      seen === 0
        ? 'nothing seen in the watch window yet'
        : `${seen} signal(s) in the watch window, none calls for a rollback`,
    );
  }
  return { rollback: true, trigger, reason: `roll back: ${describe(trigger)}`, watchEndsAt };
}
