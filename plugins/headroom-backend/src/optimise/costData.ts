import { HOURS_PER_MONTH, parseMoney, type Money } from '@headroom/core';

/** One period of an entity's cost: a day, or an hour when the cost data has hours. */
export interface CostPoint {
  /** Start of the period, unix seconds. */
  start: number;
  stepSeconds: number;
  /** Exact decimal. */
  cost: string;
  currency: string;
}

/**
 * What optimisation needs of the cost data: an entity's cost per period. The cost store
 * implements it; without cost data the backend prices capacity from `headroom.optimise.prices`.
 */
export interface EntityCostReader {
  /** The entity's cost per period in [from, to), oldest first; empty when none is recorded. */
  costSeries(entityRef: string, from: Date, to: Date): Promise<CostPoint[]>;
  /** Entities with cost recorded in [from, to). */
  entities(from: Date, to: Date): Promise<string[]>;
}

/** Sum of the points, when they are all in one currency. */
export function totalCost(points: CostPoint[]): { cost: Money; currency: string } | undefined {
  const currency = points[0]?.currency;
  if (currency === undefined || points.some(p => p.currency !== currency)) return undefined;
  let cost = 0n;
  for (const p of points) {
    const v = parseMoney(p.cost);
    if (v === undefined) {
      throw new Error(`cost data: "${p.cost}" is not a decimal amount (period ${p.start})`);
    }
    cost += v;
  }
  return { cost, currency };
}

/**
 * The entity's cost per month from the cost data over [from, to): the total scaled by 730 h over
 * the hours covered by points. Undefined when there is no cost or more than one currency.
 */
export function monthlyCostOf(points: CostPoint[]): { cost: Money; currency: string } | undefined {
  const total = totalCost(points);
  if (!total) return undefined;
  const seconds = points.reduce((s, p) => s + p.stepSeconds, 0);
  if (!(seconds > 0)) return undefined;
  // Exact: cost × 730 × 3600 / seconds, rounded to the money scale by bigint division.
  const cost = (total.cost * BigInt(HOURS_PER_MONTH * 3600)) / BigInt(seconds);
  return { cost, currency: total.currency };
}

/**
 * Cost of reserved capacity from unit prices: Σ (cores × price per core-hour + GiB × price per
 * GiB-hour) × step hours, over the samples of the requested totals. NaN samples cost nothing
 * (nothing was known to be reserved).
 */
export function reservedCost(
  cpuRequested: Float64Array,
  memoryRequestedBytes: Float64Array,
  stepSeconds: number,
  prices: { cpuCoreHour: number; memoryGiBHour: number },
): number {
  let sum = 0;
  const hours = stepSeconds / 3600;
  for (let i = 0; i < cpuRequested.length; i++) {
    const c = cpuRequested[i]!;
    const m = memoryRequestedBytes[i]!;
    if (Number.isFinite(c)) sum += c * prices.cpuCoreHour * hours;
    if (Number.isFinite(m)) sum += (m / 2 ** 30) * prices.memoryGiBHour * hours;
  }
  return sum;
}

/** A float amount as exact money through 6 decimals. */
export function moneyOf(value: number): Money {
  return parseMoney(value.toFixed(6)) ?? 0n;
}
