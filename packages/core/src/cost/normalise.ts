import { checkFocusHeader, cleanHeaderCell, type FocusHeaderCheck } from './columns';
import { isIsoCurrency } from './currency';
import { createMoneyParts, moneyOfParts, parseMoneyInto, type MoneyParts } from './decimal';
import { createTagParser, detach } from './tags';
import { parseFocusTimestamp } from './time';
import type {
  ChargeCategory,
  FocusRow,
  FocusRowError,
  FocusRowParts,
  NormaliseResult,
} from './types';

export interface NormaliseOptions {
  /** Values for columns the file does not have (worked examples omit `BillingCurrency`). */
  defaults?: Readonly<Record<string, string>>;
  /** Currency codes accepted besides ISO 4217 (a virtual currency billed as such). */
  currencies?: readonly string[];
}

const CATEGORIES: Record<string, ChargeCategory> = {
  usage: 'Usage',
  purchase: 'Purchase',
  tax: 'Tax',
  credit: 'Credit',
  adjustment: 'Adjustment',
};

const CATEGORY_EXACT: Record<string, ChargeCategory> = {
  Usage: 'Usage',
  Purchase: 'Purchase',
  Tax: 'Tax',
  Credit: 'Credit',
  Adjustment: 'Adjustment',
};

function failAt(line: number, column: string, message: string): FocusRowError {
  return { line, column, message };
}

/** Reads a money cell into `out`: true when present, false when null, or a message. */
function readMoney(
  column: string,
  raw: string | null,
  required: boolean,
  out: MoneyParts,
): boolean | string {
  if (raw === null || isNull(raw)) {
    return required
      ? `${column} is missing (${raw === null ? 'no column' : JSON.stringify(raw)})`
      : false;
  }
  return parseMoneyInto(raw, out) || `${column} ${JSON.stringify(raw)} is not a decimal number`;
}

function isNull(v: string): boolean {
  return v === '' || v === 'NULL' || v === 'null';
}

/** The columns `createFocusNormaliser` reads; a reader may skip copying the others. */
export const FOCUS_COLUMNS_READ: readonly string[] = [
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
  'ChargeFrequency',
  'BillingAccountId',
  'SubAccountId',
  'ProviderName',
  'ServiceName',
  'ServiceCategory',
  'ResourceId',
  'ResourceName',
  'RegionId',
  'SkuId',
  'PricingCategory',
  'CommitmentDiscountId',
  'CommitmentDiscountStatus',
  'ConsumedQuantity',
  'Tags',
];

export interface FocusNormaliser {
  header: FocusHeaderCheck;
  /** `fields` in header order, as a CSV reader yields them. */
  normalise(fields: readonly string[], line: number): NormaliseResult;
  /**
   * The same checks, written into `out` (from `createFocusRowParts`) in place: undefined when
   * the row is good, else its error. `out` is only meaningful until the next call.
   */
  normaliseInto(
    fields: readonly string[],
    line: number,
    out: FocusRowParts,
  ): FocusRowError | undefined;
}

export function createFocusRowParts(): FocusRowParts {
  return {
    line: 0,
    billingAccountId: null,
    subAccountId: null,
    billingCurrency: '',
    billingPeriodStart: 0,
    billingPeriodEnd: 0,
    chargePeriodStart: 0,
    chargePeriodEnd: 0,
    chargeCategory: 'Usage',
    chargeClass: null,
    chargeFrequency: null,
    billed: createMoneyParts(),
    effective: createMoneyParts(),
    list: createMoneyParts(),
    contracted: createMoneyParts(),
    hasList: false,
    hasContracted: false,
    providerName: null,
    serviceName: null,
    serviceCategory: null,
    resourceId: null,
    resourceName: null,
    regionId: null,
    skuId: null,
    pricingCategory: null,
    commitmentDiscountId: null,
    commitmentDiscountStatus: null,
    consumedQuantity: null,
    tags: {},
  };
}

