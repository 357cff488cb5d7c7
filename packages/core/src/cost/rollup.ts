import type { CostAggregates, CostCell } from './aggregate';
import type { Money } from './decimal';
import { dayStart, DAY_SECONDS, monthStart, previousMonthStart } from './time';
import type { CostEntity } from './types';

/** The rollup key of cost no rule placed. It is a row like any other, never filtered out. */
export const UNALLOCATED = '(unallocated)';
/** The key of an entity's cost when the entity has no owner or no line of business. */
export const UNASSIGNED = '(unassigned)';

export type RollupDimension = 'entity' | 'owner' | 'lineOfBusiness';
export type RollupGrain = 'day' | 'month';
/** `billed`: BilledCost, the invoice. `effective`: EffectiveCost, amortised commitments included. */
export type CostView = 'billed' | 'effective';
/**
 * Which month a cost belongs to. `billing`: its BillingPeriodStart, the invoice's own grouping
 * (a charge of 30 September billed in October's invoice is October's). `charge`: the month of
 * its ChargePeriodStart. Days are always charge days: a bill has no days.
 */
export type CostPeriodBasis = 'billing' | 'charge';

export interface RollupOptions {
  by: RollupDimension;
  grain: RollupGrain;
  view: CostView;
  /** Default `charge`, the grouping of every caller written before the option existed. */
  period?: CostPeriodBasis;
}

export interface RollupRow {
  key: string;
  /** Unix seconds of the day or month start (UTC). */
  period: number;
  currency: string;
  cost: Money;
  /** Same key, previous period; 0 when the key had no cost then; null before the data starts. */
  previous: Money | null;
  change: Money | null;
  /** change / |previous|; null when previous is null or 0. */
  changeRatio: number | null;
  /**
   * Set when the data ends inside this month (month to date): it covers the first `days` of
   * the month's `of`, and `previous` is the same first `days` of the month before (null when
   * the data starts after that month's first day), so the change compares like with like
   * instead of a week against a whole month.
   */
  partial?: { days: number; of: number };
}

function keyOf(
  cell: CostCell,
  by: RollupDimension,
  entities: ReadonlyMap<string, CostEntity>,
): string {
  if (cell.entityRef === null) return UNALLOCATED;
  if (by === 'entity') return cell.entityRef;
  const e = entities.get(cell.entityRef);
  const v = by === 'owner' ? e?.owner : e?.lineOfBusiness;
  return v ? v : UNASSIGNED;
}

/**
 * Sums cells by entity, owner group or line of business per day or month, in one currency
 * each (currencies never mix), with the change from the previous period.
 */
export function rollupCosts(
  aggregates: Pick<CostAggregates, 'cells'>,
  entities: ReadonlyMap<string, CostEntity> | readonly CostEntity[],
  options: RollupOptions,
): RollupRow[] {
  const byRef =
    entities instanceof Map
      ? entities
      : new Map((entities as readonly CostEntity[]).map(e => [e.ref, e]));
  const sums = new Map<string, { key: string; period: number; currency: string; cost: Money }>();
  const periods = new Map<string, Set<number>>();
  for (const c of aggregates.cells) {
    const key = keyOf(c, options.by, byRef);
    const period = periodOf(c, options);
    const k = `${key}\t${c.currency}\t${period}`;
    const v = options.view === 'billed' ? c.billed : c.effective;
    const s = sums.get(k);
    if (s) s.cost += v;
    else sums.set(k, { key, period, currency: c.currency, cost: v });
    let ps = periods.get(c.currency);
    if (!ps) periods.set(c.currency, (ps = new Set()));
    ps.add(period);
  }
  const partial = options.grain === 'month' ? monthToDate(aggregates.cells, options) : new Map();
  const sameDays = sameDaysBefore(aggregates.cells, partial, byRef, options);
  const previousOf = (key: string, currency: string, period: number): Money | null => {
    const prevPeriod = options.grain === 'day' ? period - DAY_SECONDS : previousMonthStart(period);
    if (!periods.get(currency)?.has(prevPeriod)) return null;
    const p = partial.get(currency);
    if (p?.period === period) {
      // Days before the data starts are unknown, not free: no like-for-like comparison then.
      return p.comparable ? (sameDays.get(`${key}\t${currency}`) ?? 0n) : null;
    }
    return sums.get(`${key}\t${currency}\t${prevPeriod}`)?.cost ?? 0n;
  };
  const rows: RollupRow[] = [];
  const push = (s: { key: string; period: number; currency: string; cost: Money }) => {
    const row = withChange(s, previousOf(s.key, s.currency, s.period));
    const p = partial.get(s.currency);
    if (p?.period === s.period) row.partial = { days: p.days, of: p.of };
    rows.push(row);
  };
  for (const s of sums.values()) push(s);
  // A key present last period and absent now fell to zero: that is a change worth a row.
  for (const s of sums.values()) {
    const next =
      options.grain === 'day' ? s.period + DAY_SECONDS : monthStart(s.period + 32 * DAY_SECONDS);
    if (periods.get(s.currency)?.has(next) && !sums.has(`${s.key}\t${s.currency}\t${next}`)) {
      push({ key: s.key, period: next, currency: s.currency, cost: 0n });
    }
  }
  rows.sort(
    (a, b) =>
      a.period - b.period || a.currency.localeCompare(b.currency) || a.key.localeCompare(b.key),
  );
  return rows;
}

