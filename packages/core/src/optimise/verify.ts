import { HOURS_PER_MONTH } from '../capacity/recommend';
import { formatMoney, moneyToNumber, parseMoney, type Money } from '../cost/decimal';
import { fmt, pct } from './format';

/** One period (before or after the change): what it cost, how much work it did, how the SLO fared. */
export interface PeriodObservation {
  /** Cost of the entity over the period, from the cost data. */
  cost: Money;
  /** Driver volume over the period (requests, orders, users…), the unit cost's denominator. */
  driver: number;
  /** Length of the period, seconds. */
  seconds: number;
  /** SLO events over the period, when known: the SLI is good / total. */
  slo?: { good: number; total: number };
  /** Burn rate over the period (error ratio / (1 - objective)), when known. */
  burnRate?: number;
}

export interface VerifyInput {
  before: PeriodObservation;
  after: PeriodObservation;
  /** What the recommendation promised, per month. */
  promisedMonthlySaving: Money;
  /** A worse SLI counts as a regression beyond this many standard errors. Default 3. */
  zThreshold?: number;
  /** Realised at or above this share of the promise counts as realised. Default 0.8. */
  realisedShare?: number;
}

export interface SavingVerification {
  unitCost: { before: number; after: number; change: number };
  /** Per month at the after period's volume: (unit cost before − after) × driver after, scaled to 730 h. */
  realisedMonthlySaving: Money;
  /** Per month from the cost alone, ignoring the driver: (cost rate before − after) × 730 h. */
  rawMonthlySaving: Money;
  promisedMonthlySaving: Money;
  /** realised / promised; null when nothing was promised. */
  ratio: number | null;
  outcome: 'realised' | 'partial' | 'not-realised';
  slo: {
    before: number | null;
    after: number | null;
    /** Standard errors by which the error ratio rose (two-proportion z); null without counts. */
    z: number | null;
    regression: boolean;
  };
  suggestRollback: boolean;
  reasons: string[];
}

function money(v: number): Money {
  return parseMoney(v.toFixed(6)) ?? 0n;
}

function checkPeriod(p: PeriodObservation, name: string): void {
  if (!(p.seconds > 0))
    throw new RangeError(`verifySaving: ${name}.seconds must be positive, got ${p.seconds}`);
  if (!(p.driver > 0)) {
    throw new RangeError(
      `verifySaving: ${name}.driver must be positive (no volume, no unit cost), got ${p.driver}`,
    );
  }
  if (p.slo) {
    const { good, total } = p.slo;
    if (!(total >= 0 && good >= 0 && good <= total)) {
      throw new RangeError(
        `verifySaving: ${name}.slo must have 0 ≤ good ≤ total, got ${good} / ${total}`,
      );
    }
  }
}

/**
 * Compares cost and unit cost before and after a change. The realised saving holds the driver
 * fixed: the after period's volume priced at the old unit cost, minus what it did cost, so a
 * traffic rise does not hide a saving and a traffic fall does not fake one. An SLO regression —
 * the error ratio up by more than `zThreshold` standard errors (two-proportion z-test), or a burn
 * rate above 1 after a period at or below 1 — after a scale-down suggests rolling it back.
 */
export function verifySaving(input: VerifyInput): SavingVerification {
  const { before, after } = input;
  checkPeriod(before, 'before');
  checkPeriod(after, 'after');
  const zThreshold = input.zThreshold ?? 3;
  const realisedShare = input.realisedShare ?? 0.8;
  const reasons: string[] = [];

  const c0 = moneyToNumber(before.cost);
  const c1 = moneyToNumber(after.cost);
  const u0 = c0 / before.driver;
  const u1 = c1 / after.driver;
  const perMonth = (HOURS_PER_MONTH * 3600) / after.seconds;
  const realised = (u0 - u1) * after.driver * perMonth;
  const raw = (c0 / before.seconds - c1 / after.seconds) * HOURS_PER_MONTH * 3600;
  const promised = moneyToNumber(input.promisedMonthlySaving);
  const ratio = promised !== 0 ? realised / promised : null;
  const outcome: SavingVerification['outcome'] =
    realised <= 0
      ? 'not-realised'
      : ratio === null || ratio >= realisedShare
        ? 'realised'
        : 'partial';
  reasons.push(
    `unit cost ${fmt(u0, 4)} → ${fmt(u1, 4)} per unit of driver (${pct(u0 > 0 ? u1 / u0 - 1 : 0)}); at the after ` +
      `period's volume that is ${formatMoney(money(realised))} a month against ${formatMoney(input.promisedMonthlySaving)} ` +
      `promised (${ratio === null ? 'nothing promised' : pct(ratio)}): ${outcome}` +
      ` (cost alone: ${formatMoney(money(raw))} a month)`,
  );

  const sli = (p: PeriodObservation) =>
    p.slo && p.slo.total > 0 ? p.slo.good / p.slo.total : null;
  const s0 = sli(before);
  const s1 = sli(after);
  let z: number | null = null;
  let regression = false;
  if (before.slo && after.slo && before.slo.total > 0 && after.slo.total > 0) {
    const n0 = before.slo.total;
    const n1 = after.slo.total;
    const e0 = 1 - s0!;
    const e1 = 1 - s1!;
    const pooled = (n0 * e0 + n1 * e1) / (n0 + n1);
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / n0 + 1 / n1));
    z = se > 0 ? (e1 - e0) / se : e1 > e0 ? Infinity : 0;
    if (z > zThreshold) {
      regression = true;
      reasons.push(
        `SLI ${fmt(100 * s0!, 6)} % → ${fmt(100 * s1!, 6)} %: the error ratio rose by ${fmt(z)} standard errors ` +
          `(> ${zThreshold}), beyond noise`,
      );
    } else {
      reasons.push(
        `SLI ${fmt(100 * s0!, 6)} % → ${fmt(100 * s1!, 6)} % (z ${fmt(z)}, within noise)`,
      );
    }
  }
  if (
    after.burnRate !== undefined &&
    after.burnRate > 1 &&
    (before.burnRate === undefined || before.burnRate <= 1)
  ) {
    regression = true;
    reasons.push(
      `burn rate ${before.burnRate === undefined ? '' : `${fmt(before.burnRate)} → `}${fmt(after.burnRate)}: the error budget ` +
        `now runs out before the window ends`,
    );
  }
  const scaleDown = promised > 0;
  const suggestRollback = regression && scaleDown;
  if (suggestRollback) reasons.push('the SLO regressed after a scale-down: roll the change back');
  else if (regression)
    reasons.push('the SLO regressed, but the change added capacity: look elsewhere');
  return {
    unitCost: { before: u0, after: u1, change: u0 > 0 ? u1 / u0 - 1 : 0 },
    realisedMonthlySaving: money(realised),
    rawMonthlySaving: money(raw),
    promisedMonthlySaving: input.promisedMonthlySaving,
    ratio,
    outcome,
    slo: { before: s0, after: s1, z, regression },
    suggestRollback,
    reasons,
  };
}
