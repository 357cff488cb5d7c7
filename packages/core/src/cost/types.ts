import type { Money, MoneyParts } from './decimal';

export type ChargeCategory = 'Usage' | 'Purchase' | 'Tax' | 'Credit' | 'Adjustment';

/**
 * One FOCUS row as Headroom uses it. Dates are unix seconds (UTC), money is exact (`Money`),
 * absent or `NULL` values are null (never zero), and tag keys are trimmed and lower-cased
 * (` org` and `Org` are both `org`; the first non-empty value wins).
 */
export interface FocusRow {
  /** 1-based line in the source file where the record starts (the header is line 1). */
  line: number;
  billingAccountId: string | null;
  subAccountId: string | null;
  billingCurrency: string;
  billingPeriodStart: number;
  billingPeriodEnd: number;
  chargePeriodStart: number;
  chargePeriodEnd: number;
  chargeCategory: ChargeCategory;
  chargeClass: 'Correction' | null;
  chargeFrequency: string | null;
  billedCost: Money;
  effectiveCost: Money;
  listCost: Money | null;
  contractedCost: Money | null;
  providerName: string | null;
  serviceName: string | null;
  serviceCategory: string | null;
  resourceId: string | null;
  resourceName: string | null;
  regionId: string | null;
  skuId: string | null;
  pricingCategory: string | null;
  commitmentDiscountId: string | null;
  commitmentDiscountStatus: string | null;
  consumedQuantity: number | null;
  tags: Readonly<Record<string, string>>;
}

/**
 * A `FocusRow` with its money as `MoneyParts`: what the streaming path fills in place, row after
 * row, so a large import allocates no row object and no BigInt per row. `hasList` and
 * `hasContracted` say whether those costs are present (null in a `FocusRow`).
 */
export interface FocusRowParts extends Omit<
  FocusRow,
  'billedCost' | 'effectiveCost' | 'listCost' | 'contractedCost'
> {
  billed: MoneyParts;
  effective: MoneyParts;
  list: MoneyParts;
  contracted: MoneyParts;
  hasList: boolean;
  hasContracted: boolean;
}

/** A row that could not be read: where, which column, why. */
export interface FocusRowError {
  line: number;
  column: string;
  message: string;
}

export type NormaliseResult =
  { row: FocusRow; error?: undefined } | { row?: undefined; error: FocusRowError };

/**
 * A catalog entity as cost attribution needs it. `ref` is the Backstage entity ref
 * (`component:default/order-gateway`); `owner` the owning group ref; annotations carry
 * `headroom.dev/cost-tags` and `backstage.io/kubernetes-namespace`.
 */
export interface CostEntity {
  ref: string;
  owner?: string | null;
  lineOfBusiness?: string | null;
  annotations?: Readonly<Record<string, string>>;
}
