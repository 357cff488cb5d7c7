// FOCUS 1.0 CSV text for the demo's rows, and the exact totals of what was written.

import { createWriteStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import {
  MICRO,
  PAYER_ACCOUNT,
  monthStartOf,
  nextMonthStart,
  type CostPart,
  type DemoCostRow,
} from './demoCost';

export const FOCUS_COLUMNS = [
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'CommitmentDiscountCategory',
  'CommitmentDiscountId',
  'CommitmentDiscountName',
  'CommitmentDiscountStatus',
  'CommitmentDiscountType',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'ContractedUnitPrice',
  'EffectiveCost',
  'InvoiceIssuerName',
  'ListCost',
  'ListUnitPrice',
  'PricingCategory',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'RegionId',
  'RegionName',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'ServiceCategory',
  'ServiceName',
  'SkuId',
  'SkuPriceId',
  'SubAccountId',
  'SubAccountName',
  'Tags',
] as const;

/** Micro-dollars as a decimal with six places. */
export function formatMicro(value: number): string {
  if (!Number.isSafeInteger(value))
    throw new Error(`amount ${value} is not a whole number of micro-dollars`);
  const neg = value < 0;
  const abs = neg ? -value : value;
  return `${neg ? '-' : ''}${Math.floor(abs / MICRO)}.${String(abs % MICRO).padStart(6, '0')}`;
}

const iso = (t: number): string => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

const quantity = (q: number): string => {
  const text = q.toFixed(6).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
};

function cell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function focusCsvHeader(): string {
  return FOCUS_COLUMNS.join(',') + '\n';
}

export function focusCsvLine(r: DemoCostRow): string {
  const bp = monthStartOf(r.chargePeriodStart);
  const price = r.listUnitPrice === null ? '' : String(r.listUnitPrice);
  const committed = r.pricingCategory === 'Committed' && r.commitment?.status === 'Used';
  const values: Record<(typeof FOCUS_COLUMNS)[number], string> = {
    BilledCost: formatMicro(r.billed),
    BillingAccountId: PAYER_ACCOUNT.id,
    BillingAccountName: PAYER_ACCOUNT.name,
    BillingCurrency: 'USD',
    BillingPeriodEnd: iso(nextMonthStart(bp)),
    BillingPeriodStart: iso(bp),
    ChargeCategory: r.category,
    ChargeClass: '',
    ChargeDescription: r.description,
    ChargeFrequency: r.frequency,
    ChargePeriodEnd: iso(r.chargePeriodEnd),
    ChargePeriodStart: iso(r.chargePeriodStart),
    CommitmentDiscountCategory: r.commitment ? 'Spend' : '',
    CommitmentDiscountId: r.commitment?.id ?? '',
    CommitmentDiscountName: r.commitment?.name ?? '',
    CommitmentDiscountStatus: r.commitment?.status ?? '',
    CommitmentDiscountType: r.commitment ? 'Compute Savings Plan' : '',
    ConsumedQuantity: r.category === 'Usage' ? quantity(r.quantity) : '',
    ConsumedUnit: r.category === 'Usage' ? r.unit : '',
    ContractedCost: formatMicro(committed ? r.effective : r.billed),
    ContractedUnitPrice: price,
    EffectiveCost: formatMicro(r.effective),
    InvoiceIssuerName: 'Amazon Web Services EMEA SARL',
    ListCost: formatMicro(r.list),
    ListUnitPrice: price,
    PricingCategory: r.pricingCategory,
    PricingQuantity: quantity(r.quantity),
    PricingUnit: r.unit,
    ProviderName: 'Amazon Web Services',
    PublisherName: 'Amazon Web Services',
    RegionId: r.category === 'Usage' ? 'eu-west-1' : '',
    RegionName: r.category === 'Usage' ? 'Europe (Ireland)' : '',
    ResourceId: r.resourceId,
    ResourceName: r.resourceId.slice(r.resourceId.lastIndexOf('/') + 1),
    ResourceType: r.resourceType,
    ServiceCategory: r.serviceCategory,
    ServiceName: r.serviceName,
    SkuId: r.skuId,
    SkuPriceId: r.skuId ? `${r.skuId}:${r.pricingCategory || 'None'}` : '',
    SubAccountId: r.account.id,
    SubAccountName: r.account.name,
    Tags: Object.keys(r.tags).length === 0 ? '' : JSON.stringify(r.tags),
  };
  return FOCUS_COLUMNS.map(c => cell(values[c])).join(',') + '\n';
}

export interface DayParts {
  /** Unix seconds of the UTC day (of ChargePeriodStart). */
  day: number;
  billed: number;
  effective: number;
  rows: number;
  parts: Partial<Record<CostPart, { billed: number; effective: number }>>;
}

export interface DemoCostSummary {
  rows: number;
  /** Micro-dollars, per UTC day, with what each part of the bill contributed. */
  days: DayParts[];
  billed: number;
  effective: number;
}

/** Adds rows into per-day totals; `summary()` freezes them in day order. */
export class DemoCostTotals {
  private readonly days = new Map<number, DayParts>();
  private rows = 0;

  add(r: DemoCostRow): void {
    const day = r.chargePeriodStart - (r.chargePeriodStart % 86400);
    let d = this.days.get(day);
    if (!d) this.days.set(day, (d = { day, billed: 0, effective: 0, rows: 0, parts: {} }));
    d.billed += r.billed;
    d.effective += r.effective;
    d.rows++;
    const p = (d.parts[r.part] ??= { billed: 0, effective: 0 });
    p.billed += r.billed;
    p.effective += r.effective;
    this.rows++;
  }

  summary(): DemoCostSummary {
    const days = [...this.days.values()].sort((a, b) => a.day - b.day);
    return {
      rows: this.rows,
      days,
      billed: days.reduce((a, d) => a + d.billed, 0),
      effective: days.reduce((a, d) => a + d.effective, 0),
    };
  }
}

function* csvChunks(rows: Iterable<DemoCostRow>, totals: DemoCostTotals): Generator<string> {
  let out = focusCsvHeader();
  for (const r of rows) {
    totals.add(r);
    out += focusCsvLine(r);
    if (out.length > 1 << 20) {
      yield out;
      out = '';
    }
  }
  yield out;
}

/**
 * Writes the rows as FOCUS CSV (gzip when `path` ends in `.gz`), through a temporary file so a
 * reader never sees half an export, and returns the totals of what was written.
 */
export async function writeDemoFocus(
  path: string,
  rows: Iterable<DemoCostRow>,
): Promise<DemoCostSummary> {
  await mkdir(dirname(path), { recursive: true });
  const totals = new DemoCostTotals();
  const tmp = `${path}.${process.pid}.tmp`;
  const source = Readable.from(csvChunks(rows, totals));
  const sink = createWriteStream(tmp);
  if (path.endsWith('.gz')) await pipeline(source, createGzip(), sink);
  else await pipeline(source, sink);
  await rename(tmp, path);
  return totals.summary();
}