/** A standalone `FocusRow` (exact bigint money) from parts filled by `normaliseInto`. */
export function focusRowOfParts(p: FocusRowParts): FocusRow {
  return {
    line: p.line,
    billingAccountId: p.billingAccountId,
    subAccountId: p.subAccountId,
    billingCurrency: p.billingCurrency,
    billingPeriodStart: p.billingPeriodStart,
    billingPeriodEnd: p.billingPeriodEnd,
    chargePeriodStart: p.chargePeriodStart,
    chargePeriodEnd: p.chargePeriodEnd,
    chargeCategory: p.chargeCategory,
    chargeClass: p.chargeClass,
    chargeFrequency: p.chargeFrequency,
    billedCost: moneyOfParts(p.billed),
    effectiveCost: moneyOfParts(p.effective),
    listCost: p.hasList ? moneyOfParts(p.list) : null,
    contractedCost: p.hasContracted ? moneyOfParts(p.contracted) : null,
    providerName: p.providerName,
    serviceName: p.serviceName,
    serviceCategory: p.serviceCategory,
    resourceId: p.resourceId,
    resourceName: p.resourceName,
    regionId: p.regionId,
    skuId: p.skuId,
    pricingCategory: p.pricingCategory,
    commitmentDiscountId: p.commitmentDiscountId,
    commitmentDiscountStatus: p.commitmentDiscountStatus,
    consumedQuantity: p.consumedQuantity,
    tags: p.tags,
  };
}

/**
 * Compiles a normaliser for one file's header: column positions are looked up once, and
 * timestamps and tags (which repeat across millions of rows) are memoised in bounded caches.
 * Throws when a column Headroom needs is missing, naming the columns.
 */
