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

/** A measured period: what `verifySaving` takes, and its bounds. */
export interface MeasuredPeriod {
  from: Date;
  to: Date;
  observation: PeriodObservation;
}

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

/**
 * One lifecycle step through core's state machine. A step the status does not allow is a 409;
 * anything else core refuses (a time before the last step, a rejection without a reason) is a
 * 400 with core's message.
 */
export function step(rec: StoredRecommendation, request: StepRequest): TransitionResult {
  assertAllowed(rec, request.type);
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
