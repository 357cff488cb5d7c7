import type { RiskFactorName, RiskPolicy } from './types';

/**
 * Default weights, to be calibrated on a team's own change history: the error budget first (the
 * SRE policy's anchor), then the blast radius, then timing, history and incidents, then size.
 */
export const DEFAULT_RISK_POLICY: Readonly<RiskPolicy> = Object.freeze({
  weights: Object.freeze({
    budget: 25,
    blastRadius: 20,
    timing: 15,
    history: 15,
    incidents: 15,
    size: 10,
  }),
  levels: Object.freeze({ medium: 30, high: 55, critical: 75 }),
  largeChangeLines: 1000,
  fullBurnRate: 14.4,
  fullFailureRate: 0.5,
  historyDays: 30,
  historyChanges: 20,
}) as Readonly<RiskPolicy>;

export const RISK_FACTORS: readonly RiskFactorName[] = [
  'budget',
  'blastRadius',
  'timing',
  'history',
  'incidents',
  'size',
];

/** A policy problem, with the path of the field at fault. */
export class RiskPolicyError extends Error {
  override readonly name = 'RiskPolicyError';
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

/** Policies as configured: a default for everyone and overrides per line of business. */
export interface RiskPolicies {
  default?: PartialRiskPolicy;
  linesOfBusiness?: Record<string, PartialRiskPolicy>;
}

export interface PartialRiskPolicy {
  weights?: Partial<Record<RiskFactorName, number>>;
  levels?: Partial<RiskPolicy['levels']>;
  largeChangeLines?: number;
  fullBurnRate?: number;
  fullFailureRate?: number;
  historyDays?: number;
  historyChanges?: number;
}

function merge(base: RiskPolicy, over: PartialRiskPolicy | undefined): RiskPolicy {
  if (!over) return base;
  return {
    ...base,
    ...Object.fromEntries(
      Object.entries(over).filter(([k, v]) => v !== undefined && k !== 'weights' && k !== 'levels'),
    ),
    weights: { ...base.weights, ...over.weights },
    levels: { ...base.levels, ...over.levels },
  };
}

export function validateRiskPolicy(p: RiskPolicy, path: string): void {
  const num = (v: unknown, at: string, ok: (n: number) => boolean, want: string) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) {
      throw new RiskPolicyError(at, `must be ${want}, got ${JSON.stringify(v)}`);
    }
  };
  for (const key of Object.keys(p.weights)) {
    if (!RISK_FACTORS.includes(key as RiskFactorName)) {
      throw new RiskPolicyError(
        `${path}.weights.${key}`,
        `is not a factor (${RISK_FACTORS.join(', ')})`,
      );
    }
  }
  for (const f of RISK_FACTORS)
    num(p.weights[f], `${path}.weights.${f}`, n => n >= 0, 'a number >= 0');
  const total = RISK_FACTORS.reduce((a, f) => a + p.weights[f], 0);
  if (Math.abs(total - 100) > 1e-9) {
    throw new RiskPolicyError(`${path}.weights`, `must add up to 100, they add up to ${total}`);
  }
  const { medium, high, critical } = p.levels;
  for (const [k, v] of Object.entries(p.levels)) {
    num(v, `${path}.levels.${k}`, n => n >= 0 && n <= 100, 'a score within 0..100');
  }
  if (!(medium <= high && high <= critical)) {
    throw new RiskPolicyError(
      `${path}.levels`,
      `must rise: medium ${medium} <= high ${high} <= critical ${critical}`,
    );
  }
  num(p.largeChangeLines, `${path}.largeChangeLines`, n => n >= 1, 'a number >= 1');
  num(p.fullBurnRate, `${path}.fullBurnRate`, n => n > 1, 'a number > 1');
  num(p.fullFailureRate, `${path}.fullFailureRate`, n => n > 0 && n <= 1, 'a fraction in (0, 1]');
  num(p.historyDays, `${path}.historyDays`, n => n > 0, 'a number > 0');
  num(
    p.historyChanges,
    `${path}.historyChanges`,
    n => Number.isInteger(n) && n >= 1,
    'an integer >= 1',
  );
}

/**
 * The policy of a line of business: the default, the configured default over it, then the
 * line of business's own values. Every policy configured is checked, so a bad one is found
 * before it is needed.
 */
export function riskPolicyFor(
  lineOfBusiness: string | null,
  policies: RiskPolicies = {},
): RiskPolicy {
  const base = merge({ ...DEFAULT_RISK_POLICY }, policies.default);
  validateRiskPolicy(base, 'default');
  let chosen = base;
  for (const [lob, over] of Object.entries(policies.linesOfBusiness ?? {})) {
    const p = merge(base, over);
    validateRiskPolicy(p, `linesOfBusiness.${lob}`);
    if (lob === lineOfBusiness) chosen = p;
  }
  return chosen;
}
