import {
  cleanHeaderCell,
  compileAttributionRules,
  CostAggregator,
  createFocusNormaliser,
  createFocusRowParts,
  focusRowOfParts,
  isoSeconds,
  reconcileCosts,
  type AttributionRule,
  type Attributor,
  type CostAggregates,
  type CostEntity,
  type FocusHeaderCheck,
  type FocusRow,
  type MatchField,
  type Money,
  type Reconciliation,
} from '@headroom/core';
import { availableParallelism } from 'node:os';
import { planFocusRanges } from './focusRanges';
import { importFocusRanges } from './importFocusRanges';
import { focusFileBatches, type FocusFileError, type ReadFocusOptions } from './readFocus';
import { focusSourceFiles, FocusSourceError, type FocusSourceFile } from './source';

export interface ImportFocusOptions extends ReadFocusOptions {
  /** The compiled rules, or rules and entities to compile. */
  attributor?: Attributor;
  rules?: readonly AttributionRule[];
  entities?: readonly CostEntity[];
  /** Names the data set in period keys (default: the source string). */
  sourceId?: string;
  /** Bad rows kept as examples (all are counted). Default 100. */
  sampleLimit?: number;
  /** Called per accepted row after attribution (a store may keep detail rows). */
  onRow?: (row: FocusRow) => void;
  /**
   * Worker threads reading one large local CSV file in byte ranges, in parallel (default: the
   * machine's available parallelism, at most 4). 1 reads every file in this thread. Files read
   * with `onRow`, an own `attributor` or own `readers`, gzip'd files, Parquet and URLs are
   * read in this thread too.
   */
  workers?: number;
  /** Smaller files are read in this thread (default 64 MiB): starting threads costs more. */
  parallelMinBytes?: number;
}

export const DEFAULT_IMPORT_WORKERS = Math.min(availableParallelism(), 4);
export const DEFAULT_PARALLEL_MIN_BYTES = 64 * 1024 * 1024;
/**
 * Ranges per thread: a thread that other work slows down takes fewer of them, so the threads end
 * together. Few enough that a range read past its end (a cut inside a quoted field, after which
 * that thread reads to the file's end) stays unlikely.
 */
export const RANGES_PER_WORKER = 4;

/**
 * A (source, billing period, currency) slice of the data. A store deletes what it holds under
 * `key` and writes the new cells in one transaction: re-importing a period replaces it, and a
 * failed import (this function throws) changes nothing.
 */
export interface ImportedPeriod {
  key: string;
  sourceId: string;
  currency: string;
  billingPeriodStart: number;
  billingPeriodEnd: number;
  rows: number;
  billed: Money;
  effective: Money;
}

export interface FocusImportResult {
  aggregates: CostAggregates;
  badRows: { count: number; samples: FocusFileError[] };
  totals: {
    rows: number;
    files: number;
    byCurrency: { currency: string; billed: Money; effective: Money; list: Money; rows: number }[];
  };
  periods: ImportedPeriod[];
  reconciliation: Reconciliation[];
  files: { name: string; header: FocusHeaderCheck; rows: number; badRows: number }[];
}

export function periodKey(sourceId: string, billingPeriodStart: number, currency: string): string {
  return `${sourceId}#${isoSeconds(billingPeriodStart)}#${currency}`;
}

/** The column of each field a rule can match on. */
const MATCH_COLUMNS: Record<MatchField, string> = {
  providerName: 'ProviderName',
  serviceName: 'ServiceName',
  serviceCategory: 'ServiceCategory',
  billingAccountId: 'BillingAccountId',
  subAccountId: 'SubAccountId',
  resourceId: 'ResourceId',
  regionId: 'RegionId',
  skuId: 'SkuId',
  chargeCategory: 'ChargeCategory',
};

/** Columns the normaliser checks or the aggregates use, plus those `rules` match on. */
export function columnsForTotals(rules: readonly AttributionRule[]): Set<string> {
  const columns = new Set([
    'BilledCost',
    'EffectiveCost',
    'ListCost',
    'ContractedCost',
    'BillingCurrency',
    'BillingPeriodStart',
    'BillingPeriodEnd',
    'ChargePeriodStart',
    'ChargePeriodEnd',
    'ChargeCategory',
    'ChargeClass',
    'ConsumedQuantity',
    'Tags',
  ]);
  for (const rule of rules) {
    if (rule.type !== 'explicit' && rule.type !== 'shared') continue;
    for (const field of Object.keys(rule.match)) {
      const column = MATCH_COLUMNS[field as MatchField];
      if (column) columns.add(column);
    }
  }
  return columns;
}

