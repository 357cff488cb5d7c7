import type { SavingVerification } from './verify';

/**
 * A recommendation's life: proposed → accepted or rejected (who, why) → applied (who, when) →
 * verified, or regressed (the SLO got worse after a scale-down) → rolled back. A pure state
 * machine: each step returns a new state and an invalid step throws, naming the state and the
 * steps it allows.
 */

export type RecommendationStatus =
  'proposed' | 'accepted' | 'rejected' | 'applied' | 'verified' | 'regressed' | 'rolled-back';

export type RecommendationAction =
  | { type: 'accept'; by: string; at: number; reason?: string }
  | { type: 'reject'; by: string; at: number; reason: string }
  | { type: 'apply'; by: string; at: number }
  | { type: 'verify'; at: number; verification: SavingVerification }
  | { type: 'rollback'; by: string; at: number; reason?: string };

export interface RecommendationEvent {
  status: RecommendationStatus;
  /** Unix seconds. */
  at: number;
  by?: string;
  reason?: string;
  verification?: SavingVerification;
}

export interface RecommendationState {
  id: string;
  status: RecommendationStatus;
  /** Oldest first; the last event is the current status. */
  history: readonly RecommendationEvent[];
}

export class RecommendationTransitionError extends Error {}

const ALLOWED: Record<RecommendationStatus, readonly RecommendationAction['type'][]> = {
  proposed: ['accept', 'reject'],
  accepted: ['apply', 'reject'],
  rejected: [],
  applied: ['verify', 'rollback'],
  verified: [],
  regressed: ['rollback'],
  'rolled-back': [],
};

const STATUS_AFTER: Record<
  Exclude<RecommendationAction['type'], 'verify'>,
  RecommendationStatus
> = {
  accept: 'accepted',
  reject: 'rejected',
  apply: 'applied',
  rollback: 'rolled-back',
};

/** A new recommendation, proposed at `at` (by Headroom unless `by` says who). */
export function proposeRecommendation(
  id: string,
  at: number,
  by = 'headroom',
): RecommendationState {
  if (!id.trim())
    throw new RecommendationTransitionError('proposeRecommendation: id must not be empty');
  if (!Number.isFinite(at))
    throw new RecommendationTransitionError(`proposeRecommendation: at must be a time, got ${at}`);
  return { id, status: 'proposed', history: [{ status: 'proposed', at, by }] };
}

/** The actions a state allows next; empty for a final state. */
export function allowedActions(
  state: RecommendationState,
): readonly RecommendationAction['type'][] {
  return ALLOWED[state.status];
}

export function transitionRecommendation(
  state: RecommendationState,
  action: RecommendationAction,
): RecommendationState {
  const fail = (msg: string): never => {
    throw new RecommendationTransitionError(`recommendation ${state.id}: ${msg}`);
  };
  const allowed = ALLOWED[state.status];
  if (!allowed.includes(action.type)) {
    fail(
      `cannot ${action.type} when ${state.status}` +
        (allowed.length ? ` (allowed: ${allowed.join(', ')})` : ` (${state.status} is final)`),
    );
  }
  const last = state.history[state.history.length - 1]!;
  if (!Number.isFinite(action.at) || action.at < last.at) {
    fail(`${action.type} at ${action.at} is before the last step (${last.status} at ${last.at})`);
  }
  if ('by' in action && !action.by.trim()) fail(`${action.type} needs who (by)`);
  if (action.type === 'reject' && !action.reason.trim()) fail('reject needs a reason');
  let event: RecommendationEvent;
  if (action.type === 'verify') {
    const v = action.verification;
    event = {
      status: v.suggestRollback ? 'regressed' : 'verified',
      at: action.at,
      reason: v.reasons.join('; '),
      verification: v,
    };
  } else {
    const reason = 'reason' in action ? action.reason?.trim() : undefined;
    event = {
      status: STATUS_AFTER[action.type],
      at: action.at,
      by: action.by,
      ...(reason ? { reason } : {}),
    };
  }
  return { id: state.id, status: event.status, history: [...state.history, event] };
}