export function createFocusNormaliser(
  header: readonly string[],
  options: NormaliseOptions = {},
): FocusNormaliser {
  const defaults = options.defaults ?? {};
  const check = checkFocusHeader(header, Object.keys(defaults));
  if (check.missingRequired.length > 0) {
    throw new Error(`missing required FOCUS column(s): ${check.missingRequired.join(', ')}`);
  }
  const names = header.map(cleanHeaderCell);
  const index = new Map<string, number>();
  names.forEach((n, i) => {
    if (!index.has(n)) index.set(n, i);
  });
  const width = names.length;
  const extraCurrencies = new Set(options.currencies ?? []);
  const parseTags = createTagParser();
  let timeCache = new Map<string, number | undefined>();
  // Currency codes are kept by totals and cells: one detached copy per code.
  const currencyCodes = new Map<string, string>();

  const col = (name: string): ((f: readonly string[]) => string | null) => {
    if (!FOCUS_COLUMNS_READ.includes(name))
      throw new Error(`internal: ${name} is not in FOCUS_COLUMNS_READ`);
    const i = index.get(name);
    if (i !== undefined) return f => f[i] ?? '';
    const d = defaults[name];
    return () => (d === undefined ? null : d);
  };
  const get = {
    billedCost: col('BilledCost'),
    effectiveCost: col('EffectiveCost'),
    listCost: col('ListCost'),
    contractedCost: col('ContractedCost'),
    currency: col('BillingCurrency'),
    billingPeriodStart: col('BillingPeriodStart'),
    billingPeriodEnd: col('BillingPeriodEnd'),
    chargePeriodStart: col('ChargePeriodStart'),
    chargePeriodEnd: col('ChargePeriodEnd'),
    chargeCategory: col('ChargeCategory'),
    chargeClass: col('ChargeClass'),
    chargeFrequency: col('ChargeFrequency'),
    billingAccountId: col('BillingAccountId'),
    subAccountId: col('SubAccountId'),
    providerName: col('ProviderName'),
    serviceName: col('ServiceName'),
    serviceCategory: col('ServiceCategory'),
    resourceId: col('ResourceId'),
    resourceName: col('ResourceName'),
    regionId: col('RegionId'),
    skuId: col('SkuId'),
    pricingCategory: col('PricingCategory'),
    commitmentDiscountId: col('CommitmentDiscountId'),
    commitmentDiscountStatus: col('CommitmentDiscountStatus'),
    consumedQuantity: col('ConsumedQuantity'),
    tags: col('Tags'),
  };

  const text = (v: string | null): string | null => (v === null || isNull(v) ? null : v);

  const time = (v: string): number | undefined => {
    if (timeCache.has(v)) return timeCache.get(v);
    const t = parseFocusTimestamp(v);
    if (timeCache.size > 4096) timeCache = new Map();
    timeCache.set(detach(v), t);
    return t;
  };

  // Consecutive rows mostly repeat each date column: compare with the last text before hashing.
  const dateReader = (column: string, get: (f: readonly string[]) => string | null) => {
    let lastRaw = '';
    let lastValue: number | string = `${column} is missing`;
    return (f: readonly string[]): number | string => {
      const raw = get(f);
      if (raw === lastRaw) return lastValue;
      let v: number | string;
      if (raw === null || isNull(raw)) v = `${column} is missing`;
      else {
        const t = time(raw);
        v = t === undefined ? `${column} ${JSON.stringify(raw)} is not an ISO 8601 date-time` : t;
      }
      if (raw !== null && typeof v === 'number') {
        lastRaw = detach(raw);
        lastValue = v;
      }
      return v;
    };
  };
  const billingPeriodStart = dateReader('BillingPeriodStart', get.billingPeriodStart);
  const billingPeriodEnd = dateReader('BillingPeriodEnd', get.billingPeriodEnd);
  const chargePeriodStart = dateReader('ChargePeriodStart', get.chargePeriodStart);
  const chargePeriodEnd = dateReader('ChargePeriodEnd', get.chargePeriodEnd);

  function normaliseInto(
    f: readonly string[],
    line: number,
    out: FocusRowParts,
  ): FocusRowError | undefined {
    if (f.length !== width)
      return failAt(line, '(row)', `has ${f.length} fields, the header has ${width}`);

    const billed = readMoney('BilledCost', get.billedCost(f), true, out.billed);
    if (typeof billed === 'string') return failAt(line, 'BilledCost', billed);
    const effective = readMoney('EffectiveCost', get.effectiveCost(f), true, out.effective);
    if (typeof effective === 'string') return failAt(line, 'EffectiveCost', effective);
    const list = readMoney('ListCost', get.listCost(f), false, out.list);
    if (typeof list === 'string') return failAt(line, 'ListCost', list);
    const contracted = readMoney('ContractedCost', get.contractedCost(f), false, out.contracted);
    if (typeof contracted === 'string') return failAt(line, 'ContractedCost', contracted);

    const currency = get.currency(f);
    if (currency === null || isNull(currency))
      return failAt(line, 'BillingCurrency', 'BillingCurrency is missing');
    let code = currencyCodes.get(currency);
    if (code === undefined) {
      if (!isIsoCurrency(currency) && !extraCurrencies.has(currency)) {
        return failAt(
          line,
          'BillingCurrency',
          `BillingCurrency ${JSON.stringify(currency)} is not an ISO 4217 code`,
        );
      }
      code = detach(currency);
      currencyCodes.set(code, code);
    }

    const bpStart = billingPeriodStart(f);
    if (typeof bpStart === 'string') return failAt(line, 'BillingPeriodStart', bpStart);
    const bpEnd = billingPeriodEnd(f);
    if (typeof bpEnd === 'string') return failAt(line, 'BillingPeriodEnd', bpEnd);
    const cpStart = chargePeriodStart(f);
    if (typeof cpStart === 'string') return failAt(line, 'ChargePeriodStart', cpStart);
    const cpEnd = chargePeriodEnd(f);
    if (typeof cpEnd === 'string') return failAt(line, 'ChargePeriodEnd', cpEnd);
    if (bpEnd <= bpStart)
      return failAt(line, 'BillingPeriodEnd', 'BillingPeriodEnd is not after BillingPeriodStart');
    if (cpEnd < cpStart)
      return failAt(line, 'ChargePeriodEnd', 'ChargePeriodEnd is before ChargePeriodStart');

    const rawCategory = get.chargeCategory(f);
    const category =
      rawCategory === null
        ? undefined
        : (CATEGORY_EXACT[rawCategory] ?? CATEGORIES[rawCategory.trim().toLowerCase()]);
    if (category === undefined) {
      return failAt(
        line,
        'ChargeCategory',
        `ChargeCategory ${JSON.stringify(rawCategory)} is not Usage, Purchase, Tax, Credit or Adjustment`,
      );
    }
    const rawClass = text(get.chargeClass(f));
    let chargeClass: 'Correction' | null = null;
    if (rawClass !== null) {
      if (rawClass.trim().toLowerCase() !== 'correction') {
        return failAt(
          line,
          'ChargeClass',
          `ChargeClass ${JSON.stringify(rawClass)} is not Correction or null`,
        );
      }
      chargeClass = 'Correction';
    }

    let consumedQuantity: number | null = null;
    const rawQuantity = text(get.consumedQuantity(f));
    if (rawQuantity !== null) {
      consumedQuantity = Number(rawQuantity);
      if (!Number.isFinite(consumedQuantity) || rawQuantity.trim() === '') {
        return failAt(
          line,
          'ConsumedQuantity',
          `ConsumedQuantity ${JSON.stringify(rawQuantity)} is not a number`,
        );
      }
    }

    const rawTags = get.tags(f);
    const tags = parseTags(rawTags ?? '');
    if (typeof tags === 'string') return failAt(line, 'Tags', `Tags ${tags}`);

    out.line = line;
    out.billingAccountId = text(get.billingAccountId(f));
    out.subAccountId = text(get.subAccountId(f));
    out.billingCurrency = code;
    out.billingPeriodStart = bpStart;
    out.billingPeriodEnd = bpEnd;
    out.chargePeriodStart = cpStart;
    out.chargePeriodEnd = cpEnd;
    out.chargeCategory = category;
    out.chargeClass = chargeClass;
    out.chargeFrequency = text(get.chargeFrequency(f));
    out.hasList = list;
    out.hasContracted = contracted;
    out.providerName = text(get.providerName(f));
    out.serviceName = text(get.serviceName(f));
    out.serviceCategory = text(get.serviceCategory(f));
    out.resourceId = text(get.resourceId(f));
    out.resourceName = text(get.resourceName(f));
    out.regionId = text(get.regionId(f));
    out.skuId = text(get.skuId(f));
    out.pricingCategory = text(get.pricingCategory(f));
    out.commitmentDiscountId = text(get.commitmentDiscountId(f));
    out.commitmentDiscountStatus = text(get.commitmentDiscountStatus(f));
    out.consumedQuantity = consumedQuantity;
    out.tags = tags;
    return undefined;
  }

  const scratch = createFocusRowParts();
  function normalise(f: readonly string[], line: number): NormaliseResult {
    const error = normaliseInto(f, line, scratch);
    return error ? { error } : { row: focusRowOfParts(scratch) };
  }

  return { header: check, normalise, normaliseInto };
}

/**
 * One record keyed by column name (as `csv-parse` with `columns: true` gives it). For many rows
 * of one file, `createFocusNormaliser` is the fast path.
 */
export function normaliseFocusRow(
  raw: Readonly<Record<string, string>>,
  line: number,
  options: NormaliseOptions = {},
): NormaliseResult {
  const header = Object.keys(raw);
  let normaliser: FocusNormaliser;
  try {
    normaliser = createFocusNormaliser(header, options);
  } catch (e) {
    return { error: { line, column: '(header)', message: (e as Error).message } };
  }
  return normaliser.normalise(
    header.map(k => raw[k] ?? ''),
    line,
  );
}
