import type { CostAggregates, CostCell, DayTotal } from './aggregate';
import type { Attribution } from './attribution';
import { ExactSum, type Money, type MoneyParts } from './decimal';
import { dayStart } from './time';
import type { FocusRow } from './types';

/**
 * What an entity's cost (null: unallocated) on one day was spent on: a FOCUS service and charge
 * category, or its part of a shared pool (`sharedRuleId`). An entity's drivers of a day add up
 * to its cells of that day.
 */
export interface CostDriverCell extends Omit<CostCell, 'ruleId' | 'rows'> {
  serviceName: string | null;
  chargeCategory: string | null;
  sharedRuleId: string | null;
}

/** The bill of one billing period, currency and day, summed straight from the rows. */
export interface BillDay extends DayTotal {
  billingPeriodStart: number;
}

/** The fields of a row the driver sums read. */
type DriverRow = Pick<FocusRow, 'billingCurrency' | 'billingPeriodStart' | 'chargePeriodStart'> & {
  serviceName: string | null;
  chargeCategory: string;
};

/** A sum while rows stream in: exact sums in parts (see `ExactSum`). */
type Open<T> = Omit<T, 'billed' | 'effective'> & { billed: ExactSum; effective: ExactSum };
type OpenDriver = Open<Omit<CostDriverCell, 'sharedRuleId'>>;
type OpenBillDay = Open<BillDay>;

/**
 * Streams attributed rows into the breakdown the cost API shows as top drivers (entity × service ×
 * charge category × day, exact sums) and the bill per billing period, currency and day for
 * reconciliation. Shared rows are left to `finish`, which takes their parts from the split the
 * aggregator made. Memory grows with entities × services × days, never with rows.
 */
export class CostDriverSums {
  private readonly drivers = new Map<string, OpenDriver>();
  private readonly billDays = new Map<string, OpenBillDay>();

  private note(
    row: DriverRow,
    a: Attribution,
  ): { driver: OpenDriver | undefined; bill: OpenBillDay } {
    const day = dayStart(row.chargePeriodStart);
    const billKey = `${row.billingCurrency}\t${row.billingPeriodStart}\t${day}`;
    let bill = this.billDays.get(billKey);
    if (!bill) {
      bill = {
        currency: row.billingCurrency,
        billingPeriodStart: row.billingPeriodStart,
        day,
        billed: new ExactSum(),
        effective: new ExactSum(),
        rows: 0,
      };
      this.billDays.set(billKey, bill);
    }
    bill.rows++;
    // A shared row becomes drivers when its pool is split (see finish).
    if (a.shared) return { driver: undefined, bill };
    const key = `${billKey}\t${a.entityRef ?? ''}\t${row.serviceName ?? ''}\t${row.chargeCategory}`;
    let driver = this.drivers.get(key);
    if (!driver) {
      driver = {
        entityRef: a.entityRef,
        currency: row.billingCurrency,
        billingPeriodStart: row.billingPeriodStart,
        day,
        serviceName: row.serviceName,
        chargeCategory: row.chargeCategory,
        billed: new ExactSum(),
        effective: new ExactSum(),
      };
      this.drivers.set(key, driver);
    }
    return { driver, bill };
  }

  /** A row filled in place by `normaliseInto` (amounts as parts: no BigInt per row). */
  addParts(row: DriverRow & { billed: MoneyParts; effective: MoneyParts }, a: Attribution): void {
    const { driver, bill } = this.note(row, a);
    bill.billed.addParts(row.billed);
    bill.effective.addParts(row.effective);
    driver?.billed.addParts(row.billed);
    driver?.effective.addParts(row.effective);
  }

  add(row: DriverRow & Pick<FocusRow, 'billedCost' | 'effectiveCost'>, a: Attribution): void {
    const { driver, bill } = this.note(row, a);
    bill.billed.add(row.billedCost);
    bill.effective.add(row.effectiveCost);
    driver?.billed.add(row.billedCost);
    driver?.effective.add(row.effectiveCost);
  }

