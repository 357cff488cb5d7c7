/**
 * The error-budget policy: whether a release may go out, and at what rhythm, given the current
 * status of the SLOs it could hurt. One function, used by the backend's gate endpoint, the
 * `headroom gate` command and anything else that must answer the same question the same way.
 */

export interface ReleaseGatePolicy {
  /** Deny when an SLO's remaining budget fraction is at or below this (default 0.1 = 10 %). */
  minBudgetRemaining: number;
  /** Below this, releases are allowed but the rhythm slows down (default 0.25). */
  cautionBudgetRemaining: number;
  /**
   * Deny when a stored status is older than this many seconds (default 900: fifteen minutes,
   * a few missed evaluations). Undefined: no limit.
   */
  maxStatusAgeSeconds?: number;
  /**
   * A release of something without SLOs: `deny` (default) — no budget can vouch for it, and the
   * gate does not allow what it cannot judge; `allow` — nothing to protect.
   */
  withoutSlos: 'allow' | 'deny';
  /** Deny while a page burn-rate alert fires (default true). */
  denyOnPage: boolean;
  /** Deny while a ticket burn-rate alert fires (default false: a slow burn slows, it does not stop). */
  denyOnTicket: boolean;
}

/** The one default policy: the backend's gate and `headroom gate` both start from it. */
export const DEFAULT_RELEASE_GATE_POLICY: Readonly<ReleaseGatePolicy> = Object.freeze({
  minBudgetRemaining: 0.1,
  cautionBudgetRemaining: 0.25,
  maxStatusAgeSeconds: 900,
  withoutSlos: 'deny',
  denyOnPage: true,
  denyOnTicket: false,
});

/**
 * Why a release is held back or slowed, as a machine reads it: `budget` (at or below the
 * minimum), `page` / `ticket` (burn-rate alerts), or what the gate cannot know: `not-evaluated`,
 * `stale`, `no-traffic`, `no-slos`.
 */
export type GateBlocker =
  'budget' | 'page' | 'ticket' | 'not-evaluated' | 'stale' | 'no-traffic' | 'no-slos';

/** What the gate needs to know of one SLO. */
export interface GateSloStatus {
  /** How the SLO is named in reasons, e.g. `SLO 'availability'`. */
  name: string;
  /** Seconds since the status was computed; null when the SLO was never evaluated. */
  ageSeconds: number | null;
  /** Remaining budget fraction; null when the window had no traffic. */
  budgetRemaining: number | null;
  /** Severities of the burn-rate alerts firing now. */
  firing: ReadonlyArray<'page' | 'ticket'>;
  /** The last evaluation error, when the status is stale because of it. */
  error?: string;
}

/**
 * `normal`: release as usual. `cautious`: budget is getting low — release only low-risk changes,
 * one at a time, with canaries. `freeze`: only fixes that restore reliability.
 */
export type ReleaseRhythm = 'normal' | 'cautious' | 'freeze';

export interface GateSloVerdict {
  name: string;
  allow: boolean;
  rhythm: ReleaseRhythm;
  reasons: string[];
  /** What froze or slowed this SLO's releases; empty when nothing did. */
  blockers: GateBlocker[];
}

