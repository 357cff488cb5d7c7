import {
  CostAggregator,
  dayStart,
  ExactSum,
  isoSeconds,
  type Attributor,
  type CostAggregates,
  type FocusRow,
  type FocusRowError,
  type FocusRowParts,
  type Money,
} from '@headroom/core';

/**
 * What an entity's cost (null: unallocated) on one day was spent on: a FOCUS service and charge
 * category, or its part of a shared pool (`sharedRuleId`). An entity's drivers of a day add up
 * to its cells of that day.
 */
export interface CostDriverCell {
  entityRef: string | null;
  currency: string;
  billingPeriodStart: number;
  day: number;
  serviceName: string | null;
  chargeCategory: string | null;
  sharedRuleId: string | null;
  billed: Money;
  effective: Money;
}

/** The bill of one billing period, currency and day, summed straight from the rows. */
export interface BillDay {
  currency: string;
  billingPeriodStart: number;
  day: number;
  billed: Money;
  effective: Money;
  rows: number;
}

export interface CostBadRowSample extends FocusRowError {
  file: string;
}

/** A billing period (per currency) of one source: what a store replaces as a whole. */
export interface IngestedPeriod {
  key: string;
  currency: string;
  billingPeriodStart: number;
  billingPeriodEnd: number;
  rows: number;
  billed: Money;
  effective: Money;
  list: Money;
}

export interface IngestResult {
  aggregates: CostAggregates;
  drivers: CostDriverCell[];
  billDays: BillDay[];
  periods: IngestedPeriod[];
  rows: number;
  badRows: { count: number; samples: CostBadRowSample[] };
}

/** `<sourceId>#<BillingPeriodStart>#<currency>`, as `@headroom/cost` names periods. */
export function costPeriodKey(sourceId: string, billingPeriodStart: number, currency: string) {
  return `${sourceId}#${isoSeconds(billingPeriodStart)}#${currency}`;
}

interface OpenDriver {
  entityRef: string | null;
  currency: string;
  billingPeriodStart: number;
  day: number;
  serviceName: string | null;
  chargeCategory: string | null;
  billed: ExactSum;
  effective: ExactSum;
}

interface OpenBillDay {
  currency: string;
  billingPeriodStart: number;
  day: number;
  billed: ExactSum;
  effective: ExactSum;
  rows: number;
}

/**
 * Rows of one import, attributed once each: the core aggregator's cells plus the breakdown the
 * cost API shows as top drivers and the bill per billing period and day for reconciliation.
 * Memory grows with entities × services × days, never with rows.
 */
export class CostIngest {
  private readonly aggregator: CostAggregator;
  private readonly drivers = new Map<string, OpenDriver>();
  private readonly billDays = new Map<string, OpenBillDay>();
  private readonly samples: CostBadRowSample[] = [];
  private bad = 0;
  private rows = 0;

  constructor(
    private readonly attributor: Attributor,
    private readonly sourceId: string,
    private readonly sampleLimit: number,
  ) {
    this.aggregator = new CostAggregator(attributor);
  }

  badRow(file: string, error: FocusRowError): void {
    this.bad++;
    if (this.samples.length < this.sampleLimit) this.samples.push({ file, ...error });
  }

  private note(
    row: Pick<FocusRow, 'billingCurrency' | 'billingPeriodStart' | 'chargePeriodStart'> & {
      serviceName: string | null;
      chargeCategory: string;
    },
    entityRef: string | null | undefined,
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
    if (entityRef === undefined) return { driver: undefined, bill };
    const key = `${billKey}\t${entityRef ?? ''}\t${row.serviceName ?? ''}\t${row.chargeCategory}`;
    let driver = this.drivers.get(key);
    if (!driver) {
      driver = {
        entityRef,
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

  /** A row filled in place by the normaliser (the streaming path: no object per row). */
  addParts(parts: FocusRowParts): void {
    const a = this.attributor.attribute(parts);
    this.aggregator.addParts(parts, a);
    const { driver, bill } = this.note(parts, a.shared ? undefined : a.entityRef);
    bill.billed.addParts(parts.billed);
    bill.effective.addParts(parts.effective);
    driver?.billed.addParts(parts.billed);
    driver?.effective.addParts(parts.effective);
    this.rows++;
  }

  addRow(row: FocusRow): void {
    const a = this.attributor.attribute(row);
    this.aggregator.add(row, a);
    const { driver, bill } = this.note(row, a.shared ? undefined : a.entityRef);
    bill.billed.add(row.billedCost);
    bill.effective.add(row.effectiveCost);
    driver?.billed.add(row.billedCost);
    driver?.effective.add(row.effectiveCost);
    this.rows++;
  }

  finish(): IngestResult {
    const aggregates = this.aggregator.finish();
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
    const sharedRules = new Set(
      this.attributor.rules.filter(r => r.type === 'shared').map(r => r.id),
    );
    for (const c of aggregates.cells) {
      if (c.ruleId === null || !sharedRules.has(c.ruleId)) continue;
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
    const periods: IngestedPeriod[] = aggregates.bill
      .map(b => ({
        key: costPeriodKey(this.sourceId, b.billingPeriodStart, b.currency),
        currency: b.currency,
        billingPeriodStart: b.billingPeriodStart,
        billingPeriodEnd: b.billingPeriodEnd,
        rows: b.rows,
        billed: b.billed,
        effective: b.effective,
        list: b.list,
      }))
      .sort(
        (a, b) =>
          a.billingPeriodStart - b.billingPeriodStart || a.currency.localeCompare(b.currency),
      );
    return {
      aggregates,
      drivers,
      billDays,
      periods,
      rows: this.rows,
      badRows: { count: this.bad, samples: [...this.samples] },
    };
  }
}