  /**
   * The drivers, with each entity's part of a shared pool (the aggregates' cells of the shared
   * rules) as a driver of its own, and the bill days.
   */
  finish(
    aggregates: Pick<CostAggregates, 'cells'>,
    sharedRuleIds: ReadonlySet<string>,
  ): { drivers: CostDriverCell[]; billDays: BillDay[] } {
    const drivers: CostDriverCell[] = [...this.drivers.values()].map(d => ({
      entityRef: d.entityRef,
      currency: d.currency,
      billingPeriodStart: d.billingPeriodStart,
      day: d.day,
      serviceName: d.serviceName,
      chargeCategory: d.chargeCategory,
      sharedRuleId: null,
      billed: d.billed.value(),
      effective: d.effective.value(),
    }));
    for (const c of aggregates.cells) {
      if (c.ruleId === null || !sharedRuleIds.has(c.ruleId)) continue;
      drivers.push({
        entityRef: c.entityRef,
        currency: c.currency,
        billingPeriodStart: c.billingPeriodStart,
        day: c.day,
        serviceName: null,
        chargeCategory: null,
        sharedRuleId: c.ruleId,
        billed: c.billed,
        effective: c.effective,
      });
    }
    const billDays: BillDay[] = [...this.billDays.values()].map(b => ({
      currency: b.currency,
      billingPeriodStart: b.billingPeriodStart,
      day: b.day,
      billed: b.billed.value(),
      effective: b.effective.value(),
      rows: b.rows,
    }));
    return { drivers, billDays };
  }
}

/** One line of the top drivers: a service and charge category (or a shared pool) in a currency. */
export interface DriverShare {
  serviceName: string | null;
  chargeCategory: string | null;
  sharedRuleId: string | null;
  currency: string;
  cost: Money;
  /** cost / the currency's total, to 9 decimals; null when the total is 0. */
  share: number | null;
}

/**
 * What the drivers' cost (billed or effective) went to, summed over days and entities by service,
 * charge category and shared pool, largest first (ties by service name), at most `limit` lines,
 * with each line's share of its currency's total and the totals per currency. Shares are exact
 * BigInt ratios rounded down to 9 decimals, so they never add up to more than 1.
 */
export function driverShares(
  drivers: readonly CostDriverCell[],
  view: 'billed' | 'effective',
  limit: number,
): { items: DriverShare[]; totals: { currency: string; cost: Money }[] } {
  const sums = new Map<string, { d: CostDriverCell; cost: Money }>();
  const totals = new Map<string, Money>();
  for (const d of drivers) {
    const v = view === 'billed' ? d.billed : d.effective;
    const k = `${d.currency}\t${d.serviceName ?? ''}\t${d.chargeCategory ?? ''}\t${d.sharedRuleId ?? ''}`;
    const s = sums.get(k);
    if (s) s.cost += v;
    else sums.set(k, { d, cost: v });
    totals.set(d.currency, (totals.get(d.currency) ?? 0n) + v);
  }
  const ratio = (part: Money, whole: Money) =>
    whole === 0n ? null : Number((part * 1_000_000_000n) / whole) / 1e9;
  const items = [...sums.values()]
    .sort((a, b) =>
      a.cost === b.cost
        ? (a.d.serviceName ?? '').localeCompare(b.d.serviceName ?? '')
        : a.cost > b.cost
          ? -1
          : 1,
    )
    .slice(0, limit)
    .map(({ d, cost }) => ({
      serviceName: d.serviceName,
      chargeCategory: d.chargeCategory,
      sharedRuleId: d.sharedRuleId,
      currency: d.currency,
      cost,
      share: ratio(cost, totals.get(d.currency)!),
    }));
  return {
    items,
    totals: [...totals]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, cost]) => ({ currency, cost })),
  };
}