export interface GateDecision {
  decision: 'allow' | 'deny';
  rhythm: ReleaseRhythm;
  reasons: string[];
  slos: GateSloVerdict[];
  /** What froze or slowed the release, over every SLO, without repeats. */
  blockers: GateBlocker[];
  /** The policy the decision was taken under. */
  policy: ReleaseGatePolicy;
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`;
}

export function validateGatePolicy(policy: ReleaseGatePolicy): void {
  if (!(policy.minBudgetRemaining <= 1)) {
    throw new RangeError(`minBudgetRemaining must be <= 1, got ${policy.minBudgetRemaining}`);
  }
  if (!(policy.cautionBudgetRemaining >= policy.minBudgetRemaining)) {
    throw new RangeError(
      `cautionBudgetRemaining (${policy.cautionBudgetRemaining}) must be >= minBudgetRemaining (${policy.minBudgetRemaining})`,
    );
  }
  if (policy.maxStatusAgeSeconds !== undefined && !(policy.maxStatusAgeSeconds > 0)) {
    throw new RangeError(`maxStatusAgeSeconds must be > 0, got ${policy.maxStatusAgeSeconds}`);
  }
  if (policy.withoutSlos !== 'allow' && policy.withoutSlos !== 'deny') {
    throw new RangeError(
      `withoutSlos must be 'allow' or 'deny', got ${String(policy.withoutSlos)}`,
    );
  }
}

function judge(s: GateSloStatus, policy: ReleaseGatePolicy): GateSloVerdict {
  const reasons: string[] = [];
  const blockers: GateBlocker[] = [];
  // An object rather than a local: TypeScript would otherwise narrow the rhythm across the closure.
  const state: { rhythm: ReleaseRhythm } = { rhythm: 'normal' };
  const freeze = (blocker: GateBlocker, why: string) => {
    state.rhythm = 'freeze';
    blockers.push(blocker);
    reasons.push(why);
  };
  const slowDown = (blocker: GateBlocker, why: string) => {
    if (state.rhythm === 'normal') state.rhythm = 'cautious';
    blockers.push(blocker);
    reasons.push(why);
  };
  if (s.ageSeconds === null) {
    freeze('not-evaluated', `${s.name} has not been evaluated yet${s.error ? `: ${s.error}` : ''}`);
    return { name: s.name, allow: false, rhythm: state.rhythm, reasons, blockers };
  }
  const age = s.ageSeconds;
  if (policy.maxStatusAgeSeconds !== undefined && age > policy.maxStatusAgeSeconds) {
    freeze(
      'stale',
      `${s.name}: status is ${Math.round(age)} s old (limit ${policy.maxStatusAgeSeconds} s)${s.error ? `; last error: ${s.error}` : ''}`,
    );
  }
  if (s.budgetRemaining === null) {
    freeze('no-traffic', `${s.name}: no traffic in the window, budget unknown`);
  } else if (s.budgetRemaining <= policy.minBudgetRemaining) {
    freeze(
      'budget',
      `${s.name}: error budget remaining ${percent(s.budgetRemaining)} is at or below the minimum ${percent(policy.minBudgetRemaining)}`,
    );
  } else if (s.budgetRemaining <= policy.cautionBudgetRemaining) {
    slowDown(
      'budget',
      `${s.name}: error budget remaining ${percent(s.budgetRemaining)} is below ${percent(policy.cautionBudgetRemaining)}: release with caution`,
    );
  } else {
    reasons.push(`${s.name}: error budget remaining ${percent(s.budgetRemaining)}`);
  }
  if (s.firing.includes('page') && policy.denyOnPage)
    freeze('page', `${s.name}: a page burn-rate alert is firing`);
  if (s.firing.includes('ticket')) {
    if (policy.denyOnTicket) freeze('ticket', `${s.name}: a ticket burn-rate alert is firing`);
    else slowDown('ticket', `${s.name}: a ticket burn-rate alert is firing (slow burn)`);
  }
  return {
    name: s.name,
    allow: state.rhythm !== 'freeze',
    rhythm: state.rhythm,
    reasons,
    blockers,
  };
}

const RANK: Record<ReleaseRhythm, number> = { normal: 0, cautious: 1, freeze: 2 };

/**
 * Denies when any SLO's verdict is a freeze: not evaluated, stale beyond the policy, no traffic,
 * budget at or below the minimum, or a page alert firing. Without SLOs the policy's
 * `withoutSlos` decides, and the reason says which, naming `subject` (what is being released).
 */
export function decideRelease(
  statuses: readonly GateSloStatus[],
  policy: ReleaseGatePolicy = DEFAULT_RELEASE_GATE_POLICY,
  subject?: string,
): GateDecision {
  validateGatePolicy(policy);
  const used = { ...policy };
  const what = subject ?? 'this release';
  if (statuses.length === 0) {
    return policy.withoutSlos === 'allow'
      ? {
          decision: 'allow',
          rhythm: 'normal',
          reasons: [`${what} has no SLOs; nothing to protect`],
          slos: [],
          blockers: [],
          policy: used,
        }
      : {
          decision: 'deny',
          rhythm: 'freeze',
          reasons: [
            `${what} has no SLOs: no error budget can vouch for this release (policy withoutSlos: deny)`,
          ],
          slos: [],
          blockers: ['no-slos'],
          policy: used,
        };
  }
  const slos = statuses.map(s => judge(s, policy));
  const rhythm = slos.reduce<ReleaseRhythm>(
    (worst, v) => (RANK[v.rhythm] > RANK[worst] ? v.rhythm : worst),
    'normal',
  );
  return {
    decision: rhythm === 'freeze' ? 'deny' : 'allow',
    rhythm,
    reasons: slos.flatMap(v => v.reasons),
    slos,
    blockers: [...new Set(slos.flatMap(v => v.blockers))],
    policy: used,
  };
}