/** Streams a FOCUS source through normalise → attribute → aggregate. */
export async function importFocus(
  source: string,
  options: ImportFocusOptions = {},
): Promise<FocusImportResult> {
  const attributor =
    options.attributor ?? compileAttributionRules(options.rules ?? [], options.entities ?? []);
  const aggregator = new CostAggregator(attributor);
  const sampleLimit = options.sampleLimit ?? 100;
  const samples: FocusFileError[] = [];
  let bad = 0;
  let rows = 0;
  const files: FocusImportResult['files'] = [];
  const parts = createFocusRowParts();
  const onRow = options.onRow;
  // Without onRow nobody sees a row's descriptive columns: only what checks, attribution and
  // totals need is read (a caller's own attributor may read anything: all columns then).
  const columns = onRow || options.attributor ? undefined : columnsForTotals(options.rules ?? []);
  const workers = Math.floor(options.workers ?? DEFAULT_IMPORT_WORKERS);
  // Workers compile the rules themselves: only plain data crosses to them.
  const parallel = columns !== undefined && !options.readers?.csv && workers > 1;
  const inRanges = async (file: FocusSourceFile) =>
    parallel && file.path !== undefined && file.format === 'csv'
      ? planFocusRanges(
          file.path,
          workers * RANGES_PER_WORKER,
          options.parallelMinBytes ?? DEFAULT_PARALLEL_MIN_BYTES,
        )
      : undefined;
  for (const file of await focusSourceFiles(source, options)) {
    const plan = await inRanges(file);
    if (plan && columns) {
      let header: FocusHeaderCheck;
      try {
        header = createFocusNormaliser(plan.header, options).header;
      } catch (e) {
        throw new FocusSourceError(`${file.name}: ${(e as Error).message}`);
      }
      const part = await importFocusRanges(
        file.name,
        plan,
        {
          path: file.path!,
          header: plan.header,
          keep: plan.header.map(c => columns.has(cleanHeaderCell(c))),
          normalise: { defaults: options.defaults, currencies: options.currencies },
          rules: options.rules ?? [],
          entities: options.entities ?? [],
          sampleLimit,
        },
        workers,
      );
      for (const state of part.states) aggregator.merge(state);
      files.push({ name: file.name, header, rows: part.rows, badRows: part.bad });
      rows += part.rows;
      bad += part.bad;
      for (const error of part.samples) {
        if (samples.length < sampleLimit) samples.push({ file: file.name, ...error });
      }
      continue;
    }
    for await (const { normaliser, header, batch } of focusFileBatches(file, options, columns)) {
      if (header) files.push({ name: file.name, header, rows: 0, badRows: 0 });
      const f = files[files.length - 1]!;
      batch.each((fields, line) => {
        const error = normaliser.normaliseInto(fields, line, parts);
        if (error) {
          bad++;
          f.badRows++;
          if (samples.length < sampleLimit) samples.push({ file: file.name, ...error });
          return;
        }
        if (onRow) {
          const row = focusRowOfParts(parts);
          aggregator.add(row);
          onRow(row);
        } else aggregator.addParts(parts);
        rows++;
        f.rows++;
      });
    }
  }
  const aggregates = aggregator.finish();
  const sourceId = options.sourceId ?? source;
  const byCurrency = new Map<string, FocusImportResult['totals']['byCurrency'][number]>();
  for (const b of aggregates.bill) {
    const c = byCurrency.get(b.currency) ?? {
      currency: b.currency,
      billed: 0n,
      effective: 0n,
      list: 0n,
      rows: 0,
    };
    c.billed += b.billed;
    c.effective += b.effective;
    c.list += b.list;
    c.rows += b.rows;
    byCurrency.set(b.currency, c);
  }
  return {
    aggregates,
    badRows: { count: bad, samples },
    totals: {
      rows,
      files: files.length,
      byCurrency: [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    },
    periods: aggregates.bill
      .map(b => ({
        key: periodKey(sourceId, b.billingPeriodStart, b.currency),
        sourceId,
        currency: b.currency,
        billingPeriodStart: b.billingPeriodStart,
        billingPeriodEnd: b.billingPeriodEnd,
        rows: b.rows,
        billed: b.billed,
        effective: b.effective,
      }))
      .sort(
        (a, b) =>
          a.billingPeriodStart - b.billingPeriodStart || a.currency.localeCompare(b.currency),
      ),
    reconciliation: reconcileCosts(aggregates, 'billingPeriod'),
    files,
  };
}
