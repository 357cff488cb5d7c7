import {
  CostAggregator,
  CostDriverSums,
  isoSeconds,
  type Attributor,
  type BillDay,
  type CostAggregates,
  type CostDriverCell,
  type FocusRow,
  type FocusRowError,
  type FocusRowParts,
  type Money,
} from '@headroom/core';

export type { BillDay, CostDriverCell } from '@headroom/core';

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

/**
 * Rows of one import, attributed once each: the core aggregator's cells plus core's driver sums
 * (the breakdown the cost API shows as top drivers, and the bill per billing period and day for
 * reconciliation), with samples of the rows that could not be read. Memory grows with
 * entities × services × days, never with rows.
 */
export class CostIngest {
  private readonly aggregator: CostAggregator;
  private readonly sums = new CostDriverSums();
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

  /** A row filled in place by the normaliser (the streaming path: no object per row). */
  addParts(parts: FocusRowParts): void {
    const a = this.attributor.attribute(parts);
    this.aggregator.addParts(parts, a);
    this.sums.addParts(parts, a);
    this.rows++;
  }

  addRow(row: FocusRow): void {
    const a = this.attributor.attribute(row);
    this.aggregator.add(row, a);
    this.sums.add(row, a);
    this.rows++;
  }

  finish(): IngestResult {
    const aggregates = this.aggregator.finish();
    const sharedRules = new Set(
      this.attributor.rules.filter(r => r.type === 'shared').map(r => r.id),
    );
    const { drivers, billDays } = this.sums.finish(aggregates, sharedRules);
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
