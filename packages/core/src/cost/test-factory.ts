import { parseMoney } from './decimal';
import { parseFocusTimestamp } from './time';
import type { FocusRow } from './types';

/** A valid usage row with overrides; money as decimal text, dates as ISO text. */
export function focusRow(
  over: Partial<Omit<FocusRow, 'billedCost' | 'effectiveCost' | 'chargePeriodStart'>> & {
    billed?: string;
    effective?: string;
    start?: string;
  } = {},
): FocusRow {
  const { billed = '1', effective, start = '2024-09-01T00:00:00Z', ...rest } = over;
  const t = parseFocusTimestamp(start)!;
  return {
    line: 2,
    billingAccountId: 'acct-1',
    subAccountId: null,
    billingCurrency: 'USD',
    billingPeriodStart: parseFocusTimestamp('2024-09-01')!,
    billingPeriodEnd: parseFocusTimestamp('2024-10-01')!,
    chargePeriodStart: t,
    chargePeriodEnd: t + 3600,
    chargeCategory: 'Usage',
    chargeClass: null,
    chargeFrequency: 'Usage-Based',
    billedCost: parseMoney(billed)!,
    effectiveCost: parseMoney(effective ?? billed)!,
    listCost: null,
    contractedCost: null,
    providerName: 'AWS',
    serviceName: 'Amazon EC2',
    serviceCategory: 'Compute',
    resourceId: null,
    resourceName: null,
    regionId: null,
    skuId: null,
    pricingCategory: null,
    commitmentDiscountId: null,
    commitmentDiscountStatus: null,
    consumedQuantity: null,
    tags: {},
    ...rest,
  };
}