/**
 * Per currency, the month its data ends in when the data stops before that month's last day:
 * the month is then month to date, `days` of `of` covered.
 */
function monthToDate(
  cells: readonly CostCell[],
  options: Pick<RollupOptions, 'grain' | 'period'>,
): Map<string, { period: number; days: number; of: number; comparable: boolean }> {
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  const lastPeriod = new Map<string, number>();
  for (const c of cells) {
    const day = dayStart(c.day);
    const period = periodOf(c, options);
    if ((lastPeriod.get(c.currency) ?? -Infinity) < period) lastPeriod.set(c.currency, period);
    if ((last.get(c.currency) ?? -Infinity) < day) last.set(c.currency, day);
    if ((first.get(c.currency) ?? Infinity) > day) first.set(c.currency, day);
  }
  const out = new Map<string, { period: number; days: number; of: number; comparable: boolean }>();
  for (const [currency, period] of lastPeriod) {
    const end = monthStart(period + 32 * DAY_SECONDS);
    const lastDay = last.get(currency)!;
    if (lastDay < period || lastDay + DAY_SECONDS >= end) continue;
    out.set(currency, {
      period,
      days: (lastDay - period) / DAY_SECONDS + 1,
      of: (end - period) / DAY_SECONDS,
      comparable: first.get(currency)! <= previousMonthStart(period),
    });
  }
  return out;
}

/** Per key and currency: the cost of the first `days` of the month before a partial month. */
function sameDaysBefore(
  cells: readonly CostCell[],
  partial: ReadonlyMap<string, { period: number; days: number }>,
  entities: ReadonlyMap<string, CostEntity>,
  options: RollupOptions,
): Map<string, Money> {
  const out = new Map<string, Money>();
  if (partial.size === 0) return out;
  for (const c of cells) {
    const p = partial.get(c.currency);
    if (!p) continue;
    const prev = previousMonthStart(p.period);
    if (periodOf(c, options) !== prev || dayStart(c.day) >= prev + p.days * DAY_SECONDS) continue;
    const k = `${keyOf(c, options.by, entities)}\t${c.currency}`;
    out.set(k, (out.get(k) ?? 0n) + (options.view === 'billed' ? c.billed : c.effective));
  }
  return out;
}

/** The start of the day or month a cell is reported in (unix seconds, UTC). */
export function periodOf(
  cell: Pick<CostCell, 'day' | 'billingPeriodStart'>,
  options: Pick<RollupOptions, 'grain' | 'period'>,
): number {
  if (options.grain === 'day') return dayStart(cell.day);
  return monthStart(options.period === 'billing' ? cell.billingPeriodStart : cell.day);
}

function withChange(
  s: { key: string; period: number; currency: string; cost: Money },
  previous: Money | null,
): RollupRow {
  const change = previous === null ? null : s.cost - previous;
  const abs = previous === null ? 0n : previous < 0n ? -previous : previous;
  return {
    ...s,
    previous,
    change,
    changeRatio:
      change === null || abs === 0n ? null : Number((change * 1_000_000_000n) / abs) / 1e9,
  };
}
