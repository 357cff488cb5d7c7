/**
 * FOCUS columns by the version that introduced them, and which of them the spec makes Mandatory.
 * Headroom itself needs fewer (`IMPORT_REQUIRED_COLUMNS`): a file without one of those cannot be
 * imported at all; a missing spec-mandatory column only earns a warning.
 */
export type FocusVersion = '1.0' | '1.1' | '1.2';

interface ColumnSpec {
  name: string;
  since: FocusVersion;
  mandatory: boolean;
}

const COLUMNS: ColumnSpec[] = [
  ...[
    'BilledCost',
    'BillingAccountId',
    'BillingAccountName',
    'BillingCurrency',
    'BillingPeriodEnd',
    'BillingPeriodStart',
    'ChargeCategory',
    'ChargeClass',
    'ChargeDescription',
    'ChargePeriodEnd',
    'ChargePeriodStart',
    'ContractedCost',
    'EffectiveCost',
    'InvoiceIssuerName',
    'ListCost',
    'PricingQuantity',
    'PricingUnit',
    'ProviderName',
    'PublisherName',
    'ServiceCategory',
    'ServiceName',
  ].map(name => ({ name, since: '1.0' as const, mandatory: true })),
  ...[
    'AvailabilityZone',
    'ChargeFrequency',
    'CommitmentDiscountCategory',
    'CommitmentDiscountId',
    'CommitmentDiscountName',
    'CommitmentDiscountStatus',
    'CommitmentDiscountType',
    'ConsumedQuantity',
    'ConsumedUnit',
    'ContractedUnitPrice',
    'ListUnitPrice',
    'PricingCategory',
    'RegionId',
    'RegionName',
    'ResourceId',
    'ResourceName',
    'ResourceType',
    'SkuId',
    'SkuPriceId',
    'SubAccountId',
    'SubAccountName',
    'Tags',
  ].map(name => ({ name, since: '1.0' as const, mandatory: false })),
  ...[
    'CapacityReservationId',
    'CapacityReservationStatus',
    'CommitmentDiscountQuantity',
    'CommitmentDiscountUnit',
    'ServiceSubcategory',
    'SkuMeter',
    'SkuPriceDetails',
  ].map(name => ({ name, since: '1.1' as const, mandatory: false })),
  ...[
    'BillingAccountType',
    'InvoiceId',
    'PricingCurrency',
    'PricingCurrencyContractedUnitPrice',
    'PricingCurrencyEffectiveCost',
    'PricingCurrencyListUnitPrice',
    'SubAccountType',
  ].map(name => ({ name, since: '1.2' as const, mandatory: false })),
];

const ORDER: FocusVersion[] = ['1.0', '1.1', '1.2'];
const BY_NAME = new Map(COLUMNS.map(c => [c.name, c]));

/** Columns without which no row can be costed, dated and attributed. */
export const IMPORT_REQUIRED_COLUMNS = [
  'BilledCost',
  'EffectiveCost',
  'BillingCurrency',
  'BillingPeriodStart',
  'BillingPeriodEnd',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ChargeCategory',
] as const;

export function focusColumns(version: FocusVersion): string[] {
  const upTo = ORDER.indexOf(version);
  return COLUMNS.filter(c => ORDER.indexOf(c.since) <= upTo).map(c => c.name);
}

export function mandatoryFocusColumns(version: FocusVersion): string[] {
  const upTo = ORDER.indexOf(version);
  return COLUMNS.filter(c => c.mandatory && ORDER.indexOf(c.since) <= upTo).map(c => c.name);
}

export interface FocusHeaderCheck {
  /** The latest version whose own columns appear; 1.0 when only 1.0 columns do. */
  version: FocusVersion;
  /** Columns Headroom needs and the file lacks (and no default supplies): the file cannot be read. */
  missingRequired: string[];
  /** Spec-mandatory columns the file lacks: a warning, the import goes on. */
  missingMandatory: string[];
  /** Columns not in the spec: `x_` custom columns are allowed by FOCUS, others (e.g. `Id`) noted. */
  extra: string[];
  /** Header cells that appear twice (the later one would silently win). */
  duplicate: string[];
}

/**
 * Checks a header row. A byte-order mark and surrounding spaces are ignored; a column may be
 * named with different case (`SkuPriceid`) and is then reported under `extra` unless `aliases`
 * maps it. `defaults` lists columns whose value the caller supplies when the file lacks them.
 */
export function checkFocusHeader(
  header: readonly string[],
  defaults: readonly string[] = [],
): FocusHeaderCheck {
  const names = header.map(cleanHeaderCell);
  const present = new Set(names);
  let version: FocusVersion = '1.0';
  for (const name of names) {
    const spec = BY_NAME.get(name);
    if (spec && ORDER.indexOf(spec.since) > ORDER.indexOf(version)) version = spec.since;
  }
  const supplied = new Set(defaults);
  const seen = new Set<string>();
  const duplicate: string[] = [];
  for (const name of names) {
    if (seen.has(name)) duplicate.push(name);
    seen.add(name);
  }
  return {
    version,
    missingRequired: IMPORT_REQUIRED_COLUMNS.filter(c => !present.has(c) && !supplied.has(c)),
    missingMandatory: mandatoryFocusColumns(version).filter(
      c => !present.has(c) && !supplied.has(c),
    ),
    extra: names.filter(n => !BY_NAME.has(n)),
    duplicate,
  };
}

export function cleanHeaderCell(cell: string): string {
  return cell.replace(/^\uFEFF/, '').trim();
}
