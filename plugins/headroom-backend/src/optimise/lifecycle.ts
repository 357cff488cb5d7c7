import { ConflictError, InputError } from '@backstage/errors';
import {
  formatMoney,
  RecommendationTransitionError,
  transitionRecommendation,
  type PeriodObservation,
  type RecommendationAction,
  type RecommendationState,
  type SavingVerification,
} from '@headroom/core';
import type {
  OptimisationAction,
  OptimisationPeriod,
  OptimisationVerification,
} from '@headroom/plugin-headroom-common';
import { allowedActionsOf } from './json';
import type { TransitionResult } from './OptimisationStore';
import type { StoredRecommendation } from './types';

/** A period around a change: what `verifySaving` takes, and its bounds. */
export interface MeasuredPeriod {
  from: Date;
  to: Date;
  observation: PeriodObservation;
  /**
   * `measured`: read by the backend from the cost data and Prometheus. Anything else (figures a
   * caller typed into a request) is `supplied`: kept and shown, never counted as verified.
   */
  source?: 'measured' | 'supplied';
}

/**
 * An apply dated further back than this is refused: verification measures the change from the
 * applied time, so a back-dated one would count days before the rollout as "after" (and skip
 * the wait for traffic). Five minutes allow for clocks and a pipeline's own delay.
 */
export const APPLY_BACKDATE_TOLERANCE_SECONDS = 300;

export type StepRequest =
  | { type: 'accept' | 'apply' | 'rollback'; by: string; at: Date; reason?: string }
  | { type: 'reject'; by: string; at: Date; reason: string }
  | {
      type: 'verify';
      by: string;
      at: Date;
      verification: SavingVerification;
      before: MeasuredPeriod;
      after: MeasuredPeriod;
    };

function periodJson(p: MeasuredPeriod): OptimisationPeriod {
  const o = p.observation;
  return {
    from: p.from.toISOString(),
    to: p.to.toISOString(),
    cost: formatMoney(o.cost),
    driver: o.driver,
    sli: o.slo && o.slo.total > 0 ? o.slo.good / o.slo.total : null,
    burnRate: o.burnRate ?? null,
  };
}

export function verificationJson(
  v: SavingVerification,
  before: MeasuredPeriod,
  after: MeasuredPeriod,
): OptimisationVerification {
  return {
    source: isMeasured(before) && isMeasured(after) ? 'measured' : 'supplied',
    before: periodJson(before),
    after: periodJson(after),
    unitCost: v.unitCost,
    realisedMonthlySaving: formatMoney(v.realisedMonthlySaving),
    rawMonthlySaving: formatMoney(v.rawMonthlySaving),
    promisedMonthlySaving: formatMoney(v.promisedMonthlySaving),
    ratio: v.ratio,
    outcome: v.outcome,
    slo: v.slo,
    suggestRollback: v.suggestRollback,
    reasons: v.reasons,
  };
}

/** Refuses a step the status does not allow: 409, naming the steps it allows. */
export function assertAllowed(rec: StoredRecommendation, action: OptimisationAction): void {
  const allowed = allowedActionsOf(rec.status);
  if (!allowed.includes(action)) {
    throw new ConflictError(
      `Recommendation ${rec.id} is ${rec.status}: cannot ${action}; ` +
        (allowed.length ? `allowed: ${allowed.join(', ')}` : `${rec.status} is final`),
    );
  }
}

function isMeasured(p: MeasuredPeriod): boolean {
  return p.source === 'measured';
}

/**
 * One lifecycle step through core's state machine. A step the status does not allow is a 409;
 * anything else core refuses (a time before the last step, a rejection without a reason) is a
 * 400 with core's message. An apply dated more than five minutes before `now` is a 400. A
 * verification on supplied figures is recorded (marked `supplied`) but moves nothing: the
 * status stays applied and the realised saving stays as it was.
 */
export function step(
  rec: StoredRecommendation,
  request: StepRequest,
  now: Date = new Date(),
): TransitionResult {
  assertAllowed(rec, request.type);
  if (request.type === 'apply') {
    const early = (now.getTime() - request.at.getTime()) / 1000;
    if (early > APPLY_BACKDATE_TOLERANCE_SECONDS) {
      throw new InputError(
        `Body field at of the apply step (${request.at.toISOString()}) is ${formatAge(early)} before now: ` +
          `a back-dated apply is refused, because the saving is measured from the applied time; ` +
          `record the apply when the change rolls out`,
      );
    }
  }
  if (request.type === 'verify' && !(isMeasured(request.before) && isMeasured(request.after))) {
    return suppliedVerification(rec, request);
  }
  const state: RecommendationState = {
    id: rec.id,
    status: rec.status,
    history: rec.history.map(e => ({
      status: e.status,
      at: Date.parse(e.at) / 1000,
      ...(e.by !== null ? { by: e.by } : {}),
      ...(e.reason !== null ? { reason: e.reason } : {}),
    })),
  };
  const at = request.at.getTime() / 1000;
  const action: RecommendationAction =
    request.type === 'verify'
      ? { type: 'verify', at, verification: request.verification }
      : request.type === 'reject'
        ? { type: 'reject', by: request.by, at, reason: request.reason }
        : {
            type: request.type,
            by: request.by,
            at,
            ...(request.reason !== undefined ? { reason: request.reason } : {}),
          };
  let next: RecommendationState;
  try {
    next = transitionRecommendation(state, action);
  } catch (e) {
    if (e instanceof RecommendationTransitionError) throw new InputError(e.message);
    throw e;
  }
  const event = next.history[next.history.length - 1]!;
  if (request.type === 'verify') {
    return {
      status: next.status,
      event: {
        status: event.status,
        at: request.at.toISOString(),
        by: request.by,
        reason: event.reason ?? null,
        verification: verificationJson(request.verification, request.before, request.after),
      },
      realisedMonthlySaving: formatMoney(request.verification.realisedMonthlySaving),
    };
  }
  return {
    status: next.status,
    event: {
      status: event.status,
      at: request.at.toISOString(),
      by: event.by ?? null,
      reason: event.reason ?? null,
      verification: null,
    },
  };
}

/** A verification on figures the caller supplied: kept in the history, counted nowhere. */
function suppliedVerification(
  rec: StoredRecommendation,
  request: Extract<StepRequest, { type: 'verify' }>,
): TransitionResult {
  const v = request.verification;
  return {
    status: rec.status,
    event: {
      status: rec.status,
      at: request.at.toISOString(),
      by: request.by,
      reason:
        `figures supplied by the caller, not measured: ${formatMoney(v.realisedMonthlySaving)} a month ` +
        `is kept apart and not counted as realised` +
        (v.suggestRollback
          ? '; they show an SLO regression: check it and roll back if confirmed'
          : ''),
      verification: verificationJson(v, request.before, request.after),
    },
  };
}

function formatAge(seconds: number): string {
  return seconds >= 7200
    ? `${Math.floor(seconds / 3600)} h`
    : `${Math.max(1, Math.floor(seconds / 60))} min`;
}
